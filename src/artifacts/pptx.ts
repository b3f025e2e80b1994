/**
 * slides.pptx: the same slides as slides.pdf (same plan, same layout), written as PresentationML
 * by bimtek itself. pptxgenjs 4.0.1 made packages PowerPoint offered to repair (content types for
 * 55 absent masters, a background without <a:effectLst/>, notes placeholders PowerPoint strips),
 * could put titles only into its own masters, and cannot take an office's template; writing the
 * parts here keeps the package consistent by construction: the content types list exactly the
 * parts written and every relationship points to a part of the package.
 *
 * Parts: the design (master, layouts, theme: bimtek's or the office's, pptx-design.ts and
 * pptx-reference.ts), one slide and one notes page per planned slide (pptx-slide.ts,
 * pptx-notes.ts), the logo stored once. The ZIP has fixed timestamps: same commit, same bytes.
 */
import { createHash } from 'node:crypto';
import type { DocumentMeta } from '../pdf/index.js';
import { writeFileAtomic } from '../write/index.js';
import { CONTENT_TYPE, corePropsXml, esc, PML_NS, REL, relTarget, writePackage, XML_HEAD, type Part, type Relationship } from './ooxml.js';
import { builtinDesign, builtinTheme, type DeckDesign } from './pptx-design.js';
import { NOTES_SIZE, notesMasterXml, notesSlideXml } from './pptx-notes.js';
import { loadReference } from './pptx-reference.js';
import { slideXml } from './pptx-slide.js';
import { finished, type ArtifactInfo, type ArtifactResult } from './output.js';
import type { SlideFrame } from './slides-draw.js';
import type { PlannedSlide } from './slides-plan.js';
import { packageVersion } from './package-version.js';

export interface PptxOptions {
  meta: DocumentMeta;
  company: string;
  frame: (i: number) => SlideFrame;
  info: ArtifactInfo;
  /** An office's PPTX whose masters, layouts, theme colours and fonts the deck takes. */
  reference?: string;
}

const PRESENTATION = 'ppt/presentation.xml';
const NOTES_MASTER = 'ppt/notesMasters/notesMaster1.xml';

