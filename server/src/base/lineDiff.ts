/** One line of a diff: kept, removed (only in `before`) or added (only in `after`). */
export interface DiffLine {
  readonly kind: 'same' | 'removed' | 'added';
  readonly text: string;
}

/** Longest stretch compared line by line; beyond it the differing middle counts as replaced whole. */
const MAX_CELLS = 4_000_000;

/**
 * A line diff of `before` and `after` (longest common subsequence, after trimming the common
 * start and end). Deterministic: removals come before additions within a change.
 */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const result: DiffLine[] = before.slice(0, start).map((text) => ({ kind: 'same', text }));
  const a = before.slice(start, endBefore);
  const b = after.slice(start, endAfter);
  result.push(...middle(a, b));
  for (const text of before.slice(endBefore)) result.push({ kind: 'same', text });
  return result;
}

function middle(a: readonly string[], b: readonly string[]): DiffLine[] {
  if (a.length * b.length > MAX_CELLS || a.length === 0 || b.length === 0) {
    return [...a.map((text): DiffLine => ({ kind: 'removed', text })), ...b.map((text): DiffLine => ({ kind: 'added', text }))];
  }
  // lengths[i][j]: LCS length of a[i..] and b[j..], one row at a time over a flat array.
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const result: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      result.push({ kind: 'same', text: a[i++] });
      j++;
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) result.push({ kind: 'removed', text: a[i++] });
    else result.push({ kind: 'added', text: b[j++] });
  }
  while (i < a.length) result.push({ kind: 'removed', text: a[i++] });
  while (j < b.length) result.push({ kind: 'added', text: b[j++] });
  return result;
}
