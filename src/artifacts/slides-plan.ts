/**
 * Slide planning: templates → Markdown (one `::::: slide` container per slide) → block model →
 * slide specs → slides that fit. A slide whose body does not fit above the footer continues on
 * "(lanjutan)" slides; a bullet taller than a whole slide is split at a word with "…" on both
 * sides. The deck's title slide never continues: its type shrinks, then its longest texts are
 * shortened with "…". Nothing is dropped: what the template wrote is on some slide or in the
 * speaker notes.
 */
import path from 'node:path';
import { diagnostic, didYouMean, displayPath, UserError } from '../curriculum/index.js';
import { parseMarkdown, plainText, type Block } from '../markdown/index.js';
import { BUILTIN_TEMPLATES, TemplateEngine } from '../templates/index.js';
import { curriculumView, modulesFor, type BuildContext } from './context.js';
import { fits, type SlideContent, type SlideKind } from './slides-layout.js';

export interface PlannedSlide extends SlideContent {
  kind: SlideKind;
  title: string;
  bullets: string[];
  /** Speaker notes as plain text (paragraphs separated by blank lines); never shown on the slide. */
  notes: string;
  /** A "(lanjutan)" slide: the rest of the slide before it. */
  continued: boolean;
  /** Id of the module the slide belongs to (absent for the deck title slide). */
  module?: string;
}

/**
 * Words the slides need that the shared label table does not have yet (TODO(lead): move into
 * src/locale/labels.ts as slideModule, slideNotes, slideHandout, slideNoNotes, slides).
 */
const KINDS: readonly SlideKind[] = ['deck', 'title', 'content', 'closing'];

/** A slide as the template wrote it, before overflow splitting. */
export interface SlideSpec extends SlideContent {
  notes: string;
  /**
   * The notes as one item per bullet, when they are a single list as long as the bullets (a
   * procedure's steps): a continued slide then carries the notes of its own bullets.
   */
  noteItems?: string[];
  module?: string;
}

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
  const specs = parseSlides(engine.render('slides', slidesView(ctx, audience)), where);
  const hasLogo = Boolean(ctx.c.assets.logo);
  const slides = specs.flatMap((s) => splitSlide(s, { continued: ctx.labels.continued, hasLogo, where }));
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

// ── Overflow ─────────────────────────────────────────────────────────────────────────────

interface Piece {
  role: 'lead' | 'caption' | 'bullet' | 'tail';
  text: string;
  mark: number;
  /** Which of the spec's bullets this is (both halves of a split bullet share it); -1 for others. */
  index: number;
}

interface SplitOptions {
  continued: string;
  hasLogo: boolean;
  where: string;
}

function content(spec: SlideSpec, pieces: Piece[], continued: boolean, label: string): SlideContent {
  const bullets = pieces.filter((p) => p.role === 'bullet');
  const caption = pieces.find((p) => p.role === 'caption')?.text;
  return {
    kind: spec.kind,
    ...(spec.kicker ? { kicker: spec.kicker } : {}),
    title: continued ? `${spec.title} ${label}` : spec.title,
    lead: pieces.filter((p) => p.role === 'lead').map((p) => p.text),
    ...(caption ? { caption } : {}),
    bullets: bullets.map((p) => p.text),
    marks: bullets.map((p) => p.mark),
    tail: pieces.filter((p) => p.role === 'tail').map((p) => p.text),
  };
}

/** Type sizes tried, largest first, before a module title slide continues. */
const TITLE_SCALES = [1, 0.94, 0.88, 0.82];
/** … and before the deck's title slide shortens its texts (it never continues). */
const DECK_SCALES = [1, 0.92, 0.84, 0.76, 0.7];

/** The whole spec on one slide, at type size factor `scale`. */
function whole(spec: SlideSpec, scale: number): SlideContent {
  const { kind, title, lead, caption, bullets, marks, tail, kicker } = spec;
  return { kind, title, lead, bullets, marks, tail, ...(kicker ? { kicker } : {}), ...(caption ? { caption } : {}), ...(scale < 1 ? { scale } : {}) };
}

