/**
 * Pre-test and post-test scores from an answers file (CSV or XLSX, read with the roster
 * readers): one row per participant and test, columns for the participant (name or roster
 * number), the test (pre/post) and one column per question ("1.3" = BAB I question 3) holding
 * the chosen letter. Every bad cell is reported with its row and column; then the scores, class
 * averages and the share correct per question before and after.
 */
import { existsSync } from 'node:fs';
import { diagnostic, displayPath, UserError, type Curriculum, type Diagnostic } from '../../curriculum/index.js';
import { headerKey, readCells, type CellSink } from '../../roster/index.js';
import { testQuestions, type TestQuestion } from './answer-sheet.js';
import type { Participant } from './common.js';

export type TestKind = 'pre' | 'post';

export interface AnswerRow {
  line: number;
  who: string;
  test: TestKind;
  /** Chosen letter per question key ('' = no answer). */
  answers: Map<string, string>;
}

export interface ParticipantScore {
  who: string;
  pre: number | null;
  post: number | null;
  gain: number | null;
}

export interface ItemScore {
  key: string;
  /** Share correct, 0–1, or null when nobody took that test. */
  pre: number | null;
  post: number | null;
  /** Below 50 % correct after the training. */
  hard: boolean;
}

export interface ScoreReport {
  questions: TestQuestion[];
  participants: ParticipantScore[];
  average: { pre: number | null; post: number | null; gain: number | null };
  items: ItemScore[];
}

const NAME = new Set(['nama', 'name', 'namapeserta', 'namalengkap', 'peserta']);
const NUMBER = new Set(['no', 'nomor', 'nourut', 'number', 'nomorpeserta']);
const TEST = new Set(['tes', 'test', 'jenistes', 'jenis', 'pretestposttest', 'prepost']);
const TEST_VALUES: Record<string, TestKind> = { pre: 'pre', pretest: 'pre', awal: 'pre', tesawal: 'pre', post: 'post', posttest: 'post', akhir: 'post', tesakhir: 'post' };
const MAX_PROBLEMS = 100;

/** Reads the rows into AnswerRows, collecting located problems. */
class AnswersSink implements CellSink {
  fatal = false;
  readonly rows: AnswerRow[] = [];
  readonly problems: Diagnostic[] = [];
  private cols: { who: number; byNumber: boolean; test: number; questions: { index: number; q: TestQuestion }[] } | null = null;
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly shown: string,
    private readonly questions: TestQuestion[],
    private readonly people: Participant[] | null,
  ) {}

  problem(line: number, message: string, extra: { hint?: string; found?: string; expected?: string; col?: number } = {}): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(diagnostic(this.shown, message, { ...extra, line, col: extra.col ?? 0 }));
  }

  add(cells: readonly (string | null | undefined)[], line: number): void {
    const text = cells.map((c) => (c ?? '').trim());
    if (text.every((c) => c === '')) return;
    if (!this.cols) return this.header(text, line);
    const { who: whoCol, byNumber, test: testCol, questions } = this.cols;
    let who = text[whoCol] ?? '';
    if (!who) return this.problem(line, byNumber ? 'nomor peserta kosong' : 'nama peserta kosong', { col: whoCol + 1, hint: 'isi kolom ini, atau hapus seluruh baris' });
    if (byNumber) {
      const n = Number(who);
      const person = this.people?.find((p) => p.seq === n);
      if (!Number.isInteger(n) || n < 1) return this.problem(line, `nomor peserta "${who}" bukan bilangan bulat`, { col: whoCol + 1, hint: 'nomor urut peserta di roster: 1, 2, 3 …' });
      if (this.people && !person) return this.problem(line, `tidak ada peserta bernomor ${n} di roster`, { col: whoCol + 1, expected: `1 sampai ${this.people.length}` });
      who = person?.name ?? who;
    }
    const test = TEST_VALUES[headerKey(text[testCol] ?? '')];
    if (!test) return this.problem(line, `jenis tes "${text[testCol] ?? ''}" tidak dikenal`, { col: testCol + 1, expected: 'pre atau post', hint: 'tulis pre untuk tes awal dan post untuk tes akhir' });
    const key = `${headerKey(who)} ${test}`;
    const before = this.seen.get(key);
    if (before !== undefined) return this.problem(line, `${who} sudah punya jawaban ${test}-test di baris ${before}`, { col: whoCol + 1, hint: 'satu baris per peserta per tes; hapus baris ganda' });
    this.seen.set(key, line);
    const answers = new Map<string, string>();
    for (const { index, q } of questions) {
      const v = (text[index] ?? '').toUpperCase();
      const allowed = 'ABCDE'.slice(0, q.choices);
      if (v !== '' && !(v.length === 1 && allowed.includes(v))) {
        this.problem(line, `jawaban soal ${q.key} tidak sah`, { col: index + 1, found: text[index], expected: `salah satu huruf ${[...allowed].join(', ')}, atau kosong bila tidak dijawab` });
      }
      answers.set(q.key, v);
    }
    this.rows.push({ line, who, test, answers });
  }

  private header(text: string[], line: number): void {
    const keys = text.map(headerKey);
    const name = keys.findIndex((k) => NAME.has(k));
    const number = keys.findIndex((k) => NUMBER.has(k));
    const test = keys.findIndex((k) => TEST.has(k));
    const byKey = new Map(this.questions.map((q) => [q.key, q]));
    const questions: { index: number; q: TestQuestion }[] = [];
    text.forEach((h, index) => {
      if (!/^\d+\.\d+$/.test(h)) return;
      const q = byKey.get(h);
      if (q) questions.push({ index, q });
      else this.problem(line, `kolom "${h}" bukan soal di kurikulum`, { col: index + 1, expected: `soal ${this.questions[0]?.key ?? '1.1'} sampai ${this.questions[this.questions.length - 1]?.key ?? ''}`, hint: 'kolom soal ditulis BAB.nomor, misalnya 2.3 untuk BAB II soal 3' });
    });
    const missing: string[] = [];
    if (name < 0 && number < 0) missing.push('"Nama" (atau "No" = nomor urut di roster)');
    if (test < 0) missing.push('"Tes" (isi: pre atau post)');
    if (!questions.length) missing.push('satu kolom per soal: 1.1, 1.2, …');
    if (missing.length) {
      this.fatal = true;
      return this.problem(line, 'baris judul berkas jawaban tidak lengkap', { expected: missing.join('; '), found: text.filter(Boolean).slice(0, 8).join(', ') || 'baris kosong', hint: 'baris pertama: Nama;Tes;1.1;1.2;… lalu satu baris per peserta per tes' });
    }
    this.cols = { who: name >= 0 ? name : number, byNumber: name < 0, test, questions };
  }
}

