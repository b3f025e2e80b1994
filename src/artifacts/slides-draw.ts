/**
 * Drawing one slide on the page canvas, at any position and scale: full size on the 16:9 pages of
 * slides.pdf, scaled down (same code, same layout) in the A4 notes and handout pages.
 */
import { ascent, breakLines, imageSize, textWidth, type Typesetter } from '../pdf/index.js';
import { FOOTER_RULE_Y, FOOTER_SIZE, FOOTER_Y, footerTexts, layoutSlide, lineHeight, MARGIN_X, SLIDE_COLORS, SLIDE_H, SLIDE_W, type SlideBox, type SlideLayout } from './slides-layout.js';
import type { PlannedSlide } from './slides-plan.js';

export interface SlideFrame {
  /** 1-based slide number and the deck's length, for the footer. */
  number: number;
  total: number;
  /** Footer text on the left: the event name and the version stamp (footerLeft). */
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
  const canvas = ts.canvas!;
  const layout = layoutSlide(slide, Boolean(frame.logo));
  canvas.placed(at.x, at.y, at.scale, () => {
    ts.artifact((c) => {
      if (at.border) c.fillRect(0, 0, SLIDE_W, SLIDE_H, '#ffffff');
      if (layout.band) c.fillRect(0, 0, SLIDE_W, layout.band, SLIDE_COLORS.accent);
      if (layout.rule) c.fillRect(layout.rule.x, layout.rule.y, layout.rule.w, layout.rule.h, SLIDE_COLORS.accent);
      if (layout.logo && frame.logo) {
        const { x, y, size, framed } = layout.logo;
        if (framed) c.fillRoundedRect(x - 5, y - 5, size + 10, size + 10, 6, '#ffffff');
        const img = imageSize(frame.logo);
        const k = Math.min(size / img.width, size / img.height);
        const [w, h] = [img.width * k, img.height * k];
        c.image(frame.logo, x + (size - w) / 2, y + (size - h) / 2, w, h);
      }
    });
    for (const box of layout.boxes) drawBox(ts, box);
    ts.artifact((c) => {
      c.line(MARGIN_X, FOOTER_RULE_Y, SLIDE_W - MARGIN_X, FOOTER_RULE_Y, { width: 0.5, color: SLIDE_COLORS.rule });
      const [left, right] = footerTexts(frame.footer, `${frame.number} / ${frame.total}`);
      const baseline = FOOTER_Y + ascent('regular', FOOTER_SIZE);
      const style = { font: 'regular' as const, size: FOOTER_SIZE, baseline, color: SLIDE_COLORS.muted };
      c.text({ ...style, text: left, x: MARGIN_X });
      c.text({ ...style, text: right, x: SLIDE_W - MARGIN_X - textWidth('regular', right, FOOTER_SIZE) });
    }, 'Pagination');
  });
  if (at.border) ts.artifact((c) => c.strokeRect(at.x, at.y, SLIDE_W * at.scale, SLIDE_H * at.scale, { width: 0.75, color: SLIDE_COLORS.border }));
  return layout;
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
