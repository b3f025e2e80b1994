/**
 * The deck's design: slide master, layouts and theme. bimtek's own design reproduces slides.pdf
 * (colours as theme colours, Arial as the theme font, title/body/footer/number placeholders where
 * the PDF layout puts them); an office's reference deck (pptx-reference.ts) replaces it whole.
 * Slides name their layout by role and fill its placeholders, so PowerPoint's outline view shows
 * every title and bullet and a new theme restyles the deck.
 */
import { esc, PML_NS, CONTENT_TYPE, REL, XML_HEAD, NS, type Part } from './ooxml.js';
import { FOOTER_SIZE, FOOTER_Y, MARGIN_X, SLIDE_COLORS, SLIDE_H, SLIDE_W } from './slides-layout.js';

export type LayoutRole = 'deck' | 'title' | 'content';

/** A placeholder as the slide must name it to inherit from its layout. */
export interface Placeholder {
  type?: string;
  idx?: string;
}

export interface LayoutRef {
  part: string;
  title: Placeholder;
  body: Placeholder | null;
  footer: Placeholder | null;
  number: Placeholder | null;
}

export interface DeckDesign {
  /** Masters, layouts, themes and their media, with their relationships. */
  parts: Part[];
  masters: { part: string; id: number }[];
  size: { cx: number; cy: number; type?: string };
  /** presentation.xml's <p:defaultTextStyle>, or ''. */
  defaultTextStyle: string;
  layouts: Record<LayoutRole, LayoutRef>;
  /** An office's template: slides carry only text and leave placement and style to it. */
  reference: boolean;
}

export const FONT = 'Arial';
export const emu = (pt: number) => Math.round(pt * 12700);

/** SLIDE_COLORS as theme colours, so a new theme recolours what the deck shows. */
const SCHEME: Record<string, string> = {
  [SLIDE_COLORS.text]: 'tx1',
  [SLIDE_COLORS.onBand]: 'bg1',
  [SLIDE_COLORS.muted]: 'tx2',
  [SLIDE_COLORS.onBandMuted]: 'bg2',
  [SLIDE_COLORS.accent]: 'accent1',
  [SLIDE_COLORS.rule]: 'accent2',
};

export function colorXml(color: string): string {
  const scheme = SCHEME[color.toLowerCase()];
  return scheme ? `<a:schemeClr val="${scheme}"/>` : `<a:srgbClr val="${color.replace(/^#/, '').toUpperCase()}"/>`;
}

