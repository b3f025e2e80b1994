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

export function issuesToDiagnostics(schema: z.ZodType, src: LocatedYaml, issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const p = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
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
          const key = p[p.length - 1];
          out.push(
            diagnostic(src.file, `kunci "${String(key)}" wajib diisi${p.length > 1 ? ` di ${fieldName.replace(/\.?[^.[]+$/, '') || 'berkas'}` : ''}`, {
              ...where(p.slice(0, -1)),
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
              hint: hintForType(issue.expected, input),
            }),
          );
        }
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
        const bound = 'minimum' in issue ? issue.minimum : issue.maximum;
        const dir = issue.code === 'too_small' ? 'paling sedikit' : 'paling banyak';
        const expected =
          isArr ? `${dir} ${bound} butir` : issue.origin === 'string' ? (Number(bound) <= 1 ? 'teks yang tidak kosong' : `${dir} ${bound} karakter`) : `${issue.code === 'too_small' ? 'paling kecil' : 'paling besar'} ${bound}`;
        out.push(
          diagnostic(src.file, `nilai ${fieldName} di luar batas`, {
            ...where(p),
            expected,
            found: isArr && Array.isArray(input) ? `${input.length} butir` : describeValue(input),
            hint: isArr ? 'tambahkan butir dengan baris yang diawali "- "' : undefined,
          }),
        );
        break;
      }
      default:
        out.push(
          diagnostic(src.file, `${fieldName}: ${issue.message}`, {
            ...where(p),
            found: input === undefined || typeof input === 'object' ? undefined : describeValue(input),
          }),
        );
    }
  }
  return out;
}

function hintForType(expected: string, input: unknown): string | undefined {
  if (expected === 'number' && typeof input === 'string') return 'tulis angka saja tanpa satuan atau tanda kutip, misalnya 90';
  if (expected === 'string' && typeof input === 'number') return 'apit dengan tanda kutip bila ingin ditulis sebagai teks, misalnya "07.30"';
  if (expected === 'array') return 'tulis setiap butir pada baris baru yang diawali "- "';
  if (expected === 'object') return 'tulis isinya sebagai "kunci: nilai" dengan indentasi dua spasi';
  if (expected === 'string' && input === null) return 'isi nilainya setelah tanda titik dua, atau hapus baris ini';
  return undefined;
}
