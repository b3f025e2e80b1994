import path from 'node:path';
import { loadCurriculum } from '../curriculum/index.js';
import { curriculumFolder } from './folder.js';
import { paint, printJson, result } from './output.js';

export async function run(folder: string | undefined, opts: { json?: boolean }): Promise<number> {
  const c = loadCurriculum(curriculumFolder(folder));
  const sections = c.modules.reduce((n, m) => n + m.sections.length, 0);
  const questions = c.modules.reduce((n, m) => n + (m.assessment?.questions.length ?? 0), 0);
  if (opts.json) {
    printJson({ ok: true, diagnostics: [], folder: c.root, file: path.resolve(c.file), modules: c.modules.length, sections, questions });
  } else {
    result(`${paint.green('✓')} ${c.file}: kurikulum "${c.title}" versi ${c.version} valid — ${c.modules.length} modul, ${sections} bagian, ${questions} soal`);
  }
  return 0;
}
