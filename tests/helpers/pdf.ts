/**
 * Reads a PDF back the way a reader sees it (pdfjs-dist): pages with size and positioned text,
 * document info, outline, and the fonts used.
 */
import { readFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextItem {
  str: string;
  /** Left edge, in points from the left. */
  x: number;
  /** Baseline, in points from the top. */
  y: number;
  width: number;
  height: number;
  fontName: string;
}

export interface PdfPage {
  width: number;
  height: number;
  items: TextItem[];
  /** Text in reading order, lines joined by newlines. */
  text: string;
}

export interface PdfRead {
  pages: PdfPage[];
  info: Record<string, unknown>;
  outline: { title: string; items: { title: string }[] }[];
  /** Every font name used for text on any page (as pdfjs resolves them). */
  fonts: Set<string>;
  /** Named destinations → 0-based page index. */
  destinations: Map<string, number>;
  /** Internal links per page: destination names. */
  links: { page: number; dest: string }[];
  text: string;
}

export async function readPdf(file: string | Uint8Array, opts: { fonts?: boolean } = {}): Promise<PdfRead> {
  const data = typeof file === 'string' ? new Uint8Array(readFileSync(file)) : file;
  const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false, disableFontFace: true }).promise;
  const pages: PdfPage[] = [];
  const fonts = new Set<string>();
  const links: PdfRead['links'] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const vp = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const it of content.items) {
      if (!('str' in it)) continue;
      const [, , , , e, f] = it.transform as number[];
      items.push({ str: it.str, x: e!, y: vp.height - f!, width: it.width, height: it.height, fontName: it.fontName });
    }
    if (opts.fonts) {
      const ops = await page.getOperatorList();
      ops.fnArray.forEach((fn, k) => {
        if (fn === OPS.setFont) {
          const id = ops.argsArray[k][0] as string;
          const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string }) : undefined;
          if (font?.name) fonts.add(font.name);
        }
      });
    }
    for (const a of await page.getAnnotations()) {
      if (a.subtype === 'Link' && typeof a.dest === 'string') links.push({ page: i - 1, dest: a.dest });
    }
    pages.push({ width: vp.width, height: vp.height, items, text: joinLines(items) });
  }
  const meta = await doc.getMetadata();
  const outlineRaw = (await doc.getOutline()) ?? [];
  const outline = outlineRaw.map((o) => ({ title: o.title, items: (o.items ?? []).map((c) => ({ title: c.title })) }));
  const destinations = new Map<string, number>();
  const dests = (await doc.getDestinations()) as Record<string, unknown[]>;
  for (const [name, dest] of Object.entries(dests)) {
    const ref = dest[0] as { num: number; gen: number };
    destinations.set(name, await doc.getPageIndex(ref));
  }
  await doc.destroy();
  return { pages, info: (meta.info ?? {}) as Record<string, unknown>, outline, fonts, destinations, links, text: pages.map((p) => p.text).join('\n\f\n') };
}

/** Group items into lines by baseline, left to right. */
function joinLines(items: TextItem[]): string {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: TextItem[][] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last[0]!.y - it.y) < 2) last.push(it);
    else lines.push([it]);
  }
  return lines.map((l) => l.sort((a, b) => a.x - b.x).map((i) => i.str).join(' ').replace(/\s+/g, ' ').trim()).join('\n');
}

/** Collapse whitespace so text that wrapped across lines still matches. */
export function flat(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
