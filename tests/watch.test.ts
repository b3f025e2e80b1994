/**
 * `--watch` keeps hearing a file however an editor saves it (issue 20): written in place, or
 * written to a temp file renamed over the original (vim, gedit, Kate, JetBrains safe write), again
 * and again; and a module file replaced by a folder is noticed (an error) and so is its return.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers/cli.js';
import { readPdf } from './helpers/pdf.js';

const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'bimtek-watch-')));
afterAll(() => rmSync(ws, { recursive: true, force: true }));

it('rebuilds after every rename-save and in-place save, and after a module turned into a folder and back', async () => {
  cpSync(path.join(ROOT, 'tests/fixtures/mini'), path.join(ws, 'kurikulum'), { recursive: true });
  const child = spawn(process.execPath, [BIN, 'build', 'kurikulum', '--out', 'out', '--only', 'handbook', '--edition', 'participant', '--watch'], { cwd: ws, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const waits = () => (stderr.match(/menunggu perubahan/g) ?? []).length;
  const nextBuild = async (after: number) => {
    for (let i = 0; i < 600; i++) {
      if (waits() > after) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no rebuild after change ${after}:\n${stderr}`);
  };
  const file = path.join(ws, 'kurikulum/modules/02-etika.yaml');
  const original = readFileSync(file, 'utf8');
  const title = async () => (await readPdf(path.join(ws, 'out/handbook-participant.pdf'))).text;
  try {
    await nextBuild(0);
    let builds = 1;
    // Three saves the way vim and JetBrains do it: a new file renamed over the old one.
    for (let i = 1; i <= 3; i++) {
      const tmp = path.join(ws, `kurikulum/modules/02-etika.yaml.tmp${i}`);
      writeFileSync(tmp, original.replace('title: Kode Etik Uji', `title: Kode Etik Uji Simpan ${i}`));
      renameSync(tmp, file);
      await nextBuild(builds++);
      expect(await title()).toContain(`Kode Etik Uji Simpan ${i}`);
    }
    // Then two saves in place.
    for (let i = 1; i <= 2; i++) {
      writeFileSync(file, original.replace('title: Kode Etik Uji', `title: Kode Etik Uji Tulis ${i}`));
      await nextBuild(builds++);
      expect(await title()).toContain(`Kode Etik Uji Tulis ${i}`);
    }
    appendFileSync(file, '\n');
    await nextBuild(builds++);
    // The module file becomes a folder: the build says so; the file comes back: it builds again.
    rmSync(file);
    mkdirSync(file);
    await nextBuild(builds++);
    expect(stderr).toMatch(/02-etika\.yaml: galat: /);
    rmSync(file, { recursive: true });
    writeFileSync(file, original.replace('title: Kode Etik Uji', 'title: Kode Etik Uji Kembali'));
    await nextBuild(builds++);
    expect(await title()).toContain('Kode Etik Uji Kembali');
    expect(child.exitCode).toBeNull();
  } finally {
    child.kill('SIGINT');
  }
}, 120_000);
