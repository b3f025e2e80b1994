import { loadCurriculum } from '../curriculum/index.js';

export async function run(dir: string, _opts: { out: string }): Promise<number> {
  const c = loadCurriculum(dir);
  process.stderr.write(`${c.file}: valid (${c.modules.length} modul)\n`);
  return 0;
}
