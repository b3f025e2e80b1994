/**
 * Turns zod issues into located, Indonesian diagnostics with hints.
 */
import { z } from 'zod';
import { diagnostic, didYouMean, type Diagnostic } from './diagnostics.js';
import type { LocatedYaml, PathKey } from './located-yaml.js';

const TYPE_NAMES: Record<string, string> = {
  string: 'teks',
  number: 'angka',
  int: 'bilangan bulat',
  boolean: 'true atau false',
  array: 'daftar (baris diawali "- ")',
  object: 'objek (kunci: nilai)',
  undefined: 'tidak ada',
  null: 'kosong',
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return TYPE_NAMES[typeOf(v)] ?? typeOf(v);
}

function valueAt(data: unknown, p: readonly PathKey[]): unknown {
  let cur: unknown = data;
  for (const k of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PathKey, unknown>)[k];
  }
  return cur;
}

/** The object schema at a path, to list the keys that are allowed there. */
function shapeAt(schema: z.ZodType, p: readonly PathKey[]): string[] {
  let s: z.ZodType | undefined = schema;
  for (const k of [...p, null]) {
    s = unwrapSchema(s);
    if (k === null) break;
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[String(k)];
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else return [];
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape).filter((k) => k !== '$schema') : [];
}

/** The schema inside optional/default/pipe wrappers. */
export function unwrapSchema(s: z.ZodType | undefined): z.ZodType | undefined {
  let cur = s;
  for (let i = 0; i < 10 && cur; i++) {
    const def = (cur as unknown as { _zod: { def: { innerType?: z.ZodType; in?: z.ZodType; type: string } } })._zod.def;
    if (def.innerType) cur = def.innerType;
    else if (def.type === 'pipe' && def.in) cur = def.in;
    else break;
  }
  return cur;
}

/**
 * Hints for the messages written in schema.ts (zod's own English messages are never shown: an
 * issue without a message of ours gets a generic Indonesian one).
 */
const MESSAGE_HINTS: Record<string, string> = {
  'tidak boleh kosong': 'isi nilainya setelah tanda titik dua, atau hapus baris ini bila tidak wajib',
  'tanggal harus berbentuk YYYY-MM-DD': 'tulis tanggal sebagai tahun-bulan-hari dengan angka dua digit, misalnya 2024-11-04',
  'tanggal tidak ada di kalender': 'periksa tanggal dan bulannya (misalnya Februari hanya sampai tanggal 28 atau 29)',
  'jam harus berbentuk JJ.MM, misalnya 07.30': 'tulis jam dengan dua digit dan apit dengan tanda kutip, misalnya "07.30"',
  'id hanya huruf kecil, angka dan tanda hubung, misalnya "ppk" atau "kode-etik"': 'ganti huruf besar dengan huruf kecil dan spasi dengan tanda hubung, misalnya "kode-etik"',
  'isi salah satu: "module" (id modul) atau "activity" (nama acara)': 'tulis "module: <id modul>" untuk sesi materi, atau "activity: <nama acara>" untuk acara lain, tetapi tidak keduanya',
  'jawaban menunjuk pilihan yang tidak ada': 'huruf jawaban A untuk pilihan pertama, B untuk kedua, dan seterusnya; tambahkan pilihannya atau perbaiki hurufnya',
  'paling sedikit satu tanggal': 'tulis paling sedikit satu tanggal, misalnya dates: [2024-11-04]',
};

