/**
 * Terbilang (Indonesian number words) and rupiah amounts: a hand-written table of the cases an
 * office writes, and a property check against a second, recursive formulation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRupiah, TERBILANG_MAX, terbilang, terbilangRupiah } from '../src/locale/index.js';

const TABLE: [number, string][] = [
  [0, 'nol'],
  [1, 'satu'],
  [7, 'tujuh'],
  [10, 'sepuluh'],
  [11, 'sebelas'],
  [12, 'dua belas'],
  [19, 'sembilan belas'],
  [20, 'dua puluh'],
  [21, 'dua puluh satu'],
  [99, 'sembilan puluh sembilan'],
  [100, 'seratus'],
  [101, 'seratus satu'],
  [110, 'seratus sepuluh'],
  [111, 'seratus sebelas'],
  [199, 'seratus sembilan puluh sembilan'],
  [200, 'dua ratus'],
  [1_000, 'seribu'],
  [1_001, 'seribu satu'],
  [1_100, 'seribu seratus'],
  [1_999, 'seribu sembilan ratus sembilan puluh sembilan'],
  [2_000, 'dua ribu'],
  [10_000, 'sepuluh ribu'],
  [11_000, 'sebelas ribu'],
  [100_000, 'seratus ribu'],
  [125_000, 'seratus dua puluh lima ribu'],
  [101_000, 'seratus satu ribu'],
  [1_000_000, 'satu juta'],
  [1_001_000, 'satu juta seribu'],
  [1_001_011, 'satu juta seribu sebelas'],
  [2_500_000, 'dua juta lima ratus ribu'],
  [1_000_000_000, 'satu miliar'],
  [1_000_000_001, 'satu miliar satu'],
  [1_000_000_000_000, 'satu triliun'],
  [
    TERBILANG_MAX,
    'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan',
  ],
];

/** A second formulation: the textbook recursion on the number's size. */
function reference(n: number): string {
  const small = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];
  const join = (a: string, rest: number) => (rest ? `${a} ${reference(rest)}` : a);
  if (n < 12) return small[n]!;
  if (n < 20) return `${reference(n - 10)} belas`;
  if (n < 100) return join(`${reference(Math.floor(n / 10))} puluh`, n % 10);
  if (n < 200) return join('seratus', n - 100);
  if (n < 1e3) return join(`${reference(Math.floor(n / 100))} ratus`, n % 100);
  if (n < 2e3) return join('seribu', n - 1e3);
  if (n < 1e6) return join(`${reference(Math.floor(n / 1e3))} ribu`, n % 1e3);
  if (n < 1e9) return join(`${reference(Math.floor(n / 1e6))} juta`, n % 1e6);
  if (n < 1e12) return join(`${reference(Math.floor(n / 1e9))} miliar`, n % 1e9);
  return join(`${reference(Math.floor(n / 1e12))} triliun`, n % 1e12);
}

describe('terbilang', () => {
  it.each(TABLE)('%d → %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('writes rupiah', () => {
    expect(terbilangRupiah(125_000)).toBe('seratus dua puluh lima ribu rupiah');
    expect(formatRupiah(125_000)).toBe('Rp125.000,00');
    expect(formatRupiah(0)).toBe('Rp0,00');
    expect(formatRupiah(1_250_000)).toBe('Rp1.250.000,00');
  });

  it('rejects what it cannot write', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, TERBILANG_MAX + 1]) expect(() => terbilang(bad)).toThrow(RangeError);
    expect(() => formatRupiah(0.5)).toThrow(RangeError);
  });

  it('agrees with the recursive formulation everywhere', () => {
    expect(reference(0) === '' && terbilang(0)).toBe('nol');
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 1, max: TERBILANG_MAX })), (n) => terbilang(n) === reference(n)),
      { numRuns: 3000 },
    );
    // Every number below 100.000 (cheap, and catches any slip around ribu/belas/puluh).
    for (let n = 1; n < 100_000; n++) if (terbilang(n) !== reference(n)) throw new Error(`${n}: ${terbilang(n)} ≠ ${reference(n)}`);
  });
});
