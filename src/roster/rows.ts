/**
 * From a table of cells (CSV records or spreadsheet rows) to roster rows: find the header row
 * (below any title rows), map its columns, clean every cell, and collect every problem with its
 * line instead of stopping at the first.
 */
import { diagnostic, didYouMean, type Diagnostic } from '../curriculum/diagnostics.js';
import { cleanText } from '../locale/index.js';
import { HeaderNames, mapHeaders, ROSTER_FIELDS, spellings, type ColumnSpec, type HeaderMap, type RosterField } from './columns.js';
import { damageOf } from './damage.js';

export interface RosterRow {
  /** Line (CSV) or row (spreadsheet) number in the file, 1-based. */
  line: number;
  name: string;
  role?: string;
  origin?: string;
  kecamatan?: string;
  kelurahan?: string;
  tps?: string;
  institution?: string;
  phone?: string;
  nik?: string;
  nip?: string;
  note?: string;
}

/** More problems than this are summarised: a wrong file would otherwise print 100,000 lines. */
export const MAX_PROBLEMS = 100;
/** The same damage (say, every NIK in scientific notation) is shown for this many rows, then counted. */
export const MAX_SAME_WARNING = 10;
/** The header row is looked for in this many non-empty rows (title rows above it are skipped). */
export const HEADER_SEARCH_ROWS = 20;

/** One cell as printed: control characters removed, whitespace (also newlines) collapsed. */
export function cleanCell(value: string): string {
  const v = value.trim();
  if (v === '' || SIMPLE.test(v)) return v;
  return cleanText(v).replace(/\s+/g, ' ').trim();
}

/** Printable ASCII words separated by single spaces: nothing to clean (the common case). */
const SIMPLE = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** Columns whose values are numbers a person reads digit by digit (kept as written, checked). */
const NUMBERS = new Set<RosterField>(['nik', 'nip', 'phone']);

/** Spreadsheet column letters: 0 → A, 27 → AB. */
function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

type Cells = readonly (string | null | undefined)[];

const filled = (cells: Cells) => cells.reduce((n, c) => (c != null && c.trim() !== '' ? n + 1 : n), 0);

/** A row seen while the header is not yet known. */
interface Held {
  cells: Cells;
  line: number;
  numeric?: readonly boolean[];
}

export interface BuilderOptions {
  /** 'csv': a row must have as many cells as the header (a stray separator shifts every cell after it). */
  kind: 'csv' | 'sheet';
  /** The columns asked for; without them every known column is kept and none is required. */
  columns?: readonly ColumnSpec[];
}

/**
 * Feeds records one at a time (so CSV parsing never keeps the raw records) and keeps the rows and
 * the problems. The header row is the first row that names the name column and another known
 * column (or, failing that within HEADER_SEARCH_ROWS rows, the first that names the name column).
 */
export class RosterBuilder {
  readonly rows: RosterRow[] = [];
  readonly problems: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  private header: HeaderMap | null = null;
  private headerCount = 0;
  private nameIndex = -1;
  private omitted = 0;
  private lastProblemLine = -1;
  private readonly names: HeaderNames;
  private readonly keep: readonly RosterField[] | undefined;
  /** Before the header: rows looked at, the first of them, and a header that names only the name column. */
  private searched = 0;
  private first: Held | null = null;
  private fallback: { map: HeaderMap; line: number; after: Held[] } | null = null;
  private readonly sameWarning = new Map<string, { count: number; message: string; line: number }>();
  /** Set when the header row has no name column: nothing after it can be read. */
  fatal = false;

  constructor(
    private readonly shown: string,
    private readonly opts: BuilderOptions,
  ) {
    this.names = new HeaderNames(opts.columns);
    this.keep = opts.columns?.map((c) => c.field);
  }

