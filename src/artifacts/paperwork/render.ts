/**
 * The drawing adapter: paperwork pages (data) onto the page canvas, written atomically. The only
 * paperwork code that draws; everything else is layout. Images are fitted into their box
 * (centred, aspect kept); consecutive rules of one style go out as one stroke.
 */
import path from 'node:path';
import { imageSize, type Canvas, type FontKey } from '../../pdf/index.js';
import { documentMeta, type BuildContext } from '../context.js';
import { loadImage } from '../images.js';
import { writePdf, type ArtifactInfo, type ArtifactResult } from '../output.js';
import type { PageItem, PaperPage } from './page.js';

type Line = Extract<PageItem, { t: 'line' }>;

const sameStroke = (a: Line, b: Line) => a.width === b.width && a.color === b.color && a.dash?.[0] === b.dash?.[0] && a.dash?.[1] === b.dash?.[1];

/** Draw items shifted down by `dy` (a block laid out from 0 and placed later). */
export function drawItems(canvas: Canvas, items: readonly PageItem[], dy = 0): void {
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    switch (it.t) {
      case 'text':
        canvas.text({ text: it.text, font: it.font, size: it.size, x: it.x, baseline: it.baseline + dy, color: it.color });
        break;
      case 'line': {
        let j = i;
        while (j + 1 < items.length && items[j + 1]!.t === 'line' && sameStroke(it, items[j + 1] as Line)) j++;
        const run = items.slice(i, j + 1) as Line[];
        canvas.stroke((p) => run.forEach((l) => p.line(l.x1, l.y1 + dy, l.x2, l.y2 + dy)), { width: it.width, color: it.color, ...(it.dash ? { dash: it.dash, cap: 'round' as const } : {}) });
        i = j;
        break;
      }
      case 'rect':
        if (it.fill) canvas.fillRect(it.x, it.y + dy, it.w, it.h, it.fill);
        if (it.stroke) canvas.strokeRect(it.x, it.y + dy, it.w, it.h, { width: it.width, color: it.stroke });
        break;
      case 'block':
        it.draw(canvas, it.top + dy);
        break;
      case 'image': {
        const bytes = loadImage(it.src);
        const size = imageSize(bytes);
        const k = Math.min(it.w / size.width, it.h / size.height);
        const w = size.width * k;
        const h = size.height * k;
        canvas.image(bytes, it.x + (it.w - w) / 2, it.y + dy + (it.h - h) / 2, w, h);
        break;
      }
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

const NON_ASCII = /[^\x20-\x7e]/;

/** Write a paperwork PDF; characters the fonts cannot draw are reported with the file name. */
export async function renderPaper(ctx: BuildContext, d: PaperDocument): Promise<ArtifactResult> {
  const first = d.pages[0];
  if (!first) throw new Error(`${d.file}: tidak ada halaman`);
  const name = path.basename(d.file);
  const check = (font: FontKey, text: string) => NON_ASCII.test(text) && ctx.glyphs.check(font, text, name);
  for (const p of d.pages) for (const it of p.items) if (it.t === 'text') check(it.font, it.text);
  // Shared blocks print the same texts on every page: check them once.
  for (const it of first.items) if (it.t === 'block') for (const t of it.texts) check(t.font, t.text);
  const meta = documentMeta(ctx, d.title, d.title, [ctx.c.event.kind, ctx.c.event.name, d.title]);
  const margins = { top: 0, bottom: 0, left: 0, right: 0 };
  return writePdf(d.file, { page: { size: first.size, margins }, meta, tagged: false, pdfa: false, bufferPages: false }, d.info, (canvas) => {
    for (const p of d.pages) {
      canvas.addPage({ size: p.size, margins });
      drawItems(canvas, p.items);
    }
    return d.pages.length;
  });
}
