/**
 * `bimtek init`: a self-contained project in a new folder, an empty git clone or `.`; commands run
 * inside it without naming the folder; the workflow it writes passes actionlint; paths with spaces
 * and Windows separators; a build without git says so once and stamps "di luar git".
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKFLOW } from '../src/cli/init-files.js';
import { ROOT, runCli } from './helpers/cli.js';
import { git } from './helpers/git.js';
import { readPdf } from './helpers/pdf.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'bimtek-init-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let n = 0;
const fresh = (name = `p${++n}`) => path.join(temp, name);

const PROJECT_FILES = ['.editorconfig', '.github', '.gitignore', '.vscode', 'README.md', 'curriculum.yaml', 'modules', 'package.json', 'peserta.csv', 'schema.json'];

function actionlint(file: string) {
  const bin = path.join(ROOT, 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js');
  return spawnSync(process.execPath, [bin, file], { encoding: 'utf8', timeout: 60_000 });
}

describe('bimtek init', () => {
  it('makes a project in an empty git clone (".") that validates and builds with no folder named', () => {
    const dir = fresh('kurikulum kpps');
    mkdirSync(dir);
    git(dir, 'init', '-q');
    const r = runCli(['init', '.', '--bimtek', '0.1.0'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.git', ...PROJECT_FILES].sort());
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'kurikulum-kpps', private: true, devDependencies: { bimtek: '0.1.0' } });
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['out/', 'node_modules/']));
    expect(JSON.parse(readFileSync(path.join(dir, '.vscode', 'settings.json'), 'utf8'))['yaml.schemas']['./schema.json']).toContain('curriculum.yaml');
    expect(readFileSync(path.join(dir, '.github', 'workflows', 'bimtek.yml'), 'utf8')).toBe(WORKFLOW);

    const v = runCli(['validate', '--json'], { cwd: dir });
    expect(v.code, v.stderr).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, folder: dir, file: path.join(dir, 'curriculum.yaml'), modules: 1 });
    const b = runCli(['build', '--only', 'handbook', '--edition', 'participant', '--json'], { cwd: dir });
    expect(b.code, b.stderr).toBe(0);
    const out = JSON.parse(b.stdout);
    expect(out.out).toBe(path.join(dir, 'out'));
    expect(out.files.map((f: { path: string }) => f.path)).toContain(path.join(dir, 'out', 'handbook-participant.pdf'));
    for (const f of out.files) {
      expect(path.isAbsolute(f.path)).toBe(true);
      expect(Number.isInteger(f.ms)).toBe(true);
    }
  });

  it('keeps what a new GitHub repository holds, adds to its .gitignore, and refuses any other content', () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'README.md'), '# Repositori kami\n');
    writeFileSync(path.join(dir, '.gitignore'), '*.log');
    writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
    expect(runCli(['init', dir]).code).toBe(0);
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# Repositori kami\n');
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('*.log\nout/\nnode_modules/\n');

    const again = runCli(['init', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/folder sudah berisi berkas lain: .*curriculum\.yaml/);
    expect(again.stderr).toContain('petunjuk:');
  });

  it('answers a file in the way with exit 1 and a message, not a crash (ENOTDIR)', () => {
    const file = fresh('catatan.txt');
    writeFileSync(file, 'x');
    for (const target of [file, path.join(file, 'sub')]) {
      const r = runCli(['init', target]);
      expect(r.code, target).toBe(1);
      expect(r.stderr).toMatch(/catatan\.txt: galat: .*(berkas, bukan folder|bukan folder)/);
      expect(r.stderr).not.toMatch(/ENOTDIR|at .*\.js:\d+/);
    }
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('prints JSON with absolute paths', () => {
    const dir = fresh();
    const r = runCli(['init', dir, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ ok: true, folder: dir, modules: 1 });
    expect(j.files).toContain(path.join(dir, '.github', 'workflows', 'bimtek.yml'));
    expect(j.files.every((f: string) => path.isAbsolute(f))).toBe(true);
  });

  it('writes a workflow that actionlint accepts, with current actions, LTS Node, artifacts and releases', () => {
    expect(readFileSync(path.join(ROOT, 'docs', 'github-actions.yml'), 'utf8')).toBe(WORKFLOW);
    const good = actionlint(path.join(ROOT, 'docs', 'github-actions.yml'));
    expect(good.stdout).toContain('Checking 1 workflow file');
    expect(good.status, good.stdout).toBe(0);
    // The check can fail: a typo in an expression is reported. (actionlint 1.7.7 knows the inputs
    // of actions up to v4 only, so a typo in a v7 action's input would pass.)
    const broken = path.join(temp, 'broken.yml');
    writeFileSync(broken, WORKFLOW.replace("github.event_name != 'pull_request'", "github.event_nam != 'pull_request'"));
    const bad = actionlint(broken);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/"event_nam" is not defined/);

    for (const action of ['actions/checkout@v7', 'actions/setup-node@v7', 'actions/upload-artifact@v7']) expect(WORKFLOW).toContain(action);
    expect(WORKFLOW).toContain('node-version: lts/*');
    expect(WORKFLOW).toMatch(/gh release create "\$GITHUB_REF_NAME" out\/\*\.pdf/);
    // The init layout: curriculum.yaml at the top, so no folder is named.
    expect(WORKFLOW).toMatch(/npx bimtek validate\n/);
    expect(WORKFLOW).toMatch(/npx bimtek build --out out\n/);
  });
});

describe('folders as offices have them', () => {
  it('falls back to ./curriculum when the current folder holds no curriculum.yaml', () => {
    const r = runCli(['validate', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).folder).toBe(path.join(ROOT, 'curriculum'));
  });

  it('builds from and into folders with spaces, and reads Windows-style relative paths', () => {
    const dir = fresh('Kurikulum KPU Kota');
    cpSync(path.join(ROOT, 'tests', 'fixtures', 'mini'), dir, { recursive: true });
    const main = path.join(dir, 'curriculum.yaml');
    writeFileSync(main, readFileSync(main, 'utf8').replace('logo: assets/logo.png', 'logo: assets\\logo.png'));
    expect(readFileSync(main, 'utf8')).toContain('logo: assets\\logo.png');
    const out = path.join(temp, 'hasil cetak');
    const r = runCli(['build', dir, '--out', out, '--only', 'attendance', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).some((f) => f.startsWith('daftar-hadir-'))).toBe(true);
  });

  it('without git: one warning, and the documents say "di luar git"', async () => {
    const dir = fresh();
    expect(runCli(['init', dir]).code).toBe(0);
    const emptyPath = path.join(temp, 'no-programs');
    mkdirSync(emptyPath);
    const r = runCli(['build', dir, '--out', path.join(dir, 'out'), '--only', 'handbook', '--edition', 'participant'], { env: { PATH: emptyPath } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/git tidak ditemukan/g)).toHaveLength(1);
    const pdf = await readPdf(path.join(dir, 'out', 'handbook-participant.pdf'));
    expect(pdf.pages.map((p) => p.text).join(' ')).toContain('di luar git');
    // With git (a repository with a commit), no warning.
    const withGit = runCli(['build', dir, '--out', path.join(dir, 'out'), '--only', 'handbook', '--edition', 'participant']);
    expect(withGit.stderr).not.toContain('git tidak ditemukan');
  });
});
