/**
 * Folders a build must never write into: the filesystem root, the home folder, and the curriculum
 * folder or anything inside it, except its own `out/` subfolder (what `bimtek build .` from inside
 * the curriculum folder writes to with the default `--out out`). A wrong `--out` there would mix
 * the outputs with the sources, or spread them over a whole disk.
 */
import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { displayPath, fail, isWithin } from '../curriculum/index.js';

/** The real path of `p`, or of its deepest existing parent joined with the rest. */
function real(p: string): string {
  const abs = path.resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(real(parent), path.basename(abs));
  }
}

export function checkOutDir(out: string, curriculumRoot: string): void {
  const dir = real(out);
  const root = real(curriculumRoot);
  const shown = displayPath(path.resolve(out));
  const refuse = (why: string) => fail(shown, `folder hasil tidak boleh ${why}`, { hint: 'pilih folder khusus untuk hasil dengan --out, misalnya --out out' });
  if (path.dirname(dir) === dir) refuse('akar sistem berkas');
  if (dir === real(os.homedir())) refuse('folder rumah (home)');
  const own = path.join(root, 'out');
  if (isWithin(root, dir) && !isWithin(own, dir)) refuse(`folder kurikulum atau di dalamnya (kecuali ${displayPath(own)})`);
}
