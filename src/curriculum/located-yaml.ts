/**
 * YAML with source positions kept, so every later error can point at `file:line:col`.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { diagnostic, UserError, type Diagnostic } from './diagnostics.js';
import { LIMITS } from './source-file.js';

export type PathKey = string | number;

export interface LocatedYaml {
  file: string;
  data: unknown;
  /** Position of the value at `path`, or of its deepest existing parent. `keyOf` points at the key instead. */
  locate(path: readonly PathKey[], keyOf?: boolean): { line: number; col: number };
}

const YAML_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'YAML tidak menerima karakter Tab untuk indentasi; ganti dengan spasi',
  DUPLICATE_KEY: 'setiap kunci hanya boleh muncul sekali dalam satu objek; hapus atau gabungkan salah satunya',
  MISSING_CHAR: 'periksa tanda kutip atau kurung yang belum ditutup',
  MULTILINE_IMPLICIT_KEY: 'sebuah kunci tidak boleh terpecah ke beberapa baris; periksa titik dua (:) dan indentasi',
  BAD_INDENT: 'samakan indentasi dengan baris di atasnya (pakai spasi, bukan Tab)',
  BLOCK_AS_IMPLICIT_KEY: 'periksa indentasi dan tanda titik dua (:) di baris ini',
  UNEXPECTED_TOKEN: 'bila teks berisi titik dua (:) atau tanda #, apit teks itu dengan tanda kutip',
  BAD_SCALAR_START: 'teks yang diawali karakter khusus (@, `, %, |, >) perlu diapit tanda kutip',
  ALIAS_PROPS: 'periksa penggunaan anchor (&) dan alias (*)',
};

export function parseLocatedYaml(file: string, source: string): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const diags: Diagnostic[] = [];
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    diags.push(
      diagnostic(file, yamlMessage(e.code, e.message), {
        line: pos.line,
        col: pos.col,
        hint: YAML_HINTS[e.code] ?? 'periksa indentasi, tanda titik dua (:) dan tanda kutip di sekitar baris ini',
      }),
    );
  }
  if (diags.length) throw new UserError(diags);
  if (doc.contents === null) {
    throw new UserError([diagnostic(file, 'berkas kosong', { line: 1, col: 1, expected: 'isi YAML', hint: 'lihat contoh di README atau jalankan "bimtek init"' })]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
  } catch (e) {
    throw new UserError([
      diagnostic(file, 'terlalu banyak alias YAML (*nama) yang diperluas', {
        line: 1,
        col: 1,
        expected: `paling banyak ${LIMITS.yamlAliases} perluasan alias`,
        hint: 'tulis isinya langsung; alias bertingkat bisa meledakkan ukuran data',
        found: e instanceof Error ? e.message.split('\n')[0] : undefined,
      }),
    ]);
  }
  return { file, data, locate: (p, keyOf) => locateIn(doc, lineCounter, p, keyOf ?? false) };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'kunci ganda: ' + first.replace(/^Map keys must be unique/, 'kunci ini sudah ada di objek yang sama');
    case 'TAB_AS_INDENT':
      return 'karakter Tab dipakai sebagai indentasi';
    default:
      return `YAML tidak valid: ${first}`;
  }
}

function locateIn(doc: Document, lc: LineCounter, p: readonly PathKey[], keyOf: boolean): { line: number; col: number } {
  let node: unknown = doc.contents;
  let best: { range?: [number, number, number] | null } | null = doc.contents as Node;
  for (const [i, key] of p.entries()) {
    const last = i === p.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((it: Pair) => isScalar(it.key) && String(it.key.value) === String(key)) as Pair | undefined;
      if (!pair) break;
      if (last && keyOf && pair.key && isScalar(pair.key)) {
        best = pair.key;
        break;
      }
      node = pair.value;
      // A key with an empty value has no node: point at the key.
      best = (node as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (!item) break;
      node = item;
      best = item as Node;
    } else {
      break;
    }
    if (isPair(node)) break;
  }
  const offset = best?.range?.[0] ?? 0;
  return lc.linePos(offset);
}
