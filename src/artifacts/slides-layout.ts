/**
 * Slide geometry, shared by every slide output: the 16:9 PDF page, its scaled copies in the A4
 * handouts and the text boxes of the PPTX. Text is broken into lines with the embedded fonts, so
 * the planner knows exactly what fits before anything is drawn, and every output places the same
 * boxes at the same positions.
 */
import { breakLines, fitText, SLIDE_16_9, textWidth, type FontKey, type Line } from '../pdf/index.js';

export const [SLIDE_W, SLIDE_H] = SLIDE_16_9;
export const MARGIN_X = 40;
/**
 * Lowest point of the slide body; below it sit the footer rule and text. The footer's baseline
 * stays 10 mm (28.35 pt) above the paper edge, the margin office printers need when slides.pdf
 * is printed as it is.
 */
export const BODY_BOTTOM = 352;
export const FOOTER_RULE_Y = 361;
export const FOOTER_Y = 366;
export const FOOTER_SIZE = 9;

export const SLIDE_COLORS = {
  accent: '#7a1010',
  text: '#1a1a1a',
  muted: '#555555',
  onBand: '#ffffff',
  onBandMuted: '#f1dede',
  rule: '#d6c9c9',
  border: '#9a9a9a',
} as const;

export type SlideKind = 'deck' | 'title' | 'content' | 'closing';

export interface SlideTextStyle {
  font: FontKey;
  size: number;
  leading: number;
  color: string;
  align: 'left' | 'center';
}

/** What a slide shows; the planner's slides carry these fields, the layout places them. */
export interface SlideContent {
  kind: SlideKind;
  kicker?: string;
  title: string;
  lead: string[];
  caption?: string;
  bullets: string[];
  /** Per bullet: 0 a bullet mark, n > 0 the list number n, -1 no mark (a long bullet continued). */
  marks: number[];
  tail: string[];
  /**
   * Type size factor (≤ 1) of a deck or module title slide shrunk to stay one slide; absent
   * means full size.
   */
  scale?: number;
}

export interface SlidePara {
  text: string;
  lines: Line[];
  /** As in SlideContent.marks; null for paragraphs that are not list items. */
  mark: number | null;
}

export type BoxRole = 'kicker' | 'title' | 'lead' | 'caption' | 'bullets' | 'tail';

export interface SlideBox {
  role: BoxRole;
  x: number;
  y: number;
  w: number;
  h: number;
  style: SlideTextStyle;
  /** Room for the bullet mark or number left of the text. */
  indent: number;
  /** Space after each paragraph but the last. */
  gap: number;
  paras: SlidePara[];
}

export interface SlideLayout {
  kind: SlideKind;
  /** Height of the coloured band at the top (module title slides), else 0. */
  band: number;
  boxes: SlideBox[];
  logo: { x: number; y: number; size: number; framed: boolean } | null;
  rule: { x: number; y: number; w: number; h: number } | null;
  /** Bottom of the body content: never below BODY_BOTTOM for a slide the planner made. */
  bottom: number;
}

const BULLET_INDENT = 26;

/** A type size scaled by `k`, to a half point. */
const scaled = (size: number, k: number) => Math.round(size * k * 2) / 2;

function styles(kind: SlideKind, k: number): Record<'kicker' | 'lead' | 'caption' | 'bullets' | 'tail', SlideTextStyle> {
  const c = SLIDE_COLORS;
  const center = kind === 'deck' ? 'center' : 'left';
  const all = {
    kicker: kind === 'title' ? { font: 'bold', size: 14, leading: 1.25, color: c.onBandMuted, align: 'left' } : kind === 'deck' ? { font: 'bold', size: 13, leading: 1.3, color: c.muted, align: 'center' } : { font: 'bold', size: 12, leading: 1.25, color: c.accent, align: 'left' },
    lead: { font: 'regular', size: kind === 'deck' ? 17 : 18, leading: 1.3, color: kind === 'deck' ? c.text : c.muted, align: center },
    caption: { font: 'bold', size: 18, leading: 1.3, color: c.accent, align: center },
    // Module openers and recaps hold longer lists (objectives, every key point): a size smaller.
    bullets: { font: 'regular', size: kind === 'content' ? 20 : 18, leading: 1.25, color: c.text, align: 'left' },
    tail: { font: 'bold', size: 30, leading: 1.2, color: c.accent, align: 'center' },
  } satisfies Record<string, SlideTextStyle>;
  if (k === 1) return all;
  const shrink = (st: SlideTextStyle): SlideTextStyle => ({ ...st, size: scaled(st.size, k) });
  return { kicker: shrink(all.kicker), lead: shrink(all.lead), caption: shrink(all.caption), bullets: shrink(all.bullets), tail: shrink(all.tail) };
}

