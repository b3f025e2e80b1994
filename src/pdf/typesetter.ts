/**
 * Longer than ~350 lines on purpose, for now: one class holds the cursor, page and structure-tag
 * state that every block kind (paragraph, heading, list, table, box, image) shares; tables and
 * boxes move to their own modules once the content-sized table columns (issue 13) have landed,
 * so the two changes do not collide.
 *
 * The layout engine: flows the block model onto pages. It keeps a cursor (y) inside a frame
 * (left, width), breaks pages, keeps headings with what follows, repeats table headers, and tags
 * what it draws. The same code measures: a "dry" typesetter runs on an endless page and draws
 * nothing, which is how heights are known before anything is committed to a page.
 */
import type { Align, Block, Callout, Heading, ImageBlock, ListBlock, Run, TableBlock } from '../markdown/index.js';
import { plainText, walkBlocks } from '../markdown/index.js';
import type { Canvas } from './canvas.js';
import type { PageSpec } from './document.js';
import { ascent, fontKeyFor, type FontKey } from './fonts.js';
import { textWidth, type MissingGlyphs } from './glyphs.js';
import { breakLines, type Line, type StyledRun } from './text.js';
import { defaultTheme, type Theme } from './theme.js';

/** A named layout component (cover, toc, signature …): draws itself with the typesetter's tools. */
export type ComponentRenderer = (ts: Typesetter, props: Record<string, string>, children: Block[]) => void;

export interface HeadingRecord {
  id: string;
  text: string;
  level: number;
  /** 0-based page index. */
  page: number;
  toc: boolean;
}

/** A problem in the Markdown a template produced (exit 1 with a hint, not an internal error). */
export class LayoutError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'LayoutError';
  }
}

export interface TocEntry {
  id: string;
  text: string;
  level: number;
}

/** Give every TOC heading an id and list them, so the TOC can reserve its pages before layout. */
export function collectToc(blocks: readonly Block[]): TocEntry[] {
  const entries: TocEntry[] = [];
  let n = 0;
  for (const b of walkBlocks(blocks)) {
    if (b.type !== 'heading') continue;
    b.id ??= `bagian-${++n}`;
    if (b.toc) entries.push({ id: b.id, text: plainText(b.runs), level: b.level });
  }
  return entries;
}

export interface TypesetterOptions {
  page: PageSpec;
  theme?: Theme;
  components?: Record<string, ComponentRenderer>;
  /** Image bytes for a Markdown image source (already checked and normalised by the caller). */
  image?: (src: string) => Buffer;
  /** Where missing glyphs are recorded, with a label for the document being built. */
  glyphs?: MissingGlyphs;
  where?: string;
  tagged?: boolean;
  /** Alternate text of an image whose Markdown gives none (the organizer's name, for a logo). */
  imageAlt?: string;
  /** Called after each new page (e.g. to draw a fixed background). */
  onPage?: (ts: Typesetter) => void;
}

interface TextStyle {
  size: number;
  font: FontKey;
  color: string;
  leading: number;
  align: Align;
}

type StructElem = PDFKit.PDFStructureElement;

export class Typesetter {
  readonly theme: Theme;
  readonly page: PageSpec;
  /** Cursor: top of the next thing to draw. */
  y: number;
  left: number;
  width: number;
  pageIndex = -1;
  readonly headings: HeadingRecord[] = [];
  /** Pages without running header and footer (the cover). */
  readonly plainPages = new Set<number>();
  /** Entries the table of contents will list, known before layout (see collectToc). */
  tocEntries: TocEntry[] = [];
  private outlineTop: PDFKit.PDFOutline | undefined;
  private readonly parents: StructElem[] = [];
  private autoId = 0;
  private readonly deferred: (() => void)[] = [];

  /** `canvas` is null for a dry (measuring) typesetter. */
  constructor(
    readonly canvas: Canvas | null,
    readonly opts: TypesetterOptions,
    private readonly bottomLimit = opts.page.size[1] - opts.page.margins.bottom,
  ) {
    this.theme = opts.theme ?? defaultTheme;
    this.page = opts.page;
    this.left = opts.page.margins.left;
    this.width = opts.page.size[0] - opts.page.margins.left - opts.page.margins.right;
    this.y = opts.page.margins.top;
    if (canvas && opts.tagged) {
      const root = canvas.doc.struct('Document');
      canvas.doc.addStructure(root);
      this.parents.push(root);
    }
  }

