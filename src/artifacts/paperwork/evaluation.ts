/**
 * Lembar evaluasi penyelenggaraan, one form per session day (anonymous: printed as many times as
 * there are participants): each module session of the day with its facilitator and material
 * rated 1–5, then the organisation (venue, meals, materials), then room for comments.
 */
import { formatDayDate } from '../../locale/index.js';
import { A4, portrait } from '../../pdf/index.js';
import { footer, kop, type Paper } from './common.js';
import { MUTED, PageBuilder, type PaperPage } from './page.js';

const SIZE = portrait(A4);
const M = { top: 34, left: 50, right: 45, bottom: 50 };
const ROW = 17;
const SCALE_W = 5 * 22;

/** One "aspect …… 1 2 3 4 5" row. */
function scaleRow(b: PageBuilder, label: string, left: number, right: number, y: number): number {
  b.text(label, left + 12, y + 11, { size: 9.5 });
  for (let k = 1; k <= 5; k++) {
    const x = right - SCALE_W + (k - 1) * 22;
    b.rect(x, y + 2, 14, 13, { width: 0.6 });
    b.text(String(k), x + 7, y + 12, { size: 8.5, align: 'center' });
  }
  b.line(left, y + ROW, right, y + ROW, 0.3, { color: '#aaaaaa' });
  return y + ROW;
}

export function evaluationPages(p: Paper, date: string): PaperPage[] {
  const { c } = p.ctx;
  const right = SIZE[0] - M.right;
  const width = right - M.left;
  const bottom = SIZE[1] - M.bottom;
  const pages: PageBuilder[] = [];
  let b = new PageBuilder(SIZE);
  pages.push(b);
  let y = kop(b, p.ctx, M.left, right, M.top) + 12;
  y += b.para(p.pl.evaluation, M.left, y, width, { font: 'bold', size: 13, align: 'center' });
  y += b.para(`${c.event.name} · ${formatDayDate(date, c.language)}`, M.left, y, width, { size: 9.5, align: 'center' });
  y += 8;
  y += b.para(p.pl.evaluationHow, M.left, y, width, { size: 9, font: 'italic' }) + 6;
  const room = (h: number) => {
    if (y + h <= bottom) return;
    b = new PageBuilder(SIZE);
    pages.push(b);
    y = M.top;
  };
  const titles = new Map(c.modules.map((m) => [m.id, m.title]));
  const sessions = (c.schedule.find((d) => d.date === date)?.items ?? []).filter((it) => it.module);
  const A = p.pl.evaluationAspects;
  sessions.forEach((it, i) => {
    const title = `${i + 1}. ${titles.get(it.module!) ?? it.module!}`;
    room(28 + (A.facilitator.length + A.material.length) * ROW);
    y += b.para(title, M.left, y + 4, width, { font: 'bold', size: 10 }) + 4;
    b.text(`${p.pl.evaluationFacilitator}: ${it.facilitator ?? '……………………………………………'}`, M.left + 12, y + 9, { size: 9, color: MUTED });
    y += 13;
    for (const a of A.facilitator) y = scaleRow(b, a, M.left, right, y);
    for (const a of A.material) y = scaleRow(b, `${p.pl.evaluationMaterial}: ${a.toLocaleLowerCase('id-ID')}`, M.left, right, y);
    y += 6;
  });
  room(24 + A.venue.length * ROW);
  y += b.para(p.pl.evaluationVenue, M.left, y + 4, width, { font: 'bold', size: 10 }) + 4;
  for (const a of A.venue) y = scaleRow(b, a, M.left, right, y);
  room(24 + 6 * 20);
  y += 10 + b.para(p.pl.evaluationComments, M.left, y + 6, width, { font: 'bold', size: 10 });
  for (let k = 1; k <= 6 && y + 20 <= bottom; k++) b.line(M.left, (y += 20), right, y, 0.4, { color: MUTED, dash: [0.8, 2.2] });
  for (const page of pages) footer(page, p.ctx, M.left, right, bottom + 14);
  return pages.map((page) => page.page());
}
