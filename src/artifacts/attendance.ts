/**
 * Attendance sheets (daftar hadir): one PDF per session day, drawn directly with PDFKit and
 * streamed page by page. Rows have a fixed height, so the page count of a sheet is known before
 * the first page is drawn and "Halaman X dari Y" is written as each page goes out; memory stays
 * flat for rosters of any length.
 *
 * Layout (government convention): kop surat with logo and a double rule, the title, the event,
 * day, time and place; a table NO | NAMA | … | TANDA TANGAN whose header row is repeated on every
 * page, with the staggered signature column (odd numbers sign in the left half, even numbers in
 * the right half, each box reaching into the next row); and at the end the "Mengetahui," block.
 */
import path from 'node:path';
import { diagnostic, displayPath, UserError, type AttendanceColumn, type ScheduleDay, type Signatory } from '../curriculum/index.js';
import { formatDayDate, formatPlaceDate, formatTimeRange, pageOfText } from '../locale/index.js';
import { A4, breakLines, fitText, imageSize, landscape, portrait, PathBuilder, textWidth, type Canvas, type FontKey, type PageSpec } from '../pdf/index.js';
import { fieldOf, loadRoster, type RosterField, type RosterRow } from '../roster/index.js';
import { documentMeta, type BuildContext } from './context.js';
import { loadImage } from './images.js';
import { writePdf, type ArtifactResult } from './output.js';

export interface AttendanceOptions {
  /** Roster file (CSV or XLSX), relative to the working directory; else the curriculum's roster. */
  roster?: string;
  /** XLSX sheet name (the first sheet by default). */
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

/** Pages between turns of the event loop (the file stream drains, signals are seen). */
const YIELD_EVERY = 50;

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
      throw new UserError([diagnostic(where, `tidak dapat mengelompokkan menurut "${opts.groupBy}"`, { expected: 'salah satu kolom roster: kecamatan, kelurahan, origin (asal), role (jabatan), institution (instansi), note (keterangan)', hint: 'misalnya --group-by kecamatan' })]);
    }
    groupBy = f;
  }
  const blank = opts.blank ?? settings.blank_rows;
  if (!Number.isInteger(blank) || blank < 0 || blank > MAX_BLANK_ROWS) {
    throw new UserError([diagnostic(where, 'jumlah baris kosong tidak sah', { expected: `bilangan bulat 0 sampai ${MAX_BLANK_ROWS}`, found: String(blank), hint: 'misalnya --blank 10, atau blank_rows: 10 di settings.attendance' })]);
  }
  const columns = settings.columns.includes('name') ? [...settings.columns] : (['name', ...settings.columns] as AttendanceColumn[]);
  const roster = opts.roster !== undefined ? path.resolve(opts.roster) : c.assets.roster;
  return chosen.map(({ date, day }) => ({
    date,
    file: path.join(ctx.outDir, `daftar-hadir-${date}.pdf`),
    ...(day ? { day } : {}),
    orientation: opts.orientation ?? settings.orientation,
    columns,
    ...(groupBy ? { groupBy } : {}),
    blank,
    ...(roster ? { roster } : {}),
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
  }));
}

/**
 * The roster the jobs name (read once for all days), or null for blank sheets. Only the columns
 * the sheets print (and group by) are kept: a NIK column that is not printed is not held either.
 */
export async function attendanceRoster(jobs: AttendanceJob[]): Promise<RosterRow[] | null> {
  const job = jobs[0];
  if (!job?.roster) return null;
  const fields = [...new Set(jobs.flatMap((j) => [...j.columns, ...(j.groupBy ? [j.groupBy] : [])]))];
  return loadRoster(job.roster, { fields, ...(job.sheet !== undefined ? { sheet: job.sheet } : {}) });
}

// ---------------------------------------------------------------------------------------------
// Geometry

