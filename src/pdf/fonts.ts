/**
 * Embedded fonts: Noto Sans (OFL) for text, and Noto Sans Math and Noto Sans Symbols 2 (OFL) as
 * fallback faces for the characters Noto Sans lacks (≥ ≤ → ◦ ✓ …), all from npm packages, parsed
 * once per process with fontkit and shared by every document. Measuring and drawing pick the face
 * per character by the same rule (faceOf), so what is measured is what is drawn.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/** The text styles documents ask for. */
export type FontKey = 'regular' | 'bold' | 'italic' | 'boldItalic';
/** Faces that only lend glyphs the text fonts lack (one weight: bold text gets regular symbols). */
export type FallbackKey = 'math' | 'symbols';
/** Every embedded face. */
export type FaceKey = FontKey | FallbackKey;

/** Tried in this order for a character the text font lacks. */
export const FALLBACKS: readonly FallbackKey[] = ['math', 'symbols'];

// The fallback faces come as WOFF 1 (their packages ship no TTF): fontkit reads and subsets WOFF 1
// like TTF; WOFF 2 would crash its subsetter.
const FILES: Record<FaceKey, string> = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf',
  math: '@fontsource/noto-sans-math/files/noto-sans-math-latin-400-normal.woff',
  symbols: '@fontsource/noto-sans-symbols-2/files/noto-sans-symbols-2-symbols-400-normal.woff',
};

/** PDF font names registered in every document (the subset prefix is added by PDFKit). */
export const FONT_NAMES: Record<FaceKey, string> = {
  regular: 'NotoSans',
  bold: 'NotoSans-Bold',
  italic: 'NotoSans-Italic',
  boldItalic: 'NotoSans-BoldItalic',
  math: 'NotoSansMath',
  symbols: 'NotoSansSymbols2',
};

export type Font = fontkit.Font;

const require = createRequire(import.meta.url);
const loaded = new Map<FaceKey, Font>();

export function font(key: FaceKey): Font {
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
export function lazyFont(key: FaceKey): Font {
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

/** Ascender in points: where the baseline sits below the top of a line. */
export function ascent(key: FaceKey, size: number): number {
  const f = font(key);
  return (f.ascent * size) / f.unitsPerEm;
}