  /** @param numeric per cell: the spreadsheet stored it as a number (not text) */
  add(cells: Cells, line: number, numeric?: readonly boolean[]): void {
    if (this.fatal) return;
    if (cells.every((c) => c == null || c.trim() === '')) return;
    if (!this.header) return this.seek({ cells, line, ...(numeric ? { numeric } : {}) });
    const header = this.header;
    const count = cells.length;
    if (this.opts.kind === 'csv' && count !== this.headerCount) {
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
      if (!value) continue;
      if (NUMBERS.has(f)) {
        row[f] = value;
        this.checkNumber(f, value, line, i, numeric?.[i] ?? false);
      } else row[f] = this.intern(value);
    }
    this.rows.push(row);
  }

  /** Call at the end of the input: a header that names only the name column is taken now. */
  end(): void {
    if (this.header || this.fatal) return;
    if (this.fallback) this.takeFallback();
    else if (this.first) this.noHeader();
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
    this.problems.push(diagnostic(this.shown, message, { col: 0, ...extra, line }));
  }

  /** A row before the header: the header itself, a title row, or (without a header) a data row. */
  private seek(row: Held): void {
    // For the message when no header is found: the first row that looks like one (two cells or more).
    if (!this.first || (filled(this.first.cells) < 2 && filled(row.cells) >= 2)) this.first = row;
    const map = mapHeaders(row.cells.map((c) => cleanCell(c ?? '')), this.names);
    const named = map.fields.includes('name');
    if (named && map.known >= 2) {
      this.fallback = null;
      this.setHeader(map, row.line);
      return;
    }
    if (named && !this.fallback) this.fallback = { map, line: row.line, after: [] };
    else this.fallback?.after.push(row);
    if (++this.searched < HEADER_SEARCH_ROWS) return;
    if (this.fallback) this.takeFallback();
    else this.noHeader();
  }

  /** The only header found names just the name column: read the rows held after it. */
  private takeFallback(): void {
    const { map, line, after } = this.fallback!;
    this.fallback = null;
    this.setHeader(map, line);
    for (const r of after) this.add(r.cells, r.line, r.numeric);
  }

  private setHeader(map: HeaderMap, line: number): void {
    const keep = this.keep;
    if (keep) map.fields = map.fields.map((f) => (f === 'name' || (f && keep.includes(f)) ? f : undefined));
    this.header = map;
    this.headerCount = map.headers.length;
    this.nameIndex = map.fields.indexOf('name');
    this.checkColumns(map, line);
  }

  /** Columns asked for that the header row lacks: an error, or a warning for an optional column. */
  private checkColumns(map: HeaderMap, line: number): void {
    const headers = map.headers.filter(Boolean);
    const unknown = headers.filter((h) => this.names.fieldOf(h) === undefined);
    // Known columns the settings do not print: the likely fix is to print them.
    const unprinted = map.headers.flatMap((h, i) => {
      const f = this.names.fieldOf(h);
      return f && f !== 'ignore' && !map.fields[i] && !map.fields.includes(f) ? [`${f} ("${h}")`] : [];
    });
    for (const spec of this.opts.columns ?? []) {
      if (map.fields.includes(spec.field)) continue;
      const what = spec.headers ? `"${spec.headers.join('" / "')}" untuk ${spec.field}` : `${spellings(spec.field, 1)[0]} (${spec.field})`;
      const where = spec.source ?? 'settings.attendance.columns';
      const guess = unknown.map((h) => didYouMean(h, this.names.spellings(spec.field, 20))).find(Boolean);
      const fixes = [
        guess ? `maksudnya "${guess}"?` : '',
        unknown.length ? `bila kolom "${unknown[0]}" berisi ${spec.field}, tulis di ${where}: { field: ${spec.field}, header: "${unknown[0]}" }` : 'tambahkan kolom itu di baris judul roster',
        spec.required && spec.source?.startsWith('settings') ? `atau hapus ${spec.field} dari ${where}, atau tandai optional: true agar dicetak kosong` : '',
        unprinted.length ? `kolom roster yang tidak dicetak: ${unprinted.join(', ')} — pilih kolom di settings.attendance.columns` : '',
        spec.source ? '' : 'tanpa pengaturan settings.attendance.columns daftar hadir mencetak name, role dan origin',
      ];
      const d = diagnostic(this.shown, spec.required ? `roster tidak punya kolom ${what}` : `roster tidak punya kolom ${what}: kolom itu dicetak kosong`, {
        line,
        expected: `judul kolom ${this.names.spellings(spec.field).map((s) => `"${s}"`).join(' atau ')}`,
        found: `judul kolom ${headers.map((h) => `"${h}"`).join(', ')}`,
        hint: fixes.filter(Boolean).join('; '),
        severity: spec.required ? 'error' : 'warning',
      });
      (spec.required ? this.problems : this.warnings).push(d);
    }
  }

