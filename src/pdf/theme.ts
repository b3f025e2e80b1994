/**
 * Sizes and colours of the printed page. One place, so a template never carries layout numbers.
 */
import type { Align, CalloutKind } from '../markdown/index.js';

export interface HeadingStyle {
  size: number;
  color: string;
  spaceBefore: number;
  spaceAfter: number;
  pageBreakBefore?: boolean;
  rule?: boolean;
  align?: Align;
}

export interface Theme {
  body: { size: number; leading: number };
  paragraphSpacing: number;
  headings: [HeadingStyle, HeadingStyle, HeadingStyle, HeadingStyle];
  table: { size: number; leading: number; padding: number; border: string; headerFill: string };
  colors: { text: string; muted: string; accent: string; link: string; code: string; codeBackground: string; rule: string };
  callouts: Record<CalloutKind, { bar: string; fill: string; title: string | undefined }>;
}

const ACCENT = '#7a1010';

export const defaultTheme: Theme = {
  body: { size: 10.5, leading: 1.45 },
  paragraphSpacing: 6,
  headings: [
    { size: 18, color: ACCENT, spaceBefore: 0, spaceAfter: 14, pageBreakBefore: true, rule: true },
    { size: 13.5, color: ACCENT, spaceBefore: 14, spaceAfter: 6 },
    { size: 11.5, color: '#222222', spaceBefore: 10, spaceAfter: 4 },
    { size: 10.5, color: '#222222', spaceBefore: 8, spaceAfter: 3 },
  ],
  table: { size: 9.5, leading: 1.35, padding: 4, border: '#8a8a8a', headerFill: '#ece6e6' },
  colors: { text: '#1a1a1a', muted: '#5a5a5a', accent: ACCENT, link: '#1b4f9c', code: '#333333', codeBackground: '#ecebe8', rule: '#9a9a9a' },
  callouts: {
    catatan: { bar: '#2f6f9f', fill: '#eef4f9', title: undefined },
    perhatian: { bar: '#b45309', fill: '#fdf3e7', title: undefined },
    fasilitator: { bar: '#2e7d4f', fill: '#edf6f0', title: undefined },
    kotak: { bar: '#7a7a7a', fill: '#f4f4f4', title: undefined },
  },
};

/** Slides: the same engine with larger type and tighter spacing. */
export function scaledTheme(base: Theme, factor: number): Theme {
  return {
    ...base,
    body: { ...base.body, size: base.body.size * factor },
    paragraphSpacing: base.paragraphSpacing * factor,
    headings: base.headings.map((h) => ({ ...h, size: h.size * factor, spaceBefore: h.spaceBefore * factor, spaceAfter: h.spaceAfter * factor, pageBreakBefore: false })) as Theme['headings'],
    table: { ...base.table, size: base.table.size * factor },
  };
}
