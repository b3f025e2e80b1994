/**
 * The geometry of an attendance sheet, as data and without PDFKit: page and margins, column widths
 * measured from the roster's content, the lines of every cell and the height of every row. A cell
 * wraps onto as many lines as it needs, between words; a word is broken inside only when it alone
 * is wider than its column. Nothing is shortened: a name on a sheet people sign is never cut.
 */
import type { AttendanceColumn } from '../curriculum/index.js';
import type { Labels } from '../locale/index.js';
import { A4, breakLines, fitText, landscape, portrait, textWidth, type FontKey, type PageSpec } from '../pdf/index.js';
import type { AttendanceJob, Entry } from './attendance-jobs.js';

export const PAGES: Record<'portrait' | 'landscape', PageSpec> = {
  portrait: { size: portrait(A4), margins: { top: 34, bottom: 50, left: 45, right: 36 } },
  landscape: { size: landscape(A4), margins: { top: 30, bottom: 50, left: 42, right: 36 } },
};

/** Footer baseline above the paper's bottom edge: 12 mm, inside what office printers can print. */
export const FOOTER_FROM_EDGE = 34;

/** Least row height (room to sign); rows with more lines grow. */
export const ROW_H = 28;
export const HEAD_H = 24;
export const CELL_PAD = 3.5;
export const BODY = 9;
export const BODY_LH = BODY * 1.2;
const HEAD_SIZE = 8;

/** Least widths (points) of the roster columns, and their share of spare room. */
const COLUMN: Record<AttendanceColumn, { min: number; weight: number }> = {
  name: { min: 110, weight: 1.9 },
  role: { min: 62, weight: 1.1 },
  origin: { min: 62, weight: 1.15 },
  kecamatan: { min: 58, weight: 1 },
  kelurahan: { min: 58, weight: 1 },
  tps: { min: 34, weight: 0.45 },
  institution: { min: 62, weight: 1.2 },
  phone: { min: 66, weight: 0.95 },
  nik: { min: 84, weight: 1.1 },
  nip: { min: 98, weight: 1.25 },
  note: { min: 52, weight: 0.9 },
};

export interface Column {
  key: 'no' | AttendanceColumn | 'sign';
  label: string;
  x: number;
  w: number;
}

export interface Layout {
  page: PageSpec;
  left: number;
  right: number;
  width: number;
  /** Lowest point of the table. */
  bottom: number;
  /** Baseline of the footer text. */
  footerBaseline: number;
  columns: Column[];
  /** The signature column and its two halves. */
  sign: Column;
  half: number;
}

/** Numbers read digit by digit: never broken inside a word (a phone number may break between its groups). */
const NUMBERS = new Set<AttendanceColumn>(['nik', 'nip', 'tps', 'phone']);
/** A NIK, NIP or TPS number is one word even when written in groups ("19800101 200501 1 001"). */
const UNBROKEN = new Set<AttendanceColumn>(['nik', 'nip', 'tps']);

/** Widest word and whole text of a column's cells (points, at body size, padding included). */
interface Measure {
  word: number;
  text: number;
}

function measureColumn(key: AttendanceColumn, label: string, entries: readonly Entry[]): Measure {
  let word = Math.max(...label.split(/\s+/).map((w) => textWidth('bold', w, HEAD_SIZE)));
  let text = 0;
  const seen = new Set<string>();
  for (const e of entries) {
    const v = e?.[key];
    if (!v || seen.has(v)) continue;
    seen.add(v);
    const w = textWidth('regular', v, BODY);
    if (w > text) text = w;
    if (w > word) for (const part of UNBROKEN.has(key) ? [v] : v.split(' ')) word = Math.max(word, textWidth('regular', part, BODY));
  }
  return { word: word + 2 * CELL_PAD, text: text + 2 * CELL_PAD };
}

/**
 * Widths of the roster columns in `room` points, like a browser's automatic table layout: each
 * column gets what its longest text needs when all fit; else at least its longest word (its least
 * width when that is more), the rest shared by how much more each would need. A column never gets
 * less than its least width unless even those do not fit, when all shrink alike.
 */
