/**
 * Markdown → block model, with markdown-it (CommonMark + tables) and one container plugin for
 * `::: name key=value` blocks: callouts (catatan, perhatian, fasilitator, kotak), `keep`
 * (keep together) and named layout components. A paragraph holding only `\newpage` is a page break.
 */
import MarkdownIt from 'markdown-it';
import container from 'markdown-it-container';
import { fail } from '../curriculum/index.js';
import type { Align, Block, CalloutKind, Run } from './blocks.js';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const CALLOUTS: readonly CalloutKind[] = ['catatan', 'perhatian', 'fasilitator', 'kotak'];

const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: true })
  .enable('table')
  .enable(['strikethrough', 'replacements', 'smartquotes'])
  .use(container, 'block', { validate: (info: string) => /^\s*[a-z][\w-]*/.test(info.trim()) });

/**
 * markdown-it stops reading a block nested deeper than `maxNesting` and silently skips the rest of
 * the input (the CommonMark preset allows 20 token levels: ten nested lists). The ceiling is raised
 * well above what a page can show, and MAX_BLOCK_DEPTH below is the limit users meet, as an error.
 */
const TOKEN_NESTING = 200;
md.set({ maxNesting: TOKEN_NESTING });

/** Smart quotes for Indonesian: “…” and ‘…’. */
md.options.quotes = '“”‘’';


/** Lists, quotes and `:::` boxes inside each other: deeper than this no longer fits a page. */
export const MAX_BLOCK_DEPTH = 20;

/** Something the Markdown stage cannot take whole (or a warning), with its 1-based line in the source. */
export interface MarkdownProblem {
  line: number;
  message: string;
  hint: string;
  severity?: 'warning';
}

/**
 * Only web, mail and in-document links become live links in a PDF: a link to a local path
 * (`/etc/passwd`, `../x`) or another scheme (`smb:`) would open something on the reader's machine.
 */
