/**
 * The facilitator handbook (A4): templates → Markdown → blocks → pages, with a table of contents,
 * bookmarks, running header and "Halaman X dari Y". Two editions from one source: `facilitator`
 * (everything) and `participant` (no facilitator notes, no answer key, questions as a worksheet).
 */
import path from 'node:path';
import { parseMarkdown } from '../markdown/index.js';
import { A4, builtinComponents, collectToc, drawFurniture, Typesetter, type PageSpec } from '../pdf/index.js';
import { TemplateEngine } from '../templates/index.js';
import { assertComplete, blocksText } from './completeness.js';
import { audiencePlan, curriculumView, documentMeta, modulesFor, type BuildContext } from './context.js';
import { pageOfText } from '../locale/index.js';
import { imageLoader } from './images.js';
import { writePdf, type ArtifactResult } from './output.js';

export type Edition = 'facilitator' | 'participant';

export const HANDBOOK_PAGE: PageSpec = { size: A4, margins: { top: 72, bottom: 68, left: 68, right: 62 } };

export interface HandbookOptions {
  audience?: string;
  edition?: Edition;
  /** A Word copy beside each handbook PDF (default true). */
  docx?: boolean;
}

export interface HandbookJob {
  audience: string | undefined;
  edition: Edition;
  /** A PDF/A-2b archive copy (written beside the normal file with `--pdfa`). */
  pdfa: boolean;
  file: string;
  /** The Word copy (none beside the PDF/A archive copy). */
  docx: string | null;
}

export function handbookJobs(ctx: BuildContext, opts: HandbookOptions): HandbookJob[] {
  const editions = opts.edition ? [opts.edition] : ctx.c.settings.handbook.editions;
  const audiences = ctx.c.settings.handbook.per_audience ? audiencePlan(ctx.c, opts.audience) : [opts.audience];
  const variants = ctx.pdfa ? [false, true] : [false];
  return audiences.flatMap((audience) =>
    editions.flatMap((edition) =>
      variants.map((pdfa) => {
        const base = path.join(ctx.outDir, `handbook${audience ? `-${audience}` : ''}-${edition}`);
        return { audience, edition, pdfa, file: `${base}${pdfa ? '-pdfa' : ''}.pdf`, docx: pdfa || opts.docx === false ? null : `${base}.docx` };
      }),
    ),
  );
}

/** The handbook as Markdown, from the templates (exported for tests and `--debug-markdown`). */
export function handbookMarkdown(ctx: BuildContext, job: Pick<HandbookJob, 'audience' | 'edition'>, extraMarkdown = ''): string {
  const engine = new TemplateEngine('handbook', ctx.c.assets.templatesDir, ctx.c.language);
  const view = { ...curriculumView(ctx, job.audience), edition: job.edition, facilitator: job.edition === 'facilitator' };
  return engine.render('handbook', view) + extraMarkdown;
}

export async function buildHandbook(ctx: BuildContext, job: HandbookJob, extraMarkdown = '', markdown = handbookMarkdown(ctx, job, extraMarkdown)): Promise<ArtifactResult[]> {
  const { c, labels } = ctx;
  const blocks = parseMarkdown(markdown, path.basename(job.file));
  const tocEntries = collectToc(blocks);
  const audienceName = job.audience ? c.audiences.find((a) => a.id === job.audience)?.name : undefined;
  const editionLabel = job.edition === 'facilitator' ? labels.editionFacilitator : labels.editionParticipant;
  const title = `${c.title}${audienceName ? ` — ${audienceName}` : ''} (${editionLabel})`;
  const meta = documentMeta(ctx, title, c.subtitle ?? c.event.name, [c.event.kind, c.event.name, editionLabel, ...(audienceName ? [audienceName] : [])]);
  const info = { edition: job.edition, ...(job.audience ? { audience: job.audience } : {}) };
  const image = imageLoader(c, c.file);
  const footer = `${editionLabel} · ${labels.curriculumVersion} ${ctx.stampLine}`;
  const pdf = await writePdf(
    job.file,
    { page: HANDBOOK_PAGE, meta, tagged: true, pdfa: job.pdfa, bufferPages: true },
    { kind: 'handbook', ...info },
    (canvas) => {
      const ts = new Typesetter(canvas, { page: HANDBOOK_PAGE, components: builtinComponents, image, glyphs: ctx.glyphs, where: path.basename(job.file), tagged: true, imageAlt: c.organizer.name });
      ts.tocEntries = tocEntries;
      ts.flow(blocks);
      ts.runDeferred();
      assertComplete(path.basename(job.file), markdown, blocksText(blocks), modulesFor(c, job.audience), { questions: true });
      // Running header: the handbook's short title and the current chapter.
      const chapterAt = (page: number) => [...ts.headings].reverse().find((h) => h.level === 1 && h.page <= page)?.text ?? '';
      drawFurniture(ts, {
        header: (page) => [c.event.name, chapterAt(page)],
        footer: (page, total) => [footer, pageOfText(labels, page + 1, total)],
      });
      return ts.pageIndex + 1;
    },
  );
  if (!job.docx) return [pdf];
  const { writeDocx } = await import('./docx.js'); // the docx package loads only when a Word file is written
  const docx = await writeDocx(job.docx, blocks, { meta, page: HANDBOOK_PAGE, image, header: c.event.name, footer, pageOf: labels.pageOf, tocTitle: labels.toc, info: { kind: 'docx', ...info } });
  return [pdf, docx];
}
