/**
 * One slide as PresentationML. The title goes into the layout's title placeholder and everything
 * below it (lead, caption, bullets, closing line) into its body placeholder, so PowerPoint's
 * outline view lists every title and bullet. With bimtek's design the placeholders carry the
 * PDF layout's positions and sizes (colours as theme colours); with an office's reference deck
 * they carry only the text and the template places and styles it.
 */
import { imageSize, typographic } from '../pdf/index.js';
import { esc, PML_NS, REL, XML_HEAD, type Relationship } from './ooxml.js';
import { BODY_PR, colorXml, emu, FONT, GROUP_PROPS, phXml, slideNumberField, xfrmXml, type DeckDesign, type LayoutRef, type LayoutRole, type Placeholder } from './pptx-design.js';
import type { SlideFrame } from './slides-draw.js';
import { FOOTER_RULE_Y, FOOTER_SIZE, FOOTER_Y, layoutSlide, MARGIN_X, SLIDE_COLORS, SLIDE_W, type SlideBox, type SlideKind, type SlideTextStyle } from './slides-layout.js';
import type { PlannedSlide } from './slides-plan.js';

export interface SlideXml {
  xml: string;
  layout: LayoutRef;
  /** Relationships the slide needs besides its layout and notes (the logo). */
  rels: Relationship[];
}

export function roleOf(kind: SlideKind): LayoutRole {
  return kind === 'deck' ? 'deck' : kind === 'title' ? 'title' : 'content';
}

/** A paragraph of a text body: its text, bullet and (with bimtek's design) its look. */
interface Para {
  text: string;
  /** null: no bullet; 0: bullet; n > 0: number n; -1: a continued item (indent, no mark). */
  mark: number | null;
  indent: number;
  style?: SlideTextStyle;
  spaceBefore?: number;
  bold?: boolean;
  /** Set in the theme's heading font. */
  title?: boolean;
}

/** Shape ids are unique per slide; 1 is the shape tree itself. */
class Ids {
  private next = 2;
  take(): number {
    return this.next++;
  }
}

/** Straight quotes become typographic, as in every bimtek document. */
function runsXml(text: string, rPr: string): string {
  return typographic(text)
    .split('\n')
    .map((line) => `<a:r>${rPr}<a:t>${esc(line)}</a:t></a:r>`)
    .join('<a:br/>');
}

function bulletXml(p: Para, prev: Para | undefined, design: DeckDesign): string {
  if (p.mark === null || p.mark < 0) return '<a:buNone/>';
  const color = design.reference ? '' : `<a:buClr>${colorXml(SLIDE_COLORS.accent)}</a:buClr>`;
  if (p.mark === 0) return design.reference ? '' : `${color}<a:buFont typeface="${FONT}"/><a:buChar char="•"/>`;
  // A number continues the one before it; otherwise it states where it starts.
  const follows = prev?.mark !== null && prev !== undefined && prev.mark > 0 && prev.mark + 1 === p.mark;
  return `${color}<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"${follows ? '' : ` startAt="${p.mark}"`}/>`;
}

function paraXml(p: Para, prev: Para | undefined, design: DeckDesign, lang: string): string {
  const bullet = bulletXml(p, prev, design);
  if (design.reference) {
    const pPr = p.mark === null || p.mark < 0 ? `<a:pPr marL="0" indent="0">${bullet}</a:pPr>` : bullet ? `<a:pPr>${bullet}</a:pPr>` : '';
    return `<a:p>${pPr}${runsXml(p.text, `<a:rPr lang="${lang}"${p.bold ? ' b="1"' : ''} dirty="0"/>`)}</a:p>`;
  }
  const st = p.style!;
  const mar = p.mark === null ? 0 : p.indent;
  const pPr =
    `<a:pPr marL="${emu(mar)}" indent="${p.mark === null ? 0 : emu(-p.indent)}" algn="${st.align === 'center' ? 'ctr' : 'l'}">` +
    `<a:lnSpc><a:spcPts val="${Math.round(st.size * st.leading * 100)}"/></a:lnSpc><a:spcBef><a:spcPts val="${Math.round((p.spaceBefore ?? 0) * 100)}"/></a:spcBef>${bullet}</a:pPr>`;
  const bold = st.font === 'bold' || st.font === 'boldItalic';
  const italic = st.font === 'italic' || st.font === 'boldItalic';
  // Theme colours and theme fonts: a new theme restyles the text.
  const font = p.title ? '+mj-lt' : '+mn-lt';
  const rPr = `<a:rPr lang="${lang}" sz="${Math.round(st.size * 100)}" b="${bold ? 1 : 0}" i="${italic ? 1 : 0}" dirty="0"><a:solidFill>${colorXml(st.color)}</a:solidFill><a:latin typeface="${font}"/></a:rPr>`;
  return `<a:p>${pPr}${runsXml(p.text, rPr)}</a:p>`;
}

