/**
 * Participant rosters (CSV, XLSX or ODS) for attendance sheets. Every problem in the file is
 * reported at once, each with the file and the line (CSV) or row (spreadsheet) it is on.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fail, UserError, type Diagnostic } from '../curriculum/diagnostics.js';
import { decodeText, displayPath, LIMITS } from '../curriculum/source-file.js';
import type { ColumnSpec } from './columns.js';
import { parseCsv } from './csv.js';
import { checkXlsxBudget } from './limits.js';
import { RosterBuilder, type RosterRow } from './rows.js';

export type { RosterRow } from './rows.js';
export { ROSTER_FIELDS, fieldOf, headerKey, type ColumnSpec, type RosterField } from './columns.js';
export { DEFAULT_COLUMNS, printedColumns, type PrintedColumns } from './settings.js';
export { detectDelimiter } from './csv.js';

export interface RosterOptions {
  /** Spreadsheets: the sheet to read (name, or 1-based number); the first sheet by default. */
  sheet?: string;
  /**
   * The columns asked for (see printedColumns): only they are kept besides the name (an
   * attendance sheet reads only what it prints, so personal numbers it does not print are not
   * even held in memory), and one the roster lacks is an error or a warning. Default: every
   * known column, none required.
   */
  columns?: readonly ColumnSpec[];
  /** Receives the warnings (damaged NIKs, missing optional columns). */
  warnings?: Diagnostic[];
}

function formatMB(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function readRosterBytes(abs: string, shown: string): Buffer {
  let size: number;
  try {
    const st = statSync(abs);
    if (!st.isFile()) fail(shown, 'roster bukan berkas', { hint: 'tunjuk berkas CSV, XLSX atau ODS, bukan folder' });
    size = st.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    fail(shown, 'roster tidak ditemukan', { hint: 'periksa nama dan letak berkas (path relatif terhadap folder tempat perintah dijalankan)' });
  }
  if (size > LIMITS.rosterBytes) {
    fail(shown, 'roster terlalu besar', { expected: `paling besar ${formatMB(LIMITS.rosterBytes)}`, found: formatMB(size), hint: 'pecah roster menjadi beberapa berkas, atau periksa apakah berkas yang benar yang dipakai' });
  }
  return readFileSync(abs);
}

type Format = 'csv' | 'xlsx' | 'ods';

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
/** An OpenDocument zip starts with its uncompressed "mimetype" entry. */
const ODF_MIMETYPE = Buffer.from('mimetypeapplication/vnd.oasis.opendocument', 'latin1');

function formatOf(buf: Buffer, abs: string, shown: string): Format {
  const ext = path.extname(abs).toLowerCase();
  if (buf.subarray(0, 4).equals(ZIP)) return ext === '.ods' || buf.subarray(30, 30 + ODF_MIMETYPE.length).equals(ODF_MIMETYPE) ? 'ods' : 'xlsx';
  if (buf.length >= 4 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) {
    fail(shown, 'roster berformat .xls (Excel 97–2003) tidak didukung', { hint: 'buka di Excel lalu simpan sebagai "Excel Workbook (.xlsx)" atau "CSV UTF-8"' });
  }
  if (ext === '.xlsx') fail(shown, 'berkas .xlsx ini bukan workbook Excel yang sah', { hint: 'buka dan simpan ulang di Excel, atau simpan sebagai "CSV UTF-8"' });
  if (ext === '.ods') fail(shown, 'berkas .ods ini bukan lembar kerja LibreOffice yang sah', { hint: 'buka dan simpan ulang di LibreOffice Calc, atau simpan sebagai "CSV UTF-8"' });
  return 'csv';
}

/**
 * A CSV roster must be UTF-8 text (checked without decoding a copy). Excel's plain "CSV" is
 * Windows-1252: the message says where the first bad byte is and how to save the file right.
 */
function checkCsvText(buf: Buffer, shown: string): void {
  if (isUtf8(buf) && buf.indexOf(0) < 0) return;
  try {
    decodeText(buf, shown, 'roster');
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw new UserError(e.diagnostics.map((d) => ({ ...d, hint: 'di Excel: Simpan Sebagai → "CSV UTF-8 (Comma delimited) (*.csv)", atau pakai berkas .xlsx langsung' })));
  }
}

/**
 * Read a roster: a path relative to the working directory (or absolute). Throws a UserError with
 * every problem found (missing names, wrong column counts, bad quoting, missing columns).
 */
export async function loadRoster(file: string, opts: RosterOptions = {}): Promise<RosterRow[]> {
  const abs = path.resolve(file);
  const shown = displayPath(abs);
  const buf = readRosterBytes(abs, shown);
  const format = formatOf(buf, abs, shown);
  const builder = new RosterBuilder(shown, { kind: format === 'csv' ? 'csv' : 'sheet', ...(opts.columns ? { columns: opts.columns } : {}) });
  // The spreadsheet readers load only for their format, and only after the zip passed the budget.
  if (format !== 'csv') checkXlsxBudget(buf, shown);
  if (format === 'xlsx') await (await import('./xlsx.js')).parseXlsx(buf, shown, opts.sheet, builder);
  else if (format === 'ods') await (await import('./ods.js')).parseOds(buf, shown, opts.sheet, builder);
  else {
    checkCsvText(buf, shown);
    parseCsv(buf, builder);
  }
  builder.end();
  const problems = builder.diagnostics();
  if (problems.length) throw new UserError([...problems, ...builder.allWarnings()]);
  if (!builder.sawHeader) fail(shown, 'roster kosong: tidak ada baris judul kolom', { hint: 'baris pertama berisi judul kolom (misalnya Nama;Jabatan;Asal), baris berikutnya satu peserta per baris' });
  if (!builder.rows.length) fail(shown, 'roster tidak berisi peserta', { hint: 'isi satu peserta per baris di bawah baris judul, atau hapus pengaturan roster untuk mencetak daftar hadir kosong' });
  opts.warnings?.push(...builder.allWarnings());
  return builder.rows;
}

/** Receives a table's rows one at a time (the answers file of `bimtek scores`). */
export interface CellSink {
  add(cells: readonly (string | null | undefined)[], line: number): void;
  problem(line: number, message: string, extra?: { hint?: string; found?: string }): void;
  fatal: boolean;
}

/**
 * Any table in a roster format (CSV, XLSX or ODS), read with the roster readers and their checks
 * (size, encoding, quoting), cell by cell into `sink`.
 */
export async function readCells(file: string, sink: CellSink, opts: { sheet?: string } = {}): Promise<void> {
  const abs = path.resolve(file);
  const shown = displayPath(abs);
  const buf = readRosterBytes(abs, shown);
  // The readers only call add/problem and read fatal.
  const target = sink as unknown as RosterBuilder;
  const format = formatOf(buf, abs, shown);
  if (format === 'xlsx') await (await import('./xlsx.js')).parseXlsx(buf, shown, opts.sheet, target);
  else if (format === 'ods') await (await import('./ods.js')).parseOds(buf, shown, opts.sheet, target);
  else {
    checkCsvText(buf, shown);
    parseCsv(buf, target);
  }
}
