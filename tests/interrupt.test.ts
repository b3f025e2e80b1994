/**
 * A build that is killed while it writes (SIGKILL: nothing runs on the way out; SIGINT: Ctrl+C)
 * never leaves a broken or half-written output: every file in the output folder is either the
 * previous build's (same bytes) or a complete new one (same bytes as an uninterrupted build), no
 * other file appears, and only SIGKILL may leave a hidden `.name.pid-random.bimtek-tmp` behind, which
 * the next successful build removes.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from './helpers/cli.js';

const MINI = path.join(ROOT, 'tests/fixtures/mini');
const TEMP = /^\.[^/]+\.\d+-[0-9a-f]{16}\.bimtek-tmp$/;
const EXTRA_MODULES = 10;

const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'bimtek-interrupt-')));
const env = Object.fromEntries(Object.entries({ ...process.env, NO_COLOR: '1' }).filter(([k]) => k !== 'CI')) as Record<string, string>;

/** Every file in a folder (hidden ones too) with its bytes. */
function contents(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f))]));
}

let previous: Map<string, Buffer>;
let complete: Map<string, Buffer>;

beforeAll(() => {
  // A curriculum big enough that writing a handbook takes a noticeable while.
  const cur = path.join(ws, 'kurikulum');
  cpSync(MINI, cur, { recursive: true });
  const module = readFileSync(path.join(cur, 'modules/01-pemungutan.yaml'), 'utf8');
  for (let i = 1; i <= EXTRA_MODULES; i++) {
    writeFileSync(path.join(cur, `modules/${String(10 + i)}-salinan.yaml`), module.replace('id: pemungutan', `id: salinan-${i}`).replace('title: Pemungutan Suara Uji', `title: Salinan Modul ${i}`));
  }
  const main = path.join(cur, 'curriculum.yaml');
  const text = readFileSync(main, 'utf8');
  // The previous build (version "lama") in out/, and what a complete new build (version "baru") writes.
  writeFileSync(main, text.replace('version: 1.0-uji', 'version: lama'));
  let r = runCli(['build', 'kurikulum', '--out', 'sebelumnya'], { cwd: ws });
  expect(r.code, r.stderr).toBe(0);
  writeFileSync(main, text.replace('version: 1.0-uji', 'version: baru'));
  r = runCli(['build', 'kurikulum', '--out', 'lengkap'], { cwd: ws });
  expect(r.code, r.stderr).toBe(0);
  previous = contents(path.join(ws, 'sebelumnya'));
  complete = contents(path.join(ws, 'lengkap'));
  expect([...previous.keys()].filter((f) => f.endsWith('.pdf')).length).toBeGreaterThanOrEqual(2);
  for (const [f, bytes] of previous) if (f.endsWith('.pdf')) expect(bytes.equals(complete.get(f)!), `${f} must differ between the builds`).toBe(false);
}, 120_000);

afterAll(() => rmSync(ws, { recursive: true, force: true }));

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** The temp files present when the signal was sent. */
  tempsAtKill: string[];
}

/**
 * Start `bimtek build` over a copy of the previous output and send `signal` as soon as the output
 * folder holds a temp file for which `when` is true (the build is then writing that file).
 */
function buildAndInterrupt(out: string, signal: NodeJS.Signals, when: (temp: string) => boolean): Promise<Interrupted> {
  rmSync(out, { recursive: true, force: true });
  cpSync(path.join(ws, 'sebelumnya'), out, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'build', 'kurikulum', '--out', path.basename(out)], { cwd: ws, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let tempsAtKill: string[] = [];
    let done = false;
    const poll = () => {
      if (done) return;
      const temps = readdirSync(out).filter((f) => TEMP.test(f));
      if (temps.some(when)) {
        tempsAtKill = temps;
        child.kill(signal);
        return;
      }
      setImmediate(poll);
    };
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      done = true;
      resolve({ code, signal: sig, stderr, tempsAtKill });
    });
    poll();
  });
}

/** Everything in `out` is the previous file or a complete new one; nothing else appeared. */
function expectIntact(out: string, allowTemps: boolean): void {
  const now = contents(out);
  for (const name of previous.keys()) expect(now.has(name), `${name} disappeared`).toBe(true);
  for (const [name, bytes] of now) {
    if (TEMP.test(name) && allowTemps) continue;
    expect(previous.has(name), `unexpected file ${name}`).toBe(true);
    const same = bytes.equals(previous.get(name)!) || bytes.equals(complete.get(name)!);
    expect(same, `${name} is neither the previous file nor a complete new one (${bytes.length} bytes)`).toBe(true);
  }
}

describe('interrupted build', () => {
  const cases: [NodeJS.Signals, string, (t: string) => boolean][] = [
    ['SIGKILL', 'while writing the first handbook', (t) => t.includes('handbook-facilitator.pdf')],
    ['SIGKILL', 'while writing the second handbook', (t) => t.includes('handbook-participant.pdf')],
    ['SIGINT', 'while writing the first handbook', (t) => t.includes('handbook-facilitator.pdf')],
    ['SIGINT', 'while writing the second handbook', (t) => t.includes('handbook-participant.pdf')],
  ];
  for (const [signal, moment, when] of cases) {
    it(`${signal} ${moment} keeps the previous files intact and leaves ${signal === 'SIGINT' ? 'no temp file' : 'no broken PDF'}`, async () => {
      const out = path.join(ws, `keluar-${signal}-${cases.findIndex((c) => c[2] === when)}`);
      const r = await buildAndInterrupt(out, signal, when);
      expect(r.tempsAtKill.length, 'the signal was sent while a file was being written').toBeGreaterThan(0);
      if (signal === 'SIGKILL') {
        expect(r.signal).toBe('SIGKILL');
      } else {
        expect(r.code, r.stderr).toBe(130);
        expect(r.stderr).toContain('dihentikan (SIGINT)');
        expect(r.stderr).not.toMatch(/^\s{4}at /m);
      }
      expectIntact(out, signal === 'SIGKILL');
      // The file being written when the signal came is still the previous one (it was never
      // renamed into place half-done).
      for (const temp of r.tempsAtKill) {
        const target = temp.replace(/^\./, '').replace(/\.\d+-[0-9a-f]{16}\.bimtek-tmp$/, '');
        const now = readFileSync(path.join(out, target));
        expect(now.equals(previous.get(target)!) || now.equals(complete.get(target)!), target).toBe(true);
      }
      if (signal === 'SIGKILL') {
        // What the killed build left behind is cleared by the next build that succeeds.
        const again = runCli(['build', 'kurikulum', '--out', path.basename(out)], { cwd: ws });
        expect(again.code, again.stderr).toBe(0);
        expect(readdirSync(out).filter((f) => TEMP.test(f))).toEqual([]);
      }
    });
  }
});
