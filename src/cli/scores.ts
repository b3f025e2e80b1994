/**
 * `bimtek scores`: the pre-test/post-test recap (PDF and CSV) from an answers file. Participants
 * may be named, or numbered as in the curriculum's roster.
 */
import path from 'node:path';
import { displayPath, loadCurriculum } from '../curriculum/index.js';
import { curriculumFolder } from './folder.js';
import { fileLine, info, printJson, printMissingGlyphs } from './output.js';

export interface ScoresCliOptions {
  out: string;
  answers: string;
  sheet?: string;
  json?: boolean;
}

export async function run(folder: string | undefined, opts: ScoresCliOptions): Promise<number> {
  const c = loadCurriculum(curriculumFolder(folder));
  const { buildContext } = await import('../artifacts/index.js');
  const { readAnswers, readParticipants, scoreAnswers, writeScores } = await import('../artifacts/paperwork/index.js');
  const ctx = buildContext(c, opts.out);
  const people = c.assets.roster ? await readParticipants(c.assets.roster) : null;
  const { questions, rows } = await readAnswers(opts.answers, c, people, opts.sheet);
  const files = await writeScores(ctx, scoreAnswers(questions, rows));
  const missing = ctx.glyphs.report();
  printMissingGlyphs(missing);
  if (opts.json) {
    printJson({ ok: true, answers: path.resolve(opts.answers), sheets: rows.length, questions: questions.length, files: files.map((f) => ({ ...f, path: path.resolve(f.path), ms: Math.round(f.ms) })), missingGlyphs: missing });
  } else {
    info(fileLine(files[0]!));
    info(`✓ ${displayPath(files[1]!.path)}`);
    info(`${rows.length} lembar jawaban, ${questions.length} soal — ${displayPath(opts.answers)}`);
  }
  return 0;
}
