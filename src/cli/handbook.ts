import { runBuild, type BuildCliOptions } from './build.js';

export async function run(dir: string, opts: BuildCliOptions): Promise<number> {
  return runBuild(dir, opts, ['handbook']);
}