/**
 * Fill slides greedily, measuring with the real layout. A list's caption moves with the first
 * bullet that follows it and is repeated on continuation slides. Speaker notes that are one item
 * per bullet (a procedure's steps) go with their bullets; other notes are repeated on every part,
 * so no slide of a section with notes says it has none.
 */
export function splitSlide(spec: SlideSpec, opts: SplitOptions): PlannedSlide[] {
  const module = spec.module ? { module: spec.module } : {};
  if (spec.kind === 'deck') return [{ ...deckSlide(spec, opts), continued: false, ...module }];
  if (spec.kind === 'title') {
    // A module opener stays one slide while slightly smaller type lets all its objectives fit.
    const one = TITLE_SCALES.map((k) => whole(spec, k)).find((c) => fits(c, opts.hasLogo));
    if (one) return [{ ...one, notes: spec.notes, continued: false, ...module }];
  }
  let parts = fill(spec, opts, Infinity);
  // Balance a list that continues: 3 + 3 bullets rather than 5 + 1, when that needs no more slides.
  // Not a module opener's objectives: they fill its first slide.
  const count = (ps: Piece[][]) => ps.reduce((n, p) => n + p.filter((x) => x.role === 'bullet').length, 0);
  if (parts.length > 1 && spec.kind !== 'title') {
    const balanced = fill(spec, opts, Math.ceil(count(parts) / parts.length));
    if (balanced.length === parts.length) parts = balanced;
  }
  return parts.map((pieces, i) => {
    const c = content(spec, pieces, i > 0, opts.continued);
    if (!fits(c, opts.hasLogo)) throw tooLong(spec, opts.where);
    return { ...c, notes: partNotes(spec, pieces), continued: i > 0, ...module };
  });
}

function partNotes(spec: SlideSpec, pieces: Piece[]): string {
  if (!spec.noteItems) return spec.notes;
  const own = new Set(pieces.filter((p) => p.role === 'bullet').map((p) => p.index));
  return [...own].map((i) => spec.noteItems![i]).join('\n');
}

/**
 * The deck's title slide on one slide: smaller type first, then every text longer than some
 * length cut at a word with "…" (the longest the slide allows). What was cut is in full at the top
 * of the speaker notes.
 */
function deckSlide(spec: SlideSpec, opts: SplitOptions): SlideContent & { notes: string } {
  for (const k of DECK_SCALES) {
    const c = whole(spec, k);
    if (fits(c, opts.hasLogo)) return { ...c, notes: spec.notes };
  }
  const smallest = whole(spec, DECK_SCALES[DECK_SCALES.length - 1]!);
  const cutTo = (n: number): SlideContent => ({ ...smallest, title: shorten(spec.title, n), lead: spec.lead.map((t) => shorten(t, n)) });
  let [lo, hi] = [1, Math.max(spec.title.length, ...spec.lead.map((t) => t.length))];
  if (!fits(cutTo(lo), opts.hasLogo)) throw tooLong(spec, opts.where);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(cutTo(mid), opts.hasLogo)) lo = mid;
    else hi = mid - 1;
  }
  const c = cutTo(lo);
  const cut = [spec.title, ...spec.lead].filter((t) => shorten(t, lo) !== t);
  return { ...c, notes: [...cut, spec.notes].filter(Boolean).join('\n\n') };
}

/** `text` cut to at most `n` characters at a word, ending in " …" (unchanged when short enough). */
function shorten(text: string, n: number): string {
  if (text.length <= n) return text;
  const at = text.slice(0, n + 1).search(/\s\S*$/);
  return at > 0 ? `${text.slice(0, at).trimEnd()} …` : `${text.slice(0, n)}…`;
}

