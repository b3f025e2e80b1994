/**
 * Budgets of one YAML file, checked before the work they bound: the nesting a line can open on its
 * own (`- - - - …`: the parser recurses once per dash, and ten thousand overflow its stack before it
 * can say so), and the size of the data once aliases are expanded (one 400 KB anchor under the alias
 * count limit, used 99 times, made 40 MB of text and a gigabyte of memory).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Node } from 'yaml';
import { LIMITS } from './source-file.js';

/** Offset of the first line that opens more than LIMITS.yamlDepth nested items by itself, or -1. */
export function compactNestingOffset(source: string): number {
  const m = new RegExp(`^[ \\t]*(?:[-?][ \\t]+){${LIMITS.yamlDepth + 1}}`, 'm').exec(source);
  return m ? m.index : -1;
}

/** Characters of data a node stands for, aliases expanded (memoised: anchors are shared). */
function expandedSize(node: unknown, targets: Map<Alias, Node>, memo: Map<unknown, number>): number {
  const known = memo.get(node);
  if (known !== undefined) return known;
  let size = 0;
  if (isAlias(node)) {
    const target = targets.get(node);
    size = target ? expandedSize(target, targets, memo) : 0;
  } else if (isScalar(node)) {
    size = String(node.value ?? '').length + 1;
  } else if (isMap(node) || isSeq(node)) {
    for (const item of node.items as unknown[]) {
      if (isPair(item)) size += expandedSize(item.key, targets, memo) + expandedSize(item.value, targets, memo);
      else size += expandedSize(item, targets, memo);
    }
  }
  memo.set(node, size);
  return size;
}

/**
 * When the expanded data passes LIMITS.yamlExpandedChars: the first use of the anchor that adds
 * the most to it (its size times its uses), else undefined.
 */
export function expansionCulprit(contents: unknown, targets: Map<Alias, Node>): Alias | undefined {
  const memo = new Map<unknown, number>();
  if (expandedSize(contents, targets, memo) <= LIMITS.yamlExpandedChars) return undefined;
  const added = new Map<Node, { first: Alias; chars: number }>();
  for (const [alias, target] of targets) {
    const entry = added.get(target) ?? { first: alias, chars: 0 };
    entry.chars += expandedSize(target, targets, memo);
    added.set(target, entry);
  }
  return [...added.values()].sort((a, b) => b.chars - a.chars)[0]?.first;
}
