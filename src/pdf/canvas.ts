/**
 * The page canvas: the one way anything is put on a PDF page. Text goes through one fast path:
 * runs are collected as `Tf`/`rg`/`Tm`/`Tj` operators and written as one text object when
 * something else is drawn (or marked, or the page changes). PDFKit's own `text()` writes eight
 * operators per call and lays each string out twice; a handbook makes tens of thousands of such
 * calls and a 100,000-name sheet 600,000. Glyphs are encoded by PDFKit's font objects (which
 * record them for the subset and the ToUnicode map), per face as glyphs.ts picks it, so a
 * character the text font lacks comes from a fallback face in every document.
 *
 * Coordinates are PDFKit's: points from the top-left corner of the page (or of a `placed` frame).
 */
import { createDocument, pageOptions, type Doc, type DocumentOptions, type PageSpec } from './document.js';
import { ascent, FONT_NAMES, type FaceKey, type FontKey } from './fonts.js';
import { faceRuns } from './glyphs.js';
import { embeddedFont, openedFonts, openImage, pageHeight, placeImage, usePageFont, type PdfFont, type PdfImage } from './pdfkit-internals.js';

/** One line of text in one style, with its baseline at `baseline`. */
export interface TextRun {
  text: string;
  font: FontKey;
  size: number;
  x: number;
  baseline: number;
  /** `#rrggbb`; black by default. */
  color?: string;
  /** A URL, or `#name` for a named destination in the document. */
  link?: string;
  underline?: boolean;
  /** Extra space after each character (dot leaders). */
  spacing?: number;
}

export interface StrokeStyle {
  width: number;
  color: string;
  /** Dash length and gap. */
  dash?: [number, number];
  cap?: 'butt' | 'round';
}

/** Collects path operators (moveTo/lineTo/rect) for one stroke. */
export class PathBuilder {
  readonly ops: string[] = [];
  moveTo(x: number, y: number): this {
    this.ops.push(`${num(x)} ${num(y)} m`);
    return this;
  }
  lineTo(x: number, y: number): this {
    this.ops.push(`${num(x)} ${num(y)} l`);
    return this;
  }
  line(x1: number, y1: number, x2: number, y2: number): this {
    return this.moveTo(x1, y1).lineTo(x2, y2);
  }
  rect(x: number, y: number, w: number, h: number): this {
    this.ops.push(`${num(x)} ${num(y)} ${num(w)} ${num(h)} re`);
    return this;
  }
}

