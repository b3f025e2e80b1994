/**
 * Ruled tables on paperwork pages (receipts, score recaps): columns, a grey header row, and
 * cells whose text wraps onto two lines and shrinks before it would leave its cell. A cell's
 * text is never cut: at the smallest size every line is still drawn.
 */
import { type Align, type PageBuilder, wrap } from './page.js';

export interface Col {
  key: string;
  label: string;
  x: number;
  w: number;
  align?: Align;
}

export const HEAD_FILL = '#e4e4e4';
const PAD = 3.5;

/** Columns from relative widths over `left`…`left + width`; a number is a fixed width in points. */
export function columns(left: number, width: number, spec: { key: string; label: string; size: number | string; align?: Align }[]): Col[] {
  const fixed = spec.reduce((s, c) => s + (typeof c.size === 'number' ? c.size : 0), 0);
  const weights = spec.reduce((s, c) => s + (typeof c.size === 'string' ? Number.parseFloat(c.size) : 0), 0);
  let x = left;
  return spec.map((c) => {
    const w = typeof c.size === 'number' ? c.size : ((width - fixed) * Number.parseFloat(c.size)) / weights;
    const col = { key: c.key, label: c.label, x, w, ...(c.align ? { align: c.align } : {}) };
    x += w;
    return col;
  });
}

/**
 * Text centred vertically in a cell: the largest size (down to 6.5 pt) at which its lines fit
 * the cell's height. At the smallest size every line is still drawn.
 */
export function cell(b: PageBuilder, col: Col, top: number, h: number, text: string, opts: { font?: 'regular' | 'bold'; size?: number; align?: Align } = {}): void {
  if (!text) return;
  const font = opts.font ?? 'regular';
  const width = col.w - 2 * PAD;
  let size = opts.size ?? 9;
  let lines = wrap(text, width, font, size);
  while (size > 6.5 && lines.length * size * 1.2 > h - 2) lines = wrap(text, width, font, (size -= 0.5));
  const lh = size * 1.2;
  const align = opts.align ?? col.align ?? 'left';
  const x = align === 'center' ? col.x + col.w / 2 : align === 'right' ? col.x + col.w - PAD : col.x + PAD;
  lines.forEach((l, i) => b.text(l, x, top + h / 2 + (i - (lines.length - 1) / 2) * lh + size * 0.36, { font, size, align }));
}

/** The header row: grey fill, bold centred labels, ruled. */
export function headerRow(b: PageBuilder, cols: Col[], top: number, h: number): void {
  const left = cols[0]!.x;
  const last = cols[cols.length - 1]!;
  b.rect(left, top, last.x + last.w - left, h, { fill: HEAD_FILL, width: 0.6 });
  for (const c of cols) cell(b, c, top, h, c.label, { font: 'bold', size: 8.5, align: 'center' });
}

/** Horizontal rules under each row and vertical rules between columns, `rows` rows of `h` from `top`. */
export function grid(b: PageBuilder, cols: Col[], top: number, bottom: number, rowTops: number[], skip: string[] = []): void {
  const left = cols[0]!.x;
  const last = cols[cols.length - 1]!;
  const right = last.x + last.w;
  for (const y of [top, ...rowTops, bottom]) b.line(left, y, right, y, 0.6);
  for (const c of cols) if (!skip.includes(c.key)) b.line(c.x, top, c.x, bottom, 0.6);
  b.line(left, top, left, bottom, 0.6);
  b.line(right, top, right, bottom, 0.6);
}
