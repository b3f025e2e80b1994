import path from 'node:path';
import type { AttendanceOptions } from '../artifacts/attendance.js';
import type { BuildOptions } from '../artifacts/index.js';
import { existsSync, statSync } from 'node:fs';
import { displayPath, fail, loadCurriculum, type Curriculum } from '../curriculum/index.js';
import { markdownImages, markdownProblems } from '../markdown/index.js';
import { curriculumFolder } from './folder.js';
import { parseHandout } from './handout.js';
import { fileLine, info, printDiagnostics, printJson, printMissingGlyphs, progress, warn, withAbsolutePath } from './output.js';

export interface BuildCliOptions {
  out: string;
  audience?: string;
  edition?: 'facilitator' | 'participant';
  pdfa?: boolean;
  only?: BuildOptions['only'];
  watch?: boolean;
  changesSince?: string;
  /** Slides handout layout: "1" or "3" (see parseHandout). */
  handout?: string;
  /** `--no-notes` / `--no-pptx` (slides). */
  notes?: boolean;
  pptx?: boolean;
  /** `--reference deck.pptx` (slides): the office's PowerPoint template. */
  reference?: string;
  /** `--no-docx` (handbooks): no Word files. */
  docx?: boolean;
  /** Set by `bimtek attendance` from its own options. */
  attendance?: AttendanceOptions;
  /** Set by `bimtek paperwork`: which documents. */
  paperwork?: BuildOptions['paperwork'];
  json?: boolean;
}

const GIT_MISSING = `peringatan: program git tidak ditemukan; dokumen dicap "di luar git" tanpa nomor commit (pasang git agar versi dokumen dapat dilacak)`;

/** Shared by build, handbook, slides and attendance: they differ only in what they build. */
export async function runBuild(folder: string | undefined, opts: BuildCliOptions, only?: BuildOptions['only']): Promise<number> {
  const dir = curriculumFolder(folder);
  if (!opts.watch) {
    await buildOnce(dir, opts, only);
    return 0;
  }
  const { watchBuild } = await import('./watch.js');
  let roster: string | undefined;
  return watchBuild(dir, opts.out, async (kinds) => {
    const c = await buildOnce(dir, opts, kinds);
    roster = c.settings.attendance.roster;
  }, only, () => roster);
}

async function buildOnce(dir: string, opts: BuildCliOptions, only?: BuildOptions['only']): Promise<Curriculum> {
  const started = performance.now();
  const c = loadCurriculum(dir, { textProblems: markdownProblems, textImages: markdownImages });
  // The rendering code loads only once the curriculum is valid: a bad input answers fast.
  const { buildAll } = await import('../artifacts/index.js');
  const { ctx, files, warnings: buildWarnings } = await buildAll(c, {
    out: opts.out,
    audience: opts.audience,
    edition: opts.edition,
    pdfa: opts.pdfa,
    changesSince: opts.changesSince,
    handout: parseHandout(opts.handout),
    attendance: opts.attendance,
    paperwork: opts.paperwork,
    slideNotes: opts.notes,
    slidePptx: opts.pptx,
    slideReference: opts.reference === undefined ? undefined : referenceFile(opts.reference),
    handbookDocx: opts.docx,
    only,
    onStart: (file) => progress(`… ${displayPath(file)}`),
    onFile: opts.json ? undefined : (r) => info(fileLine(r)),
  });
  const missing = ctx.glyphs.report();
  // Warnings of loading (characters removed, links printed as text) and of the build, together.
  const warnings = [...(c.warnings ?? []), ...buildWarnings];
  if (!opts.json) printDiagnostics(warnings);
  printMissingGlyphs(missing);
  if (ctx.stamp.gitMissing) warn(GIT_MISSING);
  const seconds = (performance.now() - started) / 1000;
  if (opts.json) {
    printJson({
      ok: true,
      folder: path.resolve(dir),
      out: path.resolve(ctx.outDir),
      version: ctx.stampLine,
      seconds,
      files: files.map((f) => ({ ...f, path: path.resolve(f.path), ms: Math.round(f.ms) })),
      missingGlyphs: missing,
      diagnostics: warnings.map(withAbsolutePath),
      warnings: ctx.stamp.gitMissing ? [GIT_MISSING] : [],
    });
  } else {
    info(`${files.length} berkas, ${files.reduce((n, f) => n + f.pages, 0)} halaman di ${displayPath(ctx.outDir)} (${seconds.toFixed(2)} d) — ${c.title} versi ${ctx.stampLine}`);
  }
  return c;
}

/** `--reference`: an existing .pptx, relative to the working folder. */
function referenceFile(file: string): string {
  const abs = path.resolve(file);
  const problem = !existsSync(abs) ? 'berkas tidak ada' : !statSync(abs).isFile() ? 'path menunjuk ke folder, bukan berkas' : !/\.pptx$/i.test(abs) ? 'bukan berkas .pptx' : null;
  if (problem) fail('--reference', `${problem}: ${displayPath(abs)}`, { expected: 'templat PowerPoint (.pptx)', hint: 'simpan templat kantor dari PowerPoint atau LibreOffice Impress sebagai .pptx, misalnya --reference templat-kpu.pptx' });
  return abs;
}

export async function run(dir: string, opts: BuildCliOptions): Promise<number> {
  return runBuild(dir, opts, opts.only);
}