export function columnWidths(keys: readonly AttendanceColumn[], labels: readonly string[], entries: readonly Entry[], room: number): number[] {
  const m = keys.map((k, i) => measureColumn(k, labels[i]!, entries));
  const hasData = entries.some((e) => e !== null);
  // Without names (blank sheets) the columns share the room by weight.
  const least = keys.map((k, i) => Math.min(Math.max(COLUMN[k].min, m[i]!.word), room * 0.45));
  const want = keys.map((k, i) => (hasData ? Math.max(least[i]!, m[i]!.text) : least[i]!));
  const sumLeast = least.reduce((s, w) => s + w, 0);
  if (sumLeast >= room) {
    // Too many columns: number columns keep their width (a NIK stays on one line) while the
    // other columns shrink alike, unless the numbers alone would crowd the table.
    const keep = keys.map((k) => NUMBERS.has(k));
    const fixed = least.reduce((s, w, i) => s + (keep[i] ? w : 0), 0);
    if (fixed > room * 0.6) return least.map((w) => (w * room) / sumLeast);
    return least.map((w, i) => (keep[i] ? w : (w * (room - fixed)) / (sumLeast - fixed)));
  }
  const sumWant = want.reduce((s, w) => s + w, 0);
  if (sumWant <= room) {
    // Everything fits on one line: share what is left by weight, so the table fills the width.
    const spare = room - sumWant;
    const weights = keys.map((k) => COLUMN[k].weight);
    const total = weights.reduce((s, w) => s + w, 0);
    return want.map((w, i) => w + (spare * weights[i]!) / total);
  }
  const extra = want.map((w, i) => w - least[i]!);
  const totalExtra = extra.reduce((s, w) => s + w, 0);
  return least.map((w, i) => w + ((room - sumLeast) * extra[i]!) / totalExtra);
}

export function layoutFor(labels: Labels, job: AttendanceJob, entries: readonly Entry[], maxNumber: number): Layout {
  const page = PAGES[job.orientation];
  const m = page.margins;
  const left = m.left;
  const right = page.size[0] - m.right;
  const width = right - left;
  const noW = Math.max(24, textWidth('regular', String(maxNumber), BODY) + 2 * CELL_PAD + 4);
  const signW = Math.max(job.orientation === 'landscape' ? 200 : 136, 2 * (textWidth('regular', `${maxNumber}.`, 8) + 36));
  const names = job.columns.map((k) => job.labels[k] ?? labels.attendanceColumns[k]);
  const widths = columnWidths(job.columns, names, entries, width - noW - signW);
  const columns: Column[] = [];
  let x = left;
  columns.push({ key: 'no', label: labels.attendanceNo, x, w: noW });
  x += noW;
  job.columns.forEach((k, i) => {
    columns.push({ key: k, label: names[i]!, x, w: widths[i]! });
    x += widths[i]!;
  });
  const sign: Column = { key: 'sign', label: labels.attendanceSign, x, w: right - x };
  columns.push(sign);
  return { page, left, right, width, bottom: page.size[1] - m.bottom, footerBaseline: page.size[1] - FOOTER_FROM_EDGE, columns, sign, half: sign.w / 2 };
}

export function lineText(line: { segments: { text: string }[] }): string {
  return line.segments.map((s) => s.text).join('');
}

/** Lines of a cell's text in its column (one line without breaking when it fits). */
export function cellLines(text: string, col: Column): string[] {
  const room = col.w - 2 * CELL_PAD;
  if (textWidth('regular', text, BODY) <= room) return [text];
  return breakLines([{ text, font: 'regular', size: BODY }], room).map(lineText);
}

/** Height of a row: room to sign, or more when a cell needs more lines. */
export function rowHeight(entry: Entry, lay: Layout): number {
  if (!entry) return ROW_H;
  let lines = 1;
  for (let k = 1; k < lay.columns.length - 1; k++) {
    const col = lay.columns[k]!;
    const v = entry[col.key as AttendanceColumn];
    if (v && textWidth('regular', v, BODY) > col.w - 2 * CELL_PAD) lines = Math.max(lines, cellLines(v, col).length);
  }
  return Math.max(ROW_H, lines * BODY_LH + 2 * CELL_PAD);
}

/** Up to `maxLines` lines of `text` in `width`: wrap first, then shrink, then shorten with "…". */
export function fitLines(text: string, key: FontKey, width: number, size: number, minSize: number, maxLines: number): { size: number; lines: string[] } {
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

export interface HeaderCell {
  size: number;
  lines: string[];
}

export function headerCells(lay: Layout): HeaderCell[] {
  return lay.columns.map((c) => fitLines(c.label, 'bold', c.w - 2 * CELL_PAD, HEAD_SIZE, 6, 2));
}
