import { describe, expect, it } from 'vitest';
import { breakLines, textWidth } from '../src/pdf/index.js';

const run = (text: string) => [{ text, font: 'regular' as const, size: 10 }];
const lineText = (l: ReturnType<typeof breakLines>[number]) => l.segments.map((s) => s.text).join('');

describe('line breaking', () => {
  it('fills lines greedily and never exceeds the width', () => {
    const text = 'Ketua KPPS membuka rapat pemungutan suara pukul 07.00 WIB di hadapan saksi dan Pengawas TPS.';
    const lines = breakLines(run(text), 120);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(120.01);
    expect(lines.map(lineText).join(' ')).toBe(text);
  });

  it('breaks a word too wide for its cell after a hyphen or period before breaking letters', () => {
    const width = textWidth('regular', 'C.Pemberitahuan-', 10) + 1;
    const lines = breakLines(run('Model C.Pemberitahuan-KWK'), width).map(lineText);
    expect(lines).toEqual(['Model', 'C.Pemberitahuan-', 'KWK']);
  });

  it('breaks between letters when nothing else helps, and keeps explicit line breaks', () => {
    const lines = breakLines(run('a'.repeat(200)), 50);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(50.01);
    expect(lines.map(lineText).join('')).toBe('a'.repeat(200));
    expect(breakLines(run('satu\ndua'), 500).map(lineText)).toEqual(['satu', 'dua']);
  });
});
