/**
 * A small subset of the ECMA-376 PresentationML schema, the rules whose breach makes PowerPoint
 * offer a repair: required children and their order in shapes, text bodies, paragraphs and
 * backgrounds, a text body in every shape, shape ids unique per part, placeholders that exist in
 * the slide's layout, and relationship ids that resolve.
 */
import { all, type OfficePackage, type XmlNode } from './ooxml.js';

interface Slot {
  names: string[];
  min?: number;
  max?: number;
}

const one = (...names: string[]): Slot => ({ names, min: 1, max: 1 });
const opt = (...names: string[]): Slot => ({ names, min: 0, max: 1 });
const many = (...names: string[]): Slot => ({ names, min: 0, max: Infinity });

const FILLS = ['a:noFill', 'a:solidFill', 'a:gradFill', 'a:blipFill', 'a:pattFill', 'a:grpFill'];
const SHAPES = ['p:sp', 'p:grpSp', 'p:graphicFrame', 'p:cxnSp', 'p:pic', 'p:contentPart'];

/** Children of each element, in schema order (CT_* sequences of the elements bimtek writes). */
const SEQUENCES: Record<string, Slot[]> = {
  'p:sld': [one('p:cSld'), opt('p:clrMapOvr'), opt('p:transition'), opt('p:timing'), opt('p:extLst')],
  'p:sldLayout': [one('p:cSld'), opt('p:clrMapOvr'), opt('p:transition'), opt('p:timing'), opt('p:hf'), opt('p:extLst')],
  'p:sldMaster': [one('p:cSld'), one('p:clrMap'), opt('p:sldLayoutIdLst'), opt('p:transition'), opt('p:timing'), opt('p:hf'), opt('p:txStyles'), opt('p:extLst')],
  'p:notesMaster': [one('p:cSld'), one('p:clrMap'), opt('p:hf'), opt('p:notesStyle'), opt('p:extLst')],
  'p:notes': [one('p:cSld'), opt('p:clrMapOvr'), opt('p:extLst')],
  'p:cSld': [opt('p:bg'), one('p:spTree'), opt('p:custDataLst'), opt('p:controls'), opt('p:extLst')],
  'p:bg': [one('p:bgPr', 'p:bgRef')],
  // The fill and the effect are both required: a background without <a:effectLst/> is repaired.
  'p:bgPr': [one(...FILLS), one('a:effectLst', 'a:effectDag'), opt('p:extLst')],
  'p:spTree': [one('p:nvGrpSpPr'), one('p:grpSpPr'), many(...SHAPES), opt('p:extLst')],
  'p:sp': [one('p:nvSpPr'), one('p:spPr'), opt('p:style'), opt('p:txBody'), opt('p:extLst')],
  'p:nvSpPr': [one('p:cNvPr'), one('p:cNvSpPr'), one('p:nvPr')],
  'p:pic': [one('p:nvPicPr'), one('p:blipFill'), one('p:spPr'), opt('p:style'), opt('p:extLst')],
  'p:cxnSp': [one('p:nvCxnSpPr'), one('p:spPr'), opt('p:style'), opt('p:extLst')],
  'p:txBody': [one('a:bodyPr'), opt('a:lstStyle'), { names: ['a:p'], min: 1, max: Infinity }],
  'a:p': [opt('a:pPr'), many('a:r', 'a:br', 'a:fld'), opt('a:endParaRPr')],
  'a:r': [opt('a:rPr'), one('a:t')],
  'a:fld': [opt('a:rPr'), opt('a:pPr'), opt('a:t')],
  'a:pPr': [opt('a:lnSpc'), opt('a:spcBef'), opt('a:spcAft'), opt('a:buClrTx', 'a:buClr'), opt('a:buSzTx', 'a:buSzPct', 'a:buSzPts'), opt('a:buFontTx', 'a:buFont'), opt('a:buNone', 'a:buAutoNum', 'a:buChar', 'a:buBlip'), opt('a:tabLst'), opt('a:defRPr'), opt('a:extLst')],
  'a:rPr': [opt('a:ln'), opt(...FILLS), opt('a:effectLst', 'a:effectDag'), opt('a:highlight'), opt('a:uLnTx', 'a:uLn'), opt('a:uFillTx', 'a:uFill'), opt('a:latin'), opt('a:ea'), opt('a:cs'), opt('a:sym'), opt('a:hlinkClick'), opt('a:hlinkMouseOver'), opt('a:rtl'), opt('a:extLst')],
  'p:spPr': [opt('a:xfrm'), opt('a:custGeom', 'a:prstGeom'), opt(...FILLS), opt('a:ln'), opt('a:effectLst', 'a:effectDag'), opt('a:scene3d'), opt('a:sp3d'), opt('a:extLst')],
};