  get dry(): boolean {
    return this.canvas === null;
  }

  get top(): number {
    return this.page.margins.top;
  }

  get bottom(): number {
    return this.bottomLimit;
  }

  get remaining(): number {
    return this.bottom - this.y;
  }

  get atPageTop(): boolean {
    return this.y <= this.top + 0.5;
  }

  /** Height of blocks laid out in a frame of the given width, without drawing. */
  measure(blocks: Block[], width = this.width): number {
    const dry = new Typesetter(null, { ...this.opts, onPage: undefined }, Infinity);
    dry.width = width;
    dry.flow(blocks);
    return dry.y - dry.top;
  }

  /** Measure any drawing routine by running it dry. */
  measureWith(width: number, fn: (ts: Typesetter) => void): number {
    const dry = new Typesetter(null, { ...this.opts, onPage: undefined }, Infinity);
    dry.width = width;
    fn(dry);
    return dry.y - dry.top;
  }

  newPage(): void {
    this.pageIndex++;
    this.y = this.top;
    if (!this.canvas) return;
    if (this.pageIndex === 0 || !this.opts.tagged) this.canvas.addPage(this.page);
    else this.canvas.continueOnNewPage(this.page);
    this.opts.onPage?.(this);
  }

  /** Make room for `h` points, starting a new page when they do not fit (unless already at the top). */
  ensure(h: number): void {
    if (this.pageIndex < 0 || (this.y + h > this.bottom + 0.01 && !this.atPageTop)) this.newPage();
  }

  /** Run `fn` with the frame moved right by `indent` and narrowed to `width`. */
  inFrame(indent: number, width: number, fn: () => void): void {
    const [left, w] = [this.left, this.width];
    this.left += indent;
    this.width = width;
    try {
      fn();
    } finally {
      this.left = left;
      this.width = w;
    }
  }

  /** Run later, after all pages exist (table of contents, page furniture). */
  defer(fn: () => void): void {
    this.deferred.push(fn);
  }

  runDeferred(): void {
    for (const fn of this.deferred.splice(0)) fn();
  }

  // ── tagging ─────────────────────────────────────────────────────────────────────────────

  /** A structure element that holds other elements (L, Table, TR, Sect). */
  group(type: string, fn: () => void): void {
    if (!this.canvas || !this.opts.tagged) return fn();
    const el = this.canvas.doc.struct(type);
    this.parents[this.parents.length - 1]!.add(el);
    this.parents.push(el);
    try {
      fn();
    } finally {
      this.parents.pop();
      el.end();
    }
  }

  /**
   * A structure element placed here in reading order and filled later with `within` (the table
   * of contents, whose entries are drawn once every heading has its page). End it with `.end()`.
   */
  placeholder(type: string): StructElem | undefined {
    if (!this.canvas || !this.opts.tagged) return undefined;
    const el = this.canvas.doc.struct(type);
    this.parents[this.parents.length - 1]!.add(el);
    return el;
  }

  within(el: StructElem | undefined, fn: () => void): void {
    if (!el) return fn();
    this.parents.push(el);
    try {
      fn();
    } finally {
      this.parents.pop();
    }
  }

  /** A structure element with marked content (P, H1, TD, Lbl …); `alt` for figures. */
  leaf(type: string, fn: () => void, alt?: string): void {
    if (!this.canvas || !this.opts.tagged) return fn();
    const el = this.canvas.doc.struct(type, alt ? { alt } : {});
    this.parents[this.parents.length - 1]!.add(el);
    const content = this.canvas.markStructure(type);
    try {
      fn();
    } finally {
      this.canvas.endMarked();
      el.add(content);
      el.end();
    }
  }

  /** Decoration that is not content (rules, backgrounds, page furniture). */
  artifact(fn: (canvas: Canvas) => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    const canvas = this.canvas;
    if (!canvas) return;
    if (!this.opts.tagged) return fn(canvas);
    canvas.markArtifact(type);
    fn(canvas);
    canvas.endMarked();
  }

  // ── text ────────────────────────────────────────────────────────────────────────────────

