/**
 * `bimtek validate`: the curriculum, and the roster it names (every bad row, missing column and
 * damaged number is reported here, not first at build time).
 */
import path from 'node:path';
import { displayPath, loadCurriculum, type Curriculum, type Diagnostic } from '../curriculum/index.js';
import { markdownImages, markdownProblems } from '../markdown/index.js';
import { curriculumFolder } from './folder.js';
import { paint, printDiagnostics, printJson, result, withAbsolutePath } from './output.js';

/** The roster as a build of the attendance sheets reads it: the same columns, the same checks. */
async function checkRoster(c: Curriculum, warnings: Diagnostic[]): Promise<{ file: string; participants: number } | undefined> {
  const file = c.assets.roster;
  if (!file) return undefined;
  const { loadRoster, printedColumns } = await import('../roster/index.js');
  const { columns, sheet } = c.settings.attendance;
  const rows = await loadRoster(file, { columns: printedColumns(columns).specs, warnings, ...(sheet !== undefined ? { sheet } : {}) });
  return { file, participants: rows.length };
}

export async function run(folder: string | undefined, opts: { json?: boolean }): Promise<number> {
  const c = loadCurriculum(curriculumFolder(folder), { textProblems: markdownProblems, textImages: markdownImages });
  const warnings: Diagnostic[] = [...(c.warnings ?? [])];
  const roster = await checkRoster(c, warnings);
  const sections = c.modules.reduce((n, m) => n + m.sections.length, 0);
  const questions = c.modules.reduce((n, m) => n + (m.assessment?.questions.length ?? 0), 0);
  if (opts.json) {
    printJson({ ok: true, diagnostics: warnings.map(withAbsolutePath), folder: c.root, file: path.resolve(c.file), modules: c.modules.length, sections, questions, ...(roster ? { roster } : {}) });
  } else {
    printDiagnostics(warnings);
    const rosterText = roster ? `; roster ${displayPath(roster.file)}: ${roster.participants} peserta${warnings.length ? `, ${warnings.length} peringatan` : ''}` : '';
    result(`${paint.green('✓')} ${c.file}: kurikulum "${c.title}" versi ${c.version} valid — ${c.modules.length} modul, ${sections} bagian, ${questions} soal${rosterText}`);
  }
  return 0;
}
