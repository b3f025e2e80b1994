/**
 * Slide planning: templates → Markdown (one `::::: slide` container per slide) → block model →
 * slide specs → slides that fit (slides-split.ts). Nothing is dropped: what the template wrote is
 * on some slide or in the speaker notes.
 */
import path from 'node:path';
import { diagnostic, didYouMean, displayPath, UserError } from '../curriculum/index.js';
import { parseMarkdown, plainText, type Block } from '../markdown/index.js';
import { BUILTIN_TEMPLATES, TemplateEngine } from '../templates/index.js';
import { curriculumView, modulesFor, type BuildContext } from './context.js';
import type { SlideKind } from './slides-layout.js';
import { splitSlide, type PlannedSlide, type SlideSpec } from './slides-split.js';
import { assertComplete } from './completeness.js';

export { splitSlide, type PlannedSlide, type SlideSpec } from './slides-split.js';

/**
 * Words the slides need that the shared label table does not have yet (TODO(lead): move into
 * src/locale/labels.ts as slideModule, slideNotes, slideHandout, slideNoNotes, slides).
 */
const KINDS: readonly SlideKind[] = ['deck', 'title', 'content', 'closing'];

/**
 * The data the slide templates see: the handbook's view plus `slideText` and `keyPoints` per
 * module for the closing slide: each section's first key point, a summary rather than a repeat.
 */
export function slidesView(ctx: BuildContext, audience: string | undefined): Record<string, unknown> {
  const view = curriculumView(ctx, audience);
  const mods = modulesFor(ctx.c, audience);
  const modules = (view.modules as Record<string, unknown>[]).map((m, i) => ({ ...m, keyPoints: mods[i]!.sections.flatMap((s) => s.key_points.slice(0, 1)) }));
  return { ...view, modules, slideText: ctx.labels.slideText };
}

function engineFor(ctx: BuildContext): TemplateEngine {
  return new TemplateEngine('slides', ctx.c.assets.templatesDir, ctx.c.language);
}

/** The slides as Markdown, from the templates (for tests and debugging). */
export function slidesMarkdown(ctx: BuildContext, audience: string | undefined): string {
  return engineFor(ctx).render('slides', slidesView(ctx, audience));
}

export function planSlides(ctx: BuildContext, audience: string | undefined): PlannedSlide[] {
  const engine = engineFor(ctx);
  const where = engine.sources.get('slides')?.file ?? displayPath(path.join(BUILTIN_TEMPLATES, 'slides', 'slides.hbs'));
  const markdown = engine.render('slides', slidesView(ctx, audience));
  const specs = parseSlides(markdown, where);
  const hasLogo = Boolean(ctx.c.assets.logo);
  const slides = specs.flatMap((s) => splitSlide(s, { continued: ctx.labels.continued, hasLogo, where }));
  const shown = slides.flatMap((s) => [s.kicker ?? '', s.title, ...s.lead, s.caption ?? '', ...s.bullets, ...s.tail, s.notes]);
  assertComplete('slides', markdown, shown.join('\n'), modulesFor(ctx.c, audience), { questions: true });
  for (const s of slides) {
    const label = `slides: “${s.title.length > 40 ? `${s.title.slice(0, 40)}…` : s.title}”`;
    for (const [font, texts] of [
      ['bold', [s.title, s.kicker ?? '', s.caption ?? '', ...s.tail]],
      ['regular', [...s.lead, ...s.bullets, s.notes]],
    ] as const) {
      for (const t of texts) if (t) ctx.glyphs.check(font, t, label);
    }
  }
  return slides;
}

// ── Markdown → slide specs ───────────────────────────────────────────────────────────────

const HINT = 'di dalam "::::: slide" hanya boleh: paragraf, "### judul daftar", daftar butir, "## kalimat penutup" dan ":::: notes"';

export function parseSlides(markdown: string, where: string): SlideSpec[] {
  const specs: SlideSpec[] = [];
  for (const b of parseMarkdown(markdown)) {
    if (b.type !== 'component' || b.name !== 'slide') {
      throw new UserError([diagnostic(where, `template slide menghasilkan ${describe(b)} di luar blok "::::: slide"`, { hint: 'setiap isi slide harus berada di dalam blok ::::: slide … :::::' })]);
    }
    specs.push(slideSpec(b.props, b.children, where));
  }
  return specs;
}

