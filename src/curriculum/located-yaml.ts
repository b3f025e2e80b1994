/**
 * YAML with source positions kept, so every later error can point at `file:line:col`.
 * Syntax errors are reported in Indonesian (the parser's English messages never reach the user),
 * one per file: after the first real syntax error the parser's further complaints are mostly
 * echoes of it. Duplicate keys, unknown aliases, non-text keys and alias bombs are located too.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node, type Pair, type YAMLError } from 'yaml';
import { diagnostic, UserError, type Diagnostic } from './diagnostics.js';
import { LIMITS } from './source-file.js';
import { compactNestingOffset, expansionCulprit } from './yaml-budget.js';

export type PathKey = string | number;

export interface LocatedYaml {
  file: string;
  data: unknown;
  /** Position of the value at `path`, or of its deepest existing parent. `keyOf` points at the key instead. */
  locate(path: readonly PathKey[], keyOf?: boolean): { line: number; col: number };
  /** Position of `needle` inside the source text of the value at `path` (falls back to the value). */
  locateText(path: readonly PathKey[], needle: string): { line: number; col: number };
}

interface Explained {
  message: string;
  hint: string;
  /** Report at this offset instead of the parser's. */
  at?: number;
}

const HINT_QUOTE = 'bila teks berisi titik dua (:), tanda # atau diawali karakter khusus, apit seluruh teks dengan tanda kutip, misalnya title: "Materi: Pemungutan Suara"';
const HINT_INDENT = 'samakan indentasi dengan kunci lain pada tingkat yang sama (pakai spasi, bukan Tab)';

/** Order of preference when several errors start at the same place. */
const PRIORITY = ['TAB_AS_INDENT', 'MISSING_CHAR', 'BAD_DQ_ESCAPE', 'BAD_SCALAR_START', 'DUPLICATE_KEY', 'UNEXPECTED_TOKEN', 'BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY'];

export function parseLocatedYaml(file: string, source: string): LocatedYaml {
  const compact = compactNestingOffset(source);
  if (compact >= 0) {
    const line = source.slice(0, compact).split('\n').length;
    throw new UserError([diagnostic(file, 'struktur YAML bersarang terlalu dalam', { line, col: 1, expected: `paling banyak ${LIMITS.yamlDepth} tingkat dalam satu baris`, hint: 'tulis setiap butir daftar pada barisnya sendiri; "- - - …" membuka satu daftar baru untuk setiap tanda -' })]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number) => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, source.length)));
    return { line: p.line, col: p.col };
  };

  const errors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0] || rank(a.code) - rank(b.code));
  const firstSyntax = errors.find((e) => e.code !== 'DUPLICATE_KEY');
  const reported = errors.filter((e) => e === firstSyntax || (e.code === 'DUPLICATE_KEY' && (!firstSyntax || e.pos[0] < firstSyntax.pos[0])));
  if (reported.length) {
    throw new UserError(
      reported.map((e) => {
        const x = explain(e, errors, doc, source);
        return diagnostic(file, x.message, { ...at(x.at ?? e.pos[0]), hint: x.hint });
      }),
    );
  }
  if (doc.contents === null) {
    throw new UserError([diagnostic(file, 'berkas kosong', { line: 1, col: 1, expected: 'isi YAML', hint: 'lihat contoh di README atau jalankan "bimtek init"' })]);
  }

  // Problems the parser lets through but turning the document into data would choke on.
  const structural: Diagnostic[] = [];
  const anchors = new Map<string, Node>();
  const aliasTargets = new Map<Alias, Node>();
  visit(doc, {
    Pair: (_k, pair: Pair) => {
      if (pair.key !== null && !isScalar(pair.key)) {
        const start = (pair.key as Node).range?.[0] ?? 0;
        structural.push(diagnostic(file, 'kunci harus berupa teks', { ...at(start), found: isAlias(pair.key) ? 'alias' : isMap(pair.key) ? 'objek' : 'daftar', hint: 'tulis kunci sebagai teks biasa diikuti titik dua, misalnya "title: ..."' }));
      }
    },
    Node: (_k, node: Node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) aliasTargets.set(node, target);
        else structural.push(diagnostic(file, `alias "*${node.source}" belum didefinisikan`, { ...at(node.range?.[0] ?? 0), hint: `tulis anchor "&${node.source}" sebelum alias ini, atau apit teks dengan tanda kutip bila tanda * bukan alias` }));
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  if (structural.length) throw new UserError(structural);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
  } catch (e) {
    const bomb = e instanceof Error && /alias/i.test(e.message);
    const culprit = bomb ? aliasCulprit(aliasTargets) : undefined;
    throw new UserError([
      bomb
        ? diagnostic(file, culprit ? `alias YAML "*${culprit.source}" diperluas terlalu banyak` : 'alias YAML diperluas terlalu banyak', {
            ...at(culprit?.range?.[0] ?? 0),
            expected: `paling banyak ${LIMITS.yamlAliases} perluasan alias`,
            hint: 'tulis isinya langsung tanpa alias (*nama); alias yang memuat alias lain bisa meledakkan ukuran data',
          })
        : diagnostic(file, 'isi YAML tidak dapat dibaca sebagai data', { line: 1, col: 1, hint: 'sederhanakan struktur berkas ini; lihat contoh di README' }),
    ]);
  }
  // After toJS (whose alias count stops a billion-laughs bomb first, at its start), which shares
  // an anchor's value between its aliases: the copies are made later, by everything that reads the data.
  const expander = expansionCulprit(doc.contents, aliasTargets);
  if (expander) {
    throw new UserError([
      diagnostic(file, `alias YAML "*${expander.source}" membuat data terlalu besar`, {
        ...at(expander.range?.[0] ?? 0),
        expected: `paling banyak ${LIMITS.yamlExpandedChars / 1024 / 1024} MB teks setelah alias diperluas`,
        hint: 'alias (*nama) menyalin seluruh isi anchor (&nama) setiap kali dipakai; tulis teks besar sekali saja',
      }),
    ]);
  }
  return {
    file,
    data,
    locate: (p, keyOf) => at(offsetOf(doc, p, keyOf ?? false)),
    locateText: (p, needle) => {
      const node = nodeAt(doc, p);
      const range = node?.range;
      if (range) {
        const i = source.slice(range[0], range[1]).indexOf(needle);
        if (i >= 0) return at(range[0] + i);
      }
      return at(offsetOf(doc, p, false));
    },
  };
}

