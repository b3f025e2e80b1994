/**
 * `bimtek validate`: a one-line summary when all is well; every problem of every file in one run,
 * sorted, otherwise; JSON with --json; GitHub annotations under CI.
 */
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const MINI = 'tests/fixtures/mini';
const scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'bimtek-validate-')));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the mini curriculum with problems in three files; returns its folder name in `scratch`. */
function brokenCurriculum(): { dir: string; expected: string[] } {
  const dir = path.join(scratch, 'rusak');
  rmSync(dir, { recursive: true, force: true });
  cpSync(MINI, dir, { recursive: true });
  const edit = (rel: string, from: string, to: string) => {
    const file = path.join(dir, rel);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
  };
  // curriculum.yaml: a misspelt key (line 6) and an unknown time zone (line 14).
  edit('curriculum.yaml', '  address: Jl', '  adress: Jl');
  edit('curriculum.yaml', '  venue: Aula Uji\n', '  venue: Aula Uji\n  timezone: WIP\n');
  // modules/01: a YAML syntax error (a tab on line 4).
  edit('modules/01-pemungutan.yaml', 'duration: 90', 'duration:\t90\n\tx: 1');
  // modules/02: a wrong type (line 4) and a missing key.
  edit('modules/02-etika.yaml', 'duration: 60', 'duration: 60 menit');
  edit('modules/02-etika.yaml', 'objectives: [Memahami prinsip uji.]\n', '');
  return {
    dir: 'rusak',
    // In the order they must be printed: by file, then line, then column.
    expected: [
      'rusak/curriculum.yaml:6:3: galat: kunci "adress" tidak dikenal',
      'rusak/curriculum.yaml:14:13: galat: nilai event.timezone tidak dikenal',
      'rusak/modules/01-pemungutan.yaml:5:1: galat: karakter Tab',
      'rusak/modules/02-etika.yaml:1:1: galat: kunci "objectives" wajib diisi',
      'rusak/modules/02-etika.yaml:4:11: galat: nilai duration salah jenis',
    ],
  };
}

describe('bimtek validate', () => {
  it('says a valid curriculum is valid in one line and exits 0', () => {
    const r = runCli(['validate', MINI]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^✓ tests\/fixtures\/mini\/curriculum\.yaml: kurikulum "Kurikulum Uji" versi 1\.0-uji valid — 2 modul, 2 bagian, 1 soal; roster tests\/fixtures\/mini\/peserta\.csv: 2 peserta$/);
  });

  it('prints valid JSON with --json, before or after the command', () => {
    for (const args of [['validate', MINI, '--json'], ['--json', 'validate', MINI]]) {
      const r = runCli(args);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { ok: boolean; diagnostics: unknown[]; modules: number };
      expect(out).toMatchObject({ ok: true, diagnostics: [], modules: 2 });
    }
  });

  it('reports every problem in every file in one run, sorted by file, line and column', () => {
    const { dir, expected } = brokenCurriculum();
    const r = runCli(['validate', dir], { cwd: scratch });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/^\s{4}at /m);
    const errors = r.stderr.split('\n').filter((l) => / galat: /.test(l));
    expect(errors).toHaveLength(expected.length);
    errors.forEach((line, i) => expect(line.startsWith(expected[i]!), `${line}\nshould start with\n${expected[i]}`).toBe(true));
    // Each message is followed by its hint, and a count closes the report.
    const lines = r.stderr.split('\n');
    for (const e of errors) expect(lines[lines.indexOf(e) + 1]).toMatch(/^ {2}petunjuk: \S/);
    expect(r.stderr).toMatch(/\n5 galat\n$/);
  });

  it('reports the same problems as JSON with --json (and nothing on stderr)', () => {
    const { dir, expected } = brokenCurriculum();
    const r = runCli(['validate', dir, '--json'], { cwd: scratch });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { ok: boolean; diagnostics: { file: string; line: number; col: number; message: string; hint?: string; severity: string }[] };
    expect(out.ok).toBe(false);
    expect(out.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}`)).toEqual(expected.map((e) => e.split(': ')[0]));
    for (const d of out.diagnostics) {
      expect(d.severity).toBe('error');
      expect(d.hint).toBeTruthy();
    }
  });

  it('adds GitHub annotations under CI', () => {
    const { dir, expected } = brokenCurriculum();
    const r = runCli(['validate', dir], { cwd: scratch, env: { CI: 'true' } });
    expect(r.code).toBe(1);
    const annotations = r.stderr.split('\n').filter((l) => l.startsWith('::error '));
    expect(annotations).toHaveLength(expected.length);
    annotations.forEach((a, i) => {
      const [file, line, col] = expected[i]!.split(': ')[0]!.split(':');
      expect(a.startsWith(`::error file=${file},line=${line},col=${col}::`), a).toBe(true);
      expect(a).toContain(' — '); // message, then the hint
    });
  });

  it('annotates a problem about a whole file without line and column', () => {
    const dir = path.join(scratch, 'tanpa-modul');
    rmSync(dir, { recursive: true, force: true });
    cpSync(MINI, dir, { recursive: true });
    rmSync(path.join(dir, 'modules'), { recursive: true });
    const r = runCli(['validate', 'tanpa-modul'], { cwd: scratch, env: { CI: 'true' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('tanpa-modul/modules: galat: tidak ada modul');
    expect(r.stderr).toContain('::error file=tanpa-modul/modules::tidak ada modul');
  });
});
