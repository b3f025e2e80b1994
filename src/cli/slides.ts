/**
 * `bimtek slides [dir]`: slides.pdf, slides-notes.pdf, slides.pptx (and slides-handout.pdf with
 * `--handout 3`) per audience, reported like `bimtek build`.
 */
import { fail } from '../curriculum/index.js';
import { runBuild, type BuildCliOptions } from './build.js';

export function parseHandout(value: string | undefined): 1 | 3 {
  if (value === undefined || value === '1') return 1;
  if (value === '3') return 3;
  return fail('--handout', `nilai "${value}" tidak dikenal`, { expected: '1 atau 3', hint: '--handout 3 membuat handout peserta tiga slide per halaman (slides-handout.pdf)' });
}

export async function run(dir: string, opts: BuildCliOptions): Promise<number> {
  return runBuild(dir, opts, ['slides']);
}
