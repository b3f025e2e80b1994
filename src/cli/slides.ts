/**
 * `bimtek slides [dir]`: slides.pdf, slides-notes.pdf, slides.pptx (and slides-handout.pdf with
 * `--handout 3`) per audience, reported like `bimtek build`.
 */
import { runBuild, type BuildCliOptions } from './build.js';

export async function run(dir: string, opts: BuildCliOptions): Promise<number> {
  return runBuild(dir, opts, ['slides']);
}
