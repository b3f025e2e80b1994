/**
 * Safe writes (issue 20): whatever another user planted in a shared output folder, a build writes
 * nothing outside `--out`, never writes through a link, checks every final name before the first
 * rename, commits all files or none, clears temp files of killed builds, and names a file another
 * program holds open (simulated: renames refused with EPERM/EBUSY).
 */
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { UserError } from '../src/curriculum/index.js';
import { fsOps } from '../src/write/commit.js';
import { inBatch, writeFileAtomic } from '../src/write/index.js';
import { ROOT, runCli } from './helpers/cli.js';

const MINI = path.join(ROOT, 'tests/fixtures/mini');
const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'bimtek-write-')));
let names: string[] = [];

beforeAll(() => {
  cpSync(MINI, path.join(ws, 'kurikulum'), { recursive: true });
  const r = runCli(['build', 'kurikulum', '--out', 'bersih'], { cwd: ws });
  expect(r.code, r.stderr).toBe(0);
  names = readdirSync(path.join(ws, 'bersih'));
  expect(names.length).toBeGreaterThanOrEqual(5);
});

afterAll(() => rmSync(ws, { recursive: true, force: true }));

/** Every entry under `dir`: file bytes, link targets, folders. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const abs = path.join(dir, name);
    const st = lstatSync(abs);
    out[name] = st.isSymbolicLink() ? `-> ${readlinkSync(abs)}` : st.isDirectory() ? 'dir' : readFileSync(abs).toString('base64');
  }
  return out;
}

describe('a shared output folder with planted links', () => {
  it('writes nothing outside --out through links at every name the writer uses, old temp names included', () => {
    const out = path.join(ws, 'jebakan');
    const outside = path.join(ws, 'luar');
    mkdirSync(out);
    mkdirSync(outside);
    // A victim file behind every final name, and behind the temp names bimtek used to predict
    // (`.name.<pid>.tmp`) for the next few hundred process ids.
    const planted: string[] = [];
    for (const name of names) {
      planted.push(name);
      for (let pid = process.pid; pid < process.pid + 400; pid++) planted.push(`.${name}.${pid}.tmp`);
    }
    planted.forEach((name, i) => {
      writeFileSync(path.join(outside, `korban-${i}`), `milik orang lain ${i}\n`);
      symlinkSync(path.join(outside, `korban-${i}`), path.join(out, name));
    });
    const before = { out: snapshot(out), outside: snapshot(outside) };

    const r = runCli(['build', 'kurikulum', '--out', 'jebakan'], { cwd: ws });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^jebakan\/[^:]+: galat: nama berkas hasil adalah tautan simbolik/m);
    expect(r.stderr).toMatch(/^ {2}petunjuk: bimtek tidak menulis melalui tautan/m);
    expect(snapshot(outside)).toEqual(before.outside);
    expect(snapshot(out)).toEqual(before.out);
  });

  it('with only old temp-name links planted, builds into place and removes the dead links, never following them', () => {
    const out = path.join(ws, 'jebakan-tmp');
    const outside = path.join(ws, 'luar-tmp');
    mkdirSync(out);
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'korban'), 'milik orang lain\n');
    for (const name of names) for (let pid = process.pid; pid < process.pid + 400; pid++) symlinkSync(path.join(outside, 'korban'), path.join(out, `.${name}.${pid}.tmp`));
    const r = runCli(['build', 'kurikulum', '--out', 'jebakan-tmp'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(outside, 'korban'), 'utf8')).toBe('milik orang lain\n');
    for (const name of names) expect(lstatSync(path.join(out, name)).isFile(), name).toBe(true);
    // Links named for ids of dead processes are removed; those of live processes (this test's,
    // others on the machine) stay as they were: links, never followed.
    const left = readdirSync(out).filter((f) => f.startsWith('.'));
    expect(left.length).toBeLessThan(names.length * 400);
    for (const f of left) expect(lstatSync(path.join(out, f)).isSymbolicLink(), f).toBe(true);
  });

  it('refuses a folder at an output name before replacing any file (exit 1, located)', () => {
    const out = path.join(ws, 'folder-di-nama');
    cpSync(path.join(ws, 'bersih'), out, { recursive: true });
    rmSync(path.join(out, 'slides.pptx'));
    mkdirSync(path.join(out, 'slides.pptx'));
    const before = snapshot(out);
    const r = runCli(['build', 'kurikulum', '--out', 'folder-di-nama'], { cwd: ws });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('folder-di-nama/slides.pptx: galat: nama berkas hasil dipakai oleh sebuah folder');
    expect(snapshot(out)).toEqual(before);
  });

  it('removes temp files a killed build left (its pid is gone), keeps unrelated hidden files', () => {
    const out = path.join(ws, 'sisa');
    cpSync(path.join(ws, 'bersih'), out, { recursive: true });
    const dead = 2 ** 22 + 12345; // above Linux's pid_max: no such process
    const stale = [`.handbook-facilitator.pdf.${dead}-0123456789abcdef.bimtek-tmp`, `.slides.pdf.${dead}.tmp`];
    for (const f of stale) writeFileSync(path.join(out, f), 'sisa build yang dimatikan');
    writeFileSync(path.join(out, '.catatan-saya.tmp'), 'bukan milik bimtek');
    const r = runCli(['build', 'kurikulum', '--out', 'sisa'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    for (const f of stale) expect(existsSync(path.join(out, f)), f).toBe(false);
    expect(existsSync(path.join(out, '.catatan-saya.tmp'))).toBe(true);
  });
});

describe('--out', () => {
  it.each([
    ['the curriculum folder', 'kurikulum', 'folder kurikulum atau di dalamnya'],
    ['a folder inside the curriculum', 'kurikulum/assets', 'folder kurikulum atau di dalamnya'],
    ['the filesystem root', '/', 'akar sistem berkas'],
  ])('refuses %s', (_what, out, message) => {
    const before = snapshot(path.join(ws, 'kurikulum'));
    const r = runCli(['build', 'kurikulum', '--out', out], { cwd: ws });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`galat: folder hasil tidak boleh ${message}`);
    expect(r.stderr).toMatch(/^ {2}petunjuk: /m);
    expect(snapshot(path.join(ws, 'kurikulum'))).toEqual(before);
  });

  it('accepts the curriculum’s own out/ folder', () => {
    const r = runCli(['build', 'kurikulum', '--out', 'kurikulum/out', '--only', 'handbook', '--edition', 'participant'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    rmSync(path.join(ws, 'kurikulum/out'), { recursive: true });
  });
});

describe('a rename refused because the file is open (Windows viewer)', () => {
  const dir = path.join(ws, 'terkunci');
  const realRename = fsOps.rename;
  afterEach(() => {
    fsOps.rename = realRename;
  });

  function previousFiles(): void {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.pdf'), 'lama a');
    writeFileSync(path.join(dir, 'b.pdf'), 'lama b');
  }

  it('retries briefly, then names the file and leaves every previous file as it was', async () => {
    previousFiles();
    const tries = vi.fn();
    fsOps.rename = (from, to) => {
      if (String(to).endsWith('b.pdf')) {
        tries();
        throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
      }
      realRename(from, to);
    };
    const err = await inBatch(async () => {
      writeFileAtomic(path.join(dir, 'a.pdf'), 'baru a');
      writeFileAtomic(path.join(dir, 'b.pdf'), 'baru b');
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const d = (err as UserError).diagnostics[0]!;
    expect(d.file).toMatch(/b\.pdf$/);
    expect(d.message).toContain('sedang dibuka program lain');
    expect(d.hint).toContain('tutup berkas ini di penampil PDF lalu jalankan lagi');
    expect(tries.mock.calls.length).toBeGreaterThan(1);
    // a.pdf had been replaced already: it is rolled back. No temp or backup file is left.
    expect(readFileSync(path.join(dir, 'a.pdf'), 'utf8')).toBe('lama a');
    expect(readFileSync(path.join(dir, 'b.pdf'), 'utf8')).toBe('lama b');
    expect(readdirSync(dir).sort()).toEqual(['a.pdf', 'b.pdf']);
  });

  it('succeeds when the viewer lets go during the retries', async () => {
    previousFiles();
    let refusals = 2;
    fsOps.rename = (from, to) => {
      if (String(to).endsWith('a.pdf') && refusals-- > 0) throw Object.assign(new Error('busy'), { code: 'EBUSY' });
      realRename(from, to);
    };
    await inBatch(async () => {
      writeFileAtomic(path.join(dir, 'a.pdf'), 'baru a');
      writeFileAtomic(path.join(dir, 'b.pdf'), 'baru b');
    });
    expect(readFileSync(path.join(dir, 'a.pdf'), 'utf8')).toBe('baru a');
    expect(readFileSync(path.join(dir, 'b.pdf'), 'utf8')).toBe('baru b');
    expect(readdirSync(dir).sort()).toEqual(['a.pdf', 'b.pdf']);
  });
});
