/**
 * Attendance sheets (daftar hadir): one PDF per session day, streamed page by page. The roster is
 * measured first (column widths, row heights: attendance-layout), the pages are planned before the
 * first is drawn (attendance-plan), so "Halaman X dari Y" is written as each page goes out and
 * memory stays flat for rosters of any length.
 *
 * Layout (government convention): kop surat with logo and a double rule, the title, the event,
 * day, time and place; a table NO | NAMA | … | TANDA TANGAN whose header row is repeated on every
 * page, with the staggered signature column (odd numbers sign in the left half, even numbers in
 * the right half, each box reaching into the next row); and at the end the "Mengetahui," block.
 */
import path from 'node:path';
import type { AttendanceColumn } from '../curriculum/index.js';
import { formatDayDate, formatTimeRange } from '../locale/index.js';
import { PathBuilder, textWidth, type Canvas } from '../pdf/index.js';
import type { RosterRow } from '../roster/index.js';
import { continuationBlock, footer, kopBlock, MUTED, putLines, signatureBlock, TEXT, titleBlock, type SheetText, type Writer } from './attendance-blocks.js';
import { sectionsOf, type AttendanceJob, type Entry } from './attendance-jobs.js';
import { BODY, CELL_PAD, cellLines, HEAD_H, headerCells, layoutFor, ROW_H, rowHeight, type HeaderCell, type Layout } from './attendance-layout.js';
import { pagePlan } from './attendance-plan.js';
import { documentMeta, type BuildContext } from './context.js';
import { loadImage } from './images.js';
import { writePdf, type ArtifactResult } from './output.js';

export { attendanceJobs, attendanceRoster, BLANK_SHEET_ROWS, MAX_BLANK_ROWS, type AttendanceJob, type AttendanceOptions } from './attendance-jobs.js';

/** Pages between turns of the event loop (the file stream drains, signals are seen). */
const YIELD_EVERY = 50;
/** Pages between resets of PDFKit's per-word layout caches (see Canvas.clearLayoutCaches). */
const CLEAR_EVERY = 5;
/** Bytes PDFKit may hold back before drawing waits for the file stream. */
const MAX_PENDING = 64 * 1024;
const LINE_W = 0.6;
const HEAD_FILL = '#e4e4e4';
const SIGN_SIZE = 8;
const NON_ASCII = /[^\x20-\x7e]/;

/**
 * Let the file stream catch up. A file stream takes one chunk above its 16 KB high-water mark
 * per turn of the event loop, so a single yield now and then is not enough: pages pile up in
 * PDFKit's readable buffer (~30 MB per 1,000 pages). Wait until what was produced has gone out.
 */
