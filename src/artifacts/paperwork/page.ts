/**
 * Paperwork pages as data: each document lays its pages out as lists of text runs, rules,
 * rectangles and images in top-down page points, and one adapter (render.ts) draws them. Layout
 * stays testable and independent of the drawing library.
 *
 * Text is measured with the embedded fonts here; `para` wraps and never cuts: a text that does
 * not fit its box makes the box taller, and the caller decides (a smaller size, another page).
 */
import { breakLines, textWidth, type Canvas, type FontKey } from '../../pdf/index.js';

export type Align = 'left' | 'center' | 'right';

export type PageItem =
  | { t: 'text'; text: string; x: number; baseline: number; font: FontKey; size: number; color: string }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color: string; dash?: [number, number] }
  | { t: 'rect'; x: number; y: number; w: number; h: number; width: number; stroke?: string; fill?: string }
  | { t: 'image'; src: string; x: number; y: number; w: number; h: number }
  /** A block shared with other documents (the kop, the signature) that draws itself. */
  | { t: 'block'; top: number; draw: (canvas: Canvas, top: number) => void; texts: { font: FontKey; text: string }[] };

export interface PaperPage {
  size: [number, number];
  items: PageItem[];
}

export interface TextStyle {
  font?: FontKey;
  size?: number;
  color?: string;
  align?: Align;
  /** Line height as a multiple of the size. */
  leading?: number;
}

export const INK = '#000000';
export const MUTED = '#555555';

/** Lines of `text` within `width` (explicit newlines kept). Words are never dropped. */
export function wrap(text: string, width: number, font: FontKey, size: number): string[] {
  return breakLines([{ text, font, size }], width).map((l) => l.segments.map((s) => s.text).join('').trim());
}

/** The largest size from `size` down to `min` at which `text` fits in `maxLines` lines (else `min`). */
export function fitSize(text: string, width: number, font: FontKey, size: number, min: number, maxLines: number): number {
  for (let s = size; s > min; s -= 0.5) if (wrap(text, width, font, s).length <= maxLines) return s;
  return min;
}

export class PageBuilder {
  readonly items: PageItem[] = [];

  constructor(readonly size: [number, number]) {}

  /** One line with its baseline at `baseline`; x is the left edge, centre or right edge by `align`. */
  text(text: string, x: number, baseline: number, style: TextStyle = {}): void {
    const font = style.font ?? 'regular';
    const size = style.size ?? 10;
    if (!text) return;
    const w = style.align && style.align !== 'left' ? textWidth(font, text, size) : 0;
    const left = style.align === 'center' ? x - w / 2 : style.align === 'right' ? x - w : x;
    this.items.push({ t: 'text', text, x: left, baseline, font, size, color: style.color ?? INK });
  }

  /**
   * A wrapped paragraph in a box `width` wide starting at `top`; returns the height used. With
   * align 'center' x is the box's left edge too.
   */
  para(text: string, x: number, top: number, width: number, style: TextStyle = {}): number {
    const font = style.font ?? 'regular';
    const size = style.size ?? 10;
    const lh = size * (style.leading ?? 1.3);
    const lines = wrap(text, width, font, size);
    const anchor = style.align === 'center' ? x + width / 2 : style.align === 'right' ? x + width : x;
    lines.forEach((l, i) => this.text(l, anchor, top + i * lh + size * 0.95, { ...style, font, size }));
    return lines.length * lh;
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.6, opts: { color?: string; dash?: [number, number] } = {}): void {
    this.items.push({ t: 'line', x1, y1, x2, y2, width, color: opts.color ?? INK, ...(opts.dash ? { dash: opts.dash } : {}) });
  }

  rect(x: number, y: number, w: number, h: number, opts: { width?: number; stroke?: string; fill?: string } = {}): void {
    this.items.push({ t: 'rect', x, y, w, h, width: opts.width ?? 0.6, ...(opts.stroke !== undefined || !opts.fill ? { stroke: opts.stroke ?? INK } : {}), ...(opts.fill ? { fill: opts.fill } : {}) });
  }

  /** A shared block at `top`; `texts` are what it prints (checked for missing glyphs). Returns its bottom. */
  block(block: { height: number; draw: (canvas: Canvas, top: number) => void }, top: number, texts: { font: FontKey; text: string }[]): number {
    this.items.push({ t: 'block', top, draw: block.draw.bind(block), texts });
    return top + block.height;
  }

  image(src: string, x: number, y: number, w: number, h: number): void {
    this.items.push({ t: 'image', src, x, y, w, h });
  }

  page(): PaperPage {
    return { size: this.size, items: this.items };
  }
}