const hex = (c: string) => c.replace(/^#/, '').toUpperCase();

export function xfrmXml(x: number, y: number, w: number, h: number): string {
  return `<a:xfrm><a:off x="${emu(x)}" y="${emu(y)}"/><a:ext cx="${emu(w)}" cy="${emu(h)}"/></a:xfrm>`;
}

export const GROUP_PROPS = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>';
export const CLR_MAP = '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>';

export function phXml(ph: Placeholder): string {
  return `<p:ph${ph.type ? ` type="${ph.type}"` : ''}${ph.idx ? ` idx="${ph.idx}"` : ''}/>`;
}

/** A placeholder shape of a master or layout, with a prompt text where it takes text. */
export function placeholderXml(id: number, name: string, ph: Placeholder, box: [number, number, number, number], body: string, lang: string): string {
  return (
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${esc(name)}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>${phXml(ph)}</p:nvPr></p:nvSpPr>` +
    `<p:spPr>${xfrmXml(...box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>` +
    `<p:txBody>${BODY_PR}<a:lstStyle/>${body || `<a:p><a:endParaRPr lang="${lang}"/></a:p>`}</p:txBody></p:sp>`
  );
}

const prompt = (text: string, lang: string) => `<a:p><a:r><a:rPr lang="${lang}"/><a:t>${esc(text)}</a:t></a:r></a:p>`;
/** The slide number as a field PowerPoint and LibreOffice fill in. */
export const slideNumberField = (rPr: string) => `<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">${rPr}<a:t>‹#›</a:t></a:fld>`;
const numberPrompt = (lang: string) => `<a:p><a:pPr algn="r"/>${slideNumberField(`<a:rPr lang="${lang}"/>`)}<a:endParaRPr lang="${lang}"/></a:p>`;

/** Text frames without insets: text sits where the PDF layout puts it. */
export const BODY_PR = '<a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="t"><a:noAutofit/></a:bodyPr>';

const TITLE_BOX: [number, number, number, number] = [MARGIN_X, 22, SLIDE_W - 2 * MARGIN_X, 70];
const BODY_BOX: [number, number, number, number] = [MARGIN_X, 112, SLIDE_W - 2 * MARGIN_X, 254];
const FOOTER_BOX: [number, number, number, number] = [MARGIN_X, FOOTER_Y - 1, SLIDE_W - 2 * MARGIN_X - 80, FOOTER_SIZE * 1.4];
const NUMBER_BOX: [number, number, number, number] = [SLIDE_W - MARGIN_X - 80, FOOTER_Y - 1, 80, FOOTER_SIZE * 1.4];

const FOOTER: Placeholder = { type: 'ftr', idx: '11' };
const NUMBER: Placeholder = { type: 'sldNum', idx: '12' };

function themeXml(name: string, colors: Record<string, string>): string {
  const clr = (tag: string, c: string) => `<a:${tag}><a:srgbClr val="${hex(c)}"/></a:${tag}>`;
  const font = `<a:latin typeface="${FONT}"/><a:ea typeface=""/><a:cs typeface=""/>`;
  const three = (x: string) => x + x + x;
  return (
    `${XML_HEAD}<a:theme xmlns:a="${NS.a}" name="${name}"><a:themeElements><a:clrScheme name="${name}">` +
    Object.entries(colors).map(([tag, c]) => clr(tag, c)).join('') +
    `</a:clrScheme><a:fontScheme name="${name}"><a:majorFont>${font}</a:majorFont><a:minorFont>${font}</a:minorFont></a:fontScheme>` +
    `<a:fmtScheme name="${name}"><a:fillStyleLst>${three('<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>')}</a:fillStyleLst>` +
    `<a:lnStyleLst>${three('<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>')}</a:lnStyleLst>` +
    `<a:effectStyleLst>${three('<a:effectStyle><a:effectLst/></a:effectStyle>')}</a:effectStyleLst>` +
    `<a:bgFillStyleLst>${three('<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>')}</a:bgFillStyleLst></a:fmtScheme>` +
    `</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`
  );
}

/** The theme of bimtek's deck and of its notes pages: the slide colours as theme colours. */
export function builtinTheme(part: string): Part {
  const c = SLIDE_COLORS;
  const colors = { dk1: c.text, lt1: c.onBand, dk2: c.muted, lt2: c.onBandMuted, accent1: c.accent, accent2: c.rule, accent3: c.border, accent4: '#b8860b', accent5: '#2f5d8a', accent6: '#4f7f3a', hlink: '#1f4e99', folHlink: c.accent };
  return { name: part, contentType: CONTENT_TYPE.theme, data: themeXml('bimtek', colors), rels: [] };
}

function levelXml(level: number, size: number, opts: { bold?: boolean; color: string; bullet: boolean; font: '+mj-lt' | '+mn-lt' }): string {
  const mar = opts.bullet ? 26 * level : 0;
  const bullet = opts.bullet ? `<a:buFont typeface="${FONT}"/><a:buChar char="•"/>` : '<a:buNone/>';
  return `<a:lvl${level}pPr marL="${emu(mar)}" indent="${opts.bullet ? emu(-26) : 0}" algn="l"><a:spcBef><a:spcPts val="0"/></a:spcBef>${bullet}<a:defRPr sz="${size * 100}"${opts.bold ? ' b="1"' : ''}><a:solidFill>${colorXml(opts.color)}</a:solidFill><a:latin typeface="${opts.font}"/></a:defRPr></a:lvl${level}pPr>`;
}

function masterXml(lang: string, layoutRels: string[]): string {
  const c = SLIDE_COLORS;
  const levels = (bullet: boolean, sizes: number[], color: string) => sizes.map((s, i) => levelXml(i + 1, s, { color, bullet, font: '+mn-lt' })).join('');
  return (
    `${XML_HEAD}<p:sldMaster ${PML_NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val="bg1"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>${GROUP_PROPS}` +
    placeholderXml(2, 'Judul', { type: 'title' }, TITLE_BOX, prompt('Klik untuk menyunting judul', lang), lang) +
    placeholderXml(3, 'Isi', { type: 'body', idx: '1' }, BODY_BOX, prompt('Klik untuk menyunting butir', lang), lang) +
    placeholderXml(4, 'Kaki', FOOTER, FOOTER_BOX, '', lang) +
    placeholderXml(5, 'Nomor slide', NUMBER, NUMBER_BOX, numberPrompt(lang), lang) +
    `</p:spTree></p:cSld>${CLR_MAP}<p:sldLayoutIdLst>${layoutRels.map((id, i) => `<p:sldLayoutId id="${2147483649 + i}" r:id="${id}"/>`).join('')}</p:sldLayoutIdLst>` +
    `<p:txStyles><p:titleStyle>${levelXml(1, 28, { bold: true, color: c.accent, bullet: false, font: '+mj-lt' })}</p:titleStyle>` +
    `<p:bodyStyle>${levels(true, [20, 18, 16], c.text)}</p:bodyStyle><p:otherStyle>${levels(false, [18], c.text)}</p:otherStyle></p:txStyles></p:sldMaster>`
  );
}

interface BuiltinLayout {
  role: LayoutRole;
  type: string;
  name: string;
  title: Placeholder;
  body: Placeholder;
}

const BUILTIN_LAYOUTS: BuiltinLayout[] = [
  { role: 'deck', type: 'title', name: 'Judul Pelatihan', title: { type: 'ctrTitle' }, body: { type: 'subTitle', idx: '1' } },
  { role: 'title', type: 'secHead', name: 'Pembuka Modul', title: { type: 'title' }, body: { type: 'body', idx: '1' } },
  { role: 'content', type: 'obj', name: 'Judul dan Isi', title: { type: 'title' }, body: { idx: '1' } },
];

function layoutXml(l: BuiltinLayout, lang: string): string {
  return (
    `${XML_HEAD}<p:sldLayout ${PML_NS} type="${l.type}" preserve="1"><p:cSld name="${esc(l.name)}"><p:spTree>${GROUP_PROPS}` +
    placeholderXml(2, 'Judul', l.title, TITLE_BOX, prompt('Klik untuk menyunting judul', lang), lang) +
    placeholderXml(3, 'Isi', l.body, BODY_BOX, prompt('Klik untuk menyunting butir', lang), lang) +
    placeholderXml(4, 'Kaki', FOOTER, FOOTER_BOX, '', lang) +
    placeholderXml(5, 'Nomor slide', NUMBER, NUMBER_BOX, numberPrompt(lang), lang) +
    `</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`
  );
}

/** bimtek's own design: one master, a layout per slide role, the theme. */
export function builtinDesign(lang: string): DeckDesign {
  const master = 'ppt/slideMasters/slideMaster1.xml';
  const theme = 'ppt/theme/theme1.xml';
  const layoutParts = BUILTIN_LAYOUTS.map((l, i) => ({
    name: `ppt/slideLayouts/slideLayout${i + 1}.xml`,
    contentType: CONTENT_TYPE.slideLayout,
    data: layoutXml(l, lang),
    rels: [{ id: 'rId1', type: REL.slideMaster, target: '../slideMasters/slideMaster1.xml' }],
  }));
  const masterRels = [...layoutParts.map((p, i) => ({ id: `rId${i + 1}`, type: REL.slideLayout, target: `../slideLayouts/${p.name.split('/').pop()}` })), { id: `rId${layoutParts.length + 1}`, type: REL.theme, target: '../theme/theme1.xml' }];
  const masterPart: Part = { name: master, contentType: CONTENT_TYPE.slideMaster, data: masterXml(lang, layoutParts.map((_, i) => `rId${i + 1}`)), rels: masterRels };
  const layouts = Object.fromEntries(BUILTIN_LAYOUTS.map((l, i) => [l.role, { part: layoutParts[i]!.name, title: l.title, body: l.body, footer: FOOTER, number: NUMBER }])) as Record<LayoutRole, LayoutRef>;
  return {
    parts: [masterPart, ...layoutParts, builtinTheme(theme)],
    masters: [{ part: master, id: 2147483648 }],
    size: { cx: emu(SLIDE_W), cy: emu(SLIDE_H), type: 'screen16x9' },
    defaultTextStyle: '',
    layouts,
    reference: false,
  };
}