function describe(b: Block): string {
  if (b.type === 'component') return `blok "${b.name}"`;
  if (b.type === 'paragraph') return `paragraf “${plainText(b.runs).slice(0, 40)}”`;
  if (b.type === 'heading') return `judul “${plainText(b.runs).slice(0, 40)}”`;
  return `blok ${b.type}`;
}

function slideSpec(props: Record<string, string>, children: Block[], where: string): SlideSpec {
  const kind = (props.kind ?? 'content') as SlideKind;
  if (!KINDS.includes(kind)) {
    const guess = didYouMean(kind, KINDS);
    throw new UserError([diagnostic(where, `jenis slide "${kind}" tidak dikenal`, { hint: guess ? `maksudnya "${guess}"?` : `pakai salah satu: ${KINDS.join(', ')}` })]);
  }
  const title = (props.title ?? '').trim();
  if (!title) throw new UserError([diagnostic(where, 'slide tanpa judul', { hint: 'tulis title="…" pada baris ::::: slide' })]);
  const spec: SlideSpec = { kind, title, lead: [], bullets: [], marks: [], tail: [], notes: '', ...(props.kicker?.trim() ? { kicker: props.kicker.trim() } : {}), ...(props.module ? { module: props.module } : {}) };
  const notes: string[] = [];
  const noteBlocks: Block[][] = [];
  for (const b of children) {
    if (b.type === 'paragraph') spec.lead.push(plainText(b.runs));
    else if (b.type === 'heading' && b.level >= 3) {
      if (spec.caption) throw new UserError([diagnostic(where, `slide “${title}” punya lebih dari satu judul daftar (###)`, { hint: 'satu slide memuat satu daftar butir dengan satu judul' })]);
      spec.caption = plainText(b.runs);
    } else if (b.type === 'heading') spec.tail.push(plainText(b.runs));
    else if (b.type === 'list') addList(spec, b.items, b.ordered ? b.start : 0);
    else if (b.type === 'component' && b.name === 'notes') {
      notes.push(blocksText(b.children));
      noteBlocks.push(b.children);
    }
    else throw new UserError([diagnostic(where, `${describe(b)} tidak dapat ditampilkan di slide “${title}”`, { hint: HINT })]);
  }
  spec.notes = notes.filter(Boolean).join('\n\n');
  const list = noteBlocks.length === 1 && noteBlocks[0]!.length === 1 ? noteBlocks[0]![0] : undefined;
  if (list?.type === 'list' && list.items.length === spec.bullets.length) {
    spec.noteItems = list.items.map((item, i) => blocksText([{ ...list, start: list.start + i, items: [item] }]));
  }
  return spec;
}

/** List items become bullets; nested lists become bullets of their own after their parent. */
function addList(spec: SlideSpec, items: Block[][], start: number): void {
  items.forEach((item, i) => {
    const text = item
      .filter((b) => b.type !== 'list')
      .map((b) => blocksText([b]))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (text) {
      spec.bullets.push(text);
      spec.marks.push(start ? start + i : 0);
    }
    for (const b of item) if (b.type === 'list') addList(spec, b.items, b.ordered ? b.start : 0);
  });
}

/** Notes as plain text: paragraphs separated by blank lines, list items on their own lines. */
export function blocksText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        out.push(plainText(b.runs));
        break;
      case 'list':
        out.push(b.items.map((item, i) => `${b.ordered ? `${b.start + i}.` : '•'} ${blocksText(item).split(/\n+/).join('\n   ')}`).join('\n'));
        break;
      case 'callout':
        out.push([b.title, blocksText(b.children)].filter(Boolean).join(': '));
        break;
      case 'quote':
      case 'keep':
      case 'component':
        out.push(blocksText(b.children));
        break;
      case 'table':
        out.push([b.header, ...b.rows].map((row) => row.map((cell) => plainText(cell)).join(' | ')).join('\n'));
        break;
      case 'image':
        if (b.alt) out.push(`[${b.alt}]`);
        break;
      default:
        break;
    }
  }
  return out.filter((s) => s.trim()).join('\n\n');
}