/** Title size: large while the title fits in two lines, else smaller (never below 24 pt). */
function titleStyle(kind: SlideKind, title: string, width: number, k: number): { style: SlideTextStyle; lines: Line[] } {
  const c = SLIDE_COLORS;
  const [big, small] = (kind === 'title' ? [32, 26] : kind === 'deck' ? [30, 26] : [28, 24]).map((size) => scaled(size, k)) as [number, number];
  const color = kind === 'title' ? c.onBand : c.accent;
  const align = kind === 'deck' ? 'center' : 'left';
  let style: SlideTextStyle = { font: 'bold', size: big, leading: 1.15, color, align };
  let lines = breakText(title, style, width);
  if (lines.length > 2) {
    style = { ...style, size: small };
    lines = breakText(title, style, width);
  }
  return { style, lines };
}

/**
 * The planner lays a slide out again for every bullet it tries to add, so the same texts are
 * broken many times: remember recent results (lines are never mutated after breaking).
 */
const broken = new Map<string, Line[]>();

export function breakText(text: string, style: Pick<SlideTextStyle, 'font' | 'size' | 'color'>, width: number): Line[] {
  const key = `${style.font}\0${style.size}\0${style.color}\0${width}\0${text}`;
  let lines = broken.get(key);
  if (!lines) {
    if (broken.size >= 4000) broken.clear();
    lines = breakLines([{ text, font: style.font, size: style.size, color: style.color }], width);
    broken.set(key, lines);
  }
  return lines;
}

export function lineHeight(style: SlideTextStyle): number {
  return style.size * style.leading;
}

function box(role: BoxRole, x: number, y: number, w: number, style: SlideTextStyle, texts: string[], marks: (number | null)[], gap: number): SlideBox {
  const numbered = marks.some((m) => m !== null && m > 0);
  const maxNumber = Math.max(0, ...marks.map((m) => m ?? 0));
  const indent = marks.every((m) => m === null) ? 0 : numbered ? Math.max(BULLET_INDENT, textWidth('bold', `${maxNumber}.`, style.size) + 10) : BULLET_INDENT;
  const paras = texts.map((text, i) => ({ text, lines: breakText(text, style, w - indent), mark: marks[i] ?? null }));
  const lh = lineHeight(style);
  const h = paras.reduce((sum, p) => sum + p.lines.length * lh, 0) + gap * Math.max(0, paras.length - 1);
  return { role, x, y, w, h, style, indent, gap, paras };
}

/**
 * Place everything on one slide. The planner calls this to test whether a part fits
 * (`bottom <= BODY_BOTTOM`); the PDF and PPTX writers call it to draw.
 */
