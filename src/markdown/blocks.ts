/**
 * The block model: what a document is made of, as plain data. Templates produce Markdown, the
 * parser turns it into these blocks, and the layout engine draws them. Nothing here knows PDFKit.
 */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  /** External URL or internal `#anchor`. */
  link?: string;
}

export type Align = 'left' | 'center' | 'right';

export interface Heading {
  type: 'heading';
  level: 1 | 2 | 3 | 4;
  runs: Run[];
  /** Anchor for links and the table of contents, from `{#id}` at the end of the heading. */
  id?: string;
  /** Shown in the table of contents and the PDF outline (levels 1–2 unless `{.no-toc}`). */
  toc: boolean;
}

export interface Paragraph {
  type: 'paragraph';
  runs: Run[];
  align?: Align;
}

export interface ListBlock {
  type: 'list';
  ordered: boolean;
  start: number;
  items: Block[][];
}

export interface TableBlock {
  type: 'table';
  header: Run[][];
  rows: Run[][][];
  /** Relative column widths, from the dashes of the delimiter row (`|--|--------|`). */
  widths: number[];
  align: Align[];
}

export type CalloutKind = 'catatan' | 'perhatian' | 'fasilitator' | 'kotak';

export interface Callout {
  type: 'callout';
  kind: CalloutKind;
  title?: string;
  children: Block[];
}

export interface Quote {
  type: 'quote';
  children: Block[];
}

export interface ImageBlock {
  type: 'image';
  src: string;
  alt: string;
  /** Width in points when given as `![alt](src){width=120}`; else the natural size, shrunk to fit. */
  width?: number;
  align: Align;
}

/** Named layout components Markdown cannot express: cover, toc, signature … */
export interface Component {
  type: 'component';
  name: string;
  props: Record<string, string>;
  children: Block[];
}

export interface Rule {
  type: 'rule';
}

export interface PageBreak {
  type: 'pagebreak';
}

/** Keeps its children together on one page when they fit. */
export interface KeepTogether {
  type: 'keep';
  children: Block[];
}

export type Block = Heading | Paragraph | ListBlock | TableBlock | Callout | Quote | ImageBlock | Component | Rule | PageBreak | KeepTogether;

export function plainText(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join('');
}

/** Every block, depth first, for tests and for collecting headings. */
export function* walkBlocks(blocks: readonly Block[]): Generator<Block> {
  for (const b of blocks) {
    yield b;
    if (b.type === 'list') for (const item of b.items) yield* walkBlocks(item);
    else if (b.type === 'callout' || b.type === 'quote' || b.type === 'component' || b.type === 'keep') yield* walkBlocks(b.children);
  }
}
