import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from './helpers/cli.js';
import { git, repoWithCurriculum } from './helpers/git.js';
import { readPdf } from './helpers/pdf.js';

const build = (cwd: string, out: string, env: Record<string, string | undefined> = { SOURCE_DATE_EPOCH: undefined }) =>
  runCli(['build', 'curriculum', '--out', out, '--only', 'handbook', '--edition', 'participant'], { cwd, env });

describe('version stamp, reproducible builds and manifest', () => {
  it('stamps the commit, then says when the tree has uncommitted changes', async () => {
    const repo = repoWithCurriculum();
    const commit = git(repo, 'rev-parse', '--short=7', 'HEAD');
    expect(build(repo, 'out').code).toBe(0);
    const clean = await readPdf(path.join(repo, 'out/handbook-participant.pdf'));
    expect(clean.pages[1]!.text).toContain(`1.0-uji (${commit})`);
    expect(String(clean.info.Keywords)).toContain(commit);
    // The PDF date is the commit date, not the clock.
    expect(String(clean.info.CreationDate)).toContain('20241101');

    appendFileSync(path.join(repo, 'curriculum/modules/02-etika.yaml'), '\n');
    expect(build(repo, 'out').code).toBe(0);
    const dirty = await readPdf(path.join(repo, 'out/handbook-participant.pdf'));
    expect(dirty.pages[1]!.text).toContain(`(${commit}, ada perubahan belum di-commit)`);
  });

  it('says so outside git', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bimtek-nogit-'));
    cpSync(path.join(ROOT, 'tests/fixtures/mini'), path.join(dir, 'curriculum'), { recursive: true });
    expect(build(dir, 'out').code).toBe(0);
    const pdf = await readPdf(path.join(dir, 'out/handbook-participant.pdf'));
    expect(pdf.pages[1]!.text).toContain('1.0-uji (di luar git)');
  });

  it('gives byte-identical files from two clones of one commit', () => {
    const repo = repoWithCurriculum();
    const a = path.join(mkdtempSync(path.join(os.tmpdir(), 'bimtek-clone-')), 'a');
    const b = path.join(mkdtempSync(path.join(os.tmpdir(), 'bimtek-clone-')), 'klon-kedua');
    git(os.tmpdir(), 'clone', '-q', repo, a);
    git(os.tmpdir(), 'clone', '-q', repo, b);
    expect(runCli(['build', 'curriculum', '--out', 'out'], { cwd: a, env: { SOURCE_DATE_EPOCH: undefined } }).code).toBe(0);
    expect(runCli(['build', 'curriculum', '--out', 'out'], { cwd: b, env: { SOURCE_DATE_EPOCH: undefined } }).code).toBe(0);
    const files = readdirSync(path.join(a, 'out')).sort();
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(readdirSync(path.join(b, 'out')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(path.join(b, 'out', f)).equals(readFileSync(path.join(a, 'out', f))), f).toBe(true);
  });

  it('writes a manifest with pages, sha256, edition and the source commit', () => {
    const repo = repoWithCurriculum();
    expect(runCli(['build', 'curriculum', '--out', 'out', '--only', 'handbook'], { cwd: repo }).code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(repo, 'out/manifest.json'), 'utf8')) as {
      curriculum: { commit: string; version: string };
      files: { path: string; pages: number; sha256: string; edition?: string; kind: string }[];
    };
    expect(manifest.curriculum.commit).toBe(git(repo, 'rev-parse', 'HEAD'));
    expect(manifest.curriculum.version).toBe('1.0-uji');
    const hb = manifest.files.find((f) => f.path === 'handbook-facilitator.pdf')!;
    expect(hb.kind).toBe('handbook');
    expect(hb.edition).toBe('facilitator');
    expect(hb.pages).toBeGreaterThan(5);
    expect(hb.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('build --changes-since', () => {
  it('appends the changes since a revision to the handbook', async () => {
    const repo = repoWithCurriculum();
    const file = path.join(repo, 'curriculum/modules/01-pemungutan.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('duration: 90', 'duration: 120'));
    git(repo, 'commit', '-qam', 'durasi baru');
    const r = runCli(['build', 'curriculum', '--out', 'out', '--only', 'handbook', '--edition', 'facilitator', '--changes-since', 'HEAD~1'], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    const pdf = await readPdf(path.join(repo, 'out/handbook-facilitator.pdf'));
    const last = pdf.pages.slice(-2).map((p) => p.text).join('\n');
    expect(last).toContain('Daftar Perubahan');
    expect(pdf.text).toMatch(/90 menit|1 jam 30 menit/);
    expect(pdf.outline.map((o) => o.title)).toContain('Daftar Perubahan');
  });
});

describe('watch mode', () => {
  it('rebuilds after an edit and keeps watching after an invalid one', async () => {
    const repo = repoWithCurriculum();
    const child = spawn(process.execPath, [BIN, 'build', 'curriculum', '--out', 'out', '--only', 'handbook', '--watch'], { cwd: repo, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const waitFor = async (re: RegExp, count: number) => {
      for (let i = 0; i < 300; i++) {
        if ((stderr.match(re) ?? []).length >= count) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`timeout waiting for ${re} ×${count}:\n${stderr}`);
    };
    try {
      await waitFor(/menunggu perubahan/g, 1);
      const file = path.join(repo, 'curriculum/modules/02-etika.yaml');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original.replace('title: Kode Etik Uji', 'title: Kode Etik Uji Diubah'));
      await waitFor(/menunggu perubahan/g, 2);
      expect(stderr).toMatch(/berubah: .*02-etika\.yaml/);
      const pdf = await readPdf(path.join(repo, 'out/handbook-facilitator.pdf'));
      expect(pdf.text).toContain('Kode Etik Uji Diubah');
      writeFileSync(file, original.replace('duration: 60', 'duration: enam puluh'));
      await waitFor(/menunggu perubahan/g, 3);
      expect(stderr).toMatch(/02-etika\.yaml:\d+:\d+: galat/);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGINT');
    }
    expect(existsSync(path.join(repo, 'out'))).toBe(true);
  });
});