function textBodyXml(paras: Para[], design: DeckDesign, lang: string): string {
  // In an office's template the text shrinks to its placeholder, as PowerPoint's "shrink text on overflow".
  const bodyPr = design.reference ? '<a:bodyPr><a:normAutofit/></a:bodyPr>' : BODY_PR;
  const ps = paras.length ? paras.map((p, i) => paraXml(p, paras[i - 1], design, lang)).join('') : `<a:p><a:endParaRPr lang="${lang}"/></a:p>`;
  return `<p:txBody>${bodyPr}<a:lstStyle/>${ps}</p:txBody>`;
}

function shapeXml(id: number, name: string, opts: { ph?: Placeholder; textBox?: boolean; spPr: string; txBody: string }): string {
  const nvPr = opts.ph ? `<p:nvPr>${phXml(opts.ph)}</p:nvPr>` : '<p:nvPr/>';
  const cNvSpPr = opts.ph ? '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>' : opts.textBox ? '<p:cNvSpPr txBox="1"/>' : '<p:cNvSpPr/>';
  return `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${esc(name)}"/>${cNvSpPr}${nvPr}</p:nvSpPr><p:spPr>${opts.spPr}</p:spPr>${opts.txBody}</p:sp>`;
}

const rectGeom = (x: number, y: number, w: number, h: number, prst = 'rect') => `${xfrmXml(x, y, w, h)}<a:prstGeom prst="${prst}"><a:avLst/></a:prstGeom>`;
const emptyText = (lang: string) => `<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="${lang}"/></a:p></p:txBody>`;

function filledRect(ids: Ids, name: string, box: [number, number, number, number], color: string, lang: string, prst = 'rect'): string {
  const spPr = `${rectGeom(...box, prst)}<a:solidFill>${colorXml(color)}</a:solidFill><a:ln><a:noFill/></a:ln>`;
  return shapeXml(ids.take(), name, { spPr, txBody: emptyText(lang) });
}

function boxParas(box: SlideBox, spaceBefore: number): Para[] {
  return box.paras.map((p, i) => ({ text: p.text, mark: p.mark, indent: box.indent, style: box.style, spaceBefore: i === 0 ? spaceBefore : box.gap }));
}

/** The paragraphs of the body placeholder: each box's paragraphs, spaced as the PDF layout spaces the boxes. */
function bodyParas(boxes: SlideBox[], design: DeckDesign): Para[] {
  return boxes.flatMap((box, i) => {
    const prev = boxes[i - 1];
    const paras = boxParas(box, prev ? box.y - (prev.y + prev.h) : 0);
    // In an office's template the kicker, lead and closing line are plain paragraphs among the bullets.
    return design.reference && (box.role === 'caption' || box.role === 'tail') ? paras.map((p) => ({ ...p, bold: true })) : paras;
  });
}

