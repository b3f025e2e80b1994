/**
 * slides.pptx with pptxgenjs: the same slides as slides.pdf (same plan, same layout boxes), as
 * editable text boxes with the speaker notes in the notes pane. Text is set in Arial, which every
 * PowerPoint has and which is narrower than the Noto Sans the layout measured with, so what fits
 * in the PDF fits in the PPTX boxes.
 *
 * pptxgenjs stamps the clock into docProps/core.xml and into every zip entry; the file is
 * re-zipped with jszip with the build's fixed date, so two builds are byte-identical.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import JSZip from 'jszip';
import pptxModule from 'pptxgenjs';
import { imageSize, typographic, type DocumentMeta } from '../pdf/index.js';
import { writeFileAtomic } from '../write/index.js';
import { finished, type ArtifactInfo, type ArtifactResult } from './output.js';
import type { SlideFrame } from './slides-draw.js';
import { FOOTER_RULE_Y, FOOTER_SIZE, FOOTER_Y, layoutSlide, MARGIN_X, SLIDE_COLORS, SLIDE_W, type SlideBox } from './slides-layout.js';
import type { PlannedSlide } from './slides-plan.js';

const FONT = 'Arial';
const MASTER = 'BIMTEK';

/**
 * pptxgenjs ships ESM code but CommonJS-style types: under NodeNext the default import is typed as
 * the module object while at run time it is the class. Take whichever is the constructor.
 */
const Pptx = ((pptxModule as unknown as { default?: unknown }).default ?? pptxModule) as typeof pptxModule.default;
type PptxSlide = import('pptxgenjs').default.Slide;
type TextProps = import('pptxgenjs').default.TextProps;
type TextPropsOptions = import('pptxgenjs').default.TextPropsOptions;

export interface PptxOptions {
  meta: DocumentMeta;
  company: string;
  frame: (i: number) => SlideFrame;
  info: ArtifactInfo;
}

