/**
 * The package as a user gets it: `npm pack`, installed from the tarball into a temp project with
 * no registry (`npm ci --offline`: the tarball and the npm cache only), then `bimtek init`, and in
 * the new project the commands of the workflow init wrote, run as written (a local dry run of the
 * CI recipe: npm ci, npx bimtek validate, npx bimtek build) — which must render the PDFs.
 *
 * Offline needs a lockfile (a fresh cache holds the dependencies' tarballs, not always their
 * metadata): each temp project gets one made from this repository's lockfile, which pins the same
 * runtime dependencies bimtek's tarball declares.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { readPdf } from './helpers/pdf.js';

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  [k: string]: unknown;
}
interface Lock {
  name: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

const temp = mkdtempSync(path.join(os.tmpdir(), 'bimtek-pack-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string>; license: string };
let tarball = '';
let packed: string[] = [];

function sh(cwd: string, command: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...env }, timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) → ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A lockfile for a project whose only dependency is the packed bimtek (as `field`), from ours. */
function lockFor(project: string, spec: string, field: 'dependencies' | 'devDependencies'): void {
  const ours = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
  const dev = field === 'devDependencies';
  const packages: Record<string, LockEntry> = {
    '': { name: path.basename(project), [field]: { bimtek: spec } },
    'node_modules/bimtek': {
      version: pkg.version,
      resolved: spec,
      integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
      ...(dev ? { dev: true } : {}),
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [key, entry] of Object.entries(ours.packages)) {
    if (key === '' || entry.dev) continue;
    packages[key] = dev ? { ...entry, dev: true } : entry;
  }
  writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify({ name: path.basename(project), lockfileVersion: 3, requires: true, packages }, null, 2) + '\n');
}

const OFFLINE = { npm_config_offline: 'true' };

beforeAll(() => {
  // dist/ is current (npm test's pretest); --ignore-scripts: no second prepare inside the test.
  const out = JSON.parse(sh(ROOT, 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', temp])) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(temp, out[0]!.filename);
  packed = out[0]!.files.map((f) => f.path);
}, 120_000);

describe('npm start and npm test', () => {
  it('do not compile again when no source changed (scripts/build.mjs --if-stale)', () => {
    // npm test's pretest has just built (or found current) dist/.
    const main = path.join(ROOT, 'dist', 'cli', 'main.js');
    const before = statSync(main).mtimeMs;
    const started = Date.now();
    sh(ROOT, process.execPath, ['scripts/build.mjs', '--if-stale']);
    expect(statSync(main).mtimeMs).toBe(before);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('the packed package', () => {
  it('holds the CLI, its templates and schema, and no tests, fixtures, sources or maps', () => {
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'bin/bimtek.js', 'dist/cli/main.js', 'dist/templates-precompiled.cjs', 'schema.json', 'README.md']));
    expect(packed.some((f) => f.startsWith('templates/handbook/'))).toBe(true);
    const unwanted = packed.filter((f) => /^(tests|src|bench|scripts|docs|\.ci)\//.test(f) || /fixtures|\.map$|\.test\.|\.build-hash/.test(f));
    expect(unwanted).toEqual([]);
    const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(manifest).toMatchObject({ bin: { bimtek: 'bin/bimtek.js' }, engines: { node: '>=20.19' }, type: 'module' });
    expect(manifest.exports).toMatchObject({ './package.json': './package.json' });
  });

  it('installs offline, then init, validate and build run in a new project; the workflow steps render the PDFs', async () => {
    const tool = path.join(temp, 'alat');
    mkdirSync(tool);
    const spec = `file:../${path.basename(tarball)}`;
    writeFileSync(path.join(tool, 'package.json'), JSON.stringify({ name: 'alat', private: true, dependencies: { bimtek: spec } }));
    lockFor(tool, spec, 'dependencies');
    sh(tool, 'npm', ['ci'], OFFLINE);
    const bin = path.join(tool, 'node_modules', 'bimtek', 'bin', 'bimtek.js');
    expect(sh(tool, process.execPath, [bin, '--version']).trim()).toBe(pkg.version);

    // `bimtek init` from the installed package, into a fresh (empty) git clone.
    const project = path.join(temp, 'kurikulum');
    mkdirSync(project);
    sh(project, 'git', ['init', '-q']);
    sh(project, process.execPath, [bin, 'init', '.', '--bimtek', spec]);
    lockFor(project, spec, 'devDependencies');

    // The workflow's own commands, in order, as a shell runs them on the runner.
    const workflow = parse(readFileSync(path.join(project, '.github', 'workflows', 'bimtek.yml'), 'utf8')) as { jobs: Record<string, { steps: { run?: string; if?: string }[] }> };
    const steps = (job: string) => workflow.jobs[job]!.steps.filter((s) => s.run && !s.if).map((s) => s.run!);
    expect(steps('validate')).toEqual(['npm ci', 'npx bimtek validate']);
    expect(steps('build')).toEqual(['npm ci', 'npx bimtek build --out out']);
    const ci = { ...OFFLINE, CI: 'true', NO_COLOR: '1' };
    for (const run of steps('validate')) sh(project, 'bash', ['-e', '-c', run], ci);
    rmSync(path.join(project, 'node_modules'), { recursive: true });
    for (const run of steps('build')) sh(project, 'bash', ['-e', '-c', run], ci);

    const out = path.join(project, 'out');
    const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf')).sort();
    // With a roster, the paperwork that is on by default (name tags, answer sheets, evaluation forms) comes too.
    const paperwork = ['lembar-evaluasi-2024-11-10.pdf', 'lembar-jawaban.pdf', 'tanda-pengenal.pdf'];
    expect(pdfs).toEqual(['daftar-hadir-2024-11-10.pdf', 'handbook-facilitator.pdf', 'handbook-participant.pdf', ...paperwork, 'slides-notes.pdf', 'slides.pdf'].sort());
    const handbook = await readPdf(path.join(out, 'handbook-facilitator.pdf'));
    expect(handbook.pages.length).toBeGreaterThan(3);
    expect(handbook.pages.map((p) => p.text).join(' ')).toContain('Pelaksanaan Pemungutan Suara');
    // What the release step attaches exists: every PDF and the manifest.
    expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).files.length).toBeGreaterThanOrEqual(pdfs.length);
  }, 300_000);
});
