/**
 * Template helpers for Indonesian document conventions. Each takes plain values and returns text;
 * none reaches outside its arguments.
 */
import type { HelperDelegate, HelperOptions } from 'handlebars';
import { formatDate, formatDayDate, formatDuration, formatNumber, formatPlaceDate, formatTime, formatTimeRange, labelsFor, letter, roman, type Language } from '../locale/index.js';

/** A helper's own complaint about its arguments, in Indonesian (shown to the user as it is). */
export class HelperArgumentError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * A whole number in [min, max], or a located error: a huge number must not make a helper build a
 * gigabyte string (`{{romawi 99999999999999999999}}`) or loop for minutes.
 */
function whole(v: unknown, min: number, max: number, what: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new HelperArgumentError(`${what} harus bilangan bulat ${min}–${formatNumber(max)} (ditemukan ${String(v).slice(0, 40)})`);
  return n;
}

function finite(v: unknown, what: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || Math.abs(n) > 1e15) throw new HelperArgumentError(`${what} harus angka (ditemukan ${String(v).slice(0, 40)})`);
  return n;
}

/** Drop the trailing Handlebars options argument from a variadic helper call. */
function args(list: unknown[]): unknown[] {
  return list.slice(0, -1);
}

/** Markdown-significant characters escaped so a value prints literally. */
export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_[\]{}<>#|~])/g, '\\$1').replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2\\.$3').replace(/^(\s*)([-+])(\s)/gm, '$1\\$2$3');
}

export function helpers(lang: Language): Record<string, HelperDelegate> {
  const labels = labelsFor(lang);
  return {
    /** {{tanggal "2024-11-04"}} → 4 November 2024 */
    tanggal: (iso: string) => formatDate(iso, lang),
    /** {{hariTanggal "2024-11-04"}} → Senin, 4 November 2024 */
    hariTanggal: (iso: string) => formatDayDate(iso, lang),
    /** {{tempatTanggal "Mojokerto" "2024-11-04"}} → Mojokerto, 4 November 2024 */
    tempatTanggal: (place: string, iso: string) => formatPlaceDate(place, iso, lang),
    /** {{pukul "07.00" "WIB"}} → pukul 07.00 WIB */
    pukul: (time: string, zone: string) => formatTime(time, zone, lang),
    /** {{rentangWaktu "07.00" "13.00" "WIB"}} → 07.00–13.00 WIB (zone optional) */
    rentangWaktu: (...a: unknown[]) => {
      const [start, end, zone] = args(a) as [string, string, string | undefined];
      return formatTimeRange(start, end, typeof zone === 'string' ? zone : undefined, lang);
    },
    /** {{angka 105313}} → 105.313 */
    angka: (n: unknown) => formatNumber(finite(n, 'angka'), lang),
    /** {{durasi 90}} → 1 jam 30 menit */
    durasi: (minutes: unknown) => formatDuration(whole(minutes, 0, 1_000_000, 'durasi (menit)'), lang),
    /** {{romawi 4}} → IV */
    romawi: (n: unknown) => roman(whole(n, 1, 3999, 'angka romawi')),
    /** {{huruf 0}} → A */
    huruf: (i: unknown) => letter(whole(i, 0, 25, 'urutan huruf')),
    /** {{tambah @index 1}} → 1-based numbers */
    tambah: (a: unknown, b: unknown) => finite(a, 'tambah') + finite(b, 'tambah'),
    /** {{label "toc"}} → Daftar Isi; {{label "kindActivity" kind}} for nested tables */
    label: (...a: unknown[]) => {
      const keys = args(a).map(String);
      let cur: unknown = labels;
      for (const k of keys) cur = typeof cur === 'object' && cur !== null && Object.hasOwn(cur, k) ? (cur as Record<string, unknown>)[k] : undefined;
      if (typeof cur !== 'string') throw new HelperArgumentError(`label "${keys.join('.')}" tidak ada di tabel label`);
      return cur;
    },
    /** {{kapital value}} → upper case (organizer names on covers and letterheads) */
    kapital: (s: unknown) => String(s ?? '').toLocaleUpperCase(lang === 'id' ? 'id-ID' : 'en'),
    /** {{md value}} prints a value literally, not as Markdown. */
    md: (s: unknown) => escapeMarkdown(String(s ?? '')),
    /** {{sel value}} makes a value safe inside a Markdown table cell. */
    sel: (s: unknown) => escapeMarkdown(String(s ?? '')).replace(/\n+/g, ' '),
    /** {{atribut value}} makes a value safe inside `key="…"` of a container line. */
    atribut: (s: unknown) => String(s ?? '').replace(/["\n]/g, ' '),
    /** {{kutip text}} quotes every line of a Markdown text (for block quotes). */
    kutip: (s: unknown) =>
      String(s ?? '')
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n'),
    /** {{gabung list ", "}} */
    gabung: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.map(String).join(typeof sep === 'string' ? sep : ', ') : ''),
    /** {{#if (sama a b)}} */
    sama: (a: unknown, b: unknown) => a === b,
    /** {{#if (ada list)}}: a non-empty list or a present value */
    ada: (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== ''),
    /** {{#if (atau a b)}} */
    atau: (...a: unknown[]) => args(a).some(Boolean),
    /** {{#if (dan a b)}} */
    dan: (...a: unknown[]) => args(a).every(Boolean),
    /** {{#if (tidak a)}} */
    tidak: (v: unknown) => !v,
  } as Record<string, HelperDelegate>;
}

export type { HelperOptions };
