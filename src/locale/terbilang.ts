/**
 * Terbilang: a whole number in Indonesian words, as written under amounts on receipts and
 * payment lists ("seratus dua puluh lima ribu rupiah"). Conventions: "se-" for one of a unit
 * below a million (sepuluh, sebelas, seratus, seribu), "satu" above it (satu juta, satu miliar).
 */
import { formatNumber } from './format.js';

/** The largest number written: 999 triliun 999 miliar … 999 (below 10^15, exact in a double). */
export const TERBILANG_MAX = 999_999_999_999_999;

const DIGITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

/** Group names by power of a thousand (10^3 … 10^12). */
const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun'];

/** 1 … 999 in words (never "nol"). */
function hundreds(n: number): string[] {
  const words: string[] = [];
  const h = Math.floor(n / 100);
  const r = n % 100;
  if (h === 1) words.push('seratus');
  else if (h > 1) words.push(DIGITS[h]!, 'ratus');
  if (r === 10) words.push('sepuluh');
  else if (r === 11) words.push('sebelas');
  else if (r > 11 && r < 20) words.push(DIGITS[r - 10]!, 'belas');
  else {
    const t = Math.floor(r / 10);
    if (t > 0) words.push(DIGITS[t]!, 'puluh');
    if (r % 10 > 0) words.push(DIGITS[r % 10]!);
  }
  return words;
}

/** 1.001.011 → "satu juta seribu sebelas". Throws on a negative, fractional or too large number. */
export function terbilang(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > TERBILANG_MAX) {
    throw new RangeError(`terbilang: ${String(n)} bukan bilangan bulat 0 sampai ${formatNumber(TERBILANG_MAX)}`);
  }
  if (n === 0) return DIGITS[0]!;
  const words: string[] = [];
  for (let scale = SCALES.length - 1; scale >= 0; scale--) {
    const group = Math.floor(n / 1000 ** scale) % 1000;
    if (group === 0) continue;
    if (scale === 1 && group === 1) words.push('seribu');
    else words.push(...hundreds(group), ...(scale > 0 ? [SCALES[scale]!] : []));
  }
  return words.join(' ');
}

/** "seratus dua puluh lima ribu rupiah" */
export function terbilangRupiah(n: number): string {
  return `${terbilang(n)} rupiah`;
}

/** "Rp125.000,00" — whole rupiah with the two decimals official lists print. */
export function formatRupiah(n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`formatRupiah: ${String(n)} bukan rupiah utuh`);
  return `${n < 0 ? '-' : ''}Rp${formatNumber(Math.abs(n))},00`;
}
