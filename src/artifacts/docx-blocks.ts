/**
 * The block model as Word content, for the handbook's .docx: headings in Word's Heading styles
 * (navigation pane, Word's own table of contents), lists as Word lists, tables as Word tables
 * whose header row repeats on every page, callouts as shaded paragraphs with the PDF's colour
 * bar, the cover, table of contents and signature block as Word paragraphs. The same blocks the
 * PDF is laid out from: nothing is re-read from the templates.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { Align, Block, Run } from '../markdown/index.js';
import { defaultTheme, imageSize, typographic, type TocEntry } from '../pdf/index.js';
import { xmlSafe } from './ooxml.js';

export type DocxChild = Paragraph | Table | TableOfContents;

const hex = (c: string) => c.replace(/^#/, '').toUpperCase();
/** Points → twentieths of a point (Word's twips). */
export const twip = (pt: number) => Math.round(pt * 20);

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

/** Word bookmark names: a letter first, then letters, digits and underscores, at most 40 characters. */
export function bookmarkName(id: string): string {
  return `_${id.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 40);
}

export interface DocxContext {
  /** Width of the text column in points (for tables and images). */
  width: number;
  image: (src: string) => Buffer;
  toc: TocEntry[];
  tocTitle: string;
  /** Lists: a numbering reference per start number, and an instance per list. */
  numbering: { starts: Set<number>; next: number };
}

/** What the enclosing blocks add to every paragraph: a callout's shading, a quote's indent, a list's depth. */
interface Frame {
  shading?: { fill: string; bar: string };
  indent: number;
  depth: number;
  italic?: boolean;
  keepNext?: boolean;
}

export function runsToDocx(runs: readonly Run[], extra: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean; color?: string } = {}): ParagraphChild[] {
  return runs.flatMap((r): ParagraphChild[] => {
    // Straight quotes become typographic, as in the PDF; code stays as written.
    const pieces = xmlSafe(r.code ? r.text : typographic(r.text)).split('\n');
    const texts = pieces.map(
      (text, i) =>
        new TextRun({
          text,
          break: i > 0 ? 1 : undefined,
          bold: r.bold || extra.bold || undefined,
          italics: r.italic || extra.italics || undefined,
          underline: extra.underline ? {} : undefined,
          size: extra.size ? extra.size * 2 : undefined,
          color: extra.color,
          font: r.code ? 'Noto Sans Mono' : undefined,
          style: r.link ? 'Hyperlink' : undefined,
        }),
    );
    if (!r.link) return texts;
    return r.link.startsWith('#') ? [new InternalHyperlink({ anchor: bookmarkName(r.link.slice(1)), children: texts })] : [new ExternalHyperlink({ link: r.link, children: texts })];
  });
}

function para(frame: Frame, opts: IParagraphOptions): Paragraph {
  const shade = frame.shading;
  return new Paragraph({
    ...opts,
    ...(shade ? { shading: { type: ShadingType.CLEAR, fill: hex(shade.fill), color: 'auto' }, border: { left: { style: BorderStyle.SINGLE, size: 24, color: hex(shade.bar), space: 6 } } } : {}),
    ...(frame.indent && !opts.numbering ? { indent: { left: twip(frame.indent) } } : {}),
    ...(frame.keepNext ? { keepNext: true } : {}),
  });
}

export function blocksToDocx(blocks: readonly Block[], ctx: DocxContext, frame: Frame = { indent: 0, depth: 0 }): DocxChild[] {
  return blocks.flatMap((b) => blockToDocx(b, ctx, frame));
}

function blockToDocx(b: Block, ctx: DocxContext, frame: Frame): DocxChild[] {
  switch (b.type) {
    case 'heading': {
      const runs = runsToDocx(b.runs);
      return [para(frame, { heading: HEADINGS[b.level - 1], children: b.id ? [new Bookmark({ id: bookmarkName(b.id), children: runs })] : runs })];
    }
    case 'paragraph':
      return [para(frame, { alignment: ALIGN[b.align ?? 'left'], children: runsToDocx(b.runs, { italics: frame.italic }) })];
    case 'list':
      return listToDocx(b, ctx, frame);
    case 'table':
      return [tableToDocx(b, ctx)];
    case 'callout': {
      const look = defaultTheme.callouts[b.kind];
      const inner: Frame = { ...frame, shading: { fill: look.fill, bar: look.bar } };
      const title = b.title ? [para(inner, { keepNext: true, children: [new TextRun({ text: xmlSafe(b.title), bold: true, color: hex(look.bar) })] })] : [];
      return [...title, ...blocksToDocx(b.children, ctx, inner)];
    }
    case 'quote':
      return blocksToDocx(b.children, ctx, { ...frame, indent: frame.indent + 24, italic: true });
    case 'image':
      return [para(frame, { alignment: ALIGN[b.align], children: [imageRun(ctx, b.src, b.alt, b.width)] })];
    case 'rule':
      return [para(frame, { border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: hex(defaultTheme.colors.rule), space: 1 } }, children: [] })];
    case 'pagebreak':
      return [new Paragraph({ children: [new PageBreak()] })];
    case 'keep':
      return blocksToDocx(b.children, ctx, { ...frame, keepNext: true });
    case 'component':
      return componentToDocx(b.name, b.props, b.children, ctx, frame);
  }
}

function listToDocx(list: Extract<Block, { type: 'list' }>, ctx: DocxContext, frame: Frame): DocxChild[] {
  const level = Math.min(frame.depth, 2);
  let reference = 'bullets';
  let instance: number | undefined;
  if (list.ordered) {
    ctx.numbering.starts.add(list.start);
    reference = `numbers-${list.start}`;
    instance = ctx.numbering.next++;
  }
  const inner: Frame = { ...frame, depth: frame.depth + 1 };
  return list.items.flatMap((item) => {
    const [first, ...rest] = item;
    const head =
      first?.type === 'paragraph'
        ? [para(frame, { numbering: { reference, level, ...(instance !== undefined ? { instance } : {}) }, children: runsToDocx(first.runs, { italics: frame.italic }) })]
        : [para(frame, { numbering: { reference, level, ...(instance !== undefined ? { instance } : {}) }, children: [] }), ...(first ? blocksToDocx([first], ctx, inner) : [])];
    // Further paragraphs of an item line up with its text.
    const body = rest.map((b) => (b.type === 'paragraph' ? para({ ...frame, indent: frame.indent + 18 * (level + 1) }, { alignment: ALIGN[b.align ?? 'left'], children: runsToDocx(b.runs) }) : null));
    return [...head, ...rest.flatMap((b, i) => body[i] ?? blocksToDocx([b], ctx, inner))];
  });
}

function cell(runs: Run[], width: number, align: Align, header: boolean): TableCell {
  const t = defaultTheme.table;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: hex(t.headerFill), color: 'auto' } } : {}),
    margins: { top: twip(t.padding), bottom: twip(t.padding), left: twip(t.padding), right: twip(t.padding) },
    children: [new Paragraph({ alignment: ALIGN[align], spacing: { after: 0 }, children: runsToDocx(runs, { bold: header || undefined, size: t.size }) })],
  });
}

function tableToDocx(b: Extract<Block, { type: 'table' }>, ctx: DocxContext): Table {
  const total = b.widths.reduce((s, w) => s + w, 0) || 1;
  const widths = b.widths.map((w) => Math.floor((twip(ctx.width) * w) / total));
  const border = { style: BorderStyle.SINGLE, size: 4, color: hex(defaultTheme.table.border) };
  return new Table({
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      // The header row repeats at the top of every page the table runs onto.
      new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((runs, i) => cell(runs, widths[i]!, b.align[i] ?? 'left', true)) }),
      ...b.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((runs, i) => cell(runs, widths[i]!, b.align[i] ?? 'left', false)) })),
    ],
  });
}

function imageRun(ctx: DocxContext, src: string, alt: string, width?: number): ImageRun {
  const bytes = ctx.image(src);
  const img = imageSize(bytes);
  const w = Math.min(width ?? img.width, ctx.width);
  const h = (w * img.height) / img.width;
  // docx measures pictures in pixels at 96 to the inch.
  return new ImageRun({ type: bytes[0] === 0x89 ? 'png' : 'jpg', data: bytes, transformation: { width: Math.round((w * 96) / 72), height: Math.round((h * 96) / 72) }, altText: { name: xmlSafe(alt || src), description: xmlSafe(alt), title: xmlSafe(alt) } });
}

function componentToDocx(name: string, props: Record<string, string>, children: Block[], ctx: DocxContext, frame: Frame): DocxChild[] {
  switch (name) {
    case 'cover':
      return coverToDocx(children, ctx);
    case 'toc':
      // Word's own TOC field, filled with the headings (Word adds page numbers when it updates it).
      return [new TableOfContents(ctx.tocTitle, { hyperlink: true, headingStyleRange: '1-2', beginDirty: true, cachedEntries: ctx.toc.map((e) => ({ title: xmlSafe(e.text), level: e.level, href: bookmarkName(e.id) })) })];
    case 'signature': {
      const at: Frame = { ...frame, indent: frame.indent + ctx.width / 2 };
      const line = (text: string | undefined, extra: Parameters<typeof runsToDocx>[1] = {}, spaceBefore = 0) => (text ? [para(at, { keepNext: true, spacing: { before: twip(spaceBefore), after: 0 }, children: runsToDocx([{ text }], extra) })] : []);
      return [...line(props.place, {}, 8), ...line(props.lead), ...line(props.role), ...line(props.name, { bold: true, underline: true }, 56), ...line(props.nip)];
    }
    case 'spacer':
      return [para(frame, { spacing: { before: twip(Number(props.height ?? 12)), after: 0 }, children: [] })];
    default:
      return blocksToDocx(children, ctx, frame);
  }
}

/** The cover: its blocks centred, the title large; what follows a rule sits lower, then a page break. */
function coverToDocx(children: Block[], ctx: DocxContext): DocxChild[] {
  const sizes = [24, 15, 12.5, 11];
  const out: DocxChild[] = [];
  for (const b of children) {
    if (b.type === 'heading') {
      const color = b.level === 1 ? hex(defaultTheme.colors.accent) : undefined;
      out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: twip(sizes[b.level - 1]! * 0.8) }, children: runsToDocx(b.runs, { bold: true, size: sizes[b.level - 1]!, color }) }));
    } else if (b.type === 'paragraph') out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: runsToDocx(b.runs, { size: 11.5 }) }));
    else if (b.type === 'rule') out.push(new Paragraph({ spacing: { before: twip(120) }, children: [] }));
    else if (b.type === 'image') out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [imageRun(ctx, b.src, b.alt, b.width)] }));
    else out.push(...blocksToDocx([b], ctx));
  }
  out.push(new Paragraph({ children: [new PageBreak()] }));
  return out;
}