const PAGES: Record<'portrait' | 'landscape', PageSpec> = {
  portrait: { size: portrait(A4), margins: { top: 34, bottom: 50, left: 45, right: 36 } },
  landscape: { size: landscape(A4), margins: { top: 30, bottom: 46, left: 42, right: 36 } },
};

const ROW_H = 28;
const HEAD_H = 24;
const CELL_PAD = 3.5;
const BODY = 9;
const MIN_BODY = 7;
const LINE_W = 0.6;
const TEXT = '#000000';
const MUTED = '#444444';
const HEAD_FILL = '#e4e4e4';

/** Relative widths and minimum widths (points) of the roster columns. */
const WEIGHTS: Record<AttendanceColumn, [number, number]> = {
  name: [1.9, 110],
  role: [1.1, 62],
  origin: [1.15, 62],
  kecamatan: [1, 58],
  kelurahan: [1, 58],
  institution: [1.2, 62],
  phone: [0.95, 66],
  nik: [1.1, 84],
  nip: [1.25, 98],
  note: [0.9, 52],
};

interface Column {
  key: 'no' | AttendanceColumn | 'sign';
  label: string;
  x: number;
  w: number;
}

interface Layout {
  page: PageSpec;
  left: number;
  right: number;
  width: number;
  bottom: number;
  columns: Column[];
  /** The signature column and its two halves. */
  sign: Column;
  half: number;
}

function layoutFor(ctx: BuildContext, job: AttendanceJob, maxNumber: number): Layout {
  const page = PAGES[job.orientation];
  const m = page.margins;
  const left = m.left;
  const right = page.size[0] - m.right;
  const width = right - left;
  const labels = ctx.labels;
  const noW = Math.max(24, textWidth('regular', String(maxNumber), BODY) + 2 * CELL_PAD + 4);
  const signW = Math.max(job.orientation === 'landscape' ? 200 : 136, 2 * (textWidth('regular', `${maxNumber}.`, 8) + 36));
  const room = width - noW - signW;
  const weights = job.columns.map((k) => WEIGHTS[k]);
  const total = weights.reduce((s, [w]) => s + w, 0);
  let widths = weights.map(([w, min]) => Math.max(min, (room * w) / total));
  // Minimums may overshoot when many columns are asked for: scale down to the room there is.
  const sum = widths.reduce((s, w) => s + w, 0);
  if (sum > room) widths = widths.map((w) => (w * room) / sum);
  // Give what is left (after minimums) to the columns by weight, so the table fills the width.
  const spare = room - widths.reduce((s, w) => s + w, 0);
  if (spare > 0.01) widths = widths.map((w, i) => w + (spare * weights[i]![0]) / total);
  const columns: Column[] = [];
  let x = left;
  columns.push({ key: 'no', label: labels.attendanceNo, x, w: noW });
  x += noW;
  job.columns.forEach((k, i) => {
    columns.push({ key: k, label: labels.attendanceColumns[k], x, w: widths[i]! });
    x += widths[i]!;
  });
  const sign: Column = { key: 'sign', label: labels.attendanceSign, x, w: right - x };
  columns.push(sign);
  return { page, left, right, width, bottom: page.size[1] - m.bottom, columns, sign, half: sign.w / 2 };
}

// ---------------------------------------------------------------------------------------------
// Text helpers (measured with the embedded fonts; nothing wraps or overflows on its own)

function lineText(line: { segments: { text: string }[] }): string {
  return line.segments.map((s) => s.text).join('');
}

/** Up to `maxLines` lines of `text` in `width`: wrap first, then shrink, then shorten with "…". */
function fitLines(text: string, key: FontKey, width: number, size: number, minSize: number, maxLines: number): { size: number; lines: string[] } {
  for (let s = size; s >= minSize - 0.01; s -= 0.5) {
    if (textWidth(key, text, s) <= width) return { size: s, lines: [text] };
    if (maxLines === 1) continue;
    const lines = breakLines([{ text, font: key, size: s }], width);
    if (lines.length <= maxLines) return { size: s, lines: lines.map(lineText) };
  }
  if (maxLines === 1) return { size: minSize, lines: [fitText(text, width, minSize, key)] };
  const lines = breakLines([{ text, font: key, size: minSize }], width).map(lineText);
  const head = lines.slice(0, maxLines - 1);
  return { size: minSize, lines: [...head, fitText(lines.slice(maxLines - 1).join(' '), width, minSize, key)] };
}