  styled(runs: readonly Run[], style: TextStyle): StyledRun[] {
    const baseBold = style.font === 'bold' || style.font === 'boldItalic';
    const baseItalic = style.font === 'italic' || style.font === 'boldItalic';
    return runs.map((r) => {
      const key = r.code ? 'regular' : fontKeyFor(baseBold || Boolean(r.bold), baseItalic || Boolean(r.italic));
      // Checked when drawn (not in measuring passes): each text once.
      if (this.canvas) this.opts.glyphs?.check(key, r.text, () => `${this.opts.where ?? 'dokumen'}${this.section()}: “${snippet(plainText(runs))}”`);
      return {
        text: r.text,
        font: key,
        size: style.size,
        color: r.link ? this.theme.colors.link : r.code ? this.theme.colors.code : style.color,
        ...(r.link ? { link: r.link, underline: !r.link.startsWith('#') } : {}),
        ...(r.code ? { background: this.theme.colors.codeBackground } : {}),
      };
    });
  }

  lines(runs: readonly Run[], style: TextStyle, width = this.width): Line[] {
    return breakLines(this.styled(runs, style), width);
  }

  /** Draw one line with its top at `y`. */
  drawLine(line: Line, x: number, y: number, style: Pick<TextStyle, 'size' | 'leading' | 'align'>, width: number): void {
    const canvas = this.canvas;
    if (!canvas) return;
    const shift = style.align === 'center' ? (width - line.width) / 2 : style.align === 'right' ? width - line.width : 0;
    const last = line.segments.length - 1;
    for (const [k, seg] of line.segments.entries()) {
      if (!seg.text.trim()) continue;
      // Centre the glyph box in the line box so different leadings look even.
      const baseline = y + (style.size * style.leading - style.size * 1.36) / 2 + 2 * ascent(seg.font, seg.size) - seg.size * 1.069;
      if (seg.background) canvas.fillRect(x + shift + seg.x - 1.5, baseline - seg.size * 0.92, seg.width + 3, seg.size * 1.2, seg.background);
      canvas.text({ text: line.softBreak && k === last ? `${seg.text} ` : seg.text, font: seg.font, size: seg.size, x: x + shift + seg.x, baseline, color: seg.color ?? this.theme.colors.text, ...(seg.link ? { link: seg.link } : {}), ...(seg.underline ? { underline: true } : {}) });
    }
  }

  /** " (bagian “Modul 2 › Tata cara”)": where the drawing is, for the missing-glyph report. */
  private section(): string {
    const open: string[] = [];
    for (const h of this.headings) {
      open.length = Math.min(open.length, h.level - 1);
      open.push(h.text);
    }
    return open.length ? ` (bagian “${snippet(open.slice(0, 2).join(' › '), 80)}”)` : '';
  }

  /** Flow a paragraph of runs: breaks pages between lines, never leaves a single first line behind. */
  text(runs: readonly Run[], style: TextStyle, tag = 'P', spaceAfter = this.theme.paragraphSpacing): void {
    const lines = this.lines(runs, style);
    const lh = style.size * style.leading;
    this.ensure(Math.min(lines.length, 2) * lh);
    this.leaf(tag, () => {
      lines.forEach((line, i) => {
        // Orphan/widow control: do not leave one line alone at the bottom or top.
        const left = lines.length - i;
        if (this.y + lh > this.bottom + 0.01 || (left === 2 && i > 0 && this.y + 2 * lh > this.bottom + 0.01 && lines.length > 3)) this.newPage();
        this.drawLine(line, this.left, this.y, style, this.width);
        this.y += lh;
      });
    });
    this.y += spaceAfter;
  }

  bodyStyle(overrides: Partial<TextStyle> = {}): TextStyle {
    const t = this.theme;
    return { size: t.body.size, font: 'regular', color: t.colors.text, leading: t.body.leading, align: 'left', ...overrides };
  }

  // ── blocks ──────────────────────────────────────────────────────────────────────────────

  flow(blocks: readonly Block[]): void {
    blocks.forEach((b, i) => {
      const next = blocks[i + 1];
      if (b.type === 'heading') this.heading(b, next, blocks[i + 2]);
      else {
        // A paragraph in bold alone ("**Susunan dan pembentukan**") is a heading in all but name.
        if (b.type === 'paragraph' && next && next.type !== 'pagebreak' && b.runs.every((r) => r.bold || !r.text.trim())) this.ensure(this.measure([b]) + this.startHeight(next));
        this.block(b);
      }
    });
  }

