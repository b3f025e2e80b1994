/**
 * Putting finished files in place, all or nothing. Every final path is checked before the first
 * rename (a link or a folder there is an error, not something to write through); the previous
 * files are kept as hard links (or copies) until every rename succeeded, so a rename that fails
 * midway puts the earlier ones back. A file held open by another program (a PDF viewer on
 * Windows) makes the rename fail with EPERM/EBUSY: it is retried briefly, then reported by name.
 */
import { closeSync, constants, copyFileSync, linkSync, lstatSync, readlinkSync, renameSync, rmSync } from 'node:fs';
import { diagnostic, displayPath, fail, UserError, type Diagnostic } from '../curriculum/index.js';
import { createTemp } from './temp.js';

export interface Staged {
  tmp: string;
  target: string;
}

/** What is wrong with replacing `target`, or undefined when it is absent or a plain file. */
function targetProblem(target: string): Diagnostic | undefined {
  let st;
  try {
    st = lstatSync(target);
  } catch {
    return undefined; // absent (or its folder is reported by the write itself)
  }
  const shown = displayPath(target);
  if (st.isSymbolicLink()) {
    return diagnostic(shown, 'nama berkas hasil adalah tautan simbolik', { found: `tautan ke ${readlinkSync(target)}`, hint: 'bimtek tidak menulis melalui tautan; hapus tautan itu atau pilih folder lain dengan --out' });
  }
  if (st.isDirectory()) return diagnostic(shown, 'nama berkas hasil dipakai oleh sebuah folder', { hint: 'pindahkan atau ganti nama folder itu, atau pilih folder lain dengan --out' });
  if (!st.isFile()) return diagnostic(shown, 'nama berkas hasil dipakai oleh sesuatu yang bukan berkas biasa', { hint: 'hapus atau pindahkan benda itu, atau pilih folder lain dengan --out' });
  return undefined;
}

/** Throws (every problem at once) when some target may not be replaced. */
export function checkTargets(targets: readonly string[]): void {
  const problems = targets.map(targetProblem).filter((d): d is Diagnostic => d !== undefined);
  if (problems.length) throw new UserError(problems);
}

const BUSY = new Set(['EPERM', 'EBUSY', ...(process.platform === 'win32' ? ['EACCES'] : [])]);
/** Waits between tries of a rename refused because the file is open: about 1.5 s in all. */
const RETRY_MS = [50, 100, 200, 400, 750];

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The fs calls the commit makes; tests replace them to simulate a refused rename. */
export const fsOps = { rename: renameSync };

function renameRetrying(from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      fsOps.rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (!BUSY.has(code) || attempt >= RETRY_MS.length) throw e;
      sleep(RETRY_MS[attempt]!);
    }
  }
}

/** A copy of the current target to restore on rollback (a hard link costs nothing where it works). */
function keepPrevious(target: string): string | undefined {
  if (!lstatSync(target, { throwIfNoEntry: false })?.isFile()) return undefined;
  const backup = createTemp(target);
  closeSync(backup.fd);
  rmSync(backup.path);
  try {
    linkSync(target, backup.path);
  } catch {
    copyFileSync(target, backup.path, constants.COPYFILE_EXCL);
  }
  return backup.path;
}

function renameProblem(target: string, e: unknown): never {
  const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
  if (BUSY.has(code)) {
    fail(displayPath(target), 'berkas hasil sedang dibuka program lain dan tidak dapat diganti', {
      found: code,
      hint: 'tutup berkas ini di penampil PDF lalu jalankan lagi; berkas-berkas sebelumnya tidak diubah',
    });
  }
  fail(displayPath(target), 'berkas hasil tidak dapat diganti', { found: code, hint: 'periksa folder hasil lalu ulangi; berkas-berkas sebelumnya tidak diubah' });
}

/**
 * Rename every staged file onto its target, or none: on a failure the targets renamed so far get
 * their previous content back and the error names the file that could not be replaced.
 */
export function commitAll(staged: readonly Staged[]): void {
  checkTargets(staged.map((s) => s.target));
  const backups = new Map<string, string | undefined>();
  const done: Staged[] = [];
  try {
    for (const s of staged) backups.set(s.target, keepPrevious(s.target));
    for (const s of staged) {
      try {
        renameRetrying(s.tmp, s.target);
      } catch (e) {
        renameProblem(s.target, e);
      }
      done.push(s);
    }
  } catch (e) {
    for (const s of done.reverse()) {
      const backup = backups.get(s.target);
      backups.delete(s.target);
      try {
        if (backup) renameSync(backup, s.target);
        else rmSync(s.target, { force: true });
      } catch {
        // The previous content stays in the backup file, which is not deleted.
      }
    }
    throw e;
  } finally {
    for (const backup of backups.values()) if (backup) rmSync(backup, { force: true });
    for (const s of staged) rmSync(s.tmp, { force: true });
  }
}