/** Write one line with its baseline at `baseline`. */
function put(canvas: Canvas, key: FontKey, size: number, text: string, x: number, baseline: number, color = TEXT): void {
  canvas.text({ text, font: key, size, x, baseline, color });
}

type Writer = (key: FontKey, size: number, text: string, x: number, baseline: number) => void;

/** Lines centred vertically on `mid`: left-aligned at x, or centred in a box `centerIn` wide. */
function putLines(write: Writer, key: FontKey, size: number, lines: string[], x: number, mid: number, centerIn?: number): void {
  const lh = size * 1.2;
  const cap = size * 0.714;
  lines.forEach((l, i) => {
    const baseline = mid + (i - (lines.length - 1) / 2) * lh + cap / 2;
    const lx = centerIn === undefined ? x : x + (centerIn - textWidth(key, l, size)) / 2;
    write(key, size, l, lx, baseline);
  });
}

const NON_ASCII = /[^\x20-\x7e]/;


// ---------------------------------------------------------------------------------------------
// Page furniture: kop, title block, continuation header, footer, signature block

interface Block {
  height: number;
  draw(canvas: Canvas, top: number): void;
}

/** Contact words in the kop (not in the label tables, which other documents share). */
const CONTACT = { id: { phone: 'Telp.', email: 'Surel', website: 'Laman' }, en: { phone: 'Phone', email: 'Email', website: 'Web' } };

function kopBlock(ctx: BuildContext, lay: Layout, logo: Buffer | null): Block {
  const o = ctx.c.organizer;
  const contact = CONTACT[ctx.c.language];
  const logoH = 58;
  const img = logo ? imageSize(logo) : null;
  const logoW = img ? Math.min(70, (img.width * logoH) / img.height) : 0;
  const side = logo ? logoW + 12 : 0;
  const textX = lay.left + side;
  const textW = lay.width - 2 * side;
  const items: { key: FontKey; size: number; lines: string[]; lh: number }[] = [];
  const add = (text: string, key: FontKey, size: number, maxLines: number, minSize = size - 3) => {
    const fit = fitLines(text, key, textW, size, minSize, maxLines);
    items.push({ key, size: fit.size, lines: fit.lines, lh: fit.size * 1.25 });
  };
  add(o.name.toLocaleUpperCase('id-ID'), 'bold', 14, 2, 11);
  if (o.unit) add(o.unit, 'regular', 10.5, 1, 8.5);
  add(o.address, 'regular', 8.5, 2, 7.5);
  const parts = [o.phone && `${contact.phone} ${o.phone}`, o.email && `${contact.email}: ${o.email}`, o.website && `${contact.website}: ${o.website}`].filter(Boolean) as string[];
  if (parts.length) add(parts.join(' · '), 'regular', 8.5, 2, 7.5);
  const textH = items.reduce((h, it) => h + it.lines.length * it.lh, 0);
  const bodyH = Math.max(logo ? logoH : 0, textH);
  const height = bodyH + 10;
  return {
    height,
    draw(canvas, top) {
      if (logo && img) {
        // Fitted into logoW × logoH, centred.
        const k = Math.min(logoW / img.width, logoH / img.height);
        const [w, h] = [img.width * k, img.height * k];
        canvas.image(logo, lay.left + (logoW - w) / 2, top + (bodyH - logoH) / 2 + (logoH - h) / 2, w, h);
      }
      let y = top + (bodyH - textH) / 2;
      for (const it of items) {
        for (const l of it.lines) {
          const w = textWidth(it.key, l, it.size);
          put(canvas, it.key, it.size, l, textX + (textW - w) / 2, y + it.size * 1.02);
          y += it.lh;
        }
      }
      // Double rule: thick over thin.
      const ry = top + bodyH + 5;
      canvas.line(lay.left, ry, lay.right, ry, { width: 1.8, color: TEXT });
      canvas.line(lay.left, ry + 2.8, lay.right, ry + 2.8, { width: 0.6, color: TEXT });
    },
  };
}

