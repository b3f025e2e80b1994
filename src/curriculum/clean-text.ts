/**
 * The one place where curriculum text is cleaned of characters no document can hold: control
 * characters (NUL, ESC, BEL … except tab and newline), C1 controls, lone surrogates and the
 * noncharacters U+FFFE/U+FFFF and U+FDD0–U+FDEF. They make PPTX XML invalid (PowerPoint calls
 * the file corrupt), draw nothing in a PDF, and in a terminal they are commands. Every string of
 * a file's data is cleaned right after parsing, with a located warning where something was removed.
 */
import { diagnostic, type Diagnostic } from './diagnostics.js';
import type { LocatedYaml, PathKey } from './located-yaml.js';

/** With the u flag a surrogate range matches only lone surrogates (a valid pair is one code point). */
const UNFIT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/** `U+001B` for a code unit. */
export function codePoint(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` without the characters no document can hold, and which were removed. */
export function withoutUnfit(text: string): { text: string; removed: string[] } {
  const removed = new Set<string>();
  const clean = text.replace(UNFIT, (ch) => {
    removed.add(codePoint(ch));
    return '';
  });
  return { text: clean, removed: [...removed] };
}

/** Cleans every string value of `src.data` (keys are checked by the schema); warns once per text. */
export function cleanTexts(src: LocatedYaml, diags: Diagnostic[]): void {
  const visit = (v: unknown, p: PathKey[]): unknown => {
    if (typeof v === 'string') {
      if (!UNFIT.test(v)) return v;
      UNFIT.lastIndex = 0;
      const { text, removed } = withoutUnfit(v);
      diags.push(
        diagnostic(src.file, `karakter kendali dibuang dari teks (${removed.join(', ')})`, {
          ...src.locate(p),
          severity: 'warning',
          hint: 'karakter itu tidak tampak dan merusak berkas PPTX/PDF; biasanya terbawa saat menyalin dari dokumen lain — hapus dari teks',
        }),
      );
      return text;
    }
    if (Array.isArray(v)) v.forEach((x, i) => (v[i] = visit(x, [...p, i])));
    else if (v !== null && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      for (const k of Object.keys(obj)) obj[k] = visit(obj[k], [...p, k]);
    }
    return v;
  };
  src.data = visit(src.data, []);
}
