/**
 * Temporary files beside their targets. A shared output folder may hold anything another user
 * planted there, so a temp file is created exclusively under a random name (O_EXCL never follows
 * or reuses what is already at the name, O_NOFOLLOW refuses a link) and only ever used through the
 * descriptor it was opened with. Temp files of builds that died (SIGKILL, power cut) are removed
 * by the next successful build.
 */
import { randomBytes } from 'node:crypto';
import { constants, lstatSync, openSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** `.handbook.pdf.12345-9f0c2a1be34d5a67.bimtek-tmp`: the pid tells a live build's file from a dead one's. */
const TEMP_NAME = /^\..+\.(\d+)-[0-9a-f]{16}\.bimtek-tmp$/;
/** The naming of bimtek before 0.2 (`.handbook.pdf.12345.tmp`), left behind by killed builds. */
const OLD_TEMP_NAME = /^\..+\.(\d+)\.tmp$/;

const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export interface TempFile {
  path: string;
  fd: number;
}

/** Create a new, empty temp file for `target`; retries the (astronomically unlikely) name clash. */
export function createTemp(target: string): TempFile {
  for (let attempt = 0; ; attempt++) {
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(8).toString('hex')}.bimtek-tmp`);
    try {
      return { path: tmp, fd: openSync(tmp, EXCLUSIVE, 0o644) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw e;
    }
  }
}

/** Whether another process with this id runs (our own temp files are known by name instead). */
function otherAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove temp files of our naming in `dir` whose build no longer runs; `keep` are this process's own. */
export function removeStaleTemps(dir: string, keep: ReadonlySet<string>): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name) ?? OLD_TEMP_NAME.exec(name);
    const abs = path.join(dir, name);
    if (!m || keep.has(abs) || otherAlive(Number(m[1]))) continue;
    try {
      // Only plain files: a folder of that name is not ours; a link is removed, never followed.
      if (lstatSync(abs).isDirectory()) continue;
      rmSync(abs, { force: true });
      removed.push(abs);
    } catch {
      // gone meanwhile, or not ours to remove: leave it
    }
  }
  return removed;
}
