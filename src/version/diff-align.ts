/**
 * The matching machinery of the semantic diff: when two texts say the same thing, how alike two
 * items are, and which item of the old list is which item of the new one.
 */
import { parseMarkdown } from '../markdown/index.js';

/** Plain text compared as read: runs of whitespace (line breaks from reformatting) are one space. */
export function normText(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  return normText(a) === normText(b);
}

const markdownCache = new Map<string, string>();

/** A Markdown text as the document will show it: reflowed lines and extra spaces do not matter. */
function markdownShape(s: string): string {
  let shape = markdownCache.get(s);
  if (shape === undefined) {
    try {
      shape = JSON.stringify(parseMarkdown(s), (key, value: unknown) => (key === 'text' && typeof value === 'string' ? value.replace(/[ \t]+/g, ' ') : value));
    } catch {
      shape = s;
    }
    if (markdownCache.size > 5000) markdownCache.clear();
    markdownCache.set(s, shape);
  }
  return shape;
}

/** Two Markdown texts that render the same (a paragraph reflowed over other lines is the same text). */
export function sameMarkdown(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = (a ?? '').trim();
  const y = (b ?? '').trim();
  if (x === y) return true;
  if (!x || !y) return false;
  return markdownShape(x) === markdownShape(y);
}

/** Lower-case words of a text (letters and digits). */
export function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** How alike two texts are, 0…1 (Dice coefficient over their words); two empty texts are alike. */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 && wb.length === 0) return 1;
  if (wa.length === 0 || wb.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      common++;
      counts.set(w, n - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}

/** A stable text of any value: object keys sorted, strings with whitespace normalised. */
export function canonical(v: unknown): string {
  return JSON.stringify(sortValue(v));
}

function sortValue(v: unknown): unknown {
  if (typeof v === 'string') return normText(v);
  if (Array.isArray(v)) return v.map(sortValue);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, sortValue((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** One row of an alignment: an item of the old list (a), of the new list (b), or both. */
export interface Pair {
  a?: number;
  b?: number;
  /** Both present, but the item changed its place relative to the others. */
  moved?: boolean;
}

export interface AlignOptions<T> {
  /** Identity: items with equal keys are the same item. */
  key: (x: T) => string;
  /** Text for pairing items that are not identical but alike (e.g. a step that was reworded). */
  text?: (x: T) => string;
  /** Least similarity to pair items when the old and new run between two anchors hold several items. */
  threshold?: number;
  /** Least similarity to pair a single removed item with a single added one at the same place. */
  single?: number;
}

/**
 * Align an ordered list: items with the same key in the same order are anchors (longest common
 * subsequence); between two anchors, a removed and an added item that are alike are one changed
 * item; an item with the same key found elsewhere has moved. What is left was removed or added.
 */
export function alignLists<T>(as: readonly T[], bs: readonly T[], o: AlignOptions<T>): Pair[] {
  const ka = as.map(o.key);
  const kb = bs.map(o.key);
  const n = ka.length;
  const m = kb.length;
  // LCS table, suffix form: lcs[i][j] = LCS of ka[i..] and kb[j..].
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = ka[i] === kb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  // Walk the table: anchors, and the runs (gaps) of unmatched items between them.
  const segments: { anchor?: Pair; gapA: number[]; gapB: number[] }[] = [{ gapA: [], gapB: [] }];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && ka[i] === kb[j]) {
      segments.push({ anchor: { a: i++, b: j++ }, gapA: [], gapB: [] });
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      segments[segments.length - 1]!.gapA.push(i++);
    } else {
      segments[segments.length - 1]!.gapB.push(j++);
    }
  }
  // Moves first: an unmatched old item whose key is found among the unmatched new ones.
  const movedTo = new Map<number, number>();
  const freeB = new Map<string, number[]>();
  for (const seg of segments) for (const b of seg.gapB) freeB.set(kb[b]!, [...(freeB.get(kb[b]!) ?? []), b]);
  for (const seg of segments) {
    for (const a of seg.gapA) {
      const b = freeB.get(ka[a]!)?.shift();
      if (b !== undefined) movedTo.set(b, a);
    }
  }
  const movedFrom = new Set(movedTo.values());
  const out: Pair[] = [];
  for (const seg of segments) {
    if (seg.anchor) out.push(seg.anchor);
    const restA = seg.gapA.filter((a) => !movedFrom.has(a));
    const restB = seg.gapB.filter((b) => !movedTo.has(b));
    const paired = pairGap(as, bs, restA, restB, o);
    // Removed items first, then the new run in its order (paired, moved, added).
    out.push(...paired.filter((p) => p.b === undefined));
    for (const b of seg.gapB) out.push(movedTo.has(b) ? { a: movedTo.get(b)!, b, moved: true } : paired.find((p) => p.b === b)!);
  }
  return out;
}

function pairGap<T>(as: readonly T[], bs: readonly T[], gapA: number[], gapB: number[], o: AlignOptions<T>): Pair[] {
  if (gapA.length === 0 || gapB.length === 0 || !o.text) return [...gapA.map((a) => ({ a })), ...gapB.map((b) => ({ b }))];
  const partner = new Map<number, number>();
  if (gapA.length === 1 && gapB.length === 1) {
    if (similarity(o.text(as[gapA[0]!]!), o.text(bs[gapB[0]!]!)) >= (o.single ?? 0)) partner.set(gapB[0]!, gapA[0]!);
  } else {
    const candidates: { a: number; b: number; s: number }[] = [];
    for (const a of gapA) for (const b of gapB) candidates.push({ a, b, s: similarity(o.text(as[a]!), o.text(bs[b]!)) });
    candidates.sort((x, y) => y.s - x.s || x.b - y.b || x.a - y.a);
    const usedA = new Set<number>();
    for (const c of candidates) {
      if (c.s < (o.threshold ?? 0.5)) break;
      if (usedA.has(c.a) || partner.has(c.b)) continue;
      usedA.add(c.a);
      partner.set(c.b, c.a);
    }
  }
  const paired = new Set(partner.values());
  return [...gapA.filter((a) => !paired.has(a)).map((a) => ({ a })), ...gapB.map((b) => (partner.has(b) ? { a: partner.get(b)!, b } : { b }))];
}

/**
 * Match items regardless of order: by the first key function, then what is left by the next one,
 * and so on (a key function returning undefined does not match). Equal keys pair in list order.
 * Returns pairs in the new list's order, then removed items in the old list's order.
 */
export function matchByKeys<T>(as: readonly T[], bs: readonly T[], keys: ((x: T) => string | undefined)[]): Pair[] {
  const partnerOfB = new Map<number, number>();
  const usedA = new Set<number>();
  for (const key of keys) {
    const free = new Map<string, number[]>();
    as.forEach((x, a) => {
      if (usedA.has(a)) return;
      const k = key(x);
      if (k === undefined) return;
      const list = free.get(k) ?? [];
      list.push(a);
      free.set(k, list);
    });
    bs.forEach((x, b) => {
      if (partnerOfB.has(b)) return;
      const k = key(x);
      if (k === undefined) return;
      const a = free.get(k)?.shift();
      if (a === undefined) return;
      usedA.add(a);
      partnerOfB.set(b, a);
    });
  }
  const out: Pair[] = bs.map((_, b) => (partnerOfB.has(b) ? { a: partnerOfB.get(b)!, b } : { b }));
  as.forEach((_, a) => {
    if (!usedA.has(a)) out.push({ a });
  });
  return out;
}

/**
 * Mark matched pairs whose relative order changed: those outside the longest run that keeps the
 * old order (longest increasing subsequence of old positions, in new order).
 */
export function markMoves(pairs: Pair[]): void {
  const matched = pairs.filter((p) => p.a !== undefined && p.b !== undefined).sort((x, y) => x.b! - y.b!);
  const seq = matched.map((p) => p.a!);
  // Patience-sorting LIS with back pointers.
  const tails: number[] = [];
  const prev: number[] = new Array<number>(seq.length).fill(-1);
  for (let k = 0; k < seq.length; k++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[k]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const keep = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) keep.add(k);
  matched.forEach((p, k) => {
    if (!keep.has(k)) p.moved = true;
  });
}

/** Every string and number inside a value, in order, as one text (for similarity); `skip` names top-level keys to leave out. */
export function leafText(v: unknown, skip: readonly string[] = []): string {
  const parts: string[] = [];
  const walk = (x: unknown, top: boolean) => {
    if (typeof x === 'string') parts.push(x);
    else if (typeof x === 'number') parts.push(String(x));
    else if (Array.isArray(x)) x.forEach((y) => walk(y, false));
    else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) if (!(top && skip.includes(k))) walk(y, false);
  };
  walk(v, true);
  return parts.join(' ');
}