  block(b: Block): void {
    switch (b.type) {
      case 'paragraph':
        this.text(b.runs, this.bodyStyle(b.align ? { align: b.align } : {}));
        break;
      case 'heading':
        this.heading(b, undefined);
        break;
      case 'list':
        this.list(b, 0);
        break;
      case 'table':
        this.table(b);
        break;
      case 'callout':
        this.callout(b);
        break;
      case 'quote':
        this.boxed(b.children, { bar: this.theme.colors.rule, fill: undefined, title: undefined, tag: 'BlockQuote' });
        break;
      case 'image':
        this.image(b);
        break;
      case 'rule':
        this.ensure(12);
        this.artifact((c) => c.line(this.left, this.y + 6, this.left + this.width, this.y + 6, { width: 0.6, color: this.theme.colors.rule }));
        this.y += 12;
        break;
      case 'pagebreak':
        if (!this.atPageTop || this.pageIndex < 0) this.newPage();
        break;
      case 'keep': {
        const h = this.measure(b.children);
        if (h > this.remaining && h <= this.bottom - this.top) this.newPage();
        this.flow(b.children);
        break;
      }
      case 'component': {
        const render = this.opts.components?.[b.name];
        if (!render) throw new LayoutError(`blok "::: ${b.name}" tidak dikenal`, `blok yang dikenal: ${Object.keys(this.opts.components ?? {}).join(', ')}, catatan, perhatian, fasilitator, kotak, keep`);
        render(this, b.props, b.children);
        break;
      }
    }
  }

  heading(h: Heading, next: Block | undefined, after?: Block): void {
    const style = this.theme.headings[h.level - 1]!;
    const ts: TextStyle = { size: style.size, font: 'bold', color: style.color, leading: 1.25, align: style.align ?? 'left' };
    const lines = this.lines(h.runs, ts);
    const own = lines.length * ts.size * ts.leading;
    if (style.pageBreakBefore && !this.atPageTop) this.newPage();
    // Keep with next: the heading plus the start of what follows must fit, or both move on.
    let follow = next && next.type !== 'pagebreak' ? this.startHeight(next) : 0;
    // A sentence that introduces what comes next stays with the heading and with what it introduces.
    const intro = next?.type === 'paragraph' && after && after.type !== 'pagebreak' ? this.measure([next]) : Infinity;
    if (intro <= 3 * this.theme.body.size * this.theme.body.leading + this.theme.paragraphSpacing) follow = intro + this.startHeight(after!);
    const before = this.atPageTop ? 0 : style.spaceBefore;
    this.ensure(before + own + style.spaceAfter + follow);
    if (!this.atPageTop) this.y += before;
    const text = plainText(h.runs);
    const id = h.id ?? `h${++this.autoId}`;
    if (this.canvas) {
      this.headings.push({ id, text, level: h.level, page: this.pageIndex, toc: h.toc });
      this.canvas.destination(id, this.y);
      if (h.toc) this.addOutline(text, h.level);
    }
    this.leaf(`H${h.level}`, () => {
      for (const line of lines) {
        // Only a heading taller than a page (one enormous word) breaks between its lines.
        if (this.y + ts.size * ts.leading > this.bottom + 0.01) this.newPage();
        this.drawLine(line, this.left, this.y, ts, this.width);
        this.y += ts.size * ts.leading;
      }
    });
    if (style.rule) this.artifact((c) => c.line(this.left, this.y + 2, this.left + this.width, this.y + 2, { width: 0.8, color: style.color }));
    this.y += style.spaceAfter;
  }