export function slideXml(planned: PlannedSlide, frame: SlideFrame, design: DeckDesign, opts: { lang: string; logoRel: string | null; company: string }): SlideXml {
  const { lang } = opts;
  const layoutRef = design.layouts[roleOf(planned.kind)];
  const layout = layoutSlide(planned, Boolean(frame.logo));
  const ids = new Ids();
  const shapes: string[] = [];
  const title = layout.boxes.find((b) => b.role === 'title')!;
  const kicker = layout.boxes.find((b) => b.role === 'kicker');
  const body = layout.boxes.filter((b) => b.role !== 'title' && b.role !== 'kicker');
  const rels: Relationship[] = [];
  const text = (paras: Para[]) => textBodyXml(paras, design, lang);

  if (design.reference) {
    shapes.push(shapeXml(ids.take(), 'Judul', { ph: layoutRef.title, spPr: '', txBody: text(boxParas(title, 0)) }));
    const paras = [...(kicker ? boxParas(kicker, 0) : []), ...bodyParas(body, design)];
    if (paras.length) shapes.push(shapeXml(ids.take(), 'Isi', { ph: layoutRef.body!, spPr: '', txBody: text(paras) }));
    if (layoutRef.footer) shapes.push(shapeXml(ids.take(), 'Kaki', { ph: layoutRef.footer, spPr: '', txBody: text([{ text: frame.footer, mark: null, indent: 0 }]) }));
    if (layoutRef.number) shapes.push(shapeXml(ids.take(), 'Nomor slide', { ph: layoutRef.number, spPr: '', txBody: numberBody(design, lang) }));
  } else {
    if (layout.band) shapes.push(filledRect(ids, 'Pita', [0, 0, SLIDE_W, layout.band], SLIDE_COLORS.accent, lang));
    if (layout.rule) shapes.push(filledRect(ids, 'Garis', [layout.rule.x, layout.rule.y, layout.rule.w, layout.rule.h], SLIDE_COLORS.accent, lang));
    if (layout.logo && frame.logo && opts.logoRel) {
      const { x, y, size, framed } = layout.logo;
      if (framed) shapes.push(filledRect(ids, 'Bingkai logo', [x - 5, y - 5, size + 10, size + 10], SLIDE_COLORS.onBand, lang, 'roundRect'));
      rels.push({ id: 'rId3', type: REL.image, target: opts.logoRel });
      shapes.push(pictureXml(ids.take(), opts.company, 'rId3', imagePlacement(frame.logo, { x, y, size })));
    }
    if (kicker) shapes.push(shapeXml(ids.take(), 'Keterangan', { textBox: true, spPr: rectGeom(kicker.x, kicker.y, kicker.w, kicker.h + 4), txBody: text(boxParas(kicker, 0)) }));
    shapes.push(shapeXml(ids.take(), 'Judul', { ph: layoutRef.title, spPr: rectGeom(title.x, title.y, title.w, title.h + 4), txBody: text(boxParas(title, 0).map((p) => ({ ...p, title: true }))) }));
    if (body.length) {
      const first = body[0]!;
      const last = body[body.length - 1]!;
      shapes.push(shapeXml(ids.take(), 'Isi', { ph: layoutRef.body!, spPr: rectGeom(MARGIN_X, first.y, SLIDE_W - 2 * MARGIN_X, last.y + last.h + 4 - first.y), txBody: text(bodyParas(body, design)) }));
    }
    shapes.push(footerRule(ids.take()));
    const footerStyle: SlideTextStyle = { font: 'regular', size: FOOTER_SIZE, leading: 1.2, color: SLIDE_COLORS.muted, align: 'left' };
    shapes.push(shapeXml(ids.take(), 'Kaki', { ph: layoutRef.footer!, spPr: rectGeom(MARGIN_X, FOOTER_Y - 1, SLIDE_W - 2 * MARGIN_X - 80, FOOTER_SIZE * 1.4), txBody: text([{ text: frame.footer, mark: null, indent: 0, style: footerStyle }]) }));
    shapes.push(shapeXml(ids.take(), 'Nomor slide', { ph: layoutRef.number!, spPr: rectGeom(SLIDE_W - MARGIN_X - 80, FOOTER_Y - 1, 80, FOOTER_SIZE * 1.4), txBody: numberBody(design, lang) }));
  }
  const xml = `${XML_HEAD}<p:sld ${PML_NS}><p:cSld><p:spTree>${GROUP_PROPS}${shapes.join('')}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`;
  return { xml, layout: layoutRef, rels };
}

/** The slide number as a field PowerPoint and LibreOffice fill in. */
function numberBody(design: DeckDesign, lang: string): string {
  if (design.reference) return `<p:txBody><a:bodyPr/><a:lstStyle/><a:p>${slideNumberField(`<a:rPr lang="${lang}"/>`)}</a:p></p:txBody>`;
  const rPr = `<a:rPr lang="${lang}" sz="${FOOTER_SIZE * 100}"><a:solidFill>${colorXml(SLIDE_COLORS.muted)}</a:solidFill><a:latin typeface="+mn-lt"/></a:rPr>`;
  return `<p:txBody>${BODY_PR}<a:lstStyle/><a:p><a:pPr algn="r"/>${slideNumberField(rPr)}</a:p></p:txBody>`;
}

function footerRule(id: number): string {
  const w = SLIDE_W - 2 * MARGIN_X;
  return (
    `<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="${id}" name="Garis kaki"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>` +
    `<p:spPr>${rectGeom(MARGIN_X, FOOTER_RULE_Y, w, 0, 'line')}<a:ln w="${emu(0.5)}"><a:solidFill>${colorXml(SLIDE_COLORS.rule)}</a:solidFill></a:ln></p:spPr></p:cxnSp>`
  );
}

function pictureXml(id: number, descr: string, rel: string, at: { x: number; y: number; w: number; h: number }): string {
  return (
    `<p:pic><p:nvPicPr><p:cNvPr id="${id}" name="Logo" descr="${esc(descr)}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>` +
    `<p:blipFill><a:blip r:embed="${rel}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>${rectGeom(at.x, at.y, at.w, at.h)}</p:spPr></p:pic>`
  );
}

/** The image centred in its square, aspect kept. */
function imagePlacement(bytes: Buffer, at: { x: number; y: number; size: number }): { x: number; y: number; w: number; h: number } {
  const img = imageSize(bytes);
  const k = Math.min(at.size / img.width, at.size / img.height);
  const [w, h] = [img.width * k, img.height * k];
  return { x: at.x + (at.size - w) / 2, y: at.y + (at.size - h) / 2, w, h };
}