  /** No row in the first HEADER_SEARCH_ROWS names the name column: nothing can be read. */
  private noHeader(): void {
    this.fatal = true;
    const { line, cells } = this.first!;
    const found = cells.map((c) => cleanCell(c ?? '')).filter(Boolean);
    const known = ROSTER_FIELDS.map((f: RosterField) => spellings(f, 1)[0]).join(', ');
    const nameSpellings = this.names.spellings('name', 7);
    const guess = found.map((h) => didYouMean(h, nameSpellings)).find(Boolean);
    this.problem(line, `kolom nama tidak ditemukan di baris judul roster (dicari di ${HEADER_SEARCH_ROWS} baris pertama yang berisi)`, {
      expected: `kolom ${this.names.spellings('name').map((s) => `"${s}"`).join(' atau ')}`,
      found: found.length ? found.map((h) => `"${h}"`).join(', ') : 'baris judul kosong',
      hint: guess
        ? `maksudnya "${guess}"? Baris judul roster harus berisi judul kolom: ${known}`
        : found.length === 1 && /[,;\t|]/.test(found[0]!)
          ? 'baris judul terbaca sebagai satu kolom: pisahkan kolom dengan koma (,) atau titik koma (;)'
          : `baris pertama roster (atau baris pertama di bawah judul dokumen) harus berisi judul kolom, misalnya ${known} (huruf besar/kecil bebas); atau tulis judul kolom nama di settings.attendance.columns: - { field: name, header: "…" }`,
    });
  }

  /** A NIK, NIP or phone number a spreadsheet damaged: a warning at the row and column. */
  private checkNumber(field: RosterField, value: string, line: number, index: number, numeric: boolean): void {
    const damage = damageOf(field, value, numeric);
    if (!damage) return;
    const same = this.sameWarning.get(damage.kind) ?? { count: 0, message: damage.message, line };
    this.sameWarning.set(damage.kind, same);
    if (++same.count > MAX_SAME_WARNING) return;
    const column = this.opts.kind === 'sheet' ? columnLetter(index) : String(index + 1);
    this.warnings.push(
      diagnostic(this.shown, `kolom ${column} (${this.header!.headers[index]}): ${damage.message}`, { line, col: index + 1, expected: damage.expected, found: `"${value}"`, hint: damage.hint, severity: 'warning' }),
    );
  }

  /** All problems, with a closing note when some were left out. */
  diagnostics(): Diagnostic[] {
    if (!this.omitted) return this.problems;
    return [...this.problems, diagnostic(this.shown, `dan ${this.omitted} masalah lain di roster ini (hanya ${MAX_PROBLEMS} pertama yang ditampilkan)`, { hint: 'perbaiki masalah di atas lalu jalankan lagi; bila hampir semua baris salah, periksa apakah berkasnya benar' })];
  }

  /** Warnings, with a count of the rows where the same damage was not shown again. */
  allWarnings(): Diagnostic[] {
    const more = [...this.sameWarning.values()].filter((s) => s.count > MAX_SAME_WARNING);
    return [
      ...this.warnings,
      ...more.map((s) => diagnostic(this.shown, `dan ${s.count - MAX_SAME_WARNING} baris lain dengan masalah yang sama: ${s.message}`, { line: s.line, severity: 'warning', hint: 'perbaiki seluruh kolomnya sekaligus' })),
    ];
  }

  get sawHeader(): boolean {
    return this.header !== null;
  }
}