  /**
   * The least of a block that must share the page with a heading above it: a table's header and
   * (up to four lines of) its first row, else the first few lines.
   */
  private startHeight(b: Block): number {
    const line = this.theme.body.size * this.theme.body.leading;
    if (b.type === 'table') {
      const th = this.theme.table;
      const headerOnly = this.measure([{ ...b, rows: [] }]);
      const firstRow = this.measure([{ ...b, rows: b.rows.slice(0, 1) }]);
      return firstRow <= this.bottom - this.top ? firstRow : headerOnly + 4 * th.size * th.leading + 2 * th.padding;
    }
    const whole = this.measure([b]);
    // Boxes and kept groups move to the next page whole when they fit on one: all of it follows.
    if ((b.type === 'callout' || b.type === 'quote' || b.type === 'keep') && whole <= this.bottom - this.top) return whole;
    if (b.type === 'list') return Math.min(whole, this.listStart(b, 0) + line);
    // A heading below a heading keeps its own next lines too: both move on, or neither.
    if (b.type === 'heading') return whole + 3 * line;
    return Math.min(whole, 3 * line);
  }

  /**
   * The height a list item's marker must have beside it on the page: a short item (a question and
   * its choices) whole, else the first lines of its text.
   */
  private listStart(l: ListBlock, i: number): number {
    const body = this.bodyStyle();
    const lh = body.size * body.leading;
    const item = l.items[i] ?? [];
    const whole = this.measure(item, this.width - this.labelWidth(l)) - this.theme.paragraphSpacing;
    if (whole <= 8 * lh) return whole;
    const first = item[0];
    if (first?.type !== 'paragraph') return lh;
    return Math.min(this.lines(first.runs, body, this.width - this.labelWidth(l)).length, 2) * lh;
  }

  private labelWidth(l: ListBlock): number {
    const size = this.theme.body.size;
    return l.ordered ? 8 + String(l.start + l.items.length - 1).length * size * 0.6 : 14;
  }

  /** PDF bookmarks mirror the table of contents: chapters at the top, their sections below. */
  private addOutline(text: string, level: number): void {
    const canvas = this.canvas!;
    if (level <= 1 || !this.outlineTop) this.outlineTop = canvas.outline(text);
    else canvas.outline(text, this.outlineTop);
  }

  list(l: ListBlock, depth: number): void {
    const body = this.bodyStyle();
    const labelWidth = this.labelWidth(l);
    this.group('L', () => {
      l.items.forEach((item, i) => {
        // The marker never stays behind at a page bottom: it needs the item's first lines beside it.
        this.ensure(this.listStart(l, i));
        const label = l.ordered ? `${l.start + i}.` : (['•', '–', '◦'][depth % 3] as string);
        const labelY = this.y;
        this.group('LI', () => {
          this.leaf('Lbl', () => {
            const line = this.lines([{ text: label }], body, labelWidth)[0]!;
            this.drawLine(line, this.left, labelY, { ...body, align: l.ordered ? 'right' : 'left' }, labelWidth - 5);
          });
          this.group('LBody', () =>
            this.inFrame(labelWidth, this.width - labelWidth, () => {
              for (const [j, b] of item.entries()) {
                if (b.type === 'list') this.list(b, depth + 1);
                else if (b.type === 'paragraph') this.text(b.runs, body, 'P', j === item.length - 1 ? body.size * 0.3 : this.theme.paragraphSpacing);
                else this.flow([b]);
              }
            }),
          );
        });
      });
    });
    if (depth === 0) this.y += this.theme.paragraphSpacing - body.size * 0.3;
  }

