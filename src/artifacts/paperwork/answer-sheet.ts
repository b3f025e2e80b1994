/**
 * Lembar jawaban for the pre-test and the post-test: per participant one sheet each, with the
 * name printed, and the questions of every module the event teaches numbered as in the handbook
 * (BAB I: 1, 2, …), each
 * with its choices as boxes to cross. The question keys ("1.3" = BAB I question 3) are the ones
 * `bimtek scores` reads.
 */
import { letter, roman } from '../../locale/index.js';
import { A4, portrait } from '../../pdf/index.js';
import type { Curriculum } from '../../curriculum/index.js';
import { footer, kop, roleAndOrigin, type Paper, type Participant } from './common.js';
import { MUTED, PageBuilder, type PaperPage } from './page.js';

export interface TestQuestion {
  /** "1.3": module number (1-based, in module order) and question number in the module. */
  key: string;
  module: number;
  number: number;
  choices: number;
  /** The correct letter. */
  answer: string;
}

/**
 * The modules the event teaches: those the schedule names (in module order), else all. Their
 * position is the chapter number of the handbook for the event's audience (BAB I, II …).
 */
export function testedModules(c: Curriculum): Curriculum['modules'] {
  const taught = new Set(c.schedule.flatMap((d) => d.items.map((it) => it.module).filter(Boolean)));
  return taught.size ? c.modules.filter((m) => taught.has(m.id)) : c.modules;
}

/** Every question of the tested modules, in handbook order. */
export function testQuestions(c: Curriculum): TestQuestion[] {
  return testedModules(c).flatMap((m, mi) => (m.assessment?.questions ?? []).map((q, qi) => ({ key: `${mi + 1}.${qi + 1}`, module: mi + 1, number: qi + 1, choices: q.choices.length, answer: q.answer })));
}

const SIZE = portrait(A4);
const M = { top: 34, left: 50, right: 45, bottom: 50 };
const BOX = 11;
const ROW = 17;
const COLS = 3;

function sheet(p: Paper, who: Participant, test: 'pre' | 'post', questions: TestQuestion[]): PaperPage[] {
  const { c } = p.ctx;
  let b = new PageBuilder(SIZE);
  const pages = [b];
  const right = SIZE[0] - M.right;
  const width = right - M.left;
  let y = kop(b, p.ctx, M.left, right, M.top) + 12;
  y += b.para(`${p.pl.answerSheet} ${test === 'pre' ? p.pl.preTest : p.pl.postTest}`, M.left, y, width, { font: 'bold', size: 13, align: 'center' });
  y += b.para(c.event.name, M.left, y, width, { size: 9.5, align: 'center' });
  y += 10;
  const fields: [string, string][] = [[p.pl.answerName, who.name], [p.pl.answerRole, roleAndOrigin(who)]];
  for (const [label, value] of fields) {
    b.text(label, M.left, y + 10, { size: 10 });
    y += Math.max(16, b.para(`:  ${value}`, M.left + 80, y, width - 80 - 110, { size: 10, font: label === p.pl.answerName ? 'bold' : 'regular' }) + 3);
  }
  // Score box on the right, filled in by the facilitator.
  b.rect(right - 90, y - 34, 90, 30, { width: 0.8 });
  b.text(p.pl.answerScore, right - 86, y - 25, { size: 7.5, color: MUTED });
  y += 4;
  y += b.para(p.pl.answerHow, M.left, y, width, { size: 9, font: 'italic' });
  y += 8;
  const colW = width / COLS;
  const modules = [...new Set(questions.map((q) => q.module))];
  for (const m of modules) {
    const qs = questions.filter((q) => q.module === m);
    const title = testedModules(c)[m - 1]!.title;
    y += b.para(`${p.ctx.labels.chapter} ${roman(m)}  ${title}`, M.left, y + 4, width, { font: 'bold', size: 9 }) + 6;
    const rows = Math.ceil(qs.length / COLS);
    // A module that no longer fits starts a new page (with the name again at the top).
    if (y + 20 + rows * ROW > SIZE[1] - M.bottom) {
      b = new PageBuilder(SIZE);
      pages.push(b);
      y = M.top + b.para(`${p.pl.answerName}: ${who.name} · ${test === 'pre' ? p.pl.preTest : p.pl.postTest} ${p.ctx.labels.continued}`, M.left, M.top, width, { font: 'bold', size: 9 }) + 10;
    }
    qs.forEach((q, i) => {
      // Numbers run down each column, as on printed answer sheets.
      const x = M.left + Math.floor(i / rows) * colW;
      const top = y + (i % rows) * ROW;
      b.text(`${q.number}.`, x + 18, top + BOX - 2, { size: 9, align: 'right' });
      for (let k = 0; k < q.choices; k++) {
        const bx = x + 24 + k * (BOX + 7);
        b.rect(bx, top, BOX, BOX, { width: 0.6 });
        b.text(letter(k), bx + BOX / 2, top + BOX - 3, { size: 7.5, align: 'center' });
      }
    });
    y += rows * ROW + 4;
  }
  for (const page of pages) footer(page, p.ctx, M.left, right, SIZE[1] - M.bottom + 14);
  return pages.map((page) => page.page());
}

export function answerSheetPages(p: Paper): PaperPage[] {
  const questions = testQuestions(p.ctx.c);
  return p.people.flatMap((who) => [...sheet(p, who, 'pre', questions), ...sheet(p, who, 'post', questions)]);
}