export function isSafeLink(href: string): boolean {
  return /^(https?:\/\/|mailto:|#)/i.test(href.trim());
}

const NESTED = /^(bullet_list|ordered_list|blockquote|container_block)_open$/;

/**
 * What in `source` would not reach the page whole: blocks nested too deep, and a code fence or
 * `:::` box left open (inside a document, it would swallow everything after it).
 */
export function markdownProblems(source: string): MarkdownProblem[] {
  return problemsIn(md.parse(source, {}), sourceLines(source));
}

function problemsIn(tokens: Token[], lines: string[]): MarkdownProblem[] {
  const problems: MarkdownProblem[] = [];
  let depth = 0;
  let tooDeep = false;
  for (const t of tokens) {
    const line = (t.map?.[0] ?? 0) + 1;
    if (NESTED.test(t.type)) depth++;
    else if (/^(bullet_list|ordered_list|blockquote|container_block)_close$/.test(t.type)) depth--;
    // The parser's own ceiling: reaching it means it skipped what was inside (see TOKEN_NESTING).
    if (!tooDeep && ((NESTED.test(t.type) && depth > MAX_BLOCK_DEPTH) || (t.nesting === 1 && t.level >= TOKEN_NESTING - 1))) {
      tooDeep = true;
      problems.push({ line, message: `daftar, kutipan atau kotak bersarang lebih dari ${MAX_BLOCK_DEPTH} tingkat`, hint: 'kurangi tingkat sarangnya; pecah daftar yang dalam menjadi beberapa daftar atau paragraf' });
    }
    for (const child of t.children ?? []) {
      const href = child.type === 'link_open' ? String(child.attrGet('href') ?? '') : '';
      if (href && !isSafeLink(href)) {
        problems.push({ line, severity: 'warning', message: `tautan "${href.slice(0, 80)}" dicetak sebagai teks, bukan tautan aktif`, hint: 'tautan aktif hanya untuk alamat http://, https://, mailto: dan #jangkar di dokumen ini' });
      }
    }
    if (t.type === 'fence' && t.map && !closesFence(lines[t.map[1] - 1], t.markup, t.map[1] - 1 > t.map[0])) {
      problems.push({ line, message: `blok kode "${t.markup}" tidak ditutup`, hint: `tutup blok kode dengan baris "${t.markup}" sendiri; tanpa itu semua teks sesudahnya menjadi kode` });
    }
    if (t.type === 'container_block_open' && t.map && !/^\s*:{3,}\s*$/.test(lines[t.map[1]] ?? '')) {
      problems.push({ line, message: `kotak "${t.info.trim()}" tidak ditutup`, hint: 'tutup kotak dengan baris ":::" sendiri; tanpa itu semua teks sesudahnya masuk ke kotak' });
    }
  }
  return problems;
}

/**
 * The images a text shows, as the build reads them (a paragraph holding only an image, inline or
 * reference-style), with their decoded paths (`foto%20rapat.png` → `foto rapat.png`) and lines.
 */
export function markdownImages(source: string): { src: string; line: number }[] {
  const found: { src: string; line: number }[] = [];
  for (const t of md.parse(source, {})) {
    if (t.type !== 'inline') continue;
    for (const b of paragraphOrImage(t)) if (b.type === 'image') found.push({ src: b.src, line: (t.map?.[0] ?? 0) + 1 });
  }
  return found;
}

/** markdown-it percent-encodes a link destination; the file on disk has the plain name. */
function decodedSrc(raw: string): string {
  try {
    return decodeURI(raw);
  } catch {
    return raw;
  }
}

/** Lines as markdown-it counts them (it reads a lone CR as a line break too). */
function sourceLines(source: string): string[] {
  return source.split(/\r\n|\r|\n/);
}

function closesFence(line: string | undefined, markup: string, hasClosingLine: boolean): boolean {
  return hasClosingLine && line !== undefined && line.trim().startsWith(markup) && /^[`~]+$/.test(line.trim());
}

/** `where` names the document in a problem report (the Markdown comes from templates, not a file). */
export function parseMarkdown(source: string, where = 'Markdown'): Block[] {
  const tokens = md.parse(source, {});
  const lines = sourceLines(source);
  // A document is never cut: what the parser could not take whole stops the build, located.
  const problem = problemsIn(tokens, lines).find((p) => p.severity !== 'warning');
  if (problem) fail(where, `${problem.message} (baris ${problem.line} Markdown hasil templat)`, { hint: problem.hint });
  const [blocks] = parseBlocks(tokens, 0, tokens.length, lines);
  return blocks;
}

/** Parses tokens[from, to) into blocks; returns the blocks and the index after them. */
function parseBlocks(tokens: Token[], from: number, to: number, lines: string[]): [Block[], number] {
  const out: Block[] = [];
  let i = from;
  while (i < to) {
    const t = tokens[i]!;
    switch (t.type) {
      case 'heading_open': {
        const level = Math.min(4, Number(t.tag.slice(1))) as 1 | 2 | 3 | 4;
        const runs = inlineRuns(tokens[i + 1]!);
        const { id, classes } = trailingAttrs(runs);
        out.push({ type: 'heading', level, runs, ...(id ? { id } : {}), toc: level <= 2 && !classes.includes('no-toc') });
        i += 3;
        break;
      }
      case 'paragraph_open': {
        const inline = tokens[i + 1]!;
        if (inline.content.trim() === '\\newpage') out.push({ type: 'pagebreak' });
        else out.push(...paragraphOrImage(inline));
        i += 3;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const close = findClose(tokens, i);
        const items: Block[][] = [];
        let j = i + 1;
        while (j < close) {
          const itemClose = findClose(tokens, j);
          items.push(parseBlocks(tokens, j + 1, itemClose, lines)[0]);
          j = itemClose + 1;
        }
        const start = Number(t.attrGet('start') ?? 1);
        out.push({ type: 'list', ordered: t.type === 'ordered_list_open', start, items });
        i = close + 1;
        break;
      }
      case 'blockquote_open': {
        const close = findClose(tokens, i);
        out.push({ type: 'quote', children: parseBlocks(tokens, i + 1, close, lines)[0] });
        i = close + 1;
        break;
      }
      case 'container_block_open': {
        const close = findClose(tokens, i);
        const children = parseBlocks(tokens, i + 1, close, lines)[0];
        out.push(containerBlock(t.info.trim(), children));
        i = close + 1;
        break;
      }
      case 'table_open': {
        const close = findClose(tokens, i);
        out.push(tableBlock(tokens.slice(i, close + 1), lines));
        i = close + 1;
        break;
      }
      case 'hr':
        out.push({ type: 'rule' });
        i++;
        break;
      case 'fence':
      case 'code_block':
        out.push({ type: 'paragraph', runs: [{ text: t.content.replace(/\n$/, ''), code: true }] });
        i++;
        break;
      default:
        i++;
    }
  }
  return [out, i];
}

/** The index of the token closing the one at `open` (same nesting level). */
function findClose(tokens: Token[], open: number): number {
  const base = tokens[open]!.type.replace(/_open$/, '');
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.type === `${base}_open`) depth++;
    else if (t.type === `${base}_close` && --depth === 0) return j;
  }
  return tokens.length - 1;
}

function containerBlock(info: string, children: Block[]): Block {
  const name = /^[a-z][\w-]*/.exec(info)?.[0] ?? '';
  const props: Record<string, string> = {};
  // key=value or key="value with spaces"; other words form a title.
  const rest = info.slice(name.length).replace(/([a-z][\w-]*)=(?:"([^"]*)"|(\S*))/g, (_m, key: string, quoted?: string, bare?: string) => {
    props[key] = quoted ?? bare ?? '';
    return ' ';
  });
  const title = rest.trim().replace(/^"|"$/g, '') || undefined;
  if ((CALLOUTS as readonly string[]).includes(name)) return { type: 'callout', kind: name as CalloutKind, ...(title ? { title } : {}), children };
  if (name === 'keep') return { type: 'keep', children };
  if (title) props.title = title;
  return { type: 'component', name, props, children };
}

function paragraphOrImage(inline: Token): Block[] {
  const kids = inline.children ?? [];
  const only = kids.filter((k) => !(k.type === 'text' && k.content.trim() === '') && k.type !== 'softbreak');
  if (only.length >= 1 && only[0]!.type === 'image' && (only.length === 1 || (only.length === 2 && only[1]!.type === 'text' && /^\{[^}]*\}$/.test(only[1]!.content.trim())))) {
    const img = only[0]!;
    const attrs = only[1]?.content ?? '';
    const width = /width=(\d+)/.exec(attrs);
    const align = /align=(left|center|right)/.exec(attrs);
    return [{ type: 'image', src: decodedSrc(String(img.attrGet('src') ?? '')), alt: img.children?.map((c) => c.content).join('') ?? '', ...(width ? { width: Number(width[1]) } : {}), align: (align?.[1] as Align) ?? 'center' }];
  }
  const runs = inlineRuns(inline);
  const { align } = trailingAttrs(runs);
  return runs.length ? [{ type: 'paragraph', runs, ...(align ? { align } : {}) }] : [];
}

/**
 * `{#id .class align=center}` at the end of a heading or paragraph: removed from the text and
 * returned. Written by templates, e.g. `## Daftar Istilah {#glosarium}`.
 */
function trailingAttrs(runs: Run[]): { id?: string; classes: string[]; align?: Align } {
  const last = runs[runs.length - 1];
  const m = last ? /\s*\{([#.\w\s=-]+)\}\s*$/.exec(last.text) : null;
  if (!last || !m) return { classes: [] };
  last.text = last.text.slice(0, m.index);
  if (!last.text) runs.pop();
  const result: { id?: string; classes: string[]; align?: Align } = { classes: [] };
  for (const part of m[1]!.trim().split(/\s+/)) {
    if (part.startsWith('#')) result.id = part.slice(1);
    else if (part.startsWith('.')) result.classes.push(part.slice(1));
    else if (/^align=(left|center|right)$/.test(part)) result.align = part.slice(6) as Align;
  }
  return result;
}

function inlineRuns(inline: Token): Run[] {
  const runs: Run[] = [];
  let bold = 0;
  let italic = 0;
  let link: string | undefined;
  const push = (text: string, extra: Partial<Run> = {}) => {
    if (!text) return;
    const run: Run = { text, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}), ...(link ? { link } : {}), ...extra };
    const prev = runs[runs.length - 1];
    if (prev && prev.bold === run.bold && prev.italic === run.italic && prev.link === run.link && prev.code === run.code) prev.text += text;
    else runs.push(run);
  };
  for (const t of inline.children ?? []) {
    switch (t.type) {
      case 'text':
        push(t.content);
        break;
      case 'softbreak':
        push(' ');
        break;
      case 'hardbreak':
        push('\n');
        break;
      case 'code_inline':
        push(t.content, { code: true });
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      case 'link_open': {
        const href = String(t.attrGet('href') ?? '');
        link = href && isSafeLink(href) ? href : undefined;
        break;
      }
      case 'link_close':
        link = undefined;
        break;
      case 'image':
        push(t.children?.map((c) => c.content).join('') ?? '');
        break;
      default:
        if (t.content) push(t.content);
    }
  }
  return runs;
}

function tableBlock(tokens: Token[], lines: string[]): Block {
  const header: Run[][] = [];
  const rows: Run[][][] = [];
  const align: Align[] = [];
  let current: Run[][] | null = null;
  let inHead = false;
  for (const t of tokens) {
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') current = [];
    else if (t.type === 'tr_close' && current) {
      if (inHead) header.push(...current);
      else rows.push(current);
      current = null;
    } else if ((t.type === 'th_open' || t.type === 'td_open') && inHead) {
      const style = String(t.attrGet('style') ?? '');
      align.push(style.includes('center') ? 'center' : style.includes('right') ? 'right' : 'left');
    } else if (t.type === 'inline' && current) current.push(inlineRuns(t).map((r) => ({ ...r, text: r.text.replace(/<br\s*\/?>/g, '\n') })));
  }
  // Column widths from the delimiter row: `|--|----------|` gives 2 : 10.
  const delimiter = tokens[0]?.map ? lines[tokens[0].map[0] + 1] ?? '' : '';
  const cells = delimiter.trim().replace(/^\||\|$/g, '').split('|');
  const widths = cells.length === align.length ? cells.map((c) => Math.max(1, c.replace(/[^-]/g, '').length)) : align.map(() => 1);
  return { type: 'table', header, rows, widths, align };
}
