/**
 * `bimtek diff [folder] <rev-a> [<rev-b>]`: what changed in the curriculum between two git revisions (or a
 * revision and the working tree), as curriculum: modules, sections, steps, durations, references,
 * schedule, glossary. Output as a terminal report, Markdown, JSON, or a PDF change log.
 */
import path from 'node:path';
import { Chalk } from 'chalk';
import { diagnostic, displayPath, fail, UserError, type Diagnostic } from '../curriculum/index.js';
import { diffCurricula, readCurriculumAt, type CurriculumVersion } from '../version/diff.js';
import { changelogDocumentMarkdown, changesJson, changesText, diffReport, workingTemplatesDir, type TextStyle } from '../version/diff-format.js';
import { writeFileAtomic } from '../write/index.js';
import { curriculumFolder, isCurriculumFolder } from './folder.js';
import { info, paint, printJson, printMissingGlyphs } from './output.js';

export type DiffFormat = 'text' | 'md' | 'json' | 'pdf';

export interface DiffCliOptions {
  /** `--dir`, the older spelling of the [folder] argument. */
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

/**
 * `[folder] <rev-a> [rev-b]`: with two words the first is the folder when it holds curriculum.yaml
 * (a revision is rarely also a curriculum folder's name; --dir settles it otherwise).
 */
export function diffArguments(words: string[], dirOption?: string): { folder?: string; revA: string; revB?: string } {
  const tooMany = () =>
    fail('diff', `terlalu banyak argumen: ${words.join(' ')}`, { expected: '[folder] <rev-a> [rev-b]', hint: 'misalnya bimtek diff curriculum v2024.10 HEAD' });
  const folderFirst = words.length === 3 || (words.length === 2 && dirOption === undefined && isCurriculumFolder(words[0]!));
  if (folderFirst && dirOption !== undefined) return tooMany();
  if (words.length > 3) return tooMany();
  const [folder, revA, revB] = folderFirst ? words : [dirOption, ...words];
  return { folder, revA: revA!, revB };
}

export async function run(words: string[], opts: DiffCliOptions = {}): Promise<number> {
  const { folder, revA, revB } = diffArguments(words, opts.dir);
  // --json: the changes as JSON, or with --format pdf the summary of the written PDF.
  const format: DiffFormat = opts.json && opts.format !== 'pdf' ? 'json' : opts.format ?? 'text';
  if (!FORMATS.includes(format)) {
    throw new UserError([diagnostic('--format', `format "${String(format)}" tidak dikenal`, { expected: `salah satu dari ${FORMATS.join(', ')}`, hint: 'misalnya --format md atau --format pdf --out daftar-perubahan.pdf' })]);
  }
  const dir = curriculumFolder(folder);
  const [a, b] = await readBoth(dir, revA, revB ?? null);
  const changes = diffCurricula(a, b);
  const report = diffReport(a, b, changes);

  if (format === 'pdf') {
    const { writeChangelogPdf } = await import('../artifacts/changelog.js');
    const { result, missingGlyphs } = await writeChangelogPdf(opts.out ?? DEFAULT_PDF, report, b);
    printMissingGlyphs(missingGlyphs);
    if (opts.json) printJson({ ok: true, folder: path.resolve(dir), file: path.resolve(result.path), pages: result.pages, changes: changes.length, missingGlyphs });
    else info(`${paint.green('✓')} ${displayPath(result.path)}  ${result.pages} halaman — ${changes.length} perubahan (${report.from.label} → ${report.to.label})`);
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
    if (opts.json) printJson({ ok: true, folder: path.resolve(dir), file: path.resolve(opts.out), changes: changes.length });
    else info(`${paint.green('✓')} ${displayPath(path.resolve(opts.out))} — ${changes.length} perubahan (${report.from.label} → ${report.to.label})`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}
