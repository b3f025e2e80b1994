/**
 * The PDFKit internals the canvas relies on (src/pdf/pdfkit-internals.ts), checked against the
 * installed PDFKit. When PDFKit changes one of them, this fails before any document does.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDocument, A4 } from '../src/pdf/document.js';
import { FONT_NAMES } from '../src/pdf/fonts.js';
import { embeddedFont, openedFonts, openImage, pageHeight, PDFKIT_SERIES, usePageFont } from '../src/pdf/pdfkit-internals.js';

const require = createRequire(import.meta.url);
const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

function doc() {
  const d = createDocument({ page: { size: A4, margins: { top: 0, bottom: 0, left: 0, right: 0 } }, meta: { title: 't', author: 'a', lang: 'id-ID', creator: 'test', date: new Date(0) } });
  d.addPage();
  return d;
}

describe('PDFKit internals', () => {
  it('are read from the PDFKit series that package.json pins', () => {
    const installed = (JSON.parse(readFileSync(path.join(path.dirname(require.resolve('pdfkit')), '..', 'package.json'), 'utf8')) as { version: string }).version;
    const pinned = (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies.pdfkit!;
    expect(installed.startsWith(PDFKIT_SERIES), `installed PDFKit ${installed}: check src/pdf/pdfkit-internals.ts`).toBe(true);
    expect(pinned.replace(/^[~^]/, '').startsWith(PDFKIT_SERIES), `package.json pins pdfkit ${pinned}`).toBe(true);
    expect(pinned.startsWith('~'), 'pdfkit must be pinned to patch releases (~)').toBe(true);
  });

  it('give the embedded font: id, ref(), encode() with glyph ids and advances, a layout cache', () => {
    const d = doc();
    const f = embeddedFont(d, FONT_NAMES.regular);
    expect(f.id).toMatch(/^F\d+$/);
    expect(typeof f.ref).toBe('function');
    const [hex, positions] = f.encode('Ab');
    expect(hex).toHaveLength(2);
    for (const h of hex) expect(h).toMatch(/^[0-9a-f]{4}$/);
    // No kerning and no offsets (the canvas writes plain Tj): lazyFont lays out by advance widths.
    expect(positions.map((p) => [p.xAdvance === p.advanceWidth, p.xOffset, p.yOffset])).toEqual([[true, 0, 0], [true, 0, 0]]);
    expect(positions[0]!.xAdvance).toBeGreaterThan(500);
    expect(f.layoutCache).toBeTypeOf('object');
    expect(openedFonts(d)).toContain(f);
  });

  it('give the page its font resources and height', () => {
    const d = doc();
    const f = embeddedFont(d, FONT_NAMES.bold);
    usePageFont(d, f);
    expect((d as unknown as { page: { fonts: Record<string, unknown> } }).page.fonts[f.id]).toBeDefined();
    expect(pageHeight(d)).toBeCloseTo(A4[1]);
  });

  it('open an image once, with its pixel size', () => {
    const img = openImage(doc(), PNG_1x1);
    expect([img.width, img.height]).toEqual([1, 1]);
  });
});
