/**
 * A PDFKit document set up the bimtek way: fixed page geometry, embedded fonts, deterministic
 * metadata (no clock), tagged structure and optional PDF/A-2b.
 */
import PDFDocument from 'pdfkit';
import { FONT_NAMES, lazyFont, type FaceKey } from './fonts.js';
import { registerFontObject } from './pdfkit-internals.js';

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface PageSpec {
  /** Width and height in points. */
  size: [number, number];
  margins: Margins;
}

export const A4: [number, number] = [595.28, 841.89];
export const SLIDE_16_9: [number, number] = [720, 405];

export function portrait(size: [number, number]): [number, number] {
  return size[0] <= size[1] ? size : [size[1], size[0]];
}

export function landscape(size: [number, number]): [number, number] {
  return size[0] >= size[1] ? size : [size[1], size[0]];
}

export interface DocumentMeta {
  title: string;
  author: string;
  subject?: string;
  keywords?: string[];
  /** BCP 47, e.g. "id-ID". */
  lang: string;
  creator: string;
  /** Fixed creation date: from SOURCE_DATE_EPOCH, git or the curriculum, never the clock. */
  date: Date;
}

export interface DocumentOptions {
  page: PageSpec;
  meta: DocumentMeta;
  /** Tag the content (structure tree) for accessibility. */
  tagged?: boolean;
  /** Write a PDF/A-2b file for the archive. */
  pdfa?: boolean;
  /** Keep pages in memory to add page furniture at the end (X of Y, TOC). */
  bufferPages?: boolean;
}

export type Doc = PDFKit.PDFDocument;

export function pageOptions(page: PageSpec): PDFKit.PDFDocumentOptions {
  return { size: page.size, margins: page.margins, layout: 'portrait' };
}

/** PDF/A writes XMP unescaped: keep markup characters out of the metadata there. */
function metaText(s: string, pdfa: boolean): string {
  return pdfa ? s.replace(/[&<>]/g, ' ') : s;
}

export function createDocument(opts: DocumentOptions): Doc {
  const pdfa = Boolean(opts.pdfa);
  const m = opts.meta;
  const doc = new PDFDocument({
    ...pageOptions(opts.page),
    autoFirstPage: false,
    bufferPages: opts.bufferPages ?? false,
    compress: true,
    tagged: opts.tagged ?? false,
    displayTitle: true,
    lang: m.lang,
    ...(pdfa ? { subset: 'PDF/A-2b' as const, pdfVersion: '1.7' as const } : { pdfVersion: '1.7' as const }),
    info: {
      Title: metaText(m.title, pdfa),
      Author: metaText(m.author, pdfa),
      Subject: metaText(m.subject ?? '', pdfa),
      Keywords: metaText((m.keywords ?? []).join(', '), pdfa),
      Creator: m.creator,
      Producer: m.creator,
      CreationDate: m.date,
      ModDate: m.date,
    },
  });
  for (const key of Object.keys(FONT_NAMES) as FaceKey[]) registerFontObject(doc, FONT_NAMES[key], lazyFont(key));
  doc.font(FONT_NAMES.regular);
  return doc;
}
