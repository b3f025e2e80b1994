/**
 * Open Packaging Conventions for the PPTX writer: parts with their relationships, and a
 * [Content_Types].xml built from the parts actually written, so the package never declares a part
 * it lacks (the defect of pptxgenjs 4.0.1 that made PowerPoint offer a repair).
 */
import path from 'node:path';
import { zip, type ZipEntry } from './zip.js';

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const NS = {
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  p: 'http://schemas.openxmlformats.org/presentationml/2006/main',
} as const;

/** The three namespaces every PresentationML part declares. */
export const PML_NS = `xmlns:a="${NS.a}" xmlns:r="${NS.r}" xmlns:p="${NS.p}"`;

const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
export const REL = {
  officeDocument: `${OFFICE_REL}officeDocument`,
  core: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  app: `${OFFICE_REL}extended-properties`,
  slideMaster: `${OFFICE_REL}slideMaster`,
  slideLayout: `${OFFICE_REL}slideLayout`,
  slide: `${OFFICE_REL}slide`,
  theme: `${OFFICE_REL}theme`,
  notesMaster: `${OFFICE_REL}notesMaster`,
  notesSlide: `${OFFICE_REL}notesSlide`,
  image: `${OFFICE_REL}image`,
  presProps: `${OFFICE_REL}presProps`,
  viewProps: `${OFFICE_REL}viewProps`,
} as const;

const PML = 'application/vnd.openxmlformats-officedocument.presentationml.';
export const CONTENT_TYPE = {
  presentation: `${PML}presentation.main+xml`,
  slide: `${PML}slide+xml`,
  slideLayout: `${PML}slideLayout+xml`,
  slideMaster: `${PML}slideMaster+xml`,
  notesMaster: `${PML}notesMaster+xml`,
  notesSlide: `${PML}notesSlide+xml`,
  presProps: `${PML}presProps+xml`,
  viewProps: `${PML}viewProps+xml`,
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
  rels: 'application/vnd.openxmlformats-package.relationships+xml',
} as const;

/** Content types of parts known by their extension (declared as Default, not per part). */
const BY_EXTENSION: Record<string, string> = { rels: CONTENT_TYPE.rels, xml: 'application/xml', png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', gif: 'image/gif', emf: 'image/x-emf', wmf: 'image/x-wmf', svg: 'image/svg+xml' };

export interface Relationship {
  id: string;
  type: string;
  /** Relative to the source part's folder, as OPC writes it (or a URL when external). */
  target: string;
  external?: boolean;
}

export interface Part {
  /** Path in the package without a leading slash: `ppt/slides/slide1.xml`. */
  name: string;
  contentType: string;
  data: string | Uint8Array;
  rels: Relationship[];
}

/** Text without the characters XML 1.0 forbids (Office refuses a part that has them). */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

/** Escape text for element content and attribute values. */
export function esc(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Where the relationships of `part` live: `ppt/slides/_rels/slide1.xml.rels`. */
export function relsName(part: string): string {
  return path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

/** The target of a relationship from `from` to the part `to`, relative as OPC writes it. */
export function relTarget(from: string, to: string): string {
  return path.posix.relative(path.posix.dirname(from), to);
}

/** The part a relative target of `from` points to. */
export function resolveTarget(from: string, target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(from), target));
}

export function relsXml(rels: readonly Relationship[]): string {
  const items = rels.map((r) => `<Relationship Id="${esc(r.id)}" Type="${esc(r.type)}" Target="${esc(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`);
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

function contentTypesXml(parts: readonly Part[]): string {
  const defaults = new Map<string, string>([['rels', CONTENT_TYPE.rels]]);
  const overrides: string[] = [];
  for (const p of parts) {
    const ext = path.posix.extname(p.name).slice(1).toLowerCase();
    if (BY_EXTENSION[ext] === p.contentType && ext !== 'xml') defaults.set(ext, p.contentType);
    else overrides.push(`<Override PartName="/${esc(p.name)}" ContentType="${esc(p.contentType)}"/>`);
  }
  const defs = [...defaults].sort(([a], [b]) => a.localeCompare(b)).map(([ext, type]) => `<Default Extension="${ext}" ContentType="${esc(type)}"/>`);
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defs.join('')}${overrides.join('')}</Types>`;
}

/** The content type a package part would get by its extension alone. */
export function contentTypeByExtension(name: string): string | undefined {
  return BY_EXTENSION[path.posix.extname(name).slice(1).toLowerCase()];
}

/** The package as a deterministic ZIP: content types and the package's relationships first, then each part and its relationships. */
export function writePackage(rootRels: readonly Relationship[], parts: readonly Part[], date: Date): Buffer {
  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', data: contentTypesXml(parts) },
    { name: '_rels/.rels', data: relsXml(rootRels) },
  ];
  for (const p of parts) {
    entries.push({ name: p.name, data: p.data });
    if (p.rels.length) entries.push({ name: relsName(p.name), data: relsXml(p.rels) });
  }
  return zip(entries, date);
}

/** docProps/core.xml with the build's date as created and modified. */
export function corePropsXml(meta: { title: string; author: string; subject?: string; keywords?: string[]; lang: string; date: Date }): string {
  const when = meta.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${esc(meta.title)}</dc:title><dc:subject>${esc(meta.subject ?? '')}</dc:subject><dc:creator>${esc(meta.author)}</dc:creator>` +
    `<cp:keywords>${esc((meta.keywords ?? []).join('; '))}</cp:keywords><dc:language>${esc(meta.lang)}</dc:language><cp:lastModifiedBy>${esc(meta.author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}
