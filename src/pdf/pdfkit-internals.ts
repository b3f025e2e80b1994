/**
 * The few PDFKit internals the canvas relies on, in one place and typed as far as we use them.
 * They are pinned to the PDFKit version in package.json (`~0.20`): tests/pdfkit-internals.test.ts
 * checks each of them against the installed PDFKit and fails loudly when one changes.
 */
import type { Font } from './fonts.js';

type Doc = PDFKit.PDFDocument;

/** The PDFKit version these internals were read from (package.json pins `~0.20.2`). */
export const PDFKIT_SERIES = '0.20.';

/** PDFKit's embedded font (EmbeddedFont), as far as the canvas uses it. */
export interface PdfFont {
  /** Resource name on the page ("F1"). */
  id: string;
  /** The font's indirect object (registered on each page that uses it). */
  ref(): unknown;
  /** Glyph ids as 4-digit hex, recording the glyphs for the subset and the ToUnicode map. */
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
  /** Per-word layout results, never evicted by PDFKit itself. */
  layoutCache?: Record<string, unknown>;
}

/** An image opened by PDFKit (embedded once, placed many times). */
export interface PdfImage {
  width: number;
  height: number;
}

interface Internals {
  _font: PdfFont;
  _fontFamilies: Record<string, PdfFont>;
  page: { height: number; fonts: Record<string, unknown> };
  openImage(src: Buffer): PdfImage;
}

function internals(doc: Doc): Internals {
  return doc as unknown as Internals;
}

/** The embedded font object PDFKit uses for a registered font name (selecting it). */
export function embeddedFont(doc: Doc, name: string): PdfFont {
  doc.font(name);
  return internals(doc)._font;
}

/** Make a font a resource of the current page (as PDFKit's own text() does). */
export function usePageFont(doc: Doc, f: PdfFont): void {
  const fonts = internals(doc).page.fonts;
  if (fonts[f.id] == null) fonts[f.id] = f.ref();
}

export function pageHeight(doc: Doc): number {
  return internals(doc).page.height;
}

/** The fonts a document has opened (each once, though PDFKit files them under several names). */
export function openedFonts(doc: Doc): PdfFont[] {
  return [...new Set(Object.values(internals(doc)._fontFamilies))];
}

/** Open image bytes once; PDFKit embeds a Buffer passed to image() again on every call. */
export function openImage(doc: Doc, bytes: Buffer): PdfImage {
  return internals(doc).openImage(bytes);
}

/** Place an opened image (PDFKit's image() takes its own image objects, though its types say not). */
export function placeImage(doc: Doc, img: PdfImage, x: number, y: number, width: number, height: number): void {
  doc.image(img as unknown as Buffer, x, y, { width, height });
}

/** Register a fontkit font object (PDFKit accepts one, though its types ask for a path). */
export function registerFontObject(doc: Doc, name: string, font: Font): void {
  doc.registerFont(name, font as unknown as string);
}
