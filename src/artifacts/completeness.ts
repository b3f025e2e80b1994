/**
 * The last guard against silent loss: every module, section and question the templates wrote into
 * a document's Markdown must still be in the finished document. A stage that drops content (a
 * parser that gives up on a deep block, a layout that skips one) then stops the build with a
 * message instead of writing a shorter document and exiting 0.
 *
 * Texts are compared by their letters and digits only, so Markdown escapes, smart quotes and
 * dashes do not matter. What a user's own template leaves out on purpose is not required: only
 * what reached the Markdown is.
 */
import { diagnostic, UserError, type Diagnostic, type Module } from '../curriculum/index.js';
import { plainText, walkBlocks, type Block } from '../markdown/index.js';

interface Item {
  what: 'modul' | 'bagian' | 'soal';
  text: string;
  file: string;
}

/** Typographic replacements that turn letters into signs: (c) → ©, (tm) → ™ … */
const SIGNS: Record<string, string> = { '©': 'c', '®': 'r', '™': 'tm', '§': 'p' };

/** Lower-case letters and digits only. */
export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[©®™§]/g, (s) => SIGNS[s]!)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function items(modules: readonly Module[], questions: boolean): Item[] {
  return modules.flatMap((m) => [
    { what: 'modul' as const, text: m.title, file: m.file },
    ...m.sections.map((s) => ({ what: 'bagian' as const, text: s.title, file: m.file })),
    ...(questions ? (m.assessment?.questions ?? []).map((q) => ({ what: 'soal' as const, text: q.question, file: m.file })) : []),
  ]);
}

/** Every text in a block tree, in order. */
export function blocksText(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const b of walkBlocks(blocks)) {
    if (b.type === 'heading' || b.type === 'paragraph') parts.push(plainText(b.runs));
    else if (b.type === 'table') parts.push(...[...b.header, ...b.rows.flat()].map(plainText));
    else if (b.type === 'callout' && b.title) parts.push(b.title);
    else if (b.type === 'image') parts.push(b.alt);
    else if (b.type === 'component') parts.push(...Object.values(b.props));
  }
  return parts.join('\n');
}

/**
 * Throws when something of `modules` that is in `markdown` is missing from `produced` (the text
 * of the finished document). `where` names the document.
 */
export function assertComplete(where: string, markdown: string, produced: string, modules: readonly Module[], opts: { questions: boolean }): void {
  const source = comparable(markdown);
  const result = comparable(produced);
  const lost: Diagnostic[] = [];
  for (const item of items(modules, opts.questions)) {
    const key = comparable(item.text);
    if (!key || !source.includes(key) || result.includes(key)) continue;
    lost.push(
      diagnostic(item.file, `${item.what} "${item.text.length > 60 ? `${item.text.slice(0, 60)}…` : item.text}" hilang dari ${where}`, {
        hint: 'teks ini ada di Markdown hasil templat tetapi tidak sampai ke dokumen; tidak ada berkas yang ditulis. Laporkan sebagai galat bimtek, sertakan kurikulumnya',
      }),
    );
  }
  if (lost.length) throw new UserError(lost);
}
