/**
 * Attendance jobs: which sheets to make (one per session day, or the one asked for), with their
 * options checked; the roster they read; and the sections of a sheet (one, or one per group).
 */
import path from 'node:path';
import { diagnostic, displayPath, UserError, type AttendanceColumn, type Diagnostic, type ScheduleDay } from '../curriculum/index.js';
import { fieldOf, loadRoster, printedColumns, type ColumnSpec, type RosterField, type RosterRow } from '../roster/index.js';
import type { BuildContext } from './context.js';

export interface AttendanceOptions {
  /** Roster file (CSV, XLSX or ODS), relative to the working directory; else the curriculum's roster. */
  roster?: string;
  /** Spreadsheet sheet name or number (default `settings.attendance.sheet`, else the first sheet). */
  sheet?: string;
  /** Only this session day (YYYY-MM-DD). */
  session?: string;
  /** A roster column: one section per value, each starting on a new page, numbering from 1. */
  groupBy?: string;
  /** Extra empty numbered rows for walk-ins (per section); default `settings.attendance.blank_rows`. */
  blank?: number;
  orientation?: 'portrait' | 'landscape';
}

export interface AttendanceJob {
  /** Session day, YYYY-MM-DD. */
  date: string;
  /** Output file: out/daftar-hadir-2024-11-04.pdf */
  file: string;
  /** The schedule day (times), when the curriculum has a schedule. */
  day?: ScheduleDay;
  orientation: 'portrait' | 'landscape';
  /** Printed roster columns, in order (NO and TANDA TANGAN are always there). */
  columns: AttendanceColumn[];
  /** Column headings set in the settings (else the language's). */
  labels: Partial<Record<AttendanceColumn, string>>;
  /** What the roster must hold (printed columns and the grouping column). */
  specs: ColumnSpec[];
  groupBy?: RosterField;
  /** Extra empty rows per section. */
  blank: number;
  /** Absolute path of the roster, if any. */
  roster?: string;
  sheet?: string;
}

/** Empty numbered rows on a sheet without a roster (unless `blank` says otherwise). */
export const BLANK_SHEET_ROWS = 20;
/** Upper bound for `blank` (a typing slip should not produce a 10,000-page file). */
export const MAX_BLANK_ROWS = 5000;

const ISO = /^\d{4}-\d{2}-\d{2}$/;

// ---------------------------------------------------------------------------------------------
// Jobs

/** One job per session day (or only `session`), with the options checked. */
export function attendanceJobs(ctx: BuildContext, opts: AttendanceOptions): AttendanceJob[] {
  const { c } = ctx;
  const settings = c.settings.attendance;
  const where = displayPath(c.file);
  const days: { date: string; day?: ScheduleDay }[] = c.schedule.length ? c.schedule.map((day) => ({ date: day.date, day })) : c.event.dates.map((date) => ({ date }));
  let chosen = days;
  if (opts.session !== undefined) {
    const known = days.map((d) => d.date);
    if (!ISO.test(opts.session)) throw new UserError([diagnostic(where, `sesi "${opts.session}" bukan tanggal`, { expected: 'tanggal YYYY-MM-DD', found: opts.session, hint: `misalnya --session ${known[0]}` })]);
    chosen = days.filter((d) => d.date === opts.session);
    if (!chosen.length) throw new UserError([diagnostic(where, `tidak ada sesi pada tanggal ${opts.session}`, { expected: `salah satu dari ${known.join(', ')}`, hint: 'tanggal sesi diambil dari susunan acara (schedule), atau dari event.dates bila susunan acara kosong' })]);
  }
  let groupBy: RosterField | undefined;
  if (opts.groupBy !== undefined) {
    const f = fieldOf(opts.groupBy);
    // Not by name (one section per person) nor by personal numbers (they would be printed).
    if (!f || f === 'ignore' || f === 'name' || f === 'nik' || f === 'nip' || f === 'phone') {
      throw new UserError([diagnostic(where, `tidak dapat mengelompokkan menurut "${opts.groupBy}"`, { expected: 'salah satu kolom roster: kecamatan, kelurahan, tps, origin (asal), role (jabatan), institution (instansi), note (keterangan)', hint: 'misalnya --group-by kecamatan' })]);
    }
    groupBy = f;
  }
  const blank = opts.blank ?? settings.blank_rows;
  if (!Number.isInteger(blank) || blank < 0 || blank > MAX_BLANK_ROWS) {
    throw new UserError([diagnostic(where, 'jumlah baris kosong tidak sah', { expected: `bilangan bulat 0 sampai ${MAX_BLANK_ROWS}`, found: String(blank), hint: 'misalnya --blank 10, atau blank_rows: 10 di settings.attendance' })]);
  }
  const { fields: columns, labels, specs } = printedColumns(settings.columns);
  if (groupBy && !columns.includes(groupBy)) specs.push({ field: groupBy, required: true, source: '--group-by' });
  const sheet = opts.sheet ?? settings.sheet;
  const roster = opts.roster !== undefined ? path.resolve(opts.roster) : c.assets.roster;
  return chosen.map(({ date, day }) => ({
    date,
    file: path.join(ctx.outDir, `daftar-hadir-${date}.pdf`),
    ...(day ? { day } : {}),
    orientation: opts.orientation ?? settings.orientation,
    columns,
    labels,
    specs,
    ...(groupBy ? { groupBy } : {}),
    blank,
    ...(roster ? { roster } : {}),
    ...(sheet !== undefined ? { sheet } : {}),
  }));
}

/**
 * The roster the jobs name (read once for all days), or null for blank sheets. Only the columns
 * the sheets print (and group by) are kept: a NIK column that is not printed is not held either.
 * Warnings about the roster (missing optional columns, damaged numbers) go to `warnings`.
 */
export async function attendanceRoster(jobs: AttendanceJob[], warnings?: Diagnostic[]): Promise<RosterRow[] | null> {
  const job = jobs[0];
  if (!job?.roster) return null;
  return loadRoster(job.roster, { columns: job.specs, ...(warnings ? { warnings } : {}), ...(job.sheet !== undefined ? { sheet: job.sheet } : {}) });
}
/** A row to print: a roster row, or null for an empty numbered row. */
export type Entry = RosterRow | null;

export interface Section {
  /** "KECAMATAN: Magersari", or undefined without grouping. */
  group?: string;
  entries: Entry[];
}

export function sectionsOf(job: AttendanceJob, rows: RosterRow[] | null, ctx: BuildContext): Section[] {
  if (!rows || !rows.length) return [{ entries: new Array<Entry>(job.blank > 0 ? job.blank : BLANK_SHEET_ROWS).fill(null) }];
  const blanks = new Array<Entry>(job.blank).fill(null);
  const by = job.groupBy;
  if (!by) return [{ entries: blanks.length ? [...rows, ...blanks] : rows }];
  const groups = new Map<string, { shown: string; rows: RosterRow[] }>();
  const none: RosterRow[] = [];
  for (const r of rows) {
    const v = r[by];
    if (!v) {
      none.push(r);
      continue;
    }
    const k = v.toLocaleLowerCase('id-ID').replace(/\s+/g, ' ');
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { shown: v, rows: [] }));
    g.rows.push(r);
  }
  const label = job.labels[by] ?? ctx.labels.attendanceColumns[by];
  const out: Section[] = [...groups.values()].map((g) => ({ group: `${label}: ${g.shown}`, entries: [...g.rows, ...blanks] }));
  if (none.length) out.push({ group: `${label}: —`, entries: [...none, ...blanks] });
  return out;
}
