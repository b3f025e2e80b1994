/**
 * Layout components that Markdown cannot express, invoked from templates as `::: name key="…"`:
 * the cover, the table of contents, the signature block, and page furniture.
 */
import type { Block, Run } from '../markdown/index.js';
import type { Canvas } from './canvas.js';
import type { FontKey } from './fonts.js';
import type { Line } from './text.js';
import { textWidth } from './glyphs.js';
import { LayoutError, type ComponentRenderer, type Typesetter } from './typesetter.js';

/**
 * `::: cover` — a page without header and footer. Its children are centred from the top; those
 * after a horizontal rule (`---`) sit at the bottom of the page.
 */
export const cover: ComponentRenderer = (ts, _props, children) => {
  if (!ts.atPageTop || ts.pageIndex < 0) ts.newPage();
  ts.plainPages.add(ts.pageIndex);
  const split = children.findIndex((b) => b.type === 'rule');
  const head = split < 0 ? children : children.slice(0, split);
  const foot = split < 0 ? [] : children.slice(split + 1);
  ts.y = ts.top + 24;
  coverBlocks(ts, head);
  if (foot.length) {
    const h = ts.measureWith(ts.width, (dry) => coverBlocks(dry, foot));
    ts.y = Math.max(ts.y, ts.bottom - h);
    coverBlocks(ts, foot);
  }
};

function coverBlocks(ts: Typesetter, blocks: Block[]): void {
  const t = ts.theme;
  for (const b of blocks) {
    if (b.type === 'image') ts.image({ ...b, align: 'center' });
    else if (b.type === 'heading') {
      const size = [24, 15, 12.5, 11][b.level - 1]!;
      ts.text(b.runs, { size, font: 'bold', color: b.level === 1 ? t.colors.accent : t.colors.text, leading: 1.3, align: 'center' }, `H${b.level}`, size * 0.8);
    } else if (b.type === 'paragraph') ts.text(b.runs, ts.bodyStyle({ size: 11.5, align: 'center' }), 'P', 4);
    else ts.flow([b]);
  }
}

/**
 * `::: toc` — the table of contents. It reserves its pages now (the entries are known before
 * layout) and writes page numbers, dot leaders and links once every heading has its page.
 */
export const toc: ComponentRenderer = (ts) => {
  const entries = ts.tocEntries;
  const body = ts.bodyStyle();
  const lh = body.size * 1.5;
  const numberWidth = 28;
  const indentOf = (level: number) => (level > 1 ? 18 : 0);
  const styleOf = (level: number) => ts.bodyStyle({ font: level === 1 ? 'bold' : 'regular', leading: 1.5 });
  // Each line has its place (an entry longer than a page breaks between its lines).
  const placed: { entry: (typeof entries)[number]; lines: { line: Line; page: number; y: number }[] }[] = [];
  for (const entry of entries) {
    const lines = ts.lines([{ text: entry.text }], styleOf(entry.level), ts.width - indentOf(entry.level) - numberWidth - 12);
    ts.ensure(Math.min(lines.length * lh, ts.bottom - ts.top));
    placed.push({
      entry,
      lines: lines.map((line) => {
        ts.ensure(lh);
        const at = { line, page: ts.pageIndex, y: ts.y };
        ts.y += lh;
        return at;
      }),
    });
  }
  ts.y += ts.theme.paragraphSpacing;
  // The TOC element sits here in the tree (after the "Daftar Isi" heading); its entries, in page
  // order, are drawn and tagged once the pages of the headings are known.
  const tocElement = ts.placeholder('TOC');
  ts.defer(() => {
    const canvas = ts.canvas;
    if (!canvas) return;
    ts.within(tocElement, () => drawEntries(canvas));
    tocElement?.end();
  });
  const drawEntries = (canvas: Canvas) => {
    const pageOf = new Map(ts.headings.map((h) => [h.id, h.page]));
    const right = ts.left + ts.width;
    for (const p of placed) {
      const x = ts.left + indentOf(p.entry.level);
      const style = styleOf(p.entry.level);
      const pageNo = String((pageOf.get(p.entry.id) ?? 0) + 1);
      const numW = textWidth('regular', pageNo, body.size);
      const last = p.lines[p.lines.length - 1]!;
      const baseline = last.y + (lh - body.size * 1.36) / 2 + body.size * 1.069;
      // One TOCI per page the entry is on (only an entry longer than a page has more than one).
      for (const page of new Set(p.lines.map((l) => l.page))) {
        canvas.switchToPage(page);
        ts.leaf('TOCI', () => {
          for (const l of p.lines.filter((l) => l.page === page)) {
            // A space before the page number, for readers of the tags ("Kata Pengantar 2").
            ts.drawLine(l === last ? { ...l.line, softBreak: true } : l.line, x, l.y, style, right - x);
            canvas.goTo(x, l.y, right - x, lh, p.entry.id);
          }
          if (page === last.page) canvas.text({ text: pageNo, font: 'regular', size: body.size, x: right - numW, baseline, color: ts.theme.colors.text });
        });
      }
      // Dot leader from the end of the title to the page number: decoration, not content.
      const dotsFrom = x + last.line.width + 6;
      const dotsTo = right - numW - 6;
      const dotW = textWidth('regular', '.', body.size) + 1.2;
      const count = Math.max(0, Math.floor((dotsTo - dotsFrom) / dotW));
      if (count > 2) ts.artifact((c) => c.text({ text: '.'.repeat(count), font: 'regular', size: body.size, x: dotsTo - count * dotW, baseline, color: ts.theme.colors.muted, spacing: 1.2 }));
    }
  };
};

