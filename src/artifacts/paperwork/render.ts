/**
 * The drawing adapter: paperwork pages (data) into a PDF written atomically. The only paperwork
 * code that talks to the PDF document; everything else is layout.
 */
import path from 'node:path';
import { font, FONT_NAMES, type Doc, type FontKey } from '../../pdf/index.js';
import type { BuildContext } from '../context.js';
import { loadImage } from '../images.js';
import { writePdf, type ArtifactInfo, type ArtifactResult } from '../output.js';
import { documentMeta } from '../context.js';
import type { PageItem, PaperPage } from './page.js';

const NON_ASCII = /[^\x20-\x7e]/;

/** Baseline to the top of the line box (PDFKit places text by the top). */
function ascentOf(key: FontKey, size: number): number {
  const f = font(key);
  return (f.ascent * size) / f.unitsPerEm;
}

interface Opened {
  width: number;
  height: number;
}

function drawItem(doc: Doc, it: PageItem, images: Map<string, Opened>): void {
  switch (it.t) {
    case 'text':
      doc.font(FONT_NAMES[it.font]).fontSize(it.size).fillColor(it.color).text(it.text, it.x, it.baseline - ascentOf(it.font, it.size), { lineBreak: false });
      return;
    case 'line':
      doc.moveTo(it.x1, it.y1).lineTo(it.x2, it.y2).lineWidth(it.width).strokeColor(it.color);
      if (it.dash) doc.dash(it.dash[0], { space: it.dash[1] });
      doc.stroke();
      if (it.dash) doc.undash();
      return;
    case 'rect':
      doc.rect(it.x, it.y, it.w, it.h).lineWidth(it.width);
      if (it.fill && it.stroke) doc.fillAndStroke(it.fill, it.stroke);
      else if (it.fill) doc.fill(it.fill);
      else doc.stroke(it.stroke ?? '#000000');
      return;
    case 'image': {
      let img = images.get(it.src);
      if (!img) images.set(it.src, (img = (doc as unknown as { openImage(src: Buffer): Opened }).openImage(loadImage(it.src))));
      doc.image(img as unknown as Buffer, it.x, it.y, { fit: [it.w, it.h], align: 'center', valign: 'center' });
      return;
    }
  }
}

export interface PaperDocument {
  file: string;
  info: ArtifactInfo;
  /** Title in the PDF metadata, e.g. "Sertifikat — <event>". */
  title: string;
  pages: PaperPage[];
}

/** Write a paperwork PDF; characters the fonts cannot draw are reported with the file name. */
export async function renderPaper(ctx: BuildContext, d: PaperDocument): Promise<ArtifactResult> {
  const first = d.pages[0];
  if (!first) throw new Error(`${d.file}: tidak ada halaman`);
  const name = path.basename(d.file);
  for (const p of d.pages) for (const it of p.items) if (it.t === 'text' && NON_ASCII.test(it.text)) ctx.glyphs.check(it.font, it.text, name);
  const meta = documentMeta(ctx, d.title, d.title, [ctx.c.event.kind, ctx.c.event.name, d.title]);
  const spec = { size: first.size, margins: { top: 0, bottom: 0, left: 0, right: 0 } };
  return writePdf(d.file, { page: spec, meta, tagged: false, pdfa: false, bufferPages: false }, d.info, (doc) => {
    const images = new Map<string, Opened>();
    for (const p of d.pages) {
      doc.addPage({ size: p.size, margins: spec.margins, layout: 'portrait' });
      for (const it of p.items) drawItem(doc, it, images);
    }
    return d.pages.length;
  });
}