export async function readAnswers(file: string, c: Curriculum, people: Participant[] | null, sheet?: string): Promise<{ questions: TestQuestion[]; rows: AnswerRow[] }> {
  const all = testQuestions(c);
  if (!all.length) throw new UserError([diagnostic(displayPath(c.file), 'kurikulum tidak memuat soal', { hint: 'tambahkan assessment.questions di modul agar nilai dapat dihitung' })]);
  // The roster readers speak of "roster"; a missing answers file is named as what it is.
  if (!existsSync(file)) throw new UserError([diagnostic(displayPath(file), 'berkas jawaban tidak ditemukan', { hint: 'periksa nama dan letak berkas --answers (path relatif terhadap folder tempat perintah dijalankan)' })]);
  const sink = new AnswersSink(displayPath(file), all, people);
  await readCells(file, sink, sheet !== undefined ? { sheet } : {});
  if (sink.problems.length) throw new UserError(sink.problems);
  if (!sink.rows.length) throw new UserError([diagnostic(displayPath(file), 'berkas jawaban tidak berisi jawaban', { hint: 'di bawah baris judul, satu baris per peserta per tes' })]);
  const used = new Set(sink.rows.flatMap((r) => [...r.answers.keys()]));
  return { questions: all.filter((q) => used.has(q.key)), rows: sink.rows };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
/** One decimal, as scores are written. */
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Scores out of 100 (one decimal, rounded last), in the order participants first appear. */
export function scoreAnswers(questions: TestQuestion[], rows: AnswerRow[]): ScoreReport {
  const scoreOf = (r: AnswerRow) => (100 * questions.filter((q) => r.answers.get(q.key) === q.answer).length) / questions.length;
  const order: string[] = [];
  const by = new Map<string, { pre: number | null; post: number | null }>();
  for (const r of rows) {
    let s = by.get(r.who);
    if (!s) {
      by.set(r.who, (s = { pre: null, post: null }));
      order.push(r.who);
    }
    s[r.test] = scoreOf(r);
  }
  const raw = order.map((who) => {
    const s = by.get(who)!;
    return { who, ...s, gain: s.pre !== null && s.post !== null ? s.post - s.pre : null };
  });
  const r1 = (x: number | null) => (x === null ? null : round1(x));
  const avg = (xs: (number | null)[]) => r1(mean(xs.filter((x): x is number => x !== null)));
  const share = (q: TestQuestion, test: TestKind) => {
    const taken = rows.filter((r) => r.test === test);
    return taken.length ? taken.filter((r) => r.answers.get(q.key) === q.answer).length / taken.length : null;
  };
  const items = questions.map((q) => {
    const post = share(q, 'post');
    return { key: q.key, pre: share(q, 'pre'), post, hard: post !== null && post < 0.5 };
  });
  return {
    questions,
    participants: raw.map((p) => ({ who: p.who, pre: r1(p.pre), post: r1(p.post), gain: r1(p.gain) })),
    average: { pre: avg(raw.map((p) => p.pre)), post: avg(raw.map((p) => p.post)), gain: avg(raw.map((p) => p.gain)) },
    items,
  };
}
