/**
 * `bimtek paperwork`: the event paperwork only (all the documents settings.paperwork switches
 * on, or those named with --only), from the curriculum's roster or --roster.
 */
import type { PaperworkDocument } from '../artifacts/paperwork/index.js';
import { runBuild, type BuildCliOptions } from './build.js';

export interface PaperworkCliOptions extends Omit<BuildCliOptions, 'only'> {
  roster?: string;
  sheet?: string;
  only?: PaperworkDocument[];
}

export async function run(dir: string | undefined, opts: PaperworkCliOptions): Promise<number> {
  const { only, roster, sheet, ...rest } = opts;
  return runBuild(dir, {
    ...rest,
    attendance: { ...(roster !== undefined ? { roster } : {}), ...(sheet !== undefined ? { sheet } : {}) },
    ...(only ? { paperwork: { documents: only } } : {}),
  }, ['paperwork']);
}
