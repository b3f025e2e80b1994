import { loadCurriculum } from '../curriculum/index.js';
import { paint } from './output.js';

export async function run(dir: string, opts: { json?: boolean }): Promise<number> {
  const c = loadCurriculum(dir);
  const sections = c.modules.reduce((n, m) => n + m.sections.length, 0);
  const questions = c.modules.reduce((n, m) => n + (m.assessment?.questions.length ?? 0), 0);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ ok: true, diagnostics: [], modules: c.modules.length, sections, questions }, null, 2) + '\n');
  } else {
    process.stdout.write(
      `${paint.green('✓')} ${c.file}: kurikulum "${c.title}" versi ${c.version} valid — ${c.modules.length} modul, ${sections} bagian, ${questions} soal\n`,
    );
  }
  return 0;
}
