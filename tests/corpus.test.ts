/**
 * The corpus of bad inputs: every folder under tests/fixtures/bad/ is a small curriculum broken in
 * one way, with an expect.json saying where bimtek must point and what it must say:
 *
 *   { "about": "…", "file": "kurikulum/curriculum.yaml", "line": 5, "col": 1,
 *     "message": "fragment of the message", "hint": "fragment of the hint",
 *     "count": 1,            // errors reported in all (default 1: no echoes of the first)
 *     "args": [...],         // default: build kurikulum --out out
 *     "setup": [...],        // steps done at test time: symlinks, huge or binary files, empty folders
 *     "skipAsRoot": true,    // needs permissions root ignores
 *     "pending": "why"       // a known bug outside the curriculum loader and template engine
 *   }
 *
 * Each fixture runs in a fresh workspace: the fixture is copied to `kurikulum/`, a previous good
 * build to `out/`, and `bimtek build kurikulum --out out` must then exit 1 within 5 seconds and 500 MB, print
 * `file:line:col: galat: …` and `  petunjuk: …`, print no stack trace and no English library text,
 * and leave everything outside `kurikulum/` byte-for-byte as it was (no new files, no temp files).
 * `line` 0 means the problem concerns the whole file or folder: the location is the path alone.
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';

interface SetupStep {
  op: 'write' | 'mkdir' | 'remove' | 'symlink' | 'copy' | 'generate' | 'truncate' | 'chmod';
  /** Relative to the workspace (the fixture itself is at `kurikulum/`). */
  path: string;
  text?: string;
  hex?: string;
  target?: string;
  from?: string;
  head?: string;
  repeat?: string;
  tail?: string;
  bytes?: number;
  times?: number;
  close?: string;
  mode?: string;
}

interface Expectation {
  about: string;
  file: string;
  line: number;
  col: number;
  message: string;
  hint: string;
  count?: number;
  args?: string[];
  setup?: SetupStep[];
  skipAsRoot?: boolean;
  pending?: string;
}

const BAD = path.join(ROOT, 'tests/fixtures/bad');
const MINI = path.join(ROOT, 'tests/fixtures/mini');
/** The budget of issue 20 for any bad input (measured on a shared, loaded machine: a fast answer is well under it). */
const TIME_LIMIT_MS = 5000;
/** Peak memory of any bad input's run (the budget of issue 20: well under what a laptop has). */
const MEMORY_LIMIT = 500 * 1024 * 1024;
const isRoot = process.getuid?.() === 0;

/** Phrases of the libraries bimtek uses (yaml, zod, Handlebars, Node) that must never reach a user. */
const ENGLISH = /\b(Error|Invalid|Unexpected|Expecting|Missing|Cannot|not defined|must be|is not|could not|Maximum call stack|undefined|ENOENT|EISDIR|ENOTDIR)\b/;

const fixtures = readdirSync(BAD)
  .filter((d) => existsSync(path.join(BAD, d, 'expect.json')))
  .sort();
const expectations = new Map(fixtures.map((name) => [name, JSON.parse(readFileSync(path.join(BAD, name, 'expect.json'), 'utf8')) as Expectation]));

const scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'bimtek-corpus-')));
let previousBuild = '';

