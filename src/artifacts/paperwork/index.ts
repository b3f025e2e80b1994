/**
 * Event paperwork: which documents a build makes (settings.paperwork, or the ones asked for on
 * the command line), each laid out as pages and written atomically like every other artifact.
 */
import path from 'node:path';
import { diagnostic, displayPath, UserError } from '../../curriculum/index.js';
import type { BuildContext } from '../context.js';
import type { ArtifactResult, PaperworkKind } from '../output.js';
import { answerSheetPages } from './answer-sheet.js';
import { certificatePage } from './certificate.js';
import { evaluationPages } from './evaluation.js';
import { invitationPages } from './invitation.js';
import { nameTagPages } from './name-tags.js';
import { receiptPages } from './receipt.js';
import { paperOf, readParticipants, type Paper } from './common.js';
import type { PaperPage } from './page.js';
import { renderPaper } from './render.js';

export { readParticipants, type Participant } from './common.js';

/** Documents made from the roster (scores are made by `bimtek scores`, from an answers file). */
export const PAPERWORK_DOCUMENTS = ['certificate', 'receipt', 'name-tags', 'invitation', 'answer-sheet', 'evaluation'] as const;
export type PaperworkDocument = (typeof PAPERWORK_DOCUMENTS)[number];

export interface PaperworkJob {
  kind: PaperworkDocument & PaperworkKind;
  file: string;
  title: string;
  pages(p: Paper): PaperPage[];
}

/** The documents the settings switch on (certificates, receipts, letters are off unless configured). */
export function wantedDocuments(ctx: BuildContext): PaperworkDocument[] {
  const s = ctx.c.settings.paperwork;
  const on: Record<PaperworkDocument, boolean> = {
    certificate: s.certificate.enabled,
    receipt: s.receipt.enabled,
    'name-tags': s.name_tags.enabled,
    invitation: s.invitation.enabled,
    'answer-sheet': s.answer_sheets.enabled && ctx.c.modules.some((m) => m.assessment),
    evaluation: s.evaluation.enabled,
  };
  return PAPERWORK_DOCUMENTS.filter((d) => on[d]);
}

/** Session days: the schedule's, else the event's dates (as for attendance sheets). */
function sessionDates(ctx: BuildContext): string[] {
  return ctx.c.schedule.length ? ctx.c.schedule.map((d) => d.date) : ctx.c.event.dates;
}

export function paperworkJobs(ctx: BuildContext, docs: readonly PaperworkDocument[]): PaperworkJob[] {
  const out = (name: string) => path.join(ctx.outDir, name);
  const jobs: PaperworkJob[] = [];
  for (const d of docs) {
    if (d === 'certificate') jobs.push({ kind: d, file: out('sertifikat.pdf'), title: 'Sertifikat', pages: (p) => p.people.map((who) => certificatePage(p, who)) });
    if (d === 'name-tags') jobs.push({ kind: d, file: out('tanda-pengenal.pdf'), title: 'Tanda Pengenal', pages: nameTagPages });
    if (d === 'invitation') jobs.push({ kind: d, file: out('surat-undangan.pdf'), title: 'Surat Undangan', pages: invitationPages });
    if (d === 'answer-sheet') jobs.push({ kind: d, file: out('lembar-jawaban.pdf'), title: 'Lembar Jawaban', pages: answerSheetPages });
    if (d === 'evaluation') for (const date of sessionDates(ctx)) jobs.push({ kind: d, file: out(`lembar-evaluasi-${date}.pdf`), title: `Lembar Evaluasi ${date}`, pages: (p) => evaluationPages(p, date) });
    if (d === 'receipt') for (const date of sessionDates(ctx)) jobs.push({ kind: d, file: out(`tanda-terima-${date}.pdf`), title: `Daftar Tanda Terima ${date}`, pages: (p) => receiptPages(p, date) });
  }
  return jobs;
}

export async function buildPaperwork(ctx: BuildContext, job: PaperworkJob, people: Awaited<ReturnType<typeof readParticipants>>): Promise<ArtifactResult> {
  const p = paperOf(ctx, people);
  return renderPaper(ctx, { file: job.file, info: { kind: job.kind }, title: `${job.title} — ${ctx.c.event.name}`, pages: job.pages(p) });
}

/** Paperwork is per participant: without a roster there is nothing to make. */
export function requireRoster(ctx: BuildContext, roster: string | undefined): string {
  if (roster) return roster;
  throw new UserError([
    diagnostic(displayPath(ctx.c.file), 'dokumen kegiatan memerlukan roster peserta', {
      hint: 'isi settings.attendance.roster di curriculum.yaml (misalnya roster: peserta.csv), atau sebutkan --roster <berkas>',
    }),
  ]);
}
export { readAnswers, scoreAnswers, type ScoreReport } from './scores.js';
export { writeScores, scoresCsv } from './scores-report.js';