interface SheetText {
  title: string;
  event: string;
  subtitle?: string;
  info: [string, string][];
}

function titleBlock(ctx: BuildContext, lay: Layout, t: SheetText, group: string | undefined): Block {
  const lines: { key: FontKey; size: number; text: string; lh: number; gapBefore: number }[] = [];
  const add = (text: string, key: FontKey, size: number, maxLines: number, minSize: number, gapBefore = 0) => {
    const fit = fitLines(text, key, lay.width, size, minSize, maxLines);
    fit.lines.forEach((l, i) => lines.push({ key, size: fit.size, text: l, lh: fit.size * 1.3, gapBefore: i === 0 ? gapBefore : 0 }));
  };
  add(t.title, 'bold', 13, 1, 11);
  add(t.event.toLocaleUpperCase('id-ID'), 'bold', 10.5, 3, 8.5, 2);
  if (t.subtitle) add(t.subtitle.toLocaleUpperCase('id-ID'), 'bold', 9.5, 2, 8);
  if (group) add(group, 'bold', 10.5, 1, 8, 5);
  const infoSize = 9.5;
  const infoLh = infoSize * 1.45;
  const labelW = Math.max(...t.info.map(([l]) => textWidth('regular', l, infoSize))) + 8;
  const colonW = textWidth('regular', ': ', infoSize);
  const valueW = lay.width - labelW - colonW;
  const info = t.info.map(([label, value]) => ({ label, value: fitLines(value, 'regular', valueW, infoSize, 7.5, 2) }));
  const titleH = lines.reduce((h, l) => h + l.gapBefore + l.lh, 0);
  const infoH = info.reduce((h, i) => h + i.value.lines.length * infoLh, 0);
  const height = 12 + titleH + 8 + infoH + 8;
  return {
    height,
    draw(canvas, top) {
      let y = top + 12;
      for (const l of lines) {
        y += l.gapBefore;
        put(canvas, l.key, l.size, l.text, lay.left + (lay.width - textWidth(l.key, l.text, l.size)) / 2, y + l.size * 1.02);
        y += l.lh;
      }
      y += 8;
      for (const i of info) {
        put(canvas, 'regular', infoSize, i.label, lay.left, y + infoSize * 1.05);
        put(canvas, 'regular', infoSize, ':', lay.left + labelW, y + infoSize * 1.05);
        i.value.lines.forEach((v, k) => put(canvas, 'regular', i.value.size, v, lay.left + labelW + colonW, y + infoSize * 1.05 + k * infoLh));
        y += i.value.lines.length * infoLh;
      }
    },
  };
}

/** The top of a continuation page: title and event on the left, day and section on the right. */
function continuationBlock(ctx: BuildContext, lay: Layout, t: SheetText, dayDate: string, group: string | undefined): Block {
  const size = 8.5;
  const rightText = [group, dayDate].filter(Boolean).join(' · ') + ` ${ctx.labels.continued}`;
  const rightW = Math.min(textWidth('regular', rightText, size), lay.width * 0.5);
  const right = fitText(rightText, rightW, size);
  const leftText = fitText(`${t.title} · ${t.event}`, lay.width - rightW - 16, size, 'bold');
  return {
    height: 24,
    draw(canvas, top) {
      put(canvas, 'bold', size, leftText, lay.left, top + 10);
      put(canvas, 'regular', size, right, lay.right - textWidth('regular', right, size), top + 10);
      canvas.line(lay.left, top + 15, lay.right, top + 15, { width: 0.5, color: TEXT });
    },
  };
}