export function layoutSlide(s: SlideContent, hasLogo: boolean): SlideLayout {
  const k = s.scale ?? 1;
  const st = styles(s.kind, k);
  const boxes: SlideBox[] = [];
  const width = SLIDE_W - 2 * MARGIN_X;
  let y: number;
  let band = 0;
  let logo: SlideLayout['logo'] = null;
  let rule: SlideLayout['rule'] = null;

  if (s.kind === 'deck') {
    y = 28;
    if (hasLogo) {
      const size = Math.round(76 * k);
      logo = { x: (SLIDE_W - size) / 2, y, size, framed: false };
      y += size + 12;
    }
    if (s.kicker) {
      const k = box('kicker', MARGIN_X, y, width, st.kicker, [s.kicker], [null], 0);
      boxes.push(k);
      y += k.h + 8;
    }
    const t = titleStyle('deck', s.title, width, k);
    boxes.push(box('title', MARGIN_X, y, width, t.style, [s.title], [null], 0));
    y += boxes[boxes.length - 1]!.h;
    rule = { x: (SLIDE_W - 80) / 2, y: y + 10, w: 80, h: 3 };
    y += 10 + 3 + 16;
  } else if (s.kind === 'title') {
    const logoSize = 48;
    if (hasLogo) logo = { x: SLIDE_W - MARGIN_X - logoSize, y: 26, size: logoSize, framed: true };
    const w = width - (hasLogo ? logoSize + 16 : 0);
    y = 34;
    if (s.kicker) {
      const k = box('kicker', MARGIN_X, y, w, st.kicker, [s.kicker], [null], 0);
      boxes.push(k);
      y += k.h + 6;
    }
    const t = titleStyle('title', s.title, w, k);
    boxes.push(box('title', MARGIN_X, y, w, t.style, [s.title], [null], 0));
    y += boxes[boxes.length - 1]!.h;
    band = Math.max(y + 26, hasLogo ? 26 + logoSize + 20 : 0);
    y = band + 22;
  } else {
    const logoSize = 40;
    if (hasLogo) logo = { x: SLIDE_W - MARGIN_X - logoSize, y: 18, size: logoSize, framed: false };
    const w = width - (hasLogo ? logoSize + 14 : 0);
    y = 22;
    if (s.kicker) {
      const k = box('kicker', MARGIN_X, y, w, st.kicker, [s.kicker], [null], 0);
      boxes.push(k);
      y += k.h + 3;
    }
    const t = titleStyle(s.kind, s.title, w, k);
    boxes.push(box('title', MARGIN_X, y, w, t.style, [s.title], [null], 0));
    y += boxes[boxes.length - 1]!.h;
    rule = { x: MARGIN_X, y: y + 10, w: 56, h: 3 };
    y += 10 + 3 + 16;
  }

  // Body: lead paragraphs, caption, bullets, tail — in that order, with fixed gaps between.
  const body: SlideBox[] = [];
  if (s.lead.length) body.push(box('lead', MARGIN_X, 0, width, st.lead, s.lead, s.lead.map(() => null), 6));
  if (s.caption) body.push(box('caption', MARGIN_X, 0, width, st.caption, [s.caption], [null], 0));
  if (s.bullets.length) body.push(box('bullets', MARGIN_X, 0, width, st.bullets, s.bullets, s.marks, s.kind === 'content' ? 8 : 6));
  if (s.tail.length) body.push(box('tail', MARGIN_X, 0, width, st.tail, s.tail, s.tail.map(() => null), 4));
  body.forEach((b, i) => {
    const prev = body[i - 1];
    if (prev) y += prev.role === 'caption' ? 6 : b.role === 'tail' ? 18 : 12;
    b.y = y;
    y += b.h;
  });
  boxes.push(...body);
  const layout: SlideLayout = { kind: s.kind, band, boxes, logo, rule, bottom: y };

  // A closing slide sets its tail ("Pertanyaan?") in the middle of the room left below the bullets.
  const tail = body[body.length - 1];
  if (s.kind === 'closing' && tail?.role === 'tail') {
    const shift = Math.max(0, (BODY_BOTTOM - y) / 2);
    tail.y += shift;
    layout.bottom = y + shift;
  }
  // The deck slide is centred vertically when it has room to spare.
  if (s.kind === 'deck') {
    const shift = Math.max(0, (BODY_BOTTOM - y) / 2 - 4);
    for (const b of boxes) b.y += shift;
    if (layout.logo) layout.logo.y += shift;
    if (layout.rule) layout.rule.y += shift;
    layout.bottom = y + shift;
  }
  return layout;
}

/** Fits the slide's body above the footer. */
export function fits(s: SlideContent, hasLogo: boolean): boolean {
  return layoutSlide({ ...s }, hasLogo).bottom <= BODY_BOTTOM + 0.01;
}

/** Room for the slide number at the right end of the footer (the PPTX's number box is this wide). */
export const FOOTER_NUMBER_W = 80;

/**
 * The footer's left text: the event name, then the version stamp. The stamp is not cut (it names
 * the curriculum version and commit the slide came from); the event name is shortened with "…"
 * to leave it room.
 */
export function footerLeft(event: string, stamp: string): string {
  const room = SLIDE_W - 2 * MARGIN_X - FOOTER_NUMBER_W;
  const tail = ` · ${stamp}`;
  const eventRoom = room - textWidth('regular', tail, FOOTER_SIZE);
  if (eventRoom < room / 4) return fitText(stamp, room, FOOTER_SIZE);
  return `${fitText(event, eventRoom, FOOTER_SIZE)}${tail}`;
}

/** Footer texts shortened to their room: event name left, slide number right. */
export function footerTexts(left: string, right: string): [string, string] {
  const rightW = textWidth('regular', right, FOOTER_SIZE);
  return [fitText(left, SLIDE_W - 2 * MARGIN_X - rightW - 24, FOOTER_SIZE), right];
}

/** Plain text of a laid-out line. */
export function lineText(line: Line): string {
  return line.segments.map((s) => s.text).join('');
}