  table(t: TableBlock): void {
    const th = this.theme.table;
    const widths = this.columnWidths(t);
    const cellStyle = (header: boolean, col: number): TextStyle => ({
      size: th.size,
      font: header ? 'bold' : 'regular',
      color: this.theme.colors.text,
      leading: th.leading,
      align: header ? 'center' : (t.align[col] ?? 'left'),
    });
    const lh = th.size * th.leading;
    const layoutRow = (cells: Run[][], header: boolean) => cells.map((c, i) => this.lines(c, cellStyle(header, i), Math.max(4, widths[i]! - 2 * th.padding)));
    const headerLines = layoutRow(t.header, true);
    const headerH = Math.max(...headerLines.map((ls) => ls.length)) * lh + 2 * th.padding;
    const drawHeader = (asArtifact: boolean) => {
      const y = this.y;
      const draw = () => this.drawRow(headerLines, widths, y, headerH, t.header.length, true, (i) => cellStyle(true, i), 'TH');
      if (asArtifact) this.artifact(() => this.withoutTags(draw));
      else this.group('TR', draw);
      this.y += headerH;
    };
    this.y += 2;
    this.group('Table', () => {
      const capacity = this.bottom - this.top - headerH;
      // The header never stands alone: it starts where the whole first row fits (rows split only
      // when taller than a page).
      const firstRowH = t.rows[0] ? Math.max(...layoutRow(t.rows[0], false).map((ls) => ls.length)) * lh + 2 * th.padding : 0;
      this.ensure(headerH + (firstRowH <= capacity ? firstRowH : 4 * lh));
      drawHeader(false);
      for (const row of t.rows) {
        let pending = layoutRow(row, false);
        const fullH = Math.max(...pending.map((ls) => ls.length)) * lh + 2 * th.padding;
        // Rows move whole to the next page unless taller than a page.
        if (fullH > this.remaining && fullH <= capacity) {
          this.newPage();
          drawHeader(true);
        }
        this.group('TR', () => {
          while (pending.some((ls) => ls.length)) {
            let fit = Math.floor((this.remaining - 2 * th.padding) / lh);
            if (fit < 1) {
              this.newPage();
              drawHeader(true);
              fit = Math.floor((this.remaining - 2 * th.padding) / lh);
            }
            const now = pending.map((ls) => ls.slice(0, fit));
            pending = pending.map((ls) => ls.slice(fit));
            const h = Math.max(1, ...now.map((ls) => ls.length)) * lh + 2 * th.padding;
            this.drawRow(now, widths, this.y, h, row.length, false, (i) => cellStyle(false, i), 'TD');
            this.y += h;
          }
        });
      }
    });
    this.y += this.theme.paragraphSpacing + 2;
  }

  /**
   * Column widths, like a browser's table layout. From the content when the dashes of the
   * delimiter row are all alike: each column between its longest word and its longest line, the
   * room shared in proportion to what each wants beyond its longest word. When the dashes differ
   * (`|--|--------|`) the author set the proportions, but a column still gets its longest word
   * when the table has room for every column's ("Pemilih", not "Pemili/h").
   */
  private columnWidths(t: TableBlock): number[] {
    const th = this.theme.table;
    const min = t.widths.map(() => 0);
    const max = t.widths.map(() => 0);
    [t.header, ...t.rows].forEach((row, r) =>
      row.forEach((cell, i) => {
        const runs = cell.map((run): StyledRun => ({ text: run.text, font: run.code ? 'regular' : fontKeyFor(r === 0 || Boolean(run.bold), Boolean(run.italic)), size: th.size }));
        for (const run of runs) for (const word of run.text.split(/\s+/)) min[i] = Math.max(min[i]!, textWidth(run.font, word, th.size));
        for (const line of breakLines(runs, Infinity)) max[i] = Math.max(max[i]!, line.width);
      }),
    );
    const pad = 2 * th.padding + 1;
    const [lo, hi] = [min.map((w) => w + pad), max.map((w) => w + pad)];
    const [sumLo, sumHi] = [lo.reduce((a, b) => a + b, 0), hi.reduce((a, b) => a + b, 0)];
    const room = this.width;
    if (sumLo >= room) return lo.map((w) => (w * room) / sumLo);
    const total = t.widths.reduce((a, b) => a + b, 0);
    if (t.widths.some((w) => w !== t.widths[0])) {
      // The author's widths, with room taken from columns that can spare it for those that cannot.
      const want = t.widths.map((w) => (w / total) * room);
      const short = want.map((w, i) => Math.max(0, lo[i]! - w)).reduce((a, b) => a + b, 0);
      const spare = want.map((w, i) => Math.max(0, w - lo[i]!)).reduce((a, b) => a + b, 0);
      return want.map((w, i) => (w < lo[i]! ? lo[i]! : w - ((w - lo[i]!) * short) / spare));
    }
    if (sumHi <= room) return hi.map((w) => w + ((room - sumHi) * w) / sumHi);
    return lo.map((w, i) => w + ((hi[i]! - w) * (room - sumLo)) / (sumHi - sumLo));
  }

  private withoutTags(fn: () => void): void {
    const tagged = this.opts.tagged;
    this.opts.tagged = false;
    try {
      fn();
    } finally {
      this.opts.tagged = tagged;
    }
  }

