/**
 * Notes pages of slides.pptx: an A4 portrait notes master laid out for A4 (the slide image and
 * the notes text within the page's margins, so nothing is cut off on the right when printed), with
 * the placeholders PowerPoint's own notes master has (header, date, slide image, notes, footer,
 * number). Long notes are set smaller, and if need be the slide image shrinks, so that printing
 * notes pages shows every word.
 */
import { esc, PML_NS, XML_HEAD } from './ooxml.js';
import { BODY_PR, CLR_MAP, colorXml, slideNumberField, emu, GROUP_PROPS, placeholderXml, xfrmXml } from './pptx-design.js';
import { typographic } from '../pdf/index.js';
import { breakText, SLIDE_COLORS, SLIDE_H, SLIDE_W } from './slides-layout.js';

/** A4 portrait in points. */
export const NOTES_W = 595.28;
export const NOTES_H = 841.89;
const MARGIN = 48;
const TEXT_W = NOTES_W - 2 * MARGIN;
const IMAGE_H = (TEXT_W * SLIDE_H) / SLIDE_W;
const GAP = 18;
const BOTTOM = NOTES_H - 56;
const LEADING = 1.2;
/** Sizes tried for the notes text, largest first. */
const SIZES = [12, 11, 10, 9, 8];
const SMALLEST_IMAGE_H = 120;

export const NOTES_SIZE = { cx: emu(NOTES_W), cy: emu(NOTES_H) };

type Box = [number, number, number, number];

export function notesMasterXml(lang: string): string {
  const body = SIZES[0]!;
  const styles = [1, 2, 3].map((l) => `<a:lvl${l}pPr marL="${emu((l - 1) * 18)}" indent="0" algn="l"><a:defRPr sz="${body * 100}"><a:solidFill>${colorXml(SLIDE_COLORS.text)}</a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl${l}pPr>`).join('');
  const small = (text: string) => `<a:p><a:r><a:rPr lang="${lang}" sz="900"/><a:t>${esc(text)}</a:t></a:r></a:p>`;
  const top = 20;
  const foot = NOTES_H - 36;
  const half = TEXT_W / 2;
  return (
    `${XML_HEAD}<p:notesMaster ${PML_NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val="bg1"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>${GROUP_PROPS}` +
    placeholderXml(2, 'Kepala', { type: 'hdr' }, [MARGIN, top, half, 14], small(''), lang) +
    placeholderXml(3, 'Tanggal', { type: 'dt', idx: '1' }, [MARGIN + half, top, half, 14], '', lang) +
    slideImageXml(4, [MARGIN, MARGIN, TEXT_W, IMAGE_H], true) +
    placeholderXml(5, 'Catatan', { type: 'body', idx: '3' }, [MARGIN, MARGIN + IMAGE_H + GAP, TEXT_W, BOTTOM - (MARGIN + IMAGE_H + GAP)], small('Klik untuk menyunting catatan'), lang) +
    placeholderXml(6, 'Kaki', { type: 'ftr', idx: '4' }, [MARGIN, foot, half, 14], '', lang) +
    placeholderXml(7, 'Nomor halaman', { type: 'sldNum', idx: '5' }, [MARGIN + half, foot, half, 14], `<a:p><a:pPr algn="r"/>${slideNumberField(`<a:rPr lang="${lang}" sz="900"/>`)}</a:p>`, lang) +
    `</p:spTree></p:cSld>${CLR_MAP}<p:notesStyle>${styles}</p:notesStyle></p:notesMaster>`
  );
}

/** The slide image placeholder; the master's has a frame and an empty text body as PowerPoint writes it. */
function slideImageXml(id: number, box: Box, master: boolean): string {
  const spPr = `${xfrmXml(...box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>${master ? `<a:noFill/><a:ln w="${emu(0.75)}"><a:solidFill>${colorXml(SLIDE_COLORS.border)}</a:solidFill></a:ln>` : ''}`;
  // PowerPoint writes the slide image of a notes page without a text body; the master's has one.
  const txBody = master ? '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="id-ID"/></a:p></p:txBody>' : '';
  return `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="Gambar slide"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"${master ? ' idx="2"' : ''}/></p:nvPr></p:nvSpPr><p:spPr>${spPr}</p:spPr>${txBody}</p:sp>`;
}

/** Height of the notes at `size` in the notes box, measured with the layout's fonts. */
function notesHeight(lines: string[], size: number): number {
  const lh = size * LEADING;
  return lines.reduce((h, line) => h + Math.max(1, breakText(line, { font: 'regular', size, color: SLIDE_COLORS.text }, TEXT_W).length) * lh, 0);
}

/** Where the slide image and the notes go on this page, and the notes' size: all of the notes fit. */
export function notesLayout(notes: string): { size: number; image: Box; body: Box } {
  const lines = notes.split(/\r?\n/);
  const top = MARGIN + IMAGE_H + GAP;
  const size = SIZES.find((s) => notesHeight(lines, s) <= BOTTOM - top) ?? SIZES[SIZES.length - 1]!;
  const needed = notesHeight(lines, size);
  // Still too long at the smallest size: give the notes the room of a smaller slide image.
  const imageH = Math.max(SMALLEST_IMAGE_H, Math.min(IMAGE_H, BOTTOM - needed - GAP - MARGIN));
  const imageW = (imageH * SLIDE_W) / SLIDE_H;
  const bodyTop = MARGIN + imageH + GAP;
  return { size, image: [MARGIN + (TEXT_W - imageW) / 2, MARGIN, imageW, imageH], body: [MARGIN, bodyTop, TEXT_W, BOTTOM - bodyTop] };
}

export function notesSlideXml(notes: string, lang: string): string {
  const { size, image, body } = notesLayout(notes);
  const paras = notes
    .split(/\r?\n/)
    .map((line) => (line ? `<a:p><a:pPr marL="0" indent="0"/><a:r><a:rPr lang="${lang}" sz="${size * 100}" dirty="0"><a:latin typeface="+mn-lt"/></a:rPr><a:t>${esc(typographic(line))}</a:t></a:r></a:p>` : `<a:p><a:endParaRPr lang="${lang}" sz="${size * 100}" dirty="0"/></a:p>`))
    .join('');
  return (
    `${XML_HEAD}<p:notes ${PML_NS}><p:cSld><p:spTree>${GROUP_PROPS}${slideImageXml(2, image, false)}` +
    `<p:sp><p:nvSpPr><p:cNvPr id="3" name="Catatan"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr>${xfrmXml(...body)}</p:spPr>` +
    `<p:txBody>${BODY_PR}<a:lstStyle/>${paras || `<a:p><a:endParaRPr lang="${lang}"/></a:p>`}</p:txBody></p:sp>` +
    `</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>`
  );
}
