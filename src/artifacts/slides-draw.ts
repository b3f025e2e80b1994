/**
 * Drawing one slide with PDFKit, at any position and scale: full size on the 16:9 pages of
 * slides.pdf, scaled down (same code, same layout) in the A4 notes and handout pages.
 */
import { breakLines, FONT_NAMES, imageSize, type Doc, type Typesetter } from '../pdf/index.js';
import { FOOTER_RULE_Y, FOOTER_SIZE, FOOTER_Y, footerTexts, layoutSlide, lineHeight, MARGIN_X, SLIDE_COLORS, SLIDE_H, SLIDE_W, type SlideBox, type SlideLayout } from './slides-layout.js';
import type { PlannedSlide } from './slides-plan.js';

export interface SlideFrame {
  /** 1-based slide number and the deck's length, for the footer. */
  number: number;
  total: number;
  /** Footer text on the left (the event name; the deck slide shows the version). */
  footer: string;
  logo: Buffer | null;
}

export interface Placement {
  x: number;
  y: number;
  scale: number;
  /** Draw a thin border around the slide (handouts). */
  border?: boolean;
}

export function drawSlide(ts: Typesetter, slide: PlannedSlide, frame: SlideFrame, at: Placement): SlideLayout {
  const doc = ts.doc!;
  const layout = layoutSlide(slide, Boolean(frame.logo));
  doc.save();
  doc.translate(at.x, at.y);
  doc.scale(at.scale);
  ts.artifact((d) => {
    if (at.border) d.rect(0, 0, SLIDE_W, SLIDE_H).fill('#ffffff');
    if (layout.band) d.rect(0, 0, SLIDE_W, layout.band).fill(SLIDE_COLORS.accent);
    if (layout.rule) d.rect(layout.rule.x, layout.rule.y, layout.rule.w, layout.rule.h).fill(SLIDE_COLORS.accent);
    if (layout.logo && frame.logo) {
      const { x, y, size, framed } = layout.logo;
      if (framed) d.roundedRect(x - 5, y - 5, size + 10, size + 10, 6).fill('#ffffff');
      const img = imageSize(frame.logo);
      const k = Math.min(size / img.width, size / img.height);
      const [w, h] = [img.width * k, img.height * k];
      d.image(embedded(d, frame.logo), x + (size - w) / 2, y + (size - h) / 2, { width: w, height: h });
    }
  });
  for (const box of layout.boxes) drawBox(ts, box);
  ts.artifact((d) => {
    d.moveTo(MARGIN_X, FOOTER_RULE_Y).lineTo(SLIDE_W - MARGIN_X, FOOTER_RULE_Y).lineWidth(0.5).strokeColor(SLIDE_COLORS.rule).stroke();
    const [left, right] = footerTexts(frame.footer, `${frame.number} / ${frame.total}`);
    d.font(FONT_NAMES.regular).fontSize(FOOTER_SIZE).fillColor(SLIDE_COLORS.muted);
    d.text(left, MARGIN_X, FOOTER_Y, { lineBreak: false });
    const rightLine = breakLines([{ text: right, font: 'regular', size: FOOTER_SIZE }], SLIDE_W)[0]!;
    d.text(right, SLIDE_W - MARGIN_X - rightLine.width, FOOTER_Y, { lineBreak: false });
  }, 'Pagination');
  doc.restore();
  if (at.border) {
    ts.artifact((d) => d.rect(at.x, at.y, SLIDE_W * at.scale, SLIDE_H * at.scale).lineWidth(0.75).strokeColor(SLIDE_COLORS.border).stroke());
  }
  return layout;
}

/**
 * PDFKit caches images only by file name: a Buffer passed to doc.image() is embedded again on
 * every page. Open each image once per document and reuse the image object.
 */
const openedImages = new WeakMap<object, Map<Buffer, Buffer>>();
function embedded(doc: Doc, bytes: Buffer): Buffer {
  let images = openedImages.get(doc);
  if (!images) openedImages.set(doc, (images = new Map()));
  let img = images.get(bytes);
  if (!img) {
    img = (doc as unknown as { openImage(src: Buffer): Buffer }).openImage(bytes);
    images.set(bytes, img);
  }
  return img;
}

const TAGS: Record<SlideBox['role'], string> = { kicker: 'P', title: 'H1', lead: 'P', caption: 'H2', bullets: 'L', tail: 'P' };

function drawBox(ts: Typesetter, box: SlideBox): void {
  const lh = lineHeight(box.style);
  let y = box.y;
  const textX = box.x + box.indent;
  const textW = box.w - box.indent;
  const drawPara = (para: SlideBox['paras'][number]) => {
    para.lines.forEach((line, i) => ts.drawLine(line, textX, y + i * lh, box.style, textW));
  };
  if (box.role !== 'bullets') {
    for (const para of box.paras) {
      ts.leaf(TAGS[box.role], () => drawPara(para));
      y += para.lines.length * lh + box.gap;
    }
    return;
  }
  ts.group('L', () => {
    for (const para of box.paras) {
      ts.group('LI', () => {
        if (para.mark !== null && para.mark >= 0) {
          const label = para.mark > 0 ? `${para.mark}.` : '•';
          const markLine = breakLines([{ text: label, font: para.mark > 0 ? 'bold' : 'regular', size: box.style.size, color: SLIDE_COLORS.accent }], box.indent)[0]!;
          ts.leaf('Lbl', () => ts.drawLine(markLine, box.x, y, { ...box.style, align: 'left' }, box.indent));
        }
        ts.leaf('LBody', () => drawPara(para));
      });
      y += para.lines.length * lh + box.gap;
    }
  });
}