export function issuesToDiagnostics(schema: z.ZodType, src: LocatedYaml, issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pathOf = (issue: z.core.$ZodIssue) => issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
  const parentKey = (p: readonly PathKey[]) => JSON.stringify(p);
  // A required key that is missing next to an unknown key that looks like it: one message (the
  // unknown key's, with "maksudnya …?") says it all.
  const typoFor = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const p = pathOf(issue);
    const allowed = shapeAt(schema, p);
    for (const key of issue.keys) {
      const guess = didYouMean(key, allowed);
      if (guess) typoFor.add(parentKey([...p, guess]));
    }
  }
  for (const issue of issues) {
    const p = pathOf(issue);
    const where = (path: readonly PathKey[], keyOf = false) => src.locate(path, keyOf);
    const fieldName = p.length ? p.map((k) => (typeof k === 'number' ? `[${k + 1}]` : k)).join('.').replace(/\.\[/g, '[') : 'berkas';
    const input = valueAt(src.data, p);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = shapeAt(schema, p);
        for (const key of issue.keys) {
          const guess = didYouMean(key, allowed);
          out.push(
            diagnostic(src.file, `kunci "${key}" tidak dikenal${p.length ? ` di ${fieldName}` : ''}`, {
              ...where([...p, key], true),
              expected: allowed.length <= 8 ? `salah satu dari ${allowed.join(', ')}` : undefined,
              hint: guess ? `maksudnya "${guess}"?` : `kunci yang dikenal di sini: ${allowed.join(', ')}`,
            }),
          );
        }
        break;
      }
      case 'invalid_type': {
        const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
        if (input === undefined) {
          if (typoFor.has(parentKey(p))) break;
          const key = p[p.length - 1];
          out.push(
            diagnostic(src.file, `kunci "${String(key)}" wajib diisi${p.length > 1 ? ` di ${fieldName.replace(/\.?[^.[]+$/, '') || 'berkas'}` : ''}`, {
              // At the key of the object that lacks it (`event:`), or the list item, or line 1.
              ...where(p.slice(0, -1), true),
              expected,
              hint: `tambahkan baris "${String(key)}: ..." di objek ini`,
            }),
          );
        } else {
          out.push(
            diagnostic(src.file, `nilai ${fieldName} salah jenis`, {
              ...where(p),
              expected,
              found: describeValue(input),
              hint: hintForType(issue.expected, input, expected),
            }),
          );
        }
        break;
      }
      case 'invalid_union': {
        const kinds = [...new Set(issue.errors.flat().filter((e) => e.code === 'invalid_type').map((e) => TYPE_NAMES[(e as { expected: string }).expected] ?? (e as { expected: string }).expected))];
        out.push(
          diagnostic(src.file, `nilai ${fieldName} salah jenis`, {
            ...where(p),
            expected: kinds.length ? kinds.join(' atau ') : undefined,
            found: describeValue(input),
            hint: kinds.length ? `tulis ${kinds.join(' atau ')} di sini` : 'periksa nilai ini dengan contoh di README',
          }),
        );
        break;
      }
      case 'invalid_value': {
        const values = issue.values.map((v) => String(v));
        const guess = typeof input === 'string' ? didYouMean(input, values) : undefined;
        out.push(
          diagnostic(src.file, `nilai ${fieldName} tidak dikenal`, {
            ...where(p),
            expected: `salah satu dari ${values.join(', ')}`,
            found: describeValue(input),
            hint: guess ? `maksudnya "${guess}"?` : `pilih salah satu: ${values.join(', ')}`,
          }),
        );
        break;
      }
      case 'too_small':
      case 'too_big': {
        const isArr = issue.origin === 'array';
        const small = issue.code === 'too_small';
        const bound = 'minimum' in issue ? issue.minimum : issue.maximum;
        const dir = small ? 'paling sedikit' : 'paling banyak';
        const expected =
          isArr ? `${dir} ${bound} butir` : issue.origin === 'string' ? (Number(bound) <= 1 ? 'teks yang tidak kosong' : `${dir} ${bound} karakter`) : `${small ? 'paling kecil' : 'paling besar'} ${bound}`;
        const hint = isArr
          ? small
            ? 'tambahkan butir dengan baris yang diawali "- "'
            : `kurangi butirnya menjadi paling banyak ${bound}`
          : issue.origin === 'string'
            ? MESSAGE_HINTS['tidak boleh kosong']
            : `tulis angka ${small ? 'paling kecil' : 'paling besar'} ${bound}`;
        const empty = issue.origin === 'string' && small && Number(bound) <= 1;
        out.push(
          diagnostic(src.file, empty ? `nilai ${fieldName} tidak boleh kosong` : `nilai ${fieldName} di luar batas`, {
            ...where(p),
            expected,
            found: isArr && Array.isArray(input) ? `${input.length} butir` : describeValue(input),
            hint,
          }),
        );
        break;
      }
      default: {
        const ours = issue.message in MESSAGE_HINTS;
        const paramHint = (issue as { params?: { hint?: unknown } }).params?.hint;
        out.push(
          diagnostic(src.file, ours ? `${fieldName}: ${issue.message}` : `nilai ${fieldName} tidak valid`, {
            ...where(p),
            found: input === undefined || typeof input === 'object' ? undefined : describeValue(input),
            hint: typeof paramHint === 'string' ? paramHint : (MESSAGE_HINTS[issue.message] ?? 'periksa nilai ini dengan contoh di README atau "bimtek schema"'),
          }),
        );
      }
    }
  }
  return out;
}

function hintForType(expected: string, input: unknown, expectedName: string): string {
  if (input === null) return 'isi nilainya setelah tanda titik dua, atau hapus baris ini';
  if ((expected === 'number' || expected === 'int') && typeof input === 'string') return 'tulis angka saja tanpa satuan atau tanda kutip, misalnya 90';
  if (expected === 'int' && typeof input === 'number') return 'tulis bilangan bulat tanpa koma atau titik, misalnya 90';
  if (expected === 'string' && typeof input === 'number') return 'apit dengan tanda kutip bila ingin ditulis sebagai teks, misalnya "07.30"';
  if (expected === 'string' && typeof input === 'boolean') return 'apit dengan tanda kutip, misalnya "ya"; tanpa tanda kutip YAML membacanya sebagai true/false';
  if (expected === 'string' && Array.isArray(input)) return 'nilai ini satu teks, bukan daftar; hapus tanda "- " atau kurung [ ]';
  if (expected === 'string' && typeof input === 'object' && input !== null) return 'nilai ini satu teks; bila teks berisi titik dua (:), apit seluruh teks dengan tanda kutip';
  if (expected === 'array') return 'tulis setiap butir pada baris baru yang diawali "- "';
  if (expected === 'object') return 'tulis isinya sebagai "kunci: nilai" dengan indentasi dua spasi';
  return `ganti dengan ${expectedName}`;
}
