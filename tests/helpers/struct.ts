/**
 * Reads the tags of a PDF back (pdfjs-dist): per page, the structure elements with the text of
 * their marked content, in tree order, and each text item with its position. What a screen
 * reader or `pdfinfo -struct-text` sees.
 */
import { readFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TaggedLine {
  str: string;
  /** Baseline, in points from the top. */
  y: number;
  x: number;
  width: number;
}

export interface TaggedElement {
  role: string;
  /** Roles of the ancestors, outermost first. */
  path: string[];
  alt?: string;
  /** The text items of the element's own marked content, in content order (positions). */
  items: TaggedLine[];
  /**
   * The element's text exactly as its content streams draw it (from the operator list: pdfjs's
   * text items drop a space at the end of a line, a reader of the tags does not).
   */
  text: string;
}

export interface TaggedPage {
  width: number;
  height: number;
  elements: TaggedElement[];
}

interface StructNode {
  role?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

export async function readTags(file: string): Promise<TaggedPage[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, useSystemFonts: false, disableFontFace: true }).promise;
  const pages: TaggedPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const vp = page.getViewport({ scale: 1 });
    const content = await page.getTextContent({ includeMarkedContent: true });
    const byId = new Map<string, TaggedLine[]>();
    const open: string[] = [];
    for (const it of content.items as unknown as { type?: string; id?: string; str?: string; transform?: number[]; width?: number }[]) {
      if (it.type === 'beginMarkedContentProps' || it.type === 'beginMarkedContent') open.push(it.id ?? '');
      else if (it.type === 'endMarkedContent') open.pop();
      else if (typeof it.str === 'string' && open.length) {
        const id = open[open.length - 1]!;
        if (!byId.has(id)) byId.set(id, []);
        byId.get(id)!.push({ str: it.str, x: it.transform![4]!, y: vp.height - it.transform![5]!, width: it.width ?? 0 });
      }
    }
    const drawn = await drawnText(page);
    const elements: TaggedElement[] = [];
    const walk = (node: StructNode, path: string[]) => {
      const role = node.role ?? '';
      const el: TaggedElement = { role, path, items: [], text: '', ...(node.alt ? { alt: node.alt } : {}) };
      let own = false;
      for (const child of node.children ?? []) {
        if (child.type === 'content' && child.id) {
          el.items.push(...(byId.get(child.id) ?? []));
          el.text += drawn.get(Number(/mc(\d+)$/.exec(child.id)?.[1])) ?? '';
          own = true;
        }
      }
      if (own || node.alt || ['TOC', 'Figure'].includes(role)) elements.push(el);
      for (const child of node.children ?? []) if (!child.type) walk(child, [...path, role]);
    };
    const tree = (await page.getStructTree()) as StructNode | null;
    if (tree) walk(tree, []);
    pages.push({ width: vp.width, height: vp.height, elements });
  }
  await doc.destroy();
  return pages;
}

/** Text drawn inside each marked-content sequence with an MCID, by MCID. */
async function drawnText(page: { getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }> }): Promise<Map<number, string>> {
  const ops = await page.getOperatorList();
  const out = new Map<number, string>();
  const open: (number | null)[] = [];
  ops.fnArray.forEach((fn, k) => {
    const args = ops.argsArray[k]!;
    if (fn === OPS.beginMarkedContentProps) open.push(typeof args[1] === 'number' ? args[1] : null);
    else if (fn === OPS.beginMarkedContent) open.push(null);
    else if (fn === OPS.endMarkedContent) open.pop();
    else if (fn === OPS.showText || fn === OPS.showSpacedText) {
      const mcid = open[open.length - 1];
      if (mcid === undefined || mcid === null) return;
      const glyphs = args[0] as (number | { unicode: string })[];
      out.set(mcid, (out.get(mcid) ?? '') + glyphs.map((g) => (typeof g === 'number' ? '' : g.unicode)).join(''));
    }
  });
  return out;
}

/** The element's text as a reader of the tags gets it (`pdfinfo -struct-text`). */
export function taggedText(el: TaggedElement): string {
  return el.text;
}
