/**
 * Slides from the curriculum, in four files per audience: slides.pdf (16:9, one slide per page),
 * slides-notes.pdf (A4: each slide with its speaker notes below), slides-handout.pdf (A4: three
 * slides per page with ruled lines for participants' notes; with `handout: 3`) and slides.pptx
 * (editable text, notes in the notes pane). All four come from one plan (planSlides), so they show
 * the same slides in the same order; all are deterministic and written atomically.
 */
import path from 'node:path';
import { diagnostic, didYouMean, UserError } from '../curriculum/index.js';
import { A4, ascent, drawFurniture, SLIDE_16_9, Typesetter, type DocumentMeta, type PageSpec } from '../pdf/index.js';
import { audiencePlan, documentMeta, type BuildContext } from './context.js';
import { pageOfText } from '../locale/index.js';
import { loadImage } from './images.js';
import { writePdf, type ArtifactResult } from './output.js';
import { drawSlide, type SlideFrame } from './slides-draw.js';
import { footerLeft, SLIDE_COLORS, SLIDE_H, SLIDE_W } from './slides-layout.js';
import { planSlides, type PlannedSlide } from './slides-plan.js';

export type { PlannedSlide } from './slides-plan.js';
export { planSlides } from './slides-plan.js';

export interface SlidesOptions {
  audience?: string;
  /** 1: notes pages only (default); 3: also a handout with three slides per page. */
  handout?: 1 | 3;
  /** Which files besides slides.pdf: the notes handout and the PPTX (default both). */
  notes?: boolean;
  pptx?: boolean;
  /** An office's PPTX template for slides.pptx; default: settings.slides.reference. */
  reference?: string;
}

export interface SlidesJob {
  audience: string | undefined;
  handout: 1 | 3;
  files: { slides: string; notes: string | null; handout: string | null; pptx: string | null };
  /** The office template slides.pptx takes its design from. */
  reference: string | undefined;
}

export const SLIDE_PAGE: PageSpec = { size: SLIDE_16_9, margins: { top: 0, bottom: 0, left: 0, right: 0 } };
export const NOTES_PAGE: PageSpec = { size: A4, margins: { top: 64, bottom: 60, left: 56, right: 56 } };
export const HANDOUT_PAGE: PageSpec = { size: A4, margins: { top: 64, bottom: 60, left: 48, right: 48 } };

export function slidesJobs(ctx: BuildContext, opts: SlidesOptions): SlidesJob[] {
  const { c } = ctx;
  if (opts.audience && !c.audiences.some((a) => a.id === opts.audience)) {
    const ids = c.audiences.map((a) => a.id);
    const guess = didYouMean(opts.audience, ids);
    throw new UserError([diagnostic(c.file, `sasaran "${opts.audience}" tidak ada di kurikulum`, { hint: guess ? `maksudnya "${guess}"?` : `sasaran yang ada: ${ids.join(', ')}` })]);
  }
  const handout = opts.handout ?? 1;
  return audiencePlan(c, opts.audience).map((audience) => {
    const base = path.join(ctx.outDir, `slides${audience ? `-${audience}` : ''}`);
    return { audience, handout, reference: opts.reference ?? c.assets.slidesReference, files: { slides: `${base}.pdf`, notes: opts.notes === false ? null : `${base}-notes.pdf`, handout: handout === 3 ? `${base}-handout.pdf` : null, pptx: opts.pptx === false ? null : `${base}.pptx` } };
  });
}

interface DeckInfo {
  slides: PlannedSlide[];
  frame: (i: number) => SlideFrame;
  title: string;
  meta: (kind: string) => DocumentMeta;
  audienceInfo: { audience?: string };
}

function deckInfo(ctx: BuildContext, job: SlidesJob): DeckInfo {
  const { c } = ctx;
  const slides = planSlides(ctx, job.audience);
  const logo = c.assets.logo ? loadImage(c.assets.logo) : null;
  const audienceName = job.audience ? c.audiences.find((a) => a.id === job.audience)?.name : undefined;
  const title = `${c.title}${audienceName ? ` — ${audienceName}` : ''}`;
  const footer = footerLeft(c.event.name, `${ctx.labels.version} ${ctx.stampLine}`);
  return {
    slides,
    title,
    frame: (i) => ({ number: i + 1, total: slides.length, footer, logo }),
    meta: (kind) => documentMeta(ctx, `${title} (${kind})`, c.subtitle ?? c.event.name, [c.event.kind, c.event.name, kind, ...(audienceName ? [audienceName] : [])]),
    audienceInfo: job.audience ? { audience: job.audience } : {},
  };
}

export async function buildSlides(ctx: BuildContext, job: SlidesJob): Promise<ArtifactResult[]> {
  const deck = deckInfo(ctx, job);
  const results = [await slidesPdf(ctx, job.files.slides, deck)];
  if (job.files.notes) results.push(await notesPdf(ctx, job.files.notes, deck));
  if (job.files.handout) results.push(await handoutPdf(ctx, job.files.handout, deck));
  if (job.files.pptx) {
    const text = ctx.labels.slideText;
    const { writePptx } = await import('./pptx.js');
    results.push(await writePptx(job.files.pptx, deck.slides, { meta: deck.meta(text.slides), company: ctx.c.organizer.name, frame: deck.frame, info: { kind: 'pptx', ...deck.audienceInfo }, reference: job.reference }));
  }
  return results;
}

