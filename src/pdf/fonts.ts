/**
 * Embedded fonts: Noto Sans (OFL) from an npm package, parsed once per process with fontkit and
 * shared by every document. Also measures text with a per-process cache, and records characters
 * the fonts cannot draw so the build can warn about them instead of dropping them silently.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export type FontKey = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<FontKey, string> = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf',
};

/** PDF font names registered in every document (the subset prefix is added by PDFKit). */
export const FONT_NAMES: Record<FontKey, string> = {
  regular: 'NotoSans',
  bold: 'NotoSans-Bold',
  italic: 'NotoSans-Italic',
  boldItalic: 'NotoSans-BoldItalic',
};

export type Font = fontkit.Font;

const require = createRequire(import.meta.url);
const loaded = new Map<FontKey, Font>();

export function font(key: FontKey): Font {
  let f = loaded.get(key);
  if (!f) {
    f = fontkit.create(readFileSync(require.resolve(FILES[key]))) as Font;
    loaded.set(key, f);
  }
  return f;
}

/**
 * What PDFKit sees of a font: a stand-in that parses the file only when a document first uses it,
 * and that lays text out by the font's own advance widths instead of OpenType shaping. Shaping
 * Noto Sans (hundreds of GSUB/GPOS lookups) was more than half of a build's time; for the Latin
 * text of our documents it only adds kerning, which Word leaves off by default too. In exchange,
 * the widths the line breaker measures are exactly the widths PDFKit draws.
 */
export function lazyFont(key: FontKey): Font {
  const layout = (text: string) => {
    const f = font(key);
    const glyphs = f.glyphsForString(text);
    const positions = glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
    return { glyphs, positions, advanceWidth: positions.reduce((w, p) => w + p.xAdvance, 0) };
  };
  return new Proxy({} as Font, {
    get(_target, prop) {
      if (prop === 'layout') return layout;
      const f = font(key) as unknown as Record<PropertyKey, unknown>;
      const value = f[prop];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(f) : value;
    },
  });
}

export function fontKeyFor(bold: boolean, italic: boolean): FontKey {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

/**
 * Advance widths from the font's metrics, one code point at a time (cached per font): the same
 * widths PDFKit draws with (see lazyFont).
 */
const advances = new Map<FontKey, Map<number, number>>();
/** Units per em, read once: fontkit computes it on every access. */
const emUnits = new Map<FontKey, number>();

function unitsPerEm(key: FontKey): number {
  let u = emUnits.get(key);
  if (u === undefined) emUnits.set(key, (u = font(key).unitsPerEm));
  return u;
}

export function textWidth(key: FontKey, text: string, size: number): number {
  let table = advances.get(key);
  if (!table) advances.set(key, (table = new Map()));
  const f = font(key);
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) cp = text.codePointAt(i++)!;
    let adv = table.get(cp);
    if (adv === undefined) {
      adv = f.glyphForCodePoint(cp).advanceWidth;
      table.set(cp, adv);
    }
    units += adv;
  }
  return (units * size) / unitsPerEm(key);
}

/** Ascender in points: where the baseline sits below the top of a line. */
export function ascent(key: FontKey, size: number): number {
  const f = font(key);
  return (f.ascent * size) / unitsPerEm(key);
}

/** Characters no embedded font can draw, with a short sample of where each was seen. */
export class MissingGlyphs {
  private readonly seen = new Map<string, Set<string>>();
  private readonly known = new Map<FontKey, Map<number, boolean>>();

  /** `where` is computed only when a character is missing. */
  check(key: FontKey, text: string, where: string | (() => string)): void {
    let known = this.known.get(key);
    if (!known) this.known.set(key, (known = new Map()));
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x7f || (cp >= 0x7f && cp < 0xa0)) continue;
      let has = known.get(cp);
      if (has === undefined) known.set(cp, (has = font(key).hasGlyphForCodePoint(cp)));
      if (!has) {
        let places = this.seen.get(ch);
        if (!places) this.seen.set(ch, (places = new Set()));
        if (places.size < 3) places.add(typeof where === 'string' ? where : where());
      }
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

/** Control characters other than newline would confuse layout: tabs become spaces, the rest go. */
export function cleanText(text: string): string {
  return text.replace(/\t/g, '    ').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}