beforeAll(() => {
  // The "previous good PDF" every failing build must leave alone.
  previousBuild = path.join(scratch, 'previous');
  const r = runCli(['build', MINI, '--out', previousBuild]);
  expect(r.code, r.stderr).toBe(0);
  expect(readdirSync(previousBuild).filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(0);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function applyStep(ws: string, step: SetupStep): void {
  const at = path.join(ws, step.path);
  mkdirSync(path.dirname(at), { recursive: true });
  switch (step.op) {
    case 'write':
      writeFileSync(at, step.hex !== undefined ? Buffer.from(step.hex, 'hex') : (step.text ?? ''));
      break;
    case 'mkdir':
      mkdirSync(at, { recursive: true });
      break;
    case 'remove':
      rmSync(at, { recursive: true, force: true });
      break;
    case 'symlink':
      rmSync(at, { recursive: true, force: true });
      symlinkSync(step.target!, at);
      break;
    case 'copy':
      copyFileSync(path.join(ws, step.from!), at);
      break;
    case 'generate': {
      // Large inputs are made here rather than committed: `head`, then `repeat` either `times`
      // times (each closed again by `close` at the end) or until the file has `bytes` bytes.
      const unit = step.repeat!;
      const head = step.head ?? '';
      const tail = step.tail ?? '';
      const times = step.times ?? Math.max(1, Math.ceil((step.bytes! - head.length - tail.length) / unit.length));
      writeFileSync(at, head + unit.repeat(times) + (step.close ?? '').repeat(times) + tail);
      break;
    }
    case 'truncate':
      truncateSync(at, step.bytes!);
      break;
    case 'chmod':
      chmodSync(at, parseInt(step.mode!, 8));
      break;
  }
}

function workspace(name: string, e: Expectation): string {
  const ws = path.join(scratch, name);
  const src = path.join(BAD, name);
  cpSync(src, path.join(ws, 'kurikulum'), { recursive: true, filter: (from) => from !== path.join(src, 'expect.json') });
  cpSync(previousBuild, path.join(ws, 'out'), { recursive: true });
  for (const step of e.setup ?? []) applyStep(ws, step);
  return ws;
}

/** Every entry under `dir` (hidden ones too) except `skip`: file hashes, link targets, folders. */
function snapshot(dir: string, skip: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const abs = path.join(d, name);
      const rel = path.relative(dir, abs);
      if (rel === skip) continue;
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) out[rel] = `-> ${readlinkSync(abs)}`;
      else if (st.isDirectory()) {
        out[rel] = `dir ${(st.mode & 0o777).toString(8)}`;
        walk(abs);
      } else out[rel] = createHash('sha256').update(readFileSync(abs)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

function cleanup(ws: string): void {
  // Undo chmod so the workspace can be removed.
  const walk = (d: string) => {
    chmodSync(d, 0o755);
    for (const name of readdirSync(d)) {
      const abs = path.join(d, name);
      if (lstatSync(abs).isDirectory()) walk(abs);
    }
  };
  walk(ws);
  rmSync(ws, { recursive: true, force: true });
}

function check(name: string, e: Expectation): void {
  const ws = workspace(name, e);
  try {
    const before = snapshot(ws, 'kurikulum');
    const args = e.args ?? ['build', 'kurikulum', '--out', 'out'];
    let r = runCli(args, { cwd: ws, timeout: 20_000, measure: true });
    // Wall time on a shared machine is noisy in one direction only: a slow answer is measured
    // once more (the answer must be the same) and the faster one counts.
    if (r.ms >= TIME_LIMIT_MS) {
      const again = runCli(args, { cwd: ws, timeout: 20_000, measure: true });
      expect(again.stderr).toBe(r.stderr);
      if (again.ms < r.ms) r = again;
    }
    const output = `${r.stderr}${r.stdout}`;
    const context = `${name}: ${e.about}\n--- bimtek said (exit ${r.code}, ${r.ms} ms):\n${output}`;

    expect(r.code, context).toBe(1);
    expect(output, context).not.toMatch(/^\s{4}at /m);

    const location = e.line > 0 ? (e.col > 0 ? `${e.file}:${e.line}:${e.col}` : `${e.file}:${e.line}`) : e.file; // roster rows have no column
    const lines = r.stderr.split('\n');
    const errors = lines.filter((l) => / galat: /.test(l));
    const i = lines.findIndex((l) => l.startsWith(`${location}: galat: `));
    expect(i, `expected a line starting "${location}: galat: "\n${context}`).toBeGreaterThanOrEqual(0);
    expect(lines[i], context).toContain(e.message);
    expect(lines[i + 1], `expected a hint after the message\n${context}`).toMatch(/^ {2}petunjuk: /);
    expect(lines[i + 1], context).toContain(e.hint);
    expect(errors.length, `expected ${e.count ?? 1} error(s), no echoes\n${context}`).toBe(e.count ?? 1);
    expect(r.stderr, `English library text leaked\n${context}`).not.toMatch(ENGLISH);

    expect(snapshot(ws, 'kurikulum'), `the output folder changed\n${context}`).toEqual(before);
    expect(r.ms, `too slow\n${context}`).toBeLessThan(TIME_LIMIT_MS);
    expect(r.maxRss, `peak memory not measured\n${context}`).toBeGreaterThan(0);
    expect(r.maxRss, `too much memory (${Math.round(r.maxRss / 2 ** 20)} MB)\n${context}`).toBeLessThan(MEMORY_LIMIT);
  } finally {
    cleanup(ws);
  }
}

describe('corpus of bad inputs', () => {
  it('has at least 40 fixtures, each with a complete expect.json', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    for (const [name, e] of expectations) {
      expect(typeof e.about, name).toBe('string');
      expect(typeof e.file, name).toBe('string');
      expect(Number.isInteger(e.line) && Number.isInteger(e.col), name).toBe(true);
      expect(e.message.length, name).toBeGreaterThan(0);
      expect(e.hint.length, name).toBeGreaterThan(0);
    }
  });

  it('builds the base of the template fixtures (so they fail only for what they break)', () => {
    const ws = path.join(scratch, '_control');
    cpSync(MINI, path.join(ws, 'kurikulum'), { recursive: true });
    const cover = path.join(ws, 'kurikulum/templates/handbook/cover.hbs');
    mkdirSync(path.dirname(cover), { recursive: true });
    writeFileSync(cover, '# {{md title}} {.no-toc}\n\n{{#if subtitle}}\n## {{md subtitle}} {.no-toc}\n\n{{/if}}\n{{md event.name}}\n');
    const r = runCli(['build', 'kurikulum', '--out', 'out'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    rmSync(ws, { recursive: true, force: true });
  });

  for (const name of fixtures) {
    const e = expectations.get(name)!;
    const title = `${name}: ${e.about}`;
    if (e.pending) {
      // Known bugs outside the loader and template engine: these fail until fixed there. When
      // one starts passing, drop its "pending".
      it.fails(`PENDING ${title} — ${e.pending}`, () => check(name, e));
    } else {
      it.skipIf(Boolean(e.skipAsRoot) && isRoot)(title, () => check(name, e));
    }
  }
});
