/**
 * A whole build: every artifact the curriculum asks for, one after the other, each written
 * atomically. Reports every finished file; warns once about characters the fonts cannot draw.
 */
import path from 'node:path';
import type { Curriculum, Diagnostic } from '../curriculum/index.js';
import { checkOutDir, inBatch } from '../write/index.js';
import { buildContext, type BuildContext } from './context.js';
import type { AttendanceOptions } from './attendance.js';
import type { Edition } from './handbook.js';
import type { PaperworkDocument } from './paperwork/index.js';
import { writeManifest } from './manifest.js';
import type { ArtifactResult } from './output.js';

export interface BuildOptions {
  out: string;
  audience?: string;
  edition?: Edition;
  only?: ('handbook' | 'slides' | 'attendance' | 'paperwork')[];
  pdfa?: boolean;
  /** Slides: 3 also writes a handout with three slides per page. */
  handout?: 1 | 3;
  /** Slides: leave out the notes handout or the PPTX. */
  slideNotes?: boolean;
  slidePptx?: boolean;
  /** Slides: an office's PPTX template for slides.pptx (else settings.slides.reference). */
  slideReference?: string;
  /** Handbooks: also a Word file beside each PDF (default true). */
  handbookDocx?: boolean;
  /** Attendance sheets: roster, session, grouping, blank rows, orientation. */
  attendance?: AttendanceOptions;
  /** Event paperwork: which documents (default: the ones settings.paperwork switches on). */
  paperwork?: { documents?: PaperworkDocument[] };
  /** Append a "Daftar Perubahan" (changes since this git revision) to the handbooks. */
  changesSince?: string;
  /** Called when a file is finished (for the terminal report). */
  onFile?: (r: ArtifactResult) => void;
  /** Called before a file starts (for progress). */
  onStart?: (file: string) => void;
}

export interface BuildResult {
  ctx: BuildContext;
  files: ArtifactResult[];
  /** Warnings about the input (a roster's damaged NIKs, missing optional columns). */
  warnings: Diagnostic[];
}

/** A full build includes the attendance sheets when the curriculum names a roster. */
async function prepareAttendance(ctx: BuildContext, opts: BuildOptions, warnings: Diagnostic[]) {
  const settings = opts.attendance ?? {};
  if (!(opts.only?.includes('attendance') || (!opts.only && (ctx.c.assets.roster || settings.roster)))) return undefined;
  const { attendanceJobs, attendanceRoster, buildAttendance } = await import('./attendance.js');
  const jobs = attendanceJobs(ctx, settings);
  return { jobs, rows: await attendanceRoster(jobs, warnings), build: buildAttendance };
}

/**
 * A full build includes the paperwork the settings switch on when there is a roster (every
 * document is per participant); `bimtek paperwork` asks for it explicitly.
 */
async function preparePaperwork(ctx: BuildContext, opts: BuildOptions) {
  const asked = opts.only?.includes('paperwork');
  const roster = opts.attendance?.roster !== undefined ? path.resolve(opts.attendance.roster) : ctx.c.assets.roster;
  if (!(asked || (!opts.only && roster))) return undefined;
  const { paperworkJobs, readParticipants, wantedDocuments, buildPaperwork, requireRoster } = await import('./paperwork/index.js');
  const jobs = paperworkJobs(ctx, opts.paperwork?.documents ?? wantedDocuments(ctx));
  if (!jobs.length) return undefined;
  const people = await readParticipants(requireRoster(ctx, roster), opts.attendance?.sheet);
  return { jobs, people, build: buildPaperwork };
}

export async function buildAll(c: Curriculum, opts: BuildOptions): Promise<BuildResult> {
  checkOutDir(opts.out, c.root);
  const ctx = buildContext(c, opts.out, { pdfa: opts.pdfa });
  const wants = (k: 'handbook' | 'slides' | 'attendance') => !opts.only || opts.only.includes(k);
  const files: ArtifactResult[] = [];
  // The roster is read (and every bad row reported) before anything is rendered: a bad roster
  // answers in a second, not after the handbooks.
  const warnings: Diagnostic[] = [];
  const attendance = await prepareAttendance(ctx, opts, warnings);
  const paperwork = await preparePaperwork(ctx, opts);
  // All or nothing: the files replace the previous ones only when every artifact succeeded.
  await inBatch(async () => {
    // Each kind's code loads only when it is built: `bimtek attendance` never loads Handlebars or PPTX.
    if (wants('handbook')) {
      const { buildHandbook, handbookJobs, handbookMarkdown } = await import('./handbook.js');
      const appendix = opts.changesSince ? await (await import('./changelog.js')).changesAppendix(ctx, opts.changesSince) : () => '';
      const jobs = handbookJobs(ctx, { audience: opts.audience, edition: opts.edition, docx: opts.handbookDocx });
      // Every edition's templates first: an error in the last one answers before any page is laid out.
      const markdown = jobs.map((job) => handbookMarkdown(ctx, job, appendix(job)));
      for (const [i, job] of jobs.entries()) {
        opts.onStart?.(job.file);
        files.push(...(await buildHandbook(ctx, job, appendix(job), markdown[i])));
      }
    }
    if (wants('slides')) {
      const { buildSlides, slidesJobs } = await import('./slides.js');
      for (const job of slidesJobs(ctx, { audience: opts.audience, handout: opts.handout ?? 1, notes: opts.slideNotes, pptx: opts.slidePptx, reference: opts.slideReference })) {
        opts.onStart?.(job.files.slides);
        files.push(...(await buildSlides(ctx, job)));
      }
    }
    if (attendance) {
      for (const job of attendance.jobs) {
        opts.onStart?.(job.file);
        files.push(await attendance.build(ctx, job, attendance.rows));
      }
    }
    for (const job of paperwork?.jobs ?? []) {
      opts.onStart?.(job.file);
      files.push(await paperwork!.build(ctx, job, paperwork!.people));
    }
    writeManifest(ctx, files);
  });
  for (const f of files) opts.onFile?.(f);
  return { ctx, files, warnings };
}
