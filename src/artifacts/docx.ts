/**
 * handbook-*.docx: the handbook as a Word file for last-minute edits by office staff, from the
 * same blocks as the PDF (docx-blocks.ts). A4 with the PDF's margins, Noto Sans named as the font,
 * Heading 1–4 styles with outline levels, a page header with the event and a footer with the
 * edition, the version stamp and "Halaman X dari Y" as PAGE and NUMPAGES fields.
 *
 * The `docx` package (MIT, kept, Node ≥ 16) writes the document; it stamps the clock into
 * docProps/core.xml and into its ZIP entries, so the parts are re-zipped here with the build's
 * date: the same commit gives the same bytes.
 */
import JSZip from 'jszip';
import { AlignmentType, Document, Footer, Header, LevelFormat, LineRuleType, Packer, PageNumber, Paragraph, TabStopType, TextRun, type ILevelsOptions } from 'docx';
import type { Block } from '../markdown/index.js';
import { collectToc, defaultTheme, type DocumentMeta, type PageSpec } from '../pdf/index.js';
import { writeFileAtomic } from '../write/index.js';
import { blocksToDocx, twip, type DocxContext } from './docx-blocks.js';
import { finished, type ArtifactInfo, type ArtifactResult } from './output.js';
import { zip } from './zip.js';

export const DOCX_FONT = 'Noto Sans';

export interface DocxOptions {
  meta: DocumentMeta;
  page: PageSpec;
  image: (src: string) => Buffer;
  /** Running header (left) and footer (left); the footer's right side is "Halaman X dari Y". */
  header: string;
  footer: string;
  /** "Halaman {page} dari {pages}". */
  pageOf: string;
  tocTitle: string;
}

const hex = (c: string) => c.replace(/^#/, '').toUpperCase();

function headingStyles() {
  return defaultTheme.headings.map((h, i) => ({
    id: `Heading${i + 1}`,
    name: `heading ${i + 1}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { bold: true, size: Math.round(h.size * 2), color: hex(h.color), font: DOCX_FONT },
    paragraph: { outlineLevel: i, keepNext: true, keepLines: true, spacing: { before: twip(h.spaceBefore || 12), after: twip(h.spaceAfter) }, ...(h.pageBreakBefore ? { pageBreakBefore: true } : {}) },
  }));
}

/** Bullets •, ◦, ▪ by depth; numbers 1., a., i. by depth, starting where the Markdown list starts. */
function levels(kind: 'bullet' | 'number', start = 1): ILevelsOptions[] {
  const bullets = ['•', '◦', '▪'];
  const numbers = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return [0, 1, 2].map((level) => ({
    level,
    format: kind === 'bullet' ? LevelFormat.BULLET : numbers[level]!,
    text: kind === 'bullet' ? bullets[level]! : `%${level + 1}.`,
    start: level === 0 ? start : 1,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: twip(18 * (level + 1)), hanging: twip(14) } } },
  }));
}

/** The footer's right side: the label with its {page} and {pages} as fields. */
function pageOfRun(pageOf: string): TextRun {
  const parts = pageOf.split(/(\{page\}|\{pages\})/).filter(Boolean);
  return new TextRun({ children: parts.map((p) => (p === '{page}' ? PageNumber.CURRENT : p === '{pages}' ? PageNumber.TOTAL_PAGES : p)), size: 16, color: hex(defaultTheme.colors.muted) });
}

export async function docxBuffer(blocks: Block[], opts: DocxOptions): Promise<Buffer> {
  const { page, meta } = opts;
  const [w, h] = page.size;
  const width = w - page.margins.left - page.margins.right;
  const ctx: DocxContext = { width, image: opts.image, toc: collectToc(blocks), tocTitle: opts.tocTitle, numbering: { starts: new Set(), next: 1 } };
  const children = blocksToDocx(blocks, ctx);
  const small = { size: 16, color: hex(defaultTheme.colors.muted) };
  const right = [{ type: TabStopType.RIGHT, position: twip(width) }];
  const doc = new Document({
    creator: meta.author,
    lastModifiedBy: meta.author,
    title: meta.title,
    subject: meta.subject ?? '',
    keywords: (meta.keywords ?? []).join('; '),
    description: meta.subject ?? '',
    revision: 1,
    styles: {
      default: { document: { run: { font: DOCX_FONT, size: Math.round(defaultTheme.body.size * 2), color: hex(defaultTheme.colors.text) }, paragraph: { spacing: { after: twip(defaultTheme.paragraphSpacing), line: Math.round(240 * 1.25), lineRule: LineRuleType.AUTO } } } },
      paragraphStyles: headingStyles(),
    },
    numbering: { config: [{ reference: 'bullets', levels: levels('bullet') }, ...[...ctx.numbering.starts].sort((a, b) => a - b).map((start) => ({ reference: `numbers-${start}`, levels: levels('number', start) }))] },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: twip(w), height: twip(h) },
            margin: { top: twip(page.margins.top), bottom: twip(page.margins.bottom), left: twip(page.margins.left), right: twip(page.margins.right), header: twip(page.margins.top / 2), footer: twip(page.margins.bottom / 2) },
          },
        },
        // The cover has no header and footer, as in the PDF.
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: opts.header, ...small })] })] }), first: new Header({ children: [] }) },
        footers: {
          default: new Footer({ children: [new Paragraph({ tabStops: right, children: [new TextRun({ text: opts.footer, ...small }), new TextRun({ text: '\t', ...small }), pageOfRun(opts.pageOf)] })] }),
          first: new Footer({ children: [] }),
        },
        children,
      },
    ],
  });
  return rezip(await Packer.toBuffer(doc), meta.date);
}

/** The parts again, in their order, with the build's date in core.xml and on every entry. */
async function rezip(buf: Uint8Array, date: Date): Promise<Buffer> {
  const src = await JSZip.loadAsync(buf);
  const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const entries = [];
  for (const [name, entry] of Object.entries(src.files)) {
    if (entry.dir) continue;
    let data: string | Uint8Array = await entry.async('uint8array');
    if (name === 'docProps/core.xml') data = Buffer.from(data).toString('utf8').replace(/(<dcterms:(created|modified)[^>]*>)[^<]*/g, `$1${when}`);
    else if (name === 'word/document.xml') data = renumber(Buffer.from(data).toString('utf8'));
    entries.push({ name, data });
  }
  return zip(entries, date);
}

/**
 * docx counts picture and bookmark ids across every document of the process, so a handbook built
 * after another would get other ids: number them from 1 in each document instead.
 */
function renumber(xml: string): string {
  let picture = 0;
  const bookmarks = new Map<string, number>();
  const bookmark = (id: string) => {
    if (!bookmarks.has(id)) bookmarks.set(id, bookmarks.size + 1);
    return bookmarks.get(id)!;
  };
  return xml
    .replace(/(<wp:docPr id=")\d+"/g, (_m, head: string) => `${head}${++picture}"`)
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, (_m, head: string, id: string) => `${head}${bookmark(id)}"`);
}

export async function writeDocx(target: string, blocks: Block[], opts: DocxOptions & { info: ArtifactInfo }): Promise<ArtifactResult> {
  const started = performance.now();
  const buf = await docxBuffer(blocks, opts);
  const bytesAt = writeFileAtomic(target, buf);
  // Word counts its own pages; the manifest gives 0 for a file whose pages only Word knows.
  return finished(target, opts.info, 0, started, bytesAt);
}