function sequenceProblems(node: XmlNode, slots: Slot[]): string | null {
  let slot = 0;
  let count = 0;
  for (const c of node.children) {
    while (slot < slots.length && !slots[slot]!.names.includes(c.name)) {
      if (count < (slots[slot]!.min ?? 0)) return `<${node.name}> lacks <${slots[slot]!.names.join('|')}> before <${c.name}>`;
      slot++;
      count = 0;
    }
    if (slot >= slots.length) return `<${c.name}> is not allowed in <${node.name}> here`;
    if (++count > (slots[slot]!.max ?? 1)) return `too many <${c.name}> in <${node.name}>`;
  }
  for (let s = slot; s < slots.length; s++) if ((s === slot ? count : 0) < (slots[s]!.min ?? 0)) return `<${node.name}> lacks <${slots[s]!.names.join('|')}>`;
  return null;
}

export interface Ph {
  type: string;
  idx: string | undefined;
}

export const phOf = (sp: XmlNode): Ph | undefined => {
  const ph = all(sp, 'p:ph')[0];
  return ph ? { type: ph.attrs.type ?? 'obj', idx: ph.attrs.idx } : undefined;
};

/** Problems in one PresentationML part: schema order, text bodies, ids, references. */
export function partProblems(pkg: OfficePackage, part: string): string[] {
  const root = pkg.xml(part);
  const problems: string[] = [];
  const walk = (n: XmlNode) => {
    const seq = SEQUENCES[n.name];
    if (seq) {
      const p = sequenceProblems(n, seq);
      if (p) problems.push(`${part}: ${p}`);
    }
    n.children.forEach(walk);
  };
  walk(root);
  const notesPage = root.name === 'p:notes';
  for (const sp of all(root, 'p:sp')) {
    // PowerPoint itself writes a notes page's slide image without a text body; every other shape has one.
    if (!sp.children.some((c) => c.name === 'p:txBody') && !(notesPage && phOf(sp)?.type === 'sldImg')) problems.push(`${part}: <p:sp> "${all(sp, 'p:cNvPr')[0]?.attrs.name}" has no <p:txBody>`);
  }
  const ids = all(root, 'p:cNvPr').map((c) => c.attrs.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) problems.push(`${part}: shape id ${dup} used twice`);
  const relIds = new Set(pkg.rels(part).map((r) => r.id));
  for (const n of [...all(root, 'a:blip'), ...all(root, 'p:sldLayoutId'), ...all(root, 'p:sldMasterId'), ...all(root, 'p:sldId'), ...all(root, 'p:notesMasterId')]) {
    const id = n.attrs['r:embed'] ?? n.attrs['r:id'];
    if (id && !relIds.has(id)) problems.push(`${part}: <${n.name}> names relationship ${id}, which ${part} does not have`);
  }
  return problems;
}

/** Placeholders on a slide that its layout does not have (matched by idx, else by type). */
export function orphanPlaceholders(pkg: OfficePackage, slide: string): string[] {
  const layoutPart = pkg.rels(slide).find((r) => r.type.endsWith('/slideLayout'))?.part;
  if (!layoutPart) return [`${slide} has no layout`];
  const layoutPhs = all(pkg.xml(layoutPart), 'p:sp').map(phOf).filter((p): p is Ph => Boolean(p));
  return all(pkg.xml(slide), 'p:sp')
    .map(phOf)
    .filter((p): p is Ph => Boolean(p))
    .filter((p) => !layoutPhs.some((l) => (p.idx !== undefined ? l.idx === p.idx : l.type === p.type)))
    .map((p) => `${slide}: placeholder ${p.type}/${p.idx} is not in ${layoutPart}`);
}
