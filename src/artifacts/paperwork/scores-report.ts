/**
 * The score recap: a PDF (per participant pre, post and gain with the class average; per question
 * the share correct before and after, questions below 50 % after the training marked) and the
 * same tables as CSV for a spreadsheet (semicolons and decimal commas, as Indonesian Excel reads).
 */
import path from 'node:path';
import { formatNumber, pageOfText, roman, type Language } from '../../locale/index.js';
import { A4, portrait } from '../../pdf/index.js';
import { writeFileAtomic } from '../../write/index.js';
import type { BuildContext } from '../context.js';
import type { ArtifactResult } from '../output.js';
import { finished } from '../output.js';
import { footer, kop, paperOf } from './common.js';
import { PageBuilder, type PaperPage } from './page.js';
import { renderPaper } from './render.js';
import type { ScoreReport } from './scores.js';
import { cell, columns, grid, headerRow, type Col } from './table.js';

const SIZE = portrait(A4);
const M = { top: 34, left: 50, right: 45, bottom: 56 };
const ROW = 18;
const HEAD = 22;

const num = (x: number | null, lang: Language) => (x === null ? '–' : formatNumber(x, lang));
const pct = (x: number | null, lang: Language) => (x === null ? '–' : `${formatNumber(Math.round(x * 100), lang)}%`);
/** "1.3" → "I.3" as the handbook numbers its chapters. */
const questionLabel = (key: string) => {
  const [m, q] = key.split('.') as [string, string];
  return `${roman(Number(m))}.${q}`;
};

interface Table {
  cols: Col[];
  rows: { cells: Record<string, string>; bold?: boolean }[];
}

export function scorePages(ctx: BuildContext, r: ScoreReport): PaperPage[] {
  const lang = ctx.c.language;
  const pl = paperOf(ctx, []).pl;
  const right = SIZE[0] - M.right;
  const width = right - M.left;
  const bottom = SIZE[1] - M.bottom;
  const P = pl.scoresColumns;
  const people: Table = {
    cols: columns(M.left, width, [
      { key: 'no', label: P.no, size: 30, align: 'center' },
      { key: 'name', label: P.name, size: '1' },
      { key: 'pre', label: P.pre, size: 60, align: 'right' },
      { key: 'post', label: P.post, size: 60, align: 'right' },
      { key: 'gain', label: P.gain, size: 64, align: 'right' },
    ]),
    rows: [
      ...r.participants.map((s, i) => ({ cells: { no: String(i + 1), name: s.who, pre: num(s.pre, lang), post: num(s.post, lang), gain: s.gain === null ? '–' : `${s.gain > 0 ? '+' : ''}${num(s.gain, lang)}` } })),
      { cells: { name: pl.scoresAverage, pre: num(r.average.pre, lang), post: num(r.average.post, lang), gain: num(r.average.gain, lang) }, bold: true },
    ],
  };
  const I = pl.scoresItemColumns;
  const items: Table = {
    cols: columns(M.left, width, [
      { key: 'question', label: I.question, size: 60, align: 'center' },
      { key: 'pre', label: I.pre, size: 80, align: 'right' },
      { key: 'post', label: I.post, size: 80, align: 'right' },
      { key: 'flag', label: I.flag, size: '1' },
    ]),
    rows: r.items.map((it) => ({ cells: { question: questionLabel(it.key), pre: pct(it.pre, lang), post: pct(it.post, lang), flag: it.hard ? pl.scoresHard : '' }, bold: it.hard })),
  };

  const pages: PageBuilder[] = [];
  let b = new PageBuilder(SIZE);
  pages.push(b);
  let y = kop(b, ctx, M.left, right, M.top) + 12;
  y += b.para(pl.scoresTitle, M.left, y, width, { font: 'bold', size: 13, align: 'center' });
  y += b.para(ctx.c.event.name, M.left, y, width, { size: 9.5, align: 'center' }) + 10;
  const table = (t: Table, title: string) => {
    let first = true;
    let at = 0;
    while (at < t.rows.length) {
      const room = Math.floor((bottom - y - HEAD - (first ? 20 : 0)) / ROW);
      if (room < 2) {
        b = new PageBuilder(SIZE);
        pages.push(b);
        y = M.top;
        continue;
      }
      if (first) y += b.para(title, M.left, y, width, { font: 'bold', size: 10.5 }) + 4;
      first = false;
      headerRow(b, t.cols, y, HEAD);
      const slice = t.rows.slice(at, at + room);
      const tops: number[] = [];
      slice.forEach((row, k) => {
        const top = y + HEAD + k * ROW;
        for (const col of t.cols) cell(b, col, top, ROW, row.cells[col.key] ?? '', { font: row.bold ? 'bold' : 'regular' });
        tops.push(top);
      });
      const end = y + HEAD + slice.length * ROW;
      grid(b, t.cols, y, end, [y + HEAD, ...tops.slice(1)]);
      at += slice.length;
      y = end + 16;
    }
  };
  table(people, `${pl.scoresColumns.pre} / ${pl.scoresColumns.post} (${r.questions.length} ${ctx.c.language === 'id' ? 'soal, nilai 0–100' : 'questions, score 0–100'})`);
  table(items, pl.scoresItems);
  pages.forEach((pg, i) => footer(pg, ctx, M.left, right, bottom + 14, pageOfText(ctx.labels, i + 1, pages.length)));
  return pages.map((pg) => pg.page());
}

/** CSV cells: quoted when they hold the separator, a quote or a line break. */
function csvLine(cells: string[]): string {
  return cells.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';');
}

export function scoresCsv(ctx: BuildContext, r: ScoreReport): string {
  const pl = paperOf(ctx, []).pl;
  const lang = ctx.c.language;
  const P = pl.scoresColumns;
  const I = pl.scoresItemColumns;
  const lines = [
    csvLine([P.no, P.name, P.pre, P.post, P.gain]),
    ...r.participants.map((s, i) => csvLine([String(i + 1), s.who, num(s.pre, lang), num(s.post, lang), num(s.gain, lang)].map((v) => (v === '–' ? '' : v)))),
    csvLine(['', pl.scoresAverage, num(r.average.pre, lang), num(r.average.post, lang), num(r.average.gain, lang)]),
    '',
    csvLine([I.question, I.pre, I.post, I.flag]),
    ...r.items.map((it) => csvLine([it.key, pct(it.pre, lang), pct(it.post, lang), it.hard ? pl.scoresHard : ''])),
  ];
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

/** rekap-nilai.pdf and rekap-nilai.csv in the output folder. */
export async function writeScores(ctx: BuildContext, r: ScoreReport): Promise<ArtifactResult[]> {
  const pdf = await renderPaper(ctx, { file: path.join(ctx.outDir, 'rekap-nilai.pdf'), info: { kind: 'scores' }, title: `Rekap Nilai — ${ctx.c.event.name}`, pages: scorePages(ctx, r) });
  const started = performance.now();
  const csvFile = path.join(ctx.outDir, 'rekap-nilai.csv');
  writeFileAtomic(csvFile, scoresCsv(ctx, r));
  return [pdf, finished(csvFile, { kind: 'scores' }, 0, started)];
}
