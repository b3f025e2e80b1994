/**
 * Indonesian (and English) conventions for official documents: "Senin, 4 November 2024",
 * "pukul 07.00 WIB", "07.00–13.00 WIB", "105.313", "1 jam 30 menit", "BAB I".
 */
export type Language = 'id' | 'en';

const DAYS: Record<Language, string[]> = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const MONTHS: Record<Language, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

function parts(iso: string): { y: number; m: number; d: number; weekday: number } {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d, weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

/** "4 November 2024" */
export function formatDate(iso: string, lang: Language = 'id'): string {
  const { y, m, d } = parts(iso);
  return lang === 'en' ? `${d} ${MONTHS.en[m - 1]} ${y}` : `${d} ${MONTHS.id[m - 1]} ${y}`;
}

/** "Senin, 4 November 2024" */
export function formatDayDate(iso: string, lang: Language = 'id'): string {
  return `${DAYS[lang][parts(iso).weekday]}, ${formatDate(iso, lang)}`;
}

/** "Mojokerto, 4 November 2024" — no full stop at the end (PUEBI). */
export function formatPlaceDate(place: string, iso: string, lang: Language = 'id'): string {
  return `${place}, ${formatDate(iso, lang)}`;
}

/** "07.00" — a period between hours and minutes. */
export function formatClock(time: string, lang: Language = 'id'): string {
  const [h, m] = time.split(/[.:]/) as [string, string];
  return lang === 'en' ? `${h}:${m}` : `${h}.${m}`;
}

/** "pukul 07.00 WIB" */
export function formatTime(time: string, zone: string, lang: Language = 'id'): string {
  return lang === 'en' ? `${formatClock(time, lang)} ${zone}` : `pukul ${formatClock(time, lang)} ${zone}`;
}

/** "07.00–13.00 WIB" */
export function formatTimeRange(start: string, end: string, zone?: string, lang: Language = 'id'): string {
  return `${formatClock(start, lang)}–${formatClock(end, lang)}${zone ? ` ${zone}` : ''}`;
}

/** "105.313" (id) or "105,313" (en). */
export function formatNumber(n: number, lang: Language = 'id'): string {
  const sep = lang === 'en' ? ',' : '.';
  const sign = n < 0 ? '-' : '';
  const [int, frac] = Math.abs(n).toString().split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return sign + grouped + (frac ? (lang === 'en' ? '.' : ',') + frac : '');
}

/** "90 menit" below two hours when not whole, "1 jam 30 menit", "2 jam". */
export function formatDuration(minutes: number, lang: Language = 'id'): string {
  const [hourWord, minWord] = lang === 'en' ? ['h', 'min'] : ['jam', 'menit'];
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} ${minWord}`;
  return m === 0 ? `${h} ${hourWord}` : `${h} ${hourWord} ${m} ${minWord}`;
}

/** Minutes between two clock times. */
export function minutesBetween(start: string, end: string): number {
  const toMin = (t: string) => {
    const [h, m] = t.split(/[.:]/).map(Number) as [number, number];
    return h * 60 + m;
  };
  return toMin(end) - toMin(start);
}

/** 1 → "I", 4 → "IV", 14 → "XIV". */
export function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [value, glyph] of table) {
    while (rest >= value) {
      out += glyph;
      rest -= value;
    }
  }
  return out;
}

/** "A", "B", … for answer choices. */
export function letter(index: number): string {
  return String.fromCharCode(65 + index);
}
