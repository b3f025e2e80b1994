/**
 * An office's own PowerPoint template as the deck's design, as pandoc's --reference-doc: its slide
 * masters with every part they reach (layouts, themes with their colours and fonts, images), its
 * slide size and default text style. Its slides are not taken. The slides use the template's
 * "Title Slide" layout for the deck slide, "Section Header" for module openers and "Title and
 * Content" for the rest; a template without a section header or title layout uses its content
 * layout there, and one without any layout that has a title and a body placeholder is refused
 * with a message saying so.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { diagnostic, displayPath, UserError } from '../curriculum/index.js';
import { contentTypeByExtension, REL, relsName, resolveTarget, type Part, type Relationship } from './ooxml.js';
import type { DeckDesign, LayoutRef, LayoutRole, Placeholder } from './pptx-design.js';

function refError(file: string, message: string, hint: string): UserError {
  return new UserError([diagnostic(displayPath(file), message, { expected: 'berkas PowerPoint (.pptx) dengan tata letak "Judul dan Konten"', hint })]);
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

function parseRels(xml: string): Relationship[] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map(([tag]) => ({ id: attr(tag, 'Id') ?? '', type: attr(tag, 'Type') ?? '', target: attr(tag, 'Target') ?? '', ...(attr(tag, 'TargetMode') === 'External' ? { external: true } : {}) }));
}

interface LayoutInfo {
  part: string;
  type: string;
  title: Placeholder | null;
  body: Placeholder | null;
  footer: Placeholder | null;
  number: Placeholder | null;
}

const BODY_TYPES = new Set(['body', 'obj', 'subTitle']);

function layoutInfo(part: string, xml: string): LayoutInfo {
  const type = /<p:sldLayout\b[^>]*\stype="(\w+)"/.exec(xml)?.[1] ?? 'cust';
  const phs = [...xml.matchAll(/<p:ph\b[^>]*>/g)].map(([tag]) => ({ type: attr(tag, 'type'), idx: attr(tag, 'idx') }));
  const find = (ok: (t: string) => boolean) => {
    const ph = phs.find((p) => ok(p.type ?? 'obj'));
    return ph ? { ...(ph.type ? { type: ph.type } : {}), ...(ph.idx ? { idx: ph.idx } : {}) } : null;
  };
  return { part, type, title: find((t) => t === 'title' || t === 'ctrTitle'), body: find((t) => BODY_TYPES.has(t)), footer: find((t) => t === 'ftr'), number: find((t) => t === 'sldNum') };
}

export async function loadReference(file: string): Promise<DeckDesign> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(readFileSync(file));
  } catch {
    throw refError(file, 'templat slide bukan berkas PowerPoint (.pptx) yang utuh', 'simpan templat dari PowerPoint atau LibreOffice Impress sebagai .pptx, lalu coba lagi');
  }
  const text = async (name: string) => zip.file(name)?.async('string');
  const types = (await text('[Content_Types].xml')) ?? '';
  const overrides = new Map([...types.matchAll(/<Override\b[^>]*>/g)].map(([tag]) => [(attr(tag, 'PartName') ?? '').replace(/^\//, ''), attr(tag, 'ContentType') ?? '']));
  const defaults = new Map([...types.matchAll(/<Default\b[^>]*>/g)].map(([tag]) => [(attr(tag, 'Extension') ?? '').toLowerCase(), attr(tag, 'ContentType') ?? '']));
  const relsOf = async (part: string) => parseRels((await text(part ? relsName(part) : '_rels/.rels')) ?? '');

  const presentation = (await relsOf('')).find((r) => r.type === REL.officeDocument);
  const presName = presentation ? resolveTarget('', presentation.target) : '';
  const presXml = presentation ? await text(presName) : undefined;
  if (!presXml) throw refError(file, 'templat slide tidak berisi presentasi PowerPoint', 'pilih berkas .pptx (bukan .potx, .ppt atau .odp) yang dapat dibuka di PowerPoint');

  const presRels = await relsOf(presName);
  const masters: DeckDesign['masters'] = [];
  for (const [tag] of presXml.matchAll(/<p:sldMasterId\b[^>]*>/g)) {
    const r = presRels.find((x) => x.id === attr(tag, 'r:id'));
    if (r) masters.push({ part: resolveTarget(presName, r.target), id: Number(attr(tag, 'id')) });
  }
  if (!masters.length) throw refError(file, 'templat slide tidak punya slide master', 'buka templatnya di PowerPoint, periksa Tampilan → Master Slide, lalu simpan ulang');

  // Every part the masters reach: layouts, themes, images. Slides and notes are not followed.
  const parts: Part[] = [];
  const seen = new Set<string>();
  const queue = masters.map((m) => m.part);
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const entry = zip.file(name);
    const contentType = overrides.get(name) ?? defaults.get(name.split('.').pop()!.toLowerCase()) ?? contentTypeByExtension(name);
    if (!entry || !contentType) throw refError(file, `templat slide rusak: bagian "${name}" tidak ada atau jenisnya tidak dikenal`, 'buka templatnya di PowerPoint lalu simpan ulang sebagai .pptx');
    const rels = (await relsOf(name)).filter((r) => r.external || ![REL.slide, REL.notesSlide, REL.notesMaster].includes(r.type as never));
    for (const r of rels) if (!r.external) queue.push(resolveTarget(name, r.target));
    parts.push({ name, contentType, data: await entry.async('uint8array'), rels });
  }

  const layouts: LayoutInfo[] = [];
  for (const p of parts) if (p.contentType.endsWith('slideLayout+xml')) layouts.push(layoutInfo(p.name, Buffer.from(p.data).toString('utf8')));
  const usable = layouts.filter((l) => l.title && l.body);
  const ofType = (...types: string[]) => types.map((t) => usable.find((l) => l.type === t)).find(Boolean);
  const content = ofType('obj', 'tx') ?? usable.find((l) => l.type !== 'title') ?? usable[0];
  if (!content) {
    const names = layouts.map((l) => l.type).join(', ') || 'tidak ada';
    throw refError(file, `templat slide tidak punya tata letak dengan placeholder judul dan isi (tata letak yang ada: ${names})`, 'tambahkan tata letak "Judul dan Konten" (Title and Content) di Master Slide, atau jalankan tanpa --reference untuk desain bawaan bimtek');
  }
  const deck = ofType('title') ?? content;
  const ref = (l: LayoutInfo): LayoutRef => ({ part: l.part, title: l.title!, body: l.body, footer: l.footer, number: l.number });
  const roles: Record<LayoutRole, LayoutRef> = { deck: ref(deck), title: ref(ofType('secHead') ?? deck), content: ref(content) };

  const sz = /<p:sldSz\b[^>]*>/.exec(presXml)?.[0] ?? '';
  const type = attr(sz, 'type');
  return {
    parts,
    masters,
    size: { cx: Number(attr(sz, 'cx') ?? 9144000), cy: Number(attr(sz, 'cy') ?? 5143500), ...(type ? { type } : {}) },
    defaultTextStyle: /<p:defaultTextStyle>[\s\S]*?<\/p:defaultTextStyle>/.exec(presXml)?.[0] ?? '',
    layouts: roles,
    reference: true,
  };
}