/** Greedy filling, at most `cap` bullets per slide. */
function fill(spec: SlideSpec, opts: SplitOptions, cap: number): Piece[][] {
  const captionPiece = (): Piece[] => (spec.caption ? [{ role: 'caption', text: spec.caption, mark: 0, index: -1 }] : []);
  const queue: Piece[] = [
    ...spec.lead.map((text): Piece => ({ role: 'lead', text, mark: 0, index: -1 })),
    ...(spec.bullets.length ? captionPiece() : []),
    ...spec.bullets.map((text, i): Piece => ({ role: 'bullet', text, mark: spec.marks[i] ?? 0, index: i })),
    ...spec.tail.map((text): Piece => ({ role: 'tail', text, mark: 0, index: -1 })),
  ];
  if (!spec.bullets.length && spec.caption) queue.splice(spec.lead.length, 0, ...captionPiece());
  const parts: Piece[][] = [];
  let cur: Piece[] = [];
  const fitsPart = (pieces: Piece[]) => pieces.filter((x) => x.role === 'bullet').length <= cap && fits(content(spec, pieces, parts.length > 0, opts.continued), opts.hasLogo);
  const remainder = (p: Piece, rest: string): Piece[] => [...(p.role === 'bullet' ? captionPiece() : []), { ...p, text: rest, mark: p.role === 'bullet' ? -1 : p.mark }];
  while (queue.length) {
    const p = queue.shift()!;
    if (fitsPart([...cur, p])) {
      cur.push(p);
      continue;
    }
    if (cur.some((x) => x.role !== 'caption')) {
      // Too tall even for a slide of its own: start it here, in the room that is left.
      if (!fits(content(spec, [...(p.role === 'bullet' ? captionPiece() : []), p], true, opts.continued), opts.hasLogo)) {
        const [head, rest] = splitPiece(p, (text) => fitsPart([...cur, { ...p, text }]));
        if (head) {
          parts.push([...cur, { ...p, text: head }]);
          cur = [];
          queue.unshift(...remainder(p, rest));
          continue;
        }
      }
      // Close this slide; a caption at its end moves on with the bullet it introduces.
      const carry = cur[cur.length - 1]?.role === 'caption' ? [cur.pop()!] : [];
      parts.push(cur);
      cur = [];
      if (!carry.length && p.role === 'bullet') carry.push(...captionPiece());
      queue.unshift(...carry, p);
      continue;
    }
    // Taller than a whole slide on its own: split it where the slide is full.
    const [head, rest] = splitPiece(p, (text) => fitsPart([...cur, { ...p, text }]));
    if (!head) throw tooLong(spec, opts.where);
    parts.push([...cur, { ...p, text: head }]);
    cur = [];
    queue.unshift(...remainder(p, rest));
  }
  if (cur.length || !parts.length) parts.push(cur);
  return parts;
}

function tooLong(spec: SlideSpec, where: string): UserError {
  return new UserError([diagnostic(where, `judul slide terlalu panjang untuk satu slide: “${spec.title.slice(0, 60)}…”`, { hint: 'persingkat judul bagian atau judul slide' })]);
}

/**
 * The longest start of `text` that still fits (ending in " …"), and the rest (starting with
 * "… "). Cuts between words; a single word longer than the room is cut between characters.
 */
export function splitPiece(piece: Piece, fitsText: (text: string) => boolean): [string, string] | [null, null] {
  const text = piece.text;
  const cuts: number[] = [];
  for (const m of text.matchAll(/\s+/g)) cuts.push(m.index);
  const attempt = (positions: number[], joiner: string): [string, string] | null => {
    let lo = 0;
    let hi = positions.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (fitsText(`${text.slice(0, positions[mid]).trimEnd()}${joiner}…`)) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return null;
    const at = positions[best]!;
    return [`${text.slice(0, at).trimEnd()}${joiner}…`, `…${joiner}${text.slice(at).trimStart()}`];
  };
  const byWord = cuts.length ? attempt(cuts, ' ') : null;
  if (byWord) return byWord;
  const chars = Array.from(text.matchAll(/./gsu), (m) => m.index).slice(1);
  return attempt(chars, '') ?? [null, null];
}
