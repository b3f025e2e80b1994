/**
 * `bimtek scores`: the pre-test/post-test recap (PDF and CSV) from an answers file. Participants
 * may be named, or numbered as in the curriculum's roster.
 */
import path from 'node:path';
import { displayPath, loadCurriculum } from '../curriculum/index.js';
import { fileLine, info } from './output.js';

export interface ScoresCliOptions {
  out: string;
  answers: string;
  sheet?: string;
  json?: boolean;
}

export async function run(dir: string, opts: ScoresCliOptions): Promise<number> {
  const c = loadCurriculum(dir);
  const { buildContext } = await import('../artifacts/index.js');
  const { readAnswers, readParticipants, scoreAnswers, writeScores } = await import('../artifacts/paperwork/index.js');
  const ctx = buildContext(c, opts.out);
  const people = c.assets.roster ? await readParticipants(c.assets.roster) : null;
  const { questions, rows } = await readAnswers(opts.answers, c, people, opts.sheet);
  const files = await writeScores(ctx, scoreAnswers(questions, rows));
  if (opts.json) process.stdout.write(JSON.stringify({ ok: true, files: files.map((f) => ({ ...f, path: path.relative(process.cwd(), f.path) })) }, null, 2) + '\n');
  else {
    for (const f of files) info(fileLine(f));
    info(`${rows.length} lembar jawaban, ${questions.length} soal — ${displayPath(opts.answers)}`);
  }
  return 0;
}