function footer(canvas: Canvas, ctx: BuildContext, lay: Layout, pageNo: number, pages: number): void {
  const size = 7.5;
  const y = lay.bottom + 12;
  const right = pageOfText(ctx.labels, pageNo, pages);
  const rightW = textWidth('regular', right, size);
  const left = fitText(`${ctx.c.event.name} · ${ctx.labels.curriculumVersion} ${ctx.stampLine}`, lay.width - rightW - 16, size);
  canvas.line(lay.left, y, lay.right, y, { width: 0.4, color: MUTED });
  put(canvas, 'regular', size, left, lay.left, y + 10, MUTED);
  put(canvas, 'regular', size, right, lay.right - rightW, y + 10, MUTED);
}

/** "Mojokerto, 4 November 2024 / Mengetahui, / role / (space) / NAME / NIP. …" on the right. */
function signatureBlock(ctx: BuildContext, lay: Layout, date: string, s: Signatory | undefined): Block {
  const size = 10;
  const lh = size * 1.4;
  const colW = Math.min(250, lay.width * 0.45);
  const x = lay.right - colW;
  const before: string[] = [formatPlaceDate(ctx.c.organizer.city, date, ctx.c.language), ctx.labels.acknowledged];
  const wrap = (text: string, key: FontKey) => breakLines([{ text, font: key, size }], colW).map(lineText);
  if (s) before.push(...wrap(s.role, 'regular'));
  const space = 54;
  const nameLines = s ? wrap(s.name, 'bold') : [];
  const nip = s?.nip ? `${ctx.labels.nip} ${s.nip}` : undefined;
  const after = nameLines.length + (nip ? 1 : 0) + (s ? 0 : 1);
  const gap = 16;
  return {
    height: gap + before.length * lh + space + after * lh,
    draw(canvas, top) {
      let y = top + gap;
      for (const l of before) {
        put(canvas, 'regular', size, l, x, y + size * 1.05);
        y += lh;
      }
      y += space;
      for (const l of nameLines) {
        put(canvas, 'bold', size, l, x, y + size * 1.05);
        const uy = y + size * 1.05 + 1.8;
        canvas.line(x, uy, x + textWidth('bold', l, size), uy, { width: 0.7, color: TEXT });
        y += lh;
      }
      if (nip) put(canvas, 'regular', size, nip, x, y + size * 1.05);
      if (!s) {
        // No signatory in the curriculum: a line to write the name on.
        canvas.line(x, y + size * 1.05 + 1.8, x + Math.min(colW, 180), y + size * 1.05 + 1.8, { width: 0.7, color: TEXT, dash: [1, 2] });
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The table

/** A row to print: a roster row, or null for an empty numbered row. */
type Entry = RosterRow | null;

interface Section {
  /** "KECAMATAN: Magersari", or undefined without grouping. */
  group?: string;
  entries: Entry[];
}

function sectionsOf(job: AttendanceJob, rows: RosterRow[] | null, ctx: BuildContext): Section[] {
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
  const label = ctx.labels.attendanceColumns[by];
  const out: Section[] = [...groups.values()].map((g) => ({ group: `${label}: ${g.shown}`, entries: [...g.rows, ...blanks] }));
  if (none.length) out.push({ group: `${label}: —`, entries: [...none, ...blanks] });
  return out;
}

/** Where tables start and how many rows fit, on a section's first page and on the pages after. */
interface Plan {
  firstTop: number;
  nextTop: number;
  firstRows: number;
  nextRows: number;
}

/** Rows kept together at the end of a section: never fewer on its last page. */
const KEEP_TOGETHER = 3;

/**
 * Rows on each page of a section. Rows have a fixed height, so this is known before drawing
 * (and with it "Halaman X dari Y"). The last page of a section gets at least three rows (taken
 * from the page before), and when the signature block does not fit under the last row it moves
 * to a new page with the last three rows, so it never stands alone.
 */
function pagePlan(n: number, plan: Plan, bottom: number, sigH: number): number[] {
  const counts = [Math.min(n, plan.firstRows)];
  let rest = n - counts[0]!;
  while (rest > 0) {
    const c = Math.min(rest, plan.nextRows);
    counts.push(c);
    rest -= c;
  }
  const last = counts.length - 1;
  if (last > 0 && counts[last]! < KEEP_TOGETHER) {
    const move = Math.min(KEEP_TOGETHER - counts[last]!, counts[last - 1]! - 1);
    counts[last - 1] = counts[last - 1]! - move;
    counts[last] = counts[last]! + move;
  }
  const top = last === 0 ? plan.firstTop : plan.nextTop;
  if (top + HEAD_H + counts[last]! * ROW_H + sigH > bottom) {
    const carry = Math.max(0, Math.min(KEEP_TOGETHER, counts[last]! - 1));
    counts[last] = counts[last]! - carry;
    counts.push(carry);
  }
  return counts;
}

interface HeaderCell {
  size: number;
  lines: string[];
}

function headerCells(lay: Layout): HeaderCell[] {
  return lay.columns.map((c) => fitLines(c.label, 'bold', c.w - 2 * CELL_PAD, 8, 6, 2));
}

function drawHeaderRow(canvas: Canvas, lay: Layout, cells: HeaderCell[], top: number): void {
  canvas.fillRect(lay.left, top, lay.width, HEAD_H, HEAD_FILL);
  const write: Writer = (key, size, text, x, baseline) => put(canvas, key, size, text, x, baseline);
  lay.columns.forEach((c, i) => putLines(write, 'bold', cells[i]!.size, cells[i]!.lines, c.x + CELL_PAD, top + HEAD_H / 2, c.w - 2 * CELL_PAD));
}

/** Grid of one page's table: full verticals, row lines, and the staggered signature halves. */
function drawGrid(canvas: Canvas, lay: Layout, top: number, firstNumber: number, count: number): void {
  canvas.stroke((p) => grid(p, lay, top, firstNumber, count), { width: LINE_W, color: TEXT });
}

function grid(p: PathBuilder, lay: Layout, top: number, firstNumber: number, count: number): void {
  const bodyTop = top + HEAD_H;
  const bottom = bodyTop + count * ROW_H;
  const signX = lay.sign.x;
  const midX = signX + lay.half;
  const line = (x1: number, y1: number, x2: number, y2: number) => p.line(x1, y1, x2, y2);
  // Outer box and the column rules (the split of the signature column starts below the header).
  p.rect(lay.left, top, lay.width, bottom - top);
  for (const c of lay.columns.slice(1)) line(c.x, top, c.x, bottom);
  line(midX, bodyTop, midX, bottom);
  line(lay.left, bodyTop, lay.right, bodyTop);
  for (let i = 1; i < count; i++) {
    const y = bodyTop + i * ROW_H;
    const n = firstNumber + i;
    line(lay.left, y, signX, y);
    // A box in the left half starts at each odd number, in the right half at each even number.
    if (n % 2 === 1) line(signX, y, midX, y);
    else line(midX, y, lay.right, y);
  }
}

interface DrawState {
  canvas: Canvas;
  ctx: BuildContext;
  lay: Layout;
  header: HeaderCell[];
  total: number;
  page: number;
  /** "daftar-hadir-2024-11-04.pdf: peserta.csv" for the missing-glyph report. */
  where: string;
}

function newPage(st: DrawState): void {
  st.canvas.addPage(st.lay.page);
  st.page++;
  footer(st.canvas, st.ctx, st.lay, st.page, st.total);
}

/** Pages between resets of PDFKit's per-word layout caches (see Canvas.clearLayoutCaches). */
const CLEAR_EVERY = 5;

/** Bytes PDFKit may hold back before drawing waits for the file stream. */
const MAX_PENDING = 64 * 1024;

/**
 * Let the file stream catch up. A file stream takes one chunk above its 16 KB high-water mark
 * per turn of the event loop, so a single yield now and then is not enough: pages pile up in
 * PDFKit's readable buffer (~30 MB per 1,000 pages). Wait until what was produced has gone out.
 */
async function drain(canvas: Canvas): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (let turns = 0; canvas.pendingBytes > MAX_PENDING / 4 && turns < 100_000; turns++) await new Promise<void>((resolve) => setImmediate(resolve));
}

const SIGN_SIZE = 8;

function drawRows(st: DrawState, top: number, entries: Entry[], from: number, count: number): void {
  const { canvas, lay, ctx } = st;
  drawHeaderRow(canvas, lay, st.header, top);
  const bodyTop = top + HEAD_H;
  const noCol = lay.columns[0]!;
  const cap = BODY * 0.714;
  const write: Writer = (key, size, text, x, baseline) => canvas.text({ text, font: key, size, x, baseline });
  const dots = new PathBuilder();
  for (let i = 0; i < count; i++) {
    const idx = from + i;
    const n = idx + 1;
    const rowTop = bodyTop + i * ROW_H;
    const mid = rowTop + ROW_H / 2;
    const no = String(n);
    write('regular', BODY, no, noCol.x + (noCol.w - textWidth('regular', no, BODY)) / 2, mid + cap / 2);
    const row = entries[idx];
    if (row) {
      for (let k = 1; k < lay.columns.length - 1; k++) {
        const col = lay.columns[k]!;
        const value = row[col.key as AttendanceColumn];
        if (!value) continue;
        if (NON_ASCII.test(value)) ctx.glyphs.check('regular', value, () => `${st.where} baris ${row.line}`);
        const fit = fitLines(value, 'regular', col.w - 2 * CELL_PAD, BODY, MIN_BODY, 2);
        putLines(write, 'regular', fit.size, fit.lines, col.x + CELL_PAD, mid);
      }
    }
    // "1. ……" in the left half for odd numbers, "2. ……" in the right half for even numbers.
    const hx = lay.sign.x + (n % 2 === 1 ? 0 : lay.half) + 5;
    const baseline = rowTop + ROW_H * 0.62;
    const label = `${no}.`;
    write('regular', SIGN_SIZE, label, hx, baseline);
    const dotsFrom = hx + textWidth('regular', label, SIGN_SIZE) + 3;
    const dotsTo = hx - 5 + lay.half - 7;
    if (dotsTo > dotsFrom + 6) dots.line(dotsFrom, baseline, dotsTo, baseline);
  }
  // All dotted signature lines of the page in one path.
  canvas.stroke((p) => p.ops.push(...dots.ops), { width: 0.8, color: MUTED, cap: 'round', dash: [0.01, 2.2] });
  drawGrid(canvas, lay, top, from + 1, count);
}

// ---------------------------------------------------------------------------------------------
// The artifact

export async function buildAttendance(ctx: BuildContext, job: AttendanceJob, rows: RosterRow[] | null): Promise<ArtifactResult> {
  const { c, labels } = ctx;
  const lang = c.language;
  const sections = sectionsOf(job, rows, ctx);
  const maxNumber = Math.max(...sections.map((s) => s.entries.length));
  const lay = layoutFor(ctx, job, maxNumber);
  const dayDate = formatDayDate(job.date, lang);
  const info: [string, string][] = [[labels.date, dayDate]];
  const items = job.day?.items ?? [];
  if (items.length) {
    const range = formatTimeRange(items[0]!.start, items[items.length - 1]!.end, c.event.timezone, lang);
    info.push([labels.time, lang === 'id' ? `pukul ${range}` : range]);
  }
  info.push([labels.venue, c.event.venue]);
  const text: SheetText = { title: labels.attendanceTitle, event: c.event.name, ...(c.subtitle ? { subtitle: c.subtitle } : {}), info };
  const signatory = c.signatories.find((s) => s.id === c.settings.attendance.signatory) ?? c.signatories[0];
  const fileName = path.basename(job.file);
  const where = `${fileName}: ${job.roster ? path.basename(job.roster) : 'roster'}`;
  for (const s of sections) if (s.group && NON_ASCII.test(s.group)) ctx.glyphs.check('bold', s.group, where);
  const o = c.organizer;
  const fixed: [FontKey, string | undefined][] = [['bold', o.name], ['regular', o.unit], ['regular', o.address], ['bold', c.event.name], ['bold', c.subtitle], ['regular', c.event.venue], ['regular', signatory?.role], ['bold', signatory?.name]];
  for (const [key, t] of fixed) if (t && NON_ASCII.test(t)) ctx.glyphs.check(key, t, fileName);

  const meta = documentMeta(ctx, `${labels.attendanceTitle} — ${c.event.name} — ${dayDate}`, `${labels.attendanceTitle} ${c.event.name}`, [c.event.kind, c.event.name, dayDate, labels.attendanceTitle]);
  return writePdf(job.file, { page: lay.page, meta, tagged: false, pdfa: false, bufferPages: false }, { kind: 'attendance' }, async (canvas) => {
    const logo = c.assets.logo ? loadImage(c.assets.logo) : null;
    const top = lay.page.margins.top;
    const kop = kopBlock(ctx, lay, logo);
    const sig = signatureBlock(ctx, lay, job.date, signatory);
    // Each section has its own title (its group line) and continuation header; their heights
    // do not depend on the group's text, so one plan serves every section.
    const blocks = sections.map((s) => ({ title: titleBlock(ctx, lay, text, s.group), cont: continuationBlock(ctx, lay, text, dayDate, s.group) }));
    const plan: Plan = { firstTop: top + kop.height + blocks[0]!.title.height, nextTop: top + blocks[0]!.cont.height, firstRows: 0, nextRows: 0 };
    plan.firstRows = Math.max(1, Math.floor((lay.bottom - plan.firstTop - HEAD_H) / ROW_H));
    plan.nextRows = Math.max(1, Math.floor((lay.bottom - plan.nextTop - HEAD_H) / ROW_H));
    const pages = sections.map((s) => pagePlan(s.entries.length, plan, lay.bottom, sig.height));
    const total = pages.reduce((n, p) => n + p.length, 0);
    const st: DrawState = { canvas, ctx, lay, header: headerCells(lay), total, page: 0, where };

    for (let si = 0; si < sections.length; si++) {
      const entries = sections[si]!.entries;
      const { title, cont } = blocks[si]!;
      let done = 0;
      let y = 0;
      for (let p = 0; p < pages[si]!.length; p++) {
        newPage(st);
        if (p === 0) {
          kop.draw(canvas, top);
          title.draw(canvas, top + kop.height);
          y = plan.firstTop;
        } else {
          cont.draw(canvas, top);
          y = plan.nextTop;
        }
        const count = pages[si]![p]!;
        if (count > 0) {
          drawRows(st, y, entries, done, count);
          done += count;
          y += HEAD_H + count * ROW_H;
        }
        if (st.page % CLEAR_EVERY === 0) canvas.clearLayoutCaches();
        if (st.page % YIELD_EVERY === 0 || canvas.pendingBytes > MAX_PENDING) await drain(canvas);
      }
      sig.draw(canvas, y);
    }
    if (st.page !== total || pages.some((p) => p.some((n) => n < 0))) throw new Error(`daftar hadir: ${st.page} halaman tergambar, ${total} direncanakan`);
    return st.page;
  });
}