  private drawRow(cells: Line[][], widths: number[], y: number, h: number, count: number, header: boolean, style: (i: number) => TextStyle, tag: string): void {
    const th = this.theme.table;
    const lh = th.size * th.leading;
    this.artifact((c) => {
      if (header) c.fillRect(this.left, y, this.width, h, th.headerFill);
      c.stroke((p) => {
        let x = this.left;
        for (let i = 0; i < count; i++) {
          p.rect(x, y, widths[i]!, h);
          x += widths[i]!;
        }
      }, { width: 0.5, color: th.border });
    });
    let x = this.left;
    for (let i = 0; i < count; i++) {
      const lines = cells[i] ?? [];
      this.leaf(tag, () => {
        lines.forEach((line, j) => this.drawLine(line, x + th.padding, y + th.padding + j * lh, style(i), widths[i]! - 2 * th.padding));
      });
      x += widths[i]!;
    }
  }

  callout(c: Callout): void {
    const look = this.theme.callouts[c.kind];
    this.boxed(c.children, { bar: look.bar, fill: look.fill, title: c.title ?? look.title, tag: 'Div' });
  }

  /**
   * A box with a coloured bar on the left and an optional fill. Drawn in one piece when it fits
   * on a page (moving to the next page if needed); a box taller than a page breaks across pages
   * with its bar drawn per page and no fill.
   */
  boxed(children: Block[], look: { bar: string; fill: string | undefined; title: string | undefined; tag: string }): void {
    const pad = 8;
    const inner = this.width - 2 * pad - 4;
    const titleBlocks: Block[] = look.title ? [{ type: 'paragraph', runs: [{ text: look.title, bold: true }] }] : [];
    const content = [...titleBlocks, ...children];
    const h = this.measure(content, inner) + 2 * pad - this.theme.paragraphSpacing;
    const fits = h <= this.bottom - this.top;
    if (fits && h > this.remaining) this.newPage();
    this.ensure(Math.min(h, 40));
    const segTop = this.y;
    const segPage = this.pageIndex;
    if (fits) {
      const y = this.y;
      this.artifact((c) => {
        if (look.fill) c.fillRect(this.left, y, this.width, h, look.fill);
        c.fillRect(this.left, y, 3, h, look.bar);
      });
    }
    this.group(look.tag, () => {
      this.y += pad;
      this.inFrame(pad + 4, inner, () => this.flow(content));
      this.y += pad - this.theme.paragraphSpacing;
    });
    if (!fits) {
      // Bars per page segment, drawn after the text (they sit left of it, so nothing overlaps).
      const end = this.pageIndex;
      const endY = this.y;
      const canvas = this.canvas;
      if (canvas) {
        for (let p = segPage; p <= end; p++) {
          const y0 = p === segPage ? segTop : this.top;
          const y1 = p === end ? endY : this.bottom;
          canvas.switchToPage(p);
          this.artifact((c) => c.fillRect(this.left, y0, 3, y1 - y0, look.bar));
        }
        canvas.switchToPage(end);
      }
    }
    this.y += this.theme.paragraphSpacing;
  }

  image(b: ImageBlock): void {
    const bytes = this.opts.image?.(b.src);
    if (!bytes) return;
    const size = imageSize(bytes);
    let w = Math.min(b.width ?? size.width * 0.75, this.width);
    let h = (w / size.width) * size.height;
    const maxH = (this.bottom - this.top) * 0.9;
    if (h > maxH) {
      w *= maxH / h;
      h = maxH;
    }
    this.ensure(h);
    const x = b.align === 'left' ? this.left : b.align === 'right' ? this.left + this.width - w : this.left + (this.width - w) / 2;
    const y = this.y;
    const canvas = this.canvas;
    if (canvas) this.leaf('Figure', () => canvas.image(bytes, x, y, w, h), b.alt.trim() || this.opts.imageAlt);
    this.y += h + this.theme.paragraphSpacing;
  }
}

function snippet(s: string, max = 40): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Pixel size of a PNG or JPEG from its header. */
export function imageSize(buf: Buffer): { width: number; height: number } {
  if (buf[0] === 0x89) return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  let i = 2;
  while (i < buf.length) {
    if (buf[i] !== 0xff) break;
    const marker = buf[i + 1]!;
    const len = buf.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return { width: 100, height: 100 };
}
