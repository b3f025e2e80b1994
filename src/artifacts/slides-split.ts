/**
 * Slides that fit: a slide whose body does not fit above the footer continues on "(lanjutan)"
 * slides; a bullet taller than a whole slide is split at a word with "…" on both sides. The
 * deck's title slide never continues: its type shrinks, then its longest texts are shortened with
 * "…" (whole in its notes). A module opener shrinks its type a little before it continues.
 */
import { diagnostic, UserError } from '../curriculum/index.js';
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
