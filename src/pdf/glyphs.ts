/**
 * Characters → faces and widths. One rule for every document and every output: a character is
 * drawn from the text font when it has it, else from the first fallback face that has it (Noto
 * Sans Math, then Noto Sans Symbols 2), else as "?" (never a box), and reported. Straight quotes
 * become typographic ones (’ “ ”) the way the Markdown already does for handbooks. Measuring
 * (textWidth) and drawing (faceRuns) use the same tables, so lines break where they are drawn.
 */
import { FALLBACKS, font, type FaceKey, type FontKey } from './fonts.js';

export { cleanText } from '../locale/index.js';

/** What a character no face has is drawn as. */
const MISSING = '?';

const faces = new Map<FontKey, Map<number, FaceKey | null>>();

/** The face that draws code point `cp` in text of style `key`, or null when no face has it. */
export function faceOf(key: FontKey, cp: number): FaceKey | null {
  let table = faces.get(key);
  if (!table) faces.set(key, (table = new Map()));
  let face = table.get(cp);
  if (face === undefined) {
    face = font(key).hasGlyphForCodePoint(cp) ? key : (FALLBACKS.find((f) => font(f).hasGlyphForCodePoint(cp)) ?? null);
    table.set(cp, face);
  }
  return face;
}

/** Straight quotes as drawn: opening after a space or bracket, closing (and apostrophe) elsewhere. */
export function typographic(text: string): string {
  if (!text.includes("'") && !text.includes('"')) return text;
  return text
    .replace(/(^|[\s([{\u2013\u2014-])'(?=\S)/g, '$1\u2018')
    .replace(/'/g, '\u2019')
    .replace(/(^|[\s([{\u2013\u2014-])"(?=\S)/g, '$1\u201c')
    .replace(/"/g, '\u201d');
}

/** Opening and closing quotes have the same advance in every Noto Sans style: measure as closing. */
function drawnCodePoint(cp: number): number {
  return cp === 0x27 ? 0x2019 : cp === 0x22 ? 0x201d : cp;
}

/** Advance per point of size, per style and code point (cached): the drawing face's advance. */
const advances = new Map<FontKey, Map<number, number>>();

function advance(key: FontKey, table: Map<number, number>, cp: number): number {
  let adv = table.get(cp);
  if (adv === undefined) {
    const drawn = drawnCodePoint(cp);
    const face = faceOf(key, drawn);
    const f = font(face ?? key);
    adv = f.glyphForCodePoint(face ? drawn : MISSING.codePointAt(0)!).advanceWidth / f.unitsPerEm;
    table.set(cp, adv);
  }
  return adv;
}

export function textWidth(key: FontKey, text: string, size: number): number {
  let table = advances.get(key);
  if (!table) advances.set(key, (table = new Map()));
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) cp = text.codePointAt(i++)!;
    em += advance(key, table, cp);
  }
  return em * size;
}

/** A piece of text in one face, as it is drawn. */
export interface FaceRun {
  face: FaceKey;
  text: string;
}

const PLAIN = /^[\x20-\x21\x23-\x26\x28-\x7e]*$/;

/** Text of style `key` cut into runs by drawing face (quotes made typographic, missing → "?"). */
export function faceRuns(key: FontKey, text: string): FaceRun[] {
  if (PLAIN.test(text)) return [{ face: key, text }];
  const runs: FaceRun[] = [];
  for (const ch of typographic(text)) {
    const face = faceOf(key, ch.codePointAt(0)!);
    const drawn = face ? ch : MISSING;
    const last = runs[runs.length - 1];
    const f = face ?? key;
    if (last && last.face === f) last.text += drawn;
    else runs.push({ face: f, text: drawn });
  }
  return runs;
}

/** Characters no embedded face can draw, with a short sample of where each was seen. */
export class MissingGlyphs {
  private readonly seen = new Map<string, Set<string>>();

  /** `where` is computed only when a character is missing. */
  check(key: FontKey, text: string, where: string | (() => string)): void {
    if (PLAIN.test(text)) return;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0xa0 || faceOf(key, cp)) continue;
      let places = this.seen.get(ch);
      if (!places) this.seen.set(ch, (places = new Set()));
      if (places.size < 3) places.add(typeof where === 'string' ? where : where());
    }
  }

  get size(): number {
    return this.seen.size;
  }

  /** `U+1F600 😀 (in: handbook "…")` lines, sorted by code point. */
  report(): { char: string; codePoint: string; places: string[] }[] {
    return [...this.seen.entries()]
      .sort(([a], [b]) => a.codePointAt(0)! - b.codePointAt(0)!)
      .map(([char, places]) => ({ char, codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, places: [...places] }));
  }
}

