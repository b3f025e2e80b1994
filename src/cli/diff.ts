/**
 * `bimtek diff <rev-a> [<rev-b>]`: what changed in the curriculum between two git revisions (or a
 * revision and the working tree), as curriculum: modules, sections, steps, durations, references,
 * schedule, glossary. Output as a terminal report, Markdown, JSON, or a PDF change log.
 */
import path from 'node:path';
import { Chalk } from 'chalk';
import { diagnostic, displayPath, UserError, type Diagnostic } from '../curriculum/index.js';
import { diffCurricula, readCurriculumAt, type CurriculumVersion } from '../version/diff.js';
import { changelogDocumentMarkdown, changesJson, changesText, diffReport, workingTemplatesDir, type TextStyle } from '../version/diff-format.js';
import { writeFileAtomic } from '../write/index.js';
import { info, paint, printMissingGlyphs } from './output.js';

export type DiffFormat = 'text' | 'md' | 'json' | 'pdf';

export interface DiffCliOptions {
  /** Curriculum folder (default "curriculum"), read relative to the repository top in revisions. */
  dir?: string;
  format?: DiffFormat;
  /** Write to this file instead of standard output (required in spirit for pdf; default out/daftar-perubahan.pdf). */
  out?: string;
  /** Global --json: same as --format json. */
  json?: boolean;
}

const FORMATS: readonly DiffFormat[] = ['text', 'md', 'json', 'pdf'];
export const DEFAULT_PDF = path.join('out', 'daftar-perubahan.pdf');

function terminalStyle(): TextStyle {
  const c = new Chalk({ level: process.env.NO_COLOR || !process.stdout.isTTY ? 0 : 1 });
  return { added: (s) => c.green(s), removed: (s) => c.red(s), changed: (s) => c.yellow(s), renamed: (s) => c.cyan(s), bold: (s) => c.bold(s), dim: (s) => c.dim(s) };
}

/** Both sides, every problem of both reported together. */
async function readBoth(dir: string, revA: string, revB: string | null): Promise<[CurriculumVersion, CurriculumVersion]> {
  const [a, b] = await Promise.allSettled([readCurriculumAt(dir, revA), readCurriculumAt(dir, revB)]);
  if (a.status === 'fulfilled' && b.status === 'fulfilled') return [a.value, b.value];
  const diags: Diagnostic[] = [];
  for (const r of [a, b]) {
    if (r.status === 'fulfilled') continue;
    if (r.reason instanceof UserError) diags.push(...r.reason.diagnostics);
    else throw r.reason;
  }
  throw new UserError(diags);
}

export async function run(revA: string, revB: string | undefined, opts: DiffCliOptions = {}): Promise<number> {
  const format: DiffFormat = opts.json ? 'json' : opts.format ?? 'text';
  if (!FORMATS.includes(format)) {
    throw new UserError([diagnostic('--format', `format "${String(format)}" tidak dikenal`, { expected: `salah satu dari ${FORMATS.join(', ')}`, hint: 'misalnya --format md atau --format pdf --out daftar-perubahan.pdf' })]);
  }
  const dir = opts.dir ?? 'curriculum';
  const [a, b] = await readBoth(dir, revA, revB ?? null);
  const changes = diffCurricula(a, b);
  const report = diffReport(a, b, changes);

  if (format === 'pdf') {
    const { writeChangelogPdf } = await import('../artifacts/changelog.js');
    const { result, missingGlyphs } = await writeChangelogPdf(opts.out ?? DEFAULT_PDF, report, b);
    printMissingGlyphs(missingGlyphs);
    info(`${paint.green('✓')} ${displayPath(result.path)}  ${result.pages} halaman — ${changes.length} perubahan (${report.from.label} → ${report.to.label})`);
    return 0;
  }

  const toFile = Boolean(opts.out);
  const text =
    format === 'json'
      ? changesJson(report)
      : format === 'md'
        ? changelogDocumentMarkdown(report, workingTemplatesDir(b.source.root))
        : changesText(report, toFile ? undefined : terminalStyle());
  if (opts.out) {
    writeFileAtomic(path.resolve(opts.out), text);
    info(`${paint.green('✓')} ${displayPath(path.resolve(opts.out))} — ${changes.length} perubahan (${report.from.label} → ${report.to.label})`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}
