/**
 * Numbers a spreadsheet damaged. Excel keeps 15 significant digits and drops leading zeros of a
 * cell it takes for a number: a 16-digit NIK typed into a General cell loses its last digit and
 * shows as 3,20101E+15 (and a CSV saved from it keeps that text), a phone number 0812… becomes
 * 812…. The roster prints what it was given; these checks say where the damage is.
 */
import type { RosterField } from './columns.js';

export interface Damage {
  /** Groups the same damage for the summary, e.g. "nik:scientific". */
  kind: string;
  message: string;
  expected: string;
  hint: string;
}

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/;
const AS_TEXT = 'di Excel/LibreOffice: blok kolomnya, Format Sel → Teks, lalu ketik ulang angkanya (atau awali dengan tanda petik \')';

/** Digits a person would count: spaces, dots and dashes between groups are allowed. */
function digitsOf(value: string): string | undefined {
  const bare = value.replace(/[\s.-]/g, '');
  return /^\d+$/.test(bare) ? bare : undefined;
}

const ID_LENGTH: Partial<Record<RosterField, number>> = { nik: 16, nip: 18 };
const ID_NAME: Partial<Record<RosterField, string>> = { nik: 'NIK', nip: 'NIP' };

/**
 * What is wrong with a NIK, NIP or phone number, if anything.
 * @param numeric the spreadsheet stored the cell as a number (not as text)
 */
export function damageOf(field: RosterField, value: string, numeric: boolean): Damage | undefined {
  if (field === 'phone') return phoneDamage(value);
  const length = ID_LENGTH[field];
  const what = ID_NAME[field];
  if (!length || !what) return undefined;
  if (SCIENTIFIC.test(value)) {
    return { kind: `${field}:scientific`, message: `${what} tertulis dalam notasi ilmiah: angka aslinya sudah hilang`, expected: `${length} angka`, hint: `${AS_TEXT}; menyimpan ulang tidak mengembalikan angka yang hilang` };
  }
  const digits = digitsOf(value);
  if (digits === undefined) {
    return { kind: `${field}:chars`, message: `${what} berisi huruf atau tanda selain angka`, expected: `${length} angka`, hint: `periksa ${what} peserta ini` };
  }
  if (digits.length !== length) {
    return { kind: `${field}:length`, message: `${what} ${digits.length < length ? 'kurang' : 'lebih'} dari ${length} angka (${digits.length} angka)`, expected: `${length} angka`, hint: `periksa ${what} peserta ini; ${digits.length < length ? 'bila kolomnya berformat angka, Excel bisa membuang angka di depan atau di belakang: ' : ''}${AS_TEXT}` };
  }
  if (numeric && digits.endsWith('0') && length > 15) {
    return { kind: `${field}:number`, message: `${what} disimpan sebagai angka, bukan teks: Excel dan LibreOffice hanya menyimpan 15 angka pertama, angka terakhir mungkin sudah menjadi 0`, expected: `${what} sebagai teks`, hint: `cocokkan ${what} ini dengan KTP/SK; ${AS_TEXT}` };
  }
  return undefined;
}

function phoneDamage(value: string): Damage | undefined {
  if (SCIENTIFIC.test(value)) {
    return { kind: 'phone:scientific', message: 'nomor HP tertulis dalam notasi ilmiah: angka aslinya sudah hilang', expected: 'nomor seperti 081234567890', hint: AS_TEXT };
  }
  const digits = digitsOf(value.replace(/[()]/g, ''));
  // Indonesian mobile numbers are 08…, +62 8… or 62 8…: a bare 8… lost its leading 0.
  if (digits && digits.startsWith('8') && digits.length >= 9 && digits.length <= 13) {
    return { kind: 'phone:zero', message: 'nomor HP tanpa angka 0 di depan: kemungkinan hilang karena sel berformat angka', expected: `0${digits}`, hint: AS_TEXT };
  }
  return undefined;
}