/**
 * `::: signature place="Mojokerto, 4 November 2024" lead="Mengetahui," role="…" name="…" nip="…"`
 * — the Indonesian signature block: right column, space to sign, name bold and underlined.
 */
export const signature: ComponentRenderer = (ts, props) => {
  const body = ts.bodyStyle();
  const lh = body.size * body.leading;
  const colW = Math.min(ts.width * 0.5, 260);
  const x = ts.left + ts.width - colW;
  const lines: { runs: Run[]; bold?: boolean; underline?: boolean }[] = [];
  if (props.place) lines.push({ runs: [{ text: props.place }] });
  if (props.lead) lines.push({ runs: [{ text: props.lead }] });
  if (props.role) lines.push({ runs: [{ text: props.role }] });
  const signSpace = 56;
  const after: typeof lines = [];
  if (props.name) after.push({ runs: [{ text: props.name, bold: true }], underline: true });
  if (props.nip) after.push({ runs: [{ text: props.nip }] });
  const measureLines = (ls: typeof lines) => ls.reduce((h, l) => h + ts.lines(l.runs, body, colW).length * lh, 0);
  ts.ensure(measureLines(lines) + signSpace + measureLines(after) + 8);
  ts.y += 8;
  ts.inFrame(x - ts.left, colW, () => {
    const draw = (l: (typeof lines)[number]) => {
      const broken = ts.lines(l.runs, body, colW);
      const top = ts.y;
      ts.leaf('P', () => {
        for (const line of broken) {
          ts.drawLine(line, ts.left, ts.y, body, colW);
          ts.y += lh;
        }
      });
      // Underlines are decoration: drawn after the marked text, never inside it.
      if (l.underline) {
        broken.forEach((line, i) => {
          const y = top + i * lh + body.size * 1.25;
          ts.artifact((c) => c.line(ts.left, y, ts.left + line.width, y, { width: 0.7, color: ts.theme.colors.text }));
        });
      }
    };
    lines.forEach(draw);
    ts.y += signSpace;
    after.forEach(draw);
  });
  ts.y += ts.theme.paragraphSpacing;
};

/** `::: spacer height=40` — vertical space. */
export const spacer: ComponentRenderer = (ts, props) => {
  const height = Number(props.height ?? 12);
  if (!Number.isFinite(height) || height < 0) throw new LayoutError(`atribut height pada "::: spacer" harus angka (tertulis "${props.height}")`, 'tulis angka dalam poin, misalnya height=24');
  ts.y += height;
};

export const builtinComponents: Record<string, ComponentRenderer> = { cover, toc, signature, spacer };

export interface Furniture {
  /** Left and right text of the running header, or null for none. */
  header?: (page: number) => [string, string] | null;
  /** Left and right text of the footer. */
  footer: (page: number, total: number) => [string, string];
}

/** Running header and footer on every buffered page except plain ones, as pagination artifacts. */
export function drawFurniture(ts: Typesetter, f: Furniture): void {
  const canvas = ts.canvas;
  if (!canvas) return;
  const { start, count } = canvas.bufferedPages();
  const size = 8;
  const [w, h] = ts.page.size;
  const m = ts.page.margins;
  const rule = { width: 0.4, color: ts.theme.colors.rule };
  for (let i = start; i < start + count; i++) {
    if (ts.plainPages.has(i)) continue;
    canvas.switchToPage(i);
    ts.artifact((c) => {
      const header = f.header?.(i);
      if (header) {
        const y = m.top - 26;
        edgeTexts(c, header, m.left, w - m.right, y + size * 1.069, size, ts.theme.colors.muted);
        c.line(m.left, y + size + 5, w - m.right, y + size + 5, rule);
      }
      const footer = f.footer(i, start + count);
      const fy = h - m.bottom + 18;
      c.line(m.left, fy - 5, w - m.right, fy - 5, rule);
      edgeTexts(c, footer, m.left, w - m.right, fy + size * 1.069, size, ts.theme.colors.muted);
    }, 'Pagination');
  }
}

/** Left text (shortened to fit) and right text on one line. */
export function edgeTexts(c: Canvas, [left, right]: [string, string], x0: number, x1: number, baseline: number, size: number, color: string, font: FontKey = 'regular'): void {
  // The right text (a chapter title, say) takes at most 60% of the line; both are shortened to fit.
  const shownRight = fitText(right, (x1 - x0) * 0.6, size, font);
  const rightW = textWidth(font, shownRight, size);
  c.text({ text: shownRight, font, size, x: x1 - rightW, baseline, color });
  const room = x1 - x0 - rightW - 16;
  c.text({ text: fitText(left, room, size, font), font, size, x: x0, baseline, color });
}

/** Shorten with an ellipsis so a text fits the width. */
export function fitText(text: string, width: number, size: number, key: FontKey = 'regular'): string {
  if (textWidth(key, text, size) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textWidth(key, text.slice(0, mid) + '…', size) <= width) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo).trimEnd() + '…';
}