function rank(code: string): number {
  const i = PRIORITY.indexOf(code);
  return i < 0 ? PRIORITY.length : i;
}

/**
 * Where the alias limit was passed: the alias that uses one anchor once too often, else the first
 * alias whose anchor itself holds aliases (the start of a "billion laughs" bomb).
 */
function aliasCulprit(targets: Map<Alias, Node>): Alias | undefined {
  const uses = new Map<Node, number>();
  for (const [alias, target] of targets) {
    const n = (uses.get(target) ?? 0) + 1;
    if (n > LIMITS.yamlAliases) return alias;
    uses.set(target, n);
  }
  for (const [alias, target] of targets) {
    let nested = false;
    visit(target, {
      Alias: () => {
        nested = true;
        return visit.BREAK;
      },
    });
    if (nested) return alias;
  }
  return targets.keys().next().value;
}

/** An Indonesian message and hint for a parser error, and a better place to report it when there is one. */
function explain(e: YAMLError, all: YAMLError[], doc: Document, source: string): Explained {
  const msg = e.message.split('\n')[0]!;
  const pos = e.pos[0];
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return { message: 'karakter Tab dipakai sebagai indentasi', hint: 'YAML tidak menerima karakter Tab untuk indentasi; ganti dengan spasi' };
    case 'DUPLICATE_KEY': {
      const key = keyAt(doc, pos);
      return {
        message: key !== undefined ? `kunci "${key}" ditulis dua kali dalam objek yang sama` : 'kunci ditulis dua kali dalam objek yang sama',
        hint: 'setiap kunci hanya boleh muncul sekali dalam satu objek; hapus atau gabungkan salah satunya',
      };
    }
    case 'BAD_DQ_ESCAPE':
      return {
        message: `urutan escape ${/sequence (\S+)/.exec(msg)?.[1] ?? '\\'} tidak valid di dalam tanda kutip ganda`,
        hint: 'di dalam tanda kutip ganda, garis miring terbalik (\\) adalah karakter khusus; pakai tanda kutip tunggal, misalnya \'C:\\data\', atau tulis \\\\',
      };
    case 'BAD_SCALAR_START': {
      const ch = source[pos] ?? '';
      return { message: `nilai tidak boleh diawali karakter "${ch}"`, hint: HINT_QUOTE };
    }
    case 'MULTIPLE_DOCS':
      return { message: 'berkas berisi lebih dari satu dokumen YAML (dipisah "---")', hint: 'satu berkas hanya boleh berisi satu dokumen; hapus baris "---" di tengah berkas atau pecah menjadi beberapa berkas' };
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
    case 'MULTIPLE_ANCHORS':
      return { message: 'penulisan anchor (&nama) atau alias (*nama) tidak valid', hint: 'bila tanda & atau * adalah bagian dari teks, apit seluruh teks dengan tanda kutip' };
    case 'MULTIPLE_TAGS':
    case 'BAD_PROP_ORDER':
    case 'TAG_RESOLVE_FAILED':
    case 'BAD_COLLECTION_TYPE':
      return { message: 'tag YAML (!nama) tidak valid', hint: 'hapus tag yang diawali tanda !, atau apit teks dengan tanda kutip bila tanda ! adalah bagian dari teks' };
    case 'BAD_DIRECTIVE':
      return { message: 'direktif YAML (%...) tidak valid', hint: 'hapus baris yang diawali tanda %' };
    case 'KEY_OVER_1024_CHARS':
      return { message: 'kunci terlalu panjang (lebih dari 1024 karakter)', hint: 'periksa apakah titik dua (:) terletak di tempat yang benar' };
    case 'RESOURCE_EXHAUSTION':
      // The parser gives up wherever its stack ran out; the line it is on is what the user can find.
      return { message: 'struktur YAML bersarang terlalu dalam', hint: 'kurangi tingkat daftar/objek bersarang; periksa kurung [ ] dan { } yang tidak seimbang', at: firstNonSpaceOfLine(source, pos) };
    case 'BLOCK_IN_FLOW':
      return { message: 'daftar atau objek bergaya baris tidak boleh berada di dalam [ ] atau { }', hint: 'tulis isi [ ] atau { } dalam satu gaya, dipisah koma' };
    default:
      break;
  }
  if (/Missing closing ['"]quote/.test(msg)) {
    const open = openingQuote(doc, pos);
    return { message: 'tanda kutip pembuka tidak ditutup', hint: 'tambahkan tanda kutip penutup yang sama di akhir teks', at: open };
  }
  if (/Flow (sequence|map) in block collection must be sufficiently indented/.test(msg)) {
    const seq = msg.includes('sequence');
    const open = openingFlow(doc, pos, seq);
    return { message: `kurung ${seq ? '[' : '{'} tidak ditutup dengan ${seq ? ']' : '}'}`, hint: `tambahkan ${seq ? ']' : '}'} di akhir ${seq ? 'daftar' : 'objek'} ini, pada baris yang sama`, at: open };
  }
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && msg.startsWith('Nested mappings')) {
    // With a multi-line key error at the same place, the next line is indented too far and was
    // read as a continuation of this value; otherwise this value holds a stray colon.
    const multi = all.find((o) => o.code === 'MULTILINE_IMPLICIT_KEY' && o.pos[0] === pos);
    if (multi) {
      return { message: 'indentasi tidak sesuai: baris ini menjorok lebih dalam dari kunci di atasnya', hint: HINT_INDENT, at: firstNonSpaceOfLine(source, multi.pos[1]) };
    }
    return { message: 'titik dua (:) di tengah nilai', hint: HINT_QUOTE };
  }
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY' || /block-seq-ind|Sequence item without - indicator/.test(msg)) {
    return { message: 'butir daftar ("- ") tidak berada di tempat yang benar', hint: 'butir daftar ditulis pada baris baru setelah "kunci:", menjorok dengan spasi yang sama untuk setiap butir', at: firstNonSpaceOfLine(source, pos + 1) };
  }
  if (e.code === 'BAD_INDENT' || /at the same column/.test(msg)) {
    return { message: 'indentasi tidak sesuai', hint: HINT_INDENT, at: firstNonSpaceOfLine(source, pos + 1) };
  }
  if (e.code === 'MULTILINE_IMPLICIT_KEY' || /Implicit map keys need to be followed by map values/.test(msg)) {
    return { message: 'baris ini bukan pasangan "kunci: nilai" yang valid', hint: 'setiap baris berbentuk "kunci: nilai" (dengan spasi setelah titik dua); periksa indentasi baris ini dan baris sebelumnya' };
  }
  if (/Missing , (or : )?between flow|Unexpected , in flow|Unexpected empty item/.test(msg)) {
    return { message: 'pemisah koma di dalam [ ] atau { } tidak sesuai', hint: 'pisahkan setiap butir dengan satu koma, misalnya [ppk, pps]' };
  }
  if (/Missing space after :/.test(msg)) {
    return { message: 'spasi setelah titik dua (:) tidak ada', hint: 'tulis spasi setelah titik dua, misalnya "id: ppk", atau apit teks dengan tanda kutip' };
  }
  if (/Comments must be separated/.test(msg)) {
    return { message: 'tanda # komentar harus didahului spasi', hint: HINT_QUOTE };
  }
  if (/Block scalar header/.test(msg)) {
    return { message: 'tanda | atau > harus diikuti baris baru', hint: 'tulis teksnya mulai baris berikutnya, menjorok dua spasi' };
  }
  if (/directives-end|doc-start/.test(msg)) {
    return { message: 'penanda dokumen YAML ("---" atau "...") tidak sesuai', hint: 'hapus baris "---", "..." atau "%..." yang tidak diperlukan' };
  }
  if (/Unexpected (flow-map-end|flow-seq-end)|Unexpected [}\]]/.test(msg)) {
    return { message: 'kurung tutup tanpa kurung buka', hint: 'hapus kurung tutup ] atau } ini, atau apit teks dengan tanda kutip' };
  }
  if (/at node end/.test(msg)) {
    return { message: 'ada teks tambahan setelah nilai', hint: 'teks setelah tanda kutip penutup tidak diizinkan; masukkan teks itu ke dalam tanda kutip' };
  }
  return { message: 'YAML tidak valid di sini', hint: 'periksa indentasi, tanda titik dua (:) dan tanda kutip di sekitar baris ini' };
}

