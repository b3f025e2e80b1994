/**
 * The CLI as a person meets it: help and commander's errors in Indonesian, the curriculum folder
 * taken the same way by every command (diff included), --json and --quiet everywhere, and a
 * progress line that is erased before the next one on a terminal.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { diffArguments } from '../src/cli/diff.js';
import { translateError } from '../src/cli/help-id.js';
import { info, progress, setOutputMode } from '../src/cli/output.js';
import { ROOT, runCli } from './helpers/cli.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'bimtek-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** commander's own English words; none may reach the user. */
const ENGLISH = /Usage:|Options:|Arguments:|Commands:|display help|output the version|\(default:|choices:|\[options\]|\[command\]|error:|Did you mean|unknown|missing|too many|is invalid|Allowed/;
const COMMANDS = ['validate', 'build', 'handbook', 'slides', 'attendance', 'diff', 'schema', 'init'];

describe('help and errors in Indonesian', () => {
  it('shows every help screen without commander English', () => {
    for (const args of [['--help'], ['help'], ...COMMANDS.map((c) => [c, '--help']), ['help', 'build']]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/^Penggunaan: bimtek/);
      expect(r.stdout, args.join(' ')).not.toMatch(ENGLISH);
    }
    const build = runCli(['build', '--help']).stdout;
    expect(build).toContain('Opsi:');
    expect(build).toContain('(bawaan: "out")');
    expect(build).toMatch(/pilihan: "facilitator",\s+"participant"/);
    expect(runCli(['--help']).stdout).toMatch(/Perintah:[\s\S]*diff \[opsi\] \[folder\] <rev-a> \[rev-b\]/);
  });

  it('says every kind of usage error in Indonesian, exit 1', () => {
    const cases: [string[], RegExp][] = [
      [['build', '--bogus'], /^galat: opsi '--bogus' tidak dikenal/],
      [['buld'], /^galat: perintah 'buld' tidak dikenal\n\(maksud Anda build\?\)/],
      [['diff'], /^galat: argumen 'revisi' wajib diisi/],
      [['build', '--out'], /^galat: opsi '-o, --out <dir>' memerlukan nilai/],
      [['validate', 'a', 'b'], /^galat: terlalu banyak argumen untuk 'validate': paling banyak 1, diberikan 2/],
      [['build', '--edition', 'semua'], /^galat: nilai 'semua' untuk opsi '--edition <edition>' tidak sah; pilihannya: facilitator, participant/],
      [[], /^Penggunaan: bimtek/],
    ];
    for (const [args, expected] of cases) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(expected);
      expect(r.stderr, args.join(' ')).not.toMatch(ENGLISH);
    }
  });

  it('still says "galat:" for a message it has no translation for', () => {
    expect(translateError('error: something new happened\n')).toBe('galat: something new happened\n');
    expect(translateError("error: unknown option '--x'\n(Did you mean one of --a, --b?)\n")).toBe("galat: opsi '--x' tidak dikenal\n(maksud Anda salah satu dari --a, --b?)\n");
  });
});

describe('one way to name the folder, --json and --quiet everywhere', () => {
  it('diff: [folder] <rev-a> [rev-b], and the older --dir', () => {
    const cur = path.join(ROOT, 'curriculum');
    expect(diffArguments(['HEAD'])).toEqual({ folder: undefined, revA: 'HEAD', revB: undefined });
    expect(diffArguments(['v1', 'v2'])).toEqual({ folder: undefined, revA: 'v1', revB: 'v2' });
    expect(diffArguments([cur, 'v1'])).toEqual({ folder: cur, revA: 'v1', revB: undefined });
    expect(diffArguments(['x', 'v1', 'v2'])).toEqual({ folder: 'x', revA: 'v1', revB: 'v2' });
    expect(diffArguments(['v1', 'v2'], cur)).toEqual({ folder: cur, revA: 'v1', revB: 'v2' });
    expect(() => diffArguments(['a', 'b', 'c', 'd'])).toThrow(/terlalu banyak argumen/);
    expect(() => diffArguments(['a', 'b', 'c'], cur)).toThrow(/terlalu banyak argumen/);
  });

  it('--quiet prints nothing on success and still prints the problems', () => {
    const out = path.join(temp, 'q');
    const ok = runCli(['build', 'tests/fixtures/mini', '--out', out, '--only', 'attendance', '--quiet']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout + ok.stderr).toBe('');
    expect(runCli(['validate', 'tests/fixtures/mini', '-q']).stdout).toBe('');
    const missing = path.join(temp, 'kosong');
    mkdirSync(missing);
    const bad = runCli(['validate', missing, '--quiet']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('curriculum.yaml tidak ada');
  });

  it('--json: absolute paths and rounded numbers from build, schema and diagnostics', () => {
    const out = path.join(temp, 'j');
    const b = runCli(['build', 'tests/fixtures/mini', '--out', out, '--only', 'attendance', '--json']);
    expect(b.code, b.stderr).toBe(0);
    const j = JSON.parse(b.stdout);
    expect(j).toMatchObject({ ok: true, folder: path.join(ROOT, 'tests', 'fixtures', 'mini'), out });
    expect(String(j.seconds)).toMatch(/^\d+(\.\d{1,2})?$/);
    for (const f of j.files) {
      expect(path.isAbsolute(f.path), f.path).toBe(true);
      expect(Number.isInteger(f.ms)).toBe(true);
    }
    const s = runCli(['schema', '--out', path.join(temp, 'schema.json'), '--json']);
    expect(JSON.parse(s.stdout)).toEqual({ ok: true, file: path.join(temp, 'schema.json') });
    const bad = runCli(['validate', path.join(temp, 'tidak-ada'), '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).ok).toBe(false);
  });
});

describe('progress on a terminal', () => {
  const writes: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    writes.length = 0;
    setOutputMode({});
  });

  function terminal(isTTY: boolean) {
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (writes.push(String(s)), true));
    Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true });
    vi.stubEnv('CI', '');
  }

  it('erases the line before each progress update and before the next result line', () => {
    terminal(true);
    progress('… out/a-very-long-file-name.pdf');
    progress('… out/b.pdf');
    info('✓ out/b.pdf');
    expect(writes.map((w) => w.replace(/\x1b\[[0-9;]*m/g, (m) => (m === '\x1b[2K' ? m : '')))).toEqual([
      '\r\x1b[2K… out/a-very-long-file-name.pdf',
      '\r\x1b[2K… out/b.pdf',
      '\r\x1b[2K',
      '✓ out/b.pdf\n',
    ]);
  });

  it('prints no progress when not on a terminal, with --json or with --quiet', () => {
    terminal(false);
    progress('… x');
    terminal(true);
    setOutputMode({ quiet: true });
    progress('… y');
    setOutputMode({ json: true });
    progress('… z');
    expect(writes).toEqual([]);
  });
});