/** Numbers in content streams as PDFKit writes them (at most six decimals). */
export function num(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

const colours = new Map<string, string>();

/** `#rrggbb` → "r g b" (0–1). */
function rgb(hex: string): string {
  let c = colours.get(hex);
  if (c === undefined) {
    const v = parseInt(hex.slice(1), 16);
    c = [(v >> 16) & 255, (v >> 8) & 255, v & 255].map((x) => num(x / 255)).join(' ');
    colours.set(hex, c);
  }
  return c;
}

export class Canvas {
  private ops: string[] = [];
  private tf = '';
  private fill = '';
  private readonly fonts = new Map<FaceKey, PdfFont>();
  private readonly images = new Map<Buffer, PdfImage>();

  constructor(readonly doc: Doc) {}

  /** A new document (see createDocument) with its canvas. */
  static create(options: DocumentOptions): Canvas {
    return new Canvas(createDocument(options));
  }

  pipe(out: NodeJS.WritableStream): void {
    this.doc.pipe(out);
  }

  /** Write what is queued and finish the file. */
  end(): void {
    this.flush();
    this.doc.end();
  }

  // ── text ────────────────────────────────────────────────────────────────────────────────

  private fontOf(face: FaceKey): PdfFont {
    let f = this.fonts.get(face);
    if (!f) this.fonts.set(face, (f = embeddedFont(this.doc, FONT_NAMES[face])));
    return f;
  }

  /** Queue one line of text; returns its drawn width. */
  text(run: TextRun): number {
    const { size } = run;
    const colour = rgb(run.color ?? '#000000');
    if (colour !== this.fill) this.ops.push(`${(this.fill = colour)} rg`);
    let x = run.x;
    const y = num(pageHeight(this.doc) - run.baseline);
    const spacing = run.spacing ?? 0;
    if (spacing) this.ops.push(`${num(spacing)} Tc`);
    for (const piece of faceRuns(run.font, run.text)) {
      const f = this.fontOf(piece.face);
      const [hex, positions] = f.encode(piece.text);
      if (!hex.length) continue;
      usePageFont(this.doc, f);
      const tf = `/${f.id} ${num(size)} Tf`;
      if (tf !== this.tf) this.ops.push((this.tf = tf));
      this.ops.push(`1 0 0 1 ${num(x)} ${y} Tm <${hex.join('')}> Tj`);
      let units = 0;
      for (const p of positions) units += p.xAdvance;
      x += (units * size) / 1000 + spacing * positions.length;
    }
    if (spacing) this.ops.push('0 Tc');
    const width = x - run.x;
    if (run.link || run.underline) this.decorate(run, width);
    return width;
  }

  /** Link annotation and underline of a text run (PDFKit's placement: the font's line box). */
  private decorate(run: TextRun, width: number): void {
    const top = run.baseline - ascent(run.font, run.size);
    const height = run.size * 1.362; // Noto Sans: ascender 1.069 + descender 0.293
    if (run.link?.startsWith('#')) this.doc.goTo(run.x, top, width, height, run.link.slice(1));
    else if (run.link) this.doc.link(run.x, top, width, height, run.link);
    if (run.underline) {
      const w = run.size < 10 ? 0.5 : Math.floor(run.size / 10);
      const y = top + height - w;
      this.stroke((p) => p.line(run.x, y, run.x + width, y), { width: w, color: run.color ?? '#000000' });
    }
  }

  /** Write the queued text as one text object. Every other drawing call does this first. */
  flush(): void {
    if (!this.ops.length) return;
    this.doc.addContent(`q 1 0 0 -1 0 ${num(pageHeight(this.doc))} cm BT\n${this.ops.join('\n')}\nET Q`);
    this.ops = [];
    this.tf = '';
    this.fill = '';
  }

  // ── shapes ──────────────────────────────────────────────────────────────────────────────

  /** Stroke a path built by `build` (many lines in one operator: grids, dotted lines). */
  stroke(build: (p: PathBuilder) => void, style: StrokeStyle): void {
    const p = new PathBuilder();
    build(p);
    if (!p.ops.length) return;
    this.flush();
    const dash = style.dash ? ` [${num(style.dash[0])} ${num(style.dash[1])}] 0 d` : '';
    const cap = style.cap === 'round' ? ' 1 J' : '';
    this.doc.addContent(`q ${num(style.width)} w${cap}${dash} ${rgb(style.color)} RG\n${p.ops.join('\n')}\nS Q`);
  }

  line(x1: number, y1: number, x2: number, y2: number, style: StrokeStyle): void {
    this.stroke((p) => p.line(x1, y1, x2, y2), style);
  }

  fillRect(x: number, y: number, w: number, h: number, color: string): void {
    this.flush();
    this.doc.addContent(`q ${rgb(color)} rg ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f Q`);
  }

  strokeRect(x: number, y: number, w: number, h: number, style: StrokeStyle): void {
    this.stroke((p) => p.rect(x, y, w, h), style);
  }

  fillRoundedRect(x: number, y: number, w: number, h: number, r: number, color: string): void {
    this.flush();
    this.doc.save().roundedRect(x, y, w, h, r).fill(color).restore();
  }

  /** An image scaled to `w` × `h` at (x, y); the bytes are embedded once per document. */
  image(bytes: Buffer, x: number, y: number, w: number, h: number): void {
    this.flush();
    let img = this.images.get(bytes);
    if (!img) this.images.set(bytes, (img = openImage(this.doc, bytes)));
    placeImage(this.doc, img, x, y, w, h);
  }

  /** Draw with the origin moved to (x, y) and everything scaled (a slide on an A4 page). */
  placed(x: number, y: number, scale: number, draw: () => void): void {
    this.flush();
    this.doc.save().translate(x, y).scale(scale);
    try {
      draw();
    } finally {
      this.flush();
      this.doc.restore();
    }
  }

  // ── structure and pages ─────────────────────────────────────────────────────────────────

  /** Begin marked content for a structure element (P, H1, TD …); end it with endMarked. */
  markStructure(tag: string): PDFKit.PDFStructureContent {
    this.flush();
    return this.doc.markStructureContent(tag);
  }

  /** Begin an artifact (decoration that is not content). */
  markArtifact(type: 'Layout' | 'Pagination'): void {
    this.flush();
    this.doc.markContent('Artifact', { type });
  }

  endMarked(): void {
    this.flush();
    this.doc.endMarkedContent();
  }

  addPage(page: PageSpec): void {
    this.flush();
    this.doc.addPage(pageOptions(page));
  }

  /** A new page that continues the open structure elements (tagged documents). */
  continueOnNewPage(page: PageSpec): void {
    this.flush();
    this.doc.continueOnNewPage(pageOptions(page));
  }

  switchToPage(index: number): void {
    this.flush();
    this.doc.switchToPage(index);
  }

  /** 0-based index and count of the pages kept in memory (documents with bufferPages). */
  bufferedPages(): { start: number; count: number } {
    return this.doc.bufferedPageRange();
  }

  /** A link area to a named destination. */
  goTo(x: number, y: number, w: number, h: number, name: string): void {
    this.doc.goTo(x, y, w, h, name);
  }

  destination(name: string, y: number): void {
    this.doc.addNamedDestination(name, 'XYZ', null, y, null);
  }

  /** A bookmark at the top level, or under `parent`. */
  outline(title: string, parent?: PDFKit.PDFOutline): PDFKit.PDFOutline {
    return (parent ?? this.doc.outline).addItem(title, { expanded: false, fit: true } as { expanded: boolean });
  }

  /**
   * Empty each embedded font's per-word layout cache, which PDFKit never evicts (~70 MB per 1,000
   * pages of a roster otherwise). Cleared every few pages, its entries die young instead of being
   * promoted to the old generation; repeated words still hit the cache in between.
   */
  clearLayoutCaches(): void {
    for (const f of openedFonts(this.doc)) if (f.layoutCache) f.layoutCache = Object.create(null) as Record<string, unknown>;
  }

  /** Bytes produced and not yet read by the output stream. */
  get pendingBytes(): number {
    return this.doc.readableLength;
  }
}