/** A part name in `folder` not used by the design yet: `ppt/theme/theme3.xml`. */
function freeName(taken: Set<string>, stem: string, ext: string): string {
  for (let i = 1; ; i++) {
    const name = `${stem}${i}.${ext}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export async function pptxBuffer(slides: PlannedSlide[], opts: Omit<PptxOptions, 'info'>): Promise<Buffer> {
  const lang = opts.meta.lang;
  const design: DeckDesign = opts.reference ? await loadReference(opts.reference) : builtinDesign(lang);
  const taken = new Set(design.parts.map((p) => p.name));
  const parts: Part[] = [];
  const presRels: Relationship[] = [];
  const rel = (type: string, target: string) => {
    const r = { id: `rId${presRels.length + 1}`, type, target: relTarget(PRESENTATION, target) };
    presRels.push(r);
    return r.id;
  };

  const masterIds = design.masters.map((m) => `<p:sldMasterId id="${m.id}" r:id="${rel(REL.slideMaster, m.part)}"/>`);
  const notesTheme = builtinTheme(freeName(taken, 'ppt/theme/theme', 'xml'));
  const notesMaster: Part = { name: NOTES_MASTER, contentType: CONTENT_TYPE.notesMaster, data: notesMasterXml(lang), rels: [{ id: 'rId1', type: REL.theme, target: relTarget(NOTES_MASTER, notesTheme.name) }] };
  const notesMasterRel = rel(REL.notesMaster, NOTES_MASTER);

  // The logo (identical on every slide) is stored once.
  const media = new Map<string, string>();
  const mediaPart = (bytes: Buffer): string => {
    const hash = createHash('sha256').update(bytes).digest('hex');
    let name = media.get(hash);
    if (!name) {
      name = freeName(taken, 'ppt/media/bimtek-logo', bytes[0] === 0x89 ? 'png' : 'jpeg');
      media.set(hash, name);
      parts.push({ name, contentType: bytes[0] === 0x89 ? 'image/png' : 'image/jpeg', data: bytes, rels: [] });
    }
    return name;
  };

  const slideIds: string[] = [];
  slides.forEach((planned, i) => {
    const frame = opts.frame(i);
    const name = `ppt/slides/slide${i + 1}.xml`;
    const notesName = `ppt/notesSlides/notesSlide${i + 1}.xml`;
    const logo = frame.logo && !design.reference ? relTarget(name, mediaPart(frame.logo)) : null;
    const slide = slideXml(planned, frame, design, { lang, logoRel: logo, company: opts.company });
    parts.push({
      name,
      contentType: CONTENT_TYPE.slide,
      data: slide.xml,
      rels: [{ id: 'rId1', type: REL.slideLayout, target: relTarget(name, slide.layout.part) }, { id: 'rId2', type: REL.notesSlide, target: relTarget(name, notesName) }, ...slide.rels],
    });
    parts.push({
      name: notesName,
      contentType: CONTENT_TYPE.notesSlide,
      data: notesSlideXml(planned.notes, lang),
      rels: [{ id: 'rId1', type: REL.notesMaster, target: relTarget(notesName, NOTES_MASTER) }, { id: 'rId2', type: REL.slide, target: relTarget(notesName, name) }],
    });
    slideIds.push(`<p:sldId id="${256 + i}" r:id="${rel(REL.slide, name)}"/>`);
  });
  rel(REL.presProps, 'ppt/presProps.xml');
  rel(REL.viewProps, 'ppt/viewProps.xml');

  const size = design.size;
  const presentation =
    `${XML_HEAD}<p:presentation ${PML_NS} saveSubsetFonts="1"><p:sldMasterIdLst>${masterIds.join('')}</p:sldMasterIdLst>` +
    `<p:notesMasterIdLst><p:notesMasterId r:id="${notesMasterRel}"/></p:notesMasterIdLst>${slideIds.length ? `<p:sldIdLst>${slideIds.join('')}</p:sldIdLst>` : ''}` +
    `<p:sldSz cx="${size.cx}" cy="${size.cy}"${size.type ? ` type="${size.type}"` : ''}/><p:notesSz cx="${NOTES_SIZE.cx}" cy="${NOTES_SIZE.cy}"/>${design.defaultTextStyle}</p:presentation>`;

  const meta = opts.meta;
  const app =
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>bimtek ${esc(packageVersion())}</Application>` +
    `<Slides>${slides.length}</Slides><Notes>${slides.length}</Notes><Company>${esc(opts.company)}</Company></Properties>`;
  const all: Part[] = [
    { name: 'docProps/app.xml', contentType: CONTENT_TYPE.app, data: app, rels: [] },
    { name: 'docProps/core.xml', contentType: CONTENT_TYPE.core, data: corePropsXml({ ...meta, keywords: meta.keywords }), rels: [] },
    { name: PRESENTATION, contentType: CONTENT_TYPE.presentation, data: presentation, rels: presRels },
    { name: 'ppt/presProps.xml', contentType: CONTENT_TYPE.presProps, data: `${XML_HEAD}<p:presentationPr ${PML_NS}/>`, rels: [] },
    { name: 'ppt/viewProps.xml', contentType: CONTENT_TYPE.viewProps, data: `${XML_HEAD}<p:viewPr ${PML_NS}/>`, rels: [] },
    ...design.parts,
    notesMaster,
    notesTheme,
    ...parts,
  ];
  const rootRels: Relationship[] = [
    { id: 'rId1', type: REL.officeDocument, target: PRESENTATION },
    { id: 'rId2', type: REL.core, target: 'docProps/core.xml' },
    { id: 'rId3', type: REL.app, target: 'docProps/app.xml' },
  ];
  return writePackage(rootRels, all, meta.date);
}

export async function writePptx(target: string, slides: PlannedSlide[], opts: PptxOptions): Promise<ArtifactResult> {
  const started = performance.now();
  const buf = await pptxBuffer(slides, opts);
  const bytesAt = writeFileAtomic(target, buf);
  return finished(target, opts.info, slides.length, started, bytesAt);
}