async function drain(canvas: Canvas): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (let turns = 0; canvas.pendingBytes > MAX_PENDING / 4 && turns < 100_000; turns++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function drawHeaderRow(canvas: Canvas, lay: Layout, cells: HeaderCell[], top: number): void {
  canvas.fillRect(lay.left, top, lay.width, HEAD_H, HEAD_FILL);
  const write: Writer = (key, size, text, x, baseline) => canvas.text({ text, font: key, size, x, baseline, color: TEXT });
  lay.columns.forEach((c, i) => putLines(write, 'bold', cells[i]!.size, cells[i]!.lines, c.x + CELL_PAD, top + HEAD_H / 2, c.w - 2 * CELL_PAD));
}

/** Grid of one page's table: full verticals, row lines, and the staggered signature halves. */
function grid(p: PathBuilder, lay: Layout, top: number, firstNumber: number, heights: readonly number[]): void {
  const bodyTop = top + HEAD_H;
  const bottom = bodyTop + heights.reduce((s, h) => s + h, 0);
  const signX = lay.sign.x;
  const midX = signX + lay.half;
  // Outer box and the column rules (the split of the signature column starts below the header).
  p.rect(lay.left, top, lay.width, bottom - top);
  for (const c of lay.columns.slice(1)) p.line(c.x, top, c.x, bottom);
  p.line(midX, bodyTop, midX, bottom);
  p.line(lay.left, bodyTop, lay.right, bodyTop);
  let y = bodyTop;
  for (let i = 1; i < heights.length; i++) {
    y += heights[i - 1]!;
    const n = firstNumber + i;
    p.line(lay.left, y, signX, y);
    // A box in the left half starts at each odd number, in the right half at each even number.
    if (n % 2 === 1) p.line(signX, y, midX, y);
    else p.line(midX, y, lay.right, y);
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

/** One page's table: header row, the rows `from` … `from + heights.length - 1`, the grid. */
function drawRows(st: DrawState, top: number, entries: readonly Entry[], from: number, heights: readonly number[]): number {
  const { canvas, lay, ctx } = st;
  drawHeaderRow(canvas, lay, st.header, top);
  const noCol = lay.columns[0]!;
  const cap = BODY * 0.714;
  const write: Writer = (key, size, text, x, baseline) => canvas.text({ text, font: key, size, x, baseline, color: TEXT });
  const dots = new PathBuilder();
  let rowTop = top + HEAD_H;
  heights.forEach((h, i) => {
    const idx = from + i;
    const n = idx + 1;
    const mid = rowTop + h / 2;
    const no = String(n);
    write('regular', BODY, no, noCol.x + (noCol.w - textWidth('regular', no, BODY)) / 2, mid + cap / 2);
    const row = entries[idx];
    if (row) {
      for (let k = 1; k < lay.columns.length - 1; k++) {
        const col = lay.columns[k]!;
        const value = row[col.key as AttendanceColumn];
        if (!value) continue;
        if (NON_ASCII.test(value)) ctx.glyphs.check('regular', value, () => `${st.where} baris ${row.line}`);
        putLines(write, 'regular', BODY, cellLines(value, col), col.x + CELL_PAD, mid);
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
    rowTop += h;
  });
  // All dotted signature lines of the page in one path, then the grid in another.
  canvas.stroke((p) => p.ops.push(...dots.ops), { width: 0.8, color: MUTED, cap: 'round', dash: [0.01, 2.2] });
  canvas.stroke((p) => grid(p, lay, top, from + 1, heights), { width: LINE_W, color: TEXT });
  return rowTop;
}

function sheetText(ctx: BuildContext, job: AttendanceJob, dayDate: string): SheetText {
  const { c, labels } = ctx;
  const lang = c.language;
  const info: [string, string][] = [[labels.date, dayDate]];
  const items = job.day?.items ?? [];
  if (items.length) {
    const range = formatTimeRange(items[0]!.start, items[items.length - 1]!.end, c.event.timezone, lang);
    info.push([labels.time, lang === 'id' ? `pukul ${range}` : range]);
  }
  info.push([labels.venue, c.event.venue]);
  return { title: labels.attendanceTitle, event: c.event.name, ...(c.subtitle ? { subtitle: c.subtitle } : {}), info };
}

export async function buildAttendance(ctx: BuildContext, job: AttendanceJob, rows: RosterRow[] | null): Promise<ArtifactResult> {
  const { c, labels } = ctx;
  const sections = sectionsOf(job, rows, ctx);
  const maxNumber = Math.max(...sections.map((s) => s.entries.length));
  const lay = layoutFor(labels, job, rows ?? [], maxNumber);
  const dayDate = formatDayDate(job.date, c.language);
  const text = sheetText(ctx, job, dayDate);
  const signatory = c.signatories.find((s) => s.id === c.settings.attendance.signatory) ?? c.signatories[0];
  const fileName = path.basename(job.file);
  const where = `${fileName}: ${job.roster ? path.basename(job.roster) : 'roster'}`;
  for (const s of sections) if (s.group && NON_ASCII.test(s.group)) ctx.glyphs.check('bold', s.group, where);
  const o = c.organizer;
  const fixed: ['regular' | 'bold', string | undefined][] = [['bold', o.name], ['regular', o.unit], ['regular', o.address], ['bold', c.event.name], ['bold', c.subtitle], ['regular', c.event.venue], ['regular', signatory?.role], ['bold', signatory?.name]];
  for (const [key, t] of fixed) if (t && NON_ASCII.test(t)) ctx.glyphs.check(key, t, fileName);

  const meta = documentMeta(ctx, `${labels.attendanceTitle} — ${c.event.name} — ${dayDate}`, `${labels.attendanceTitle} ${c.event.name}`, [c.event.kind, c.event.name, dayDate, labels.attendanceTitle]);
  return writePdf(job.file, { page: lay.page, meta, tagged: false, pdfa: false, bufferPages: false }, { kind: 'attendance' }, async (canvas) => {
    const logo = c.assets.logo ? loadImage(c.assets.logo) : null;
    const top = lay.page.margins.top;
    const kop = kopBlock(ctx, lay, logo);
    const sig = signatureBlock(ctx, lay, job.date, signatory);
    // Each section has its own title (its group line, which may wrap) and continuation header.
    const blocks = sections.map((s) => ({ title: titleBlock(ctx, lay, text, s.group), cont: continuationBlock(ctx, lay, text, dayDate, s.group) }));
    const tops = blocks.map((b) => ({ first: top + kop.height + b.title.height, next: top + b.cont.height }));
    const heights = sections.map((s) => s.entries.map((e) => rowHeight(e, lay)));
    const pages = heights.map((h, i) => pagePlan(h, { first: lay.bottom - tops[i]!.first - HEAD_H, next: lay.bottom - tops[i]!.next - HEAD_H }, sig.height));
    const total = pages.reduce((n, p) => n + p.length, 0);
    const st: DrawState = { canvas, ctx, lay, header: headerCells(lay), total, page: 0, where };

    for (let si = 0; si < sections.length; si++) {
      const { title, cont } = blocks[si]!;
      let done = 0;
      let y = 0;
      for (const [p, count] of pages[si]!.entries()) {
        canvas.addPage(lay.page);
        st.page++;
        footer(canvas, ctx, lay, st.page, total);
        if (p === 0) {
          kop.draw(canvas, top);
          title.draw(canvas, top + kop.height);
          y = tops[si]!.first;
        } else {
          cont.draw(canvas, top);
          y = tops[si]!.next;
        }
        if (count > 0) {
          y = drawRows(st, y, sections[si]!.entries, done, heights[si]!.slice(done, done + count));
          done += count;
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