/** Points → inches (pptxgenjs positions are in inches; the 16:9 layout is 10 × 5.625 in = 720 × 405 pt). */
const inch = (pt: number) => Math.round((pt / 72) * 10000) / 10000;
const hex = (color: string) => color.replace(/^#/, '').toUpperCase();

export async function pptxBuffer(slides: PlannedSlide[], opts: Omit<PptxOptions, 'info'>): Promise<Buffer> {
  const pptx = new Pptx();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = opts.meta.title;
  pptx.author = opts.meta.author;
  pptx.company = opts.company;
  pptx.subject = opts.meta.subject ?? '';
  pptx.revision = '1';
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  const lang = opts.meta.lang;

  // Content and closing slides show the logo at one fixed place: it lives once in their master.
  const logo = slides.length ? opts.frame(0).logo : null;
  const masterLogo = logo ? layoutSlide({ kind: 'content', title: '', lead: [], bullets: [], marks: [], tail: [] }, true).logo : null;
  if (logo && masterLogo) {
    pptx.defineSlideMaster({ title: MASTER, background: { color: 'FFFFFF' }, objects: [{ image: { ...imagePlacement(logo, masterLogo), data: dataUri(logo), altText: opts.company } }] });
  }
  slides.forEach((planned, i) => {
    const frame = opts.frame(i);
    const layout = layoutSlide(planned, Boolean(frame.logo));
    const inMaster = Boolean(masterLogo) && frame.logo === logo && (planned.kind === 'content' || planned.kind === 'closing');
    const slide = inMaster ? pptx.addSlide({ masterName: MASTER }) : pptx.addSlide();
    if (layout.band) slide.addShape(pptx.ShapeType.rect, { x: 0, y: 0, w: inch(SLIDE_W), h: inch(layout.band), fill: { color: hex(SLIDE_COLORS.accent) }, line: { type: 'none' } });
    if (layout.rule) {
      const r = layout.rule;
      slide.addShape(pptx.ShapeType.rect, { x: inch(r.x), y: inch(r.y), w: inch(r.w), h: inch(r.h), fill: { color: hex(SLIDE_COLORS.accent) }, line: { type: 'none' } });
    }
    if (layout.logo && frame.logo && !inMaster) {
      const { x, y, size, framed } = layout.logo;
      if (framed) slide.addShape(pptx.ShapeType.roundRect, { x: inch(x - 5), y: inch(y - 5), w: inch(size + 10), h: inch(size + 10), rectRadius: 0.08, fill: { color: 'FFFFFF' }, line: { type: 'none' } });
      slide.addImage({ ...imagePlacement(frame.logo, layout.logo), data: dataUri(frame.logo), altText: opts.company });
    }
    for (const box of layout.boxes) addBox(slide, box, lang);
    slide.addShape(pptx.ShapeType.line, { x: inch(MARGIN_X), y: inch(FOOTER_RULE_Y), w: inch(SLIDE_W - 2 * MARGIN_X), h: 0, line: { color: hex(SLIDE_COLORS.rule), width: 0.5 } });
    slide.addText(frame.footer, { x: inch(MARGIN_X), y: inch(FOOTER_Y - 1), w: inch(SLIDE_W - 2 * MARGIN_X - 80), h: inch(FOOTER_SIZE * 1.4), margin: 0, valign: 'top', fontFace: FONT, fontSize: FOOTER_SIZE, color: hex(SLIDE_COLORS.muted), fit: 'none', lang });
    slide.slideNumber = { x: inch(SLIDE_W - MARGIN_X - 80), y: inch(FOOTER_Y - 1), w: inch(80), h: inch(FOOTER_SIZE * 1.4), margin: 0, fontFace: FONT, fontSize: FOOTER_SIZE, color: hex(SLIDE_COLORS.muted), align: 'right', valign: 'top' };
    if (planned.notes) slide.addNotes(planned.notes);
  });

  const raw = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return normaliseZip(raw, opts.meta.date, lang);
}

/** The image centred in its square, aspect kept, in inches. */
function imagePlacement(bytes: Buffer, at: { x: number; y: number; size: number }): { x: number; y: number; w: number; h: number } {
  const img = imageSize(bytes);
  const k = Math.min(at.size / img.width, at.size / img.height);
  const [w, h] = [img.width * k, img.height * k];
  return { x: inch(at.x + (at.size - w) / 2), y: inch(at.y + (at.size - h) / 2), w: inch(w), h: inch(h) };
}

function dataUri(bytes: Buffer): string {
  return `${bytes[0] === 0x89 ? 'image/png' : 'image/jpeg'};base64,${bytes.toString('base64')}`;
}

function addBox(slide: PptxSlide, box: SlideBox, lang: string): void {
  const st = box.style;
  const last = box.paras.length - 1;
  const runs: TextProps[] = box.paras.map((p, i) => {
    const options: TextPropsOptions = { breakLine: i < last, ...(i < last && box.gap ? { paraSpaceAfter: box.gap } : {}) };
    if (p.mark !== null) {
      // Numbers keep their value after a continued bullet; a continued bullet keeps the indent without a mark.
      if (p.mark > 0) options.bullet = { type: 'number', numberStartAt: p.mark, indent: box.indent };
      else if (p.mark === 0) options.bullet = { indent: box.indent };
      else options.bullet = { characterCode: '00A0', indent: box.indent };
    }
    return { text: typographic(p.text), options };
  });
  slide.addText(runs, {
    x: inch(box.x),
    y: inch(box.y),
    w: inch(box.w),
    // A little slack: PowerPoint's line boxes are not exactly ours; the text itself is narrower.
    h: inch(box.h + 4),
    margin: 0,
    valign: 'top',
    align: st.align,
    fontFace: FONT,
    fontSize: st.size,
    bold: st.font === 'bold' || st.font === 'boldItalic',
    italic: st.font === 'italic' || st.font === 'boldItalic',
    color: hex(st.color),
    lineSpacing: Math.round(st.size * st.leading * 100) / 100,
    fit: 'none',
    lang,
  });
}

/** The ISO date without milliseconds, as Office writes it. */
function w3cdtf(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Re-zip with fixed dates and DEFLATE: core.xml gets the build date; every entry gets the same
 * timestamp; notes become one paragraph per line (pptxgenjs writes one paragraph with line breaks);
 * identical media (the logo on every slide) are stored once and shared by the slides.
 */
export async function normaliseZip(buf: Uint8Array, date: Date, lang: string): Promise<Buffer> {
  const src = await JSZip.loadAsync(buf);
  const entries = Object.entries(src.files).filter(([, e]) => !e.dir);
  const media = new Map<string, string>();
  const sameAs = new Map<string, string>();
  for (const [name, entry] of entries) {
    if (!name.startsWith('ppt/media/')) continue;
    const hash = createHash('sha256').update(await entry.async('uint8array')).digest('hex');
    const first = media.get(hash);
    if (first) sameAs.set(path.posix.basename(name), path.posix.basename(first));
    else media.set(hash, name);
  }
  const out = new JSZip();
  // DOS timestamps cannot express dates before 1980.
  const stamp = date.getTime() < Date.UTC(1980, 0, 2) ? new Date(Date.UTC(1980, 0, 2)) : date;
  for (const [name, entry] of entries) {
    if (name.startsWith('ppt/media/') && sameAs.has(path.posix.basename(name))) continue;
    let data: string | Uint8Array;
    if (name === 'docProps/core.xml') {
      data = (await entry.async('string')).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${w3cdtf(date)}$2`);
    } else if (/^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(name)) {
      data = splitNoteParagraphs(await entry.async('string'), lang);
    } else if (sameAs.size && name.endsWith('.rels')) {
      data = (await entry.async('string')).replace(/Target="\.\.\/media\/([^"]+)"/g, (m, file: string) => (sameAs.has(file) ? `Target="../media/${sameAs.get(file)}"` : m));
    } else data = await entry.async('uint8array');
    // Images are compressed already: store them as they are.
    out.file(name, data, { date: stamp, createFolders: false, ...(name.startsWith('ppt/media/') ? { compression: 'STORE' as const } : {}) });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}

function splitNoteParagraphs(xml: string, lang: string): string {
  return xml.replace(/<a:p><a:r><a:rPr lang="en-US" dirty="0"\/><a:t>([^<]*)<\/a:t><\/a:r><a:endParaRPr lang="en-US" dirty="0"\/><\/a:p>/, (_m, text: string) =>
    text
      .split(/\r?\n/)
      .map((line) => (line ? `<a:p><a:r><a:rPr lang="${lang}" dirty="0"/><a:t>${line}</a:t></a:r></a:p>` : `<a:p><a:endParaRPr lang="${lang}" dirty="0"/></a:p>`))
      .join(''),
  );
}

export async function writePptx(target: string, slides: PlannedSlide[], opts: PptxOptions): Promise<ArtifactResult> {
  const started = performance.now();
  const buf = await pptxBuffer(slides, opts);
  const bytesAt = writeFileAtomic(target, buf);
  return finished(target, opts.info, slides.length, started, bytesAt);
}