/** slides.pdf: one 16:9 page per slide, with bookmarks for the deck and each module. */
function slidesPdf(ctx: BuildContext, file: string, deck: DeckInfo): Promise<ArtifactResult> {
  const text = ctx.labels.slideText;
  return writePdf(file, { page: SLIDE_PAGE, meta: deck.meta(text.slides), tagged: true }, { kind: 'slides', ...deck.audienceInfo }, (canvas) => {
    const ts = new Typesetter(canvas, { page: SLIDE_PAGE, glyphs: ctx.glyphs, where: path.basename(file), tagged: true });
    deck.slides.forEach((slide, i) => {
      ts.newPage();
      if (!slide.continued && (slide.kind === 'deck' || slide.kind === 'title')) canvas.outline(slide.kicker && slide.kind === 'title' ? `${slide.kicker} ${slide.title}` : slide.title);
      ts.group('Sect', () => drawSlide(ts, slide, deck.frame(i), { x: 0, y: 0, scale: 1 }));
    });
    return deck.slides.length;
  });
}

/** slides-notes.pdf: A4 portrait, the slide on top and its speaker notes below (continued when long). */
function notesPdf(ctx: BuildContext, file: string, deck: DeckInfo): Promise<ArtifactResult> {
  const { labels } = ctx;
  const text = ctx.labels.slideText;
  const page = NOTES_PAGE;
  return writePdf(file, { page, meta: deck.meta(text.notes), tagged: true, bufferPages: true }, { kind: 'slides-notes', edition: 'notes', ...deck.audienceInfo }, (canvas) => {
    const ts = new Typesetter(canvas, { page, glyphs: ctx.glyphs, where: path.basename(file), tagged: true });
    const slideOfPage: number[] = [];
    const scale = ts.width / SLIDE_W;
    deck.slides.forEach((slide, i) => {
      ts.newPage();
      const first = ts.pageIndex;
      ts.group('Sect', () => {
        drawSlide(ts, slide, deck.frame(i), { x: ts.left, y: ts.top, scale, border: true });
        ts.y = ts.top + SLIDE_H * scale + 18;
        ts.text([{ text: text.notes }], ts.bodyStyle({ font: 'bold', size: 11, color: SLIDE_COLORS.accent }), 'H2', 6);
        const paragraphs = slide.notes.split(/\n{2,}/).filter((p) => p.trim());
        for (const p of paragraphs) ts.text([{ text: p }], ts.bodyStyle({ size: 11, leading: 1.45 }), 'P', 6);
        if (!paragraphs.length) ts.text([{ text: text.noNotes }], ts.bodyStyle({ size: 10, font: 'italic', color: '#777777' }), 'P', 6);
        // Lines for the facilitator's own notes in the room left on the page.
        if (ts.bottom - ts.y >= 3 * 24) ruledLines(ts, ts.left, ts.width, ts.y, ts.bottom, 24);
      });
      for (let p = first; p <= ts.pageIndex; p++) slideOfPage[p] = i;
    });
    drawFurniture(ts, {
      header: (p) => [deck.title, `${text.slide} ${(slideOfPage[p] ?? 0) + 1} / ${deck.slides.length}`],
      footer: (p, total) => [`${text.notes} · ${labels.curriculumVersion} ${ctx.stampLine}`, pageOfText(labels, p + 1, total)],
    });
    return ts.pageIndex + 1;
  });
}

/** slides-handout.pdf: three slides per A4 page, each with ruled lines beside it. */
function handoutPdf(ctx: BuildContext, file: string, deck: DeckInfo): Promise<ArtifactResult> {
  const { labels } = ctx;
  const text = ctx.labels.slideText;
  const page = HANDOUT_PAGE;
  return writePdf(file, { page, meta: deck.meta(text.handout), tagged: true, bufferPages: true }, { kind: 'slides-notes', edition: 'handout', ...deck.audienceInfo }, (canvas) => {
    const ts = new Typesetter(canvas, { page, glyphs: ctx.glyphs, where: path.basename(file), tagged: true });
    const slideW = 320;
    const scale = slideW / SLIDE_W;
    const slideH = SLIDE_H * scale;
    const rowH = (ts.bottom - ts.top) / 3;
    const linesX = ts.left + slideW + 20;
    const linesW = ts.left + ts.width - linesX;
    deck.slides.forEach((slide, i) => {
      const row = i % 3;
      if (row === 0) ts.newPage();
      const y = ts.top + row * rowH + (rowH - slideH - 16) / 2;
      ts.group('Sect', () => drawSlide(ts, slide, deck.frame(i), { x: ts.left, y, scale, border: true }));
      ts.artifact((c) => c.text({ text: `${text.slide} ${i + 1}`, font: 'regular', size: 8, x: ts.left, baseline: y + slideH + 4 + ascent('regular', 8), color: '#777777' }));
      ruledLines(ts, linesX, linesW, y, y + slideH, slideH / 8);
    });
    drawFurniture(ts, {
      header: () => [deck.title, text.handout],
      footer: (p, total) => [`${ctx.c.event.name} · ${labels.curriculumVersion} ${ctx.stampLine}`, pageOfText(labels, p + 1, total)],
    });
    return ts.pageIndex + 1;
  });
}

/** Lines to write on, from `top` down to `bottom`. */
function ruledLines(ts: Typesetter, x: number, w: number, top: number, bottom: number, step: number): void {
  ts.artifact((c) =>
    c.stroke((p) => {
      for (let y = top + step; y <= bottom + 0.01; y += step) p.line(x, y, x + w, y);
    }, { width: 0.5, color: '#b8b8b8' }),
  );
}
