/**
 * XLSX rosters through read-excel-file: the first sheet, or one named by the user. Numbers are
 * kept as written (a 16-digit NIK does not survive a JavaScript number), dates become YYYY-MM-DD.
 */
import { readSheet } from 'read-excel-file/node';
import { fail } from '../curriculum/diagnostics.js';
import type { RosterBuilder } from './rows.js';

type Cell = string | number | boolean | Date | null | undefined | object;

/** A number cell, as written in the file (so a NIK stored as a number can be told from text). */
class NumberCell {
  constructor(readonly text: string) {}
}

function cellText(v: Cell): string {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (v instanceof NumberCell) return v.text;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v);
}

export async function parseXlsx(buf: Buffer, shown: string, sheet: string | undefined, builder: RosterBuilder): Promise<void> {
  let data: Cell[][];
  try {
    data = (await readSheet(buf, sheet ?? 1, { parseNumber: (s: string) => new NumberCell(s) })) as Cell[][];
  } catch (e) {
    const err = e as Error & { code?: string; sheets?: string[] };
    if (err.name === 'SheetNotFoundError') {
      fail(shown, `lembar (sheet) "${sheet}" tidak ada di berkas XLSX`, {
        expected: err.sheets?.length ? `salah satu dari ${err.sheets.map((s) => `"${s}"`).join(', ')}` : undefined,
        hint: 'tulis nama lembar persis seperti di tab bawah Excel, atau hilangkan --sheet untuk memakai lembar pertama',
      });
    }
    if (err.name === 'InvalidInputError' && err.code === 'XLS_FILE_NOT_SUPPORTED') {
      fail(shown, 'roster berformat .xls (Excel 97–2003) tidak didukung', { hint: 'buka di Excel lalu simpan sebagai "Excel Workbook (.xlsx)" atau "CSV UTF-8"' });
    }
    fail(shown, 'roster XLSX tidak dapat dibaca: bukan berkas Excel yang utuh', { hint: 'buka dan simpan ulang berkas di Excel sebagai .xlsx, atau simpan sebagai "CSV UTF-8"' });
  }
  // read-excel-file returns the sheet from row 1 on: the array index is the row number minus one.
  for (let i = 0; i < data.length; i++) {
    const row = data[i]!;
    builder.add(row.map(cellText), i + 1, row.map((v) => v instanceof NumberCell));
    if (builder.fatal) break;
  }
}