function keyAt(doc: Document, pos: number): string | undefined {
  let key: string | undefined;
  visit(doc, {
    Pair: (_k, pair: Pair) => {
      if (isScalar(pair.key) && pair.key.range?.[0] === pos) {
        key = String(pair.key.value);
        return visit.BREAK;
      }
    },
  });
  return key;
}

/** The opening quote of the quoted scalar that runs into `pos` (the parser reports its end). */
function openingQuote(doc: Document, pos: number): number | undefined {
  let best: number | undefined;
  visit(doc, {
    Scalar: (_k, s) => {
      const r = s.range;
      if (r && (s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE') && r[0] < pos && pos <= r[1] && (best === undefined || r[0] > best)) best = r[0];
    },
  });
  return best;
}

/** The opening bracket of the flow collection left open before `pos`. */
function openingFlow(doc: Document, pos: number, seq: boolean): number | undefined {
  let best: number | undefined;
  visit(doc, {
    Node: (_k, n: Node) => {
      if (isCollection(n) && n.flow && (seq ? isSeq(n) : isMap(n)) && n.range && n.range[0] < pos && (best === undefined || n.range[0] > best)) best = n.range[0];
    },
  });
  return best;
}

function firstNonSpaceOfLine(source: string, offset: number): number {
  const start = source.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  let i = start;
  while (source[i] === ' ') i++;
  return i;
}

function nodeAt(doc: Document, p: readonly PathKey[]): Node | undefined {
  let node: unknown = doc.contents;
  for (const key of p) {
    if (isMap(node)) {
      const pair = node.items.find((it: Pair) => isScalar(it.key) && String(it.key.value) === String(key)) as Pair | undefined;
      if (!pair) return undefined;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else {
      return undefined;
    }
  }
  return (node as Node | null) ?? undefined;
}

function offsetOf(doc: Document, p: readonly PathKey[], keyOf: boolean): number {
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
      // A key with an empty value has no node, or an empty one after the colon: point at the key.
      const empty = node === null || (isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1]);
      best = empty ? (pair.key as Node) : (node as Node);
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
  return best?.range?.[0] ?? 0;
}
