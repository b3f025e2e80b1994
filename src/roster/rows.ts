/**
 * From a table of cells (CSV records or spreadsheet rows) to roster rows: find the header row,
 * map its columns, clean every cell, and collect every problem with its line instead of stopping
 * at the first.
 */
import { diagnostic, didYouMean, type Diagnostic } from '../curriculum/diagnostics.js';
import { cleanText } from '../locale/index.js';
import { mapHeaders, ROSTER_FIELDS, spellings, type HeaderMap, type RosterField } from './columns.js';

export interface RosterRow {
  /** Line (CSV) or row (spreadsheet) number in the file, 1-based. */
  line: number;
  name: string;
  role?: string;
  origin?: string;
  kecamatan?: string;
  kelurahan?: string;
  institution?: string;
  phone?: string;
  nik?: string;
  nip?: string;
  note?: string;
}

/** More problems than this are summarised: a wrong file would otherwise print 100,000 lines. */
export const MAX_PROBLEMS = 100;

/** One cell as printed: control characters removed, whitespace (also newlines) collapsed. */
export function cleanCell(value: string): string {
  const v = value.trim();
  if (v === '' || SIMPLE.test(v)) return v;
  return cleanText(v).replace(/\s+/g, ' ').trim();
}

/** Printable ASCII words separated by single spaces: nothing to clean (the common case). */
const SIMPLE = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/**
 * Feeds records one at a time (so CSV parsing never keeps the raw records) and keeps the rows and
 * the problems. The first record that is not empty is the header row.
 */
export class RosterBuilder {
  readonly rows: RosterRow[] = [];
  readonly problems: Diagnostic[] = [];
  private header: HeaderMap | null = null;
  private headerCount = 0;
  private nameIndex = -1;
  private omitted = 0;
  private lastProblemLine = -1;
  /** Set when the header row has no name column: nothing after it can be read. */
  fatal = false;

  /**
   * @param shown the file as the user knows it, for diagnostics
   * @param strictWidth CSV: a row must have as many cells as the header (a stray separator shifts
   *   every cell after it). Spreadsheets have no such thing: cells right of the table are ignored.
   */
  constructor(
    private readonly shown: string,
    private readonly strictWidth = true,
    private readonly keep?: readonly RosterField[],
  ) {}

  add(cells: readonly (string | null | undefined)[], line: number): void {
    if (this.fatal) return;
    if (cells.every((c) => c == null || c.trim() === '')) return;
    if (!this.header) return this.setHeader(cells.map((c) => cleanCell(c ?? '')), line);
    const header = this.header;
    const count = cells.length;
    if (this.strictWidth && count !== this.headerCount) {
      const extraFilled = cells.slice(this.headerCount).some((c) => c != null && c.trim() !== '');
      if (count < header.width || extraFilled) {
        this.problem(line, 'jumlah kolom tidak sama dengan baris judul', {
          expected: `${header.width} kolom`,
          found: `${count} kolom`,
          hint: count > header.width ? 'isi sel yang memuat tanda pemisah (koma atau titik koma), misalnya "Agus Santoso, S.H.", harus diapit tanda kutip' : 'lengkapi sel yang kurang atau periksa tanda pemisahnya',
        });
        return;
      }
    }
    const name = cleanCell(cells[this.nameIndex] ?? '');
    if (!name) {
      this.problem(line, 'nama peserta kosong', { hint: 'isi namanya, atau kosongkan seluruh baris bila baris itu tidak dipakai' });
      return;
    }
    const row: RosterRow = { line, name };
    const fields = header.fields;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (!f || f === 'name') continue;
      const v = cells[i];
      if (v == null) continue;
      const value = cleanCell(v);
      if (value) row[f] = f === 'nik' || f === 'nip' || f === 'phone' ? value : this.intern(value);
    }
    this.rows.push(row);
  }

  /**
   * One string per distinct value for columns that repeat (jabatan, asal, kecamatan …): a
   * 100,000-row roster keeps a few hundred strings instead of 400,000.
   */
  private readonly values = new Map<string, string>();

  private intern(value: string): string {
    const known = this.values.get(value);
    if (known !== undefined) return known;
    if (this.values.size < 50_000) this.values.set(value, value);
    return value;
  }

  /** A problem at a line; beyond MAX_PROBLEMS only counted. */
  problem(line: number, message: string, extra: Partial<Omit<Diagnostic, 'file' | 'message' | 'line'>> = {}): void {
    // One problem per line is enough (csv-parse may report each stray quote of a line).
    if (this.lastProblemLine === line) return;
    this.lastProblemLine = line;
    if (this.problems.length >= MAX_PROBLEMS) {
      this.omitted++;
      return;
    }
    this.problems.push(diagnostic(this.shown, message, { ...extra, line, col: 0 }));
  }

  private setHeader(headers: string[], line: number): void {
    const map = mapHeaders(headers);
    const keep = this.keep;
    if (keep) map.fields = map.fields.map((f) => (f === 'name' || (f && keep.includes(f)) ? f : undefined));
    this.header = map;
    this.headerCount = headers.length;
    this.nameIndex = map.fields.indexOf('name');
    if (this.nameIndex >= 0) return;
    this.fatal = true;
    const found = headers.filter(Boolean);
    const guess = found.map((h) => didYouMean(h, spellings('name', 7))).find(Boolean);
    const known = ROSTER_FIELDS.map((f: RosterField) => spellings(f, 1)[0]).join(', ');
    this.problem(line, 'kolom nama tidak ditemukan di baris judul roster', {
      expected: `kolom ${spellings('name').map((s) => `"${s}"`).join(' atau ')}`,
      found: found.length ? found.map((h) => `"${h}"`).join(', ') : 'baris judul kosong',
      hint: guess
        ? `maksudnya "${guess}"? Baris pertama roster harus berisi judul kolom: ${known}`
        : found.length === 1 && /[,;\t|]/.test(found[0]!)
          ? 'baris judul terbaca sebagai satu kolom: pisahkan kolom dengan koma (,) atau titik koma (;)'
          : `baris pertama roster harus berisi judul kolom, misalnya ${known} (huruf besar/kecil bebas; kolom lain diabaikan)`,
    });
  }

  /** All problems, with a closing note when some were left out. */
  diagnostics(): Diagnostic[] {
    if (!this.omitted) return this.problems;
    return [...this.problems, diagnostic(this.shown, `dan ${this.omitted} masalah lain di roster ini (hanya ${MAX_PROBLEMS} pertama yang ditampilkan)`, { hint: 'perbaiki masalah di atas lalu jalankan lagi; bila hampir semua baris salah, periksa apakah berkasnya benar' })];
  }

  get sawHeader(): boolean {
    return this.header !== null;
  }
}
