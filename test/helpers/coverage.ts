import assert from 'node:assert/strict';

/** A node of the `mqg4ai/coverage` answer, as the protocol tests read it. */
export interface CoverageItem {
  id: string;
  label: string;
  kind: string;
  status: string;
  covered: number;
  total: number;
  uri?: string;
  range?: { start: { line: number } };
  description?: string;
  detail?: string;
  create?: { kind: string; uri: string };
  perspectives?: { safety: number; security: number; both: number; undeclared: number };
  children: CoverageItem[];
}

/** The first node, depth first, that satisfies `predicate`. */
export function findItem(items: CoverageItem[], predicate: (i: CoverageItem) => boolean): CoverageItem | undefined {
  for (const item of items) {
    if (predicate(item)) return item;
    const inner = findItem(item.children, predicate);
    if (inner) return inner;
  }
  return undefined;
}

/** A coverage node as any of the outputs carries it (protocol answer, JSON report). */
export interface CountedNode {
  readonly id: string;
  readonly covered: number;
  readonly total: number;
  readonly children: readonly CountedNode[];
}

/** Asserts that every inner node's covered and total counts are the sums of its children's. */
export function assertCountsAddUp(node: CountedNode): void {
  if (node.children.length === 0) return;
  assert.equal(
    node.covered,
    node.children.reduce((n, c) => n + c.covered, 0),
    node.id,
  );
  assert.equal(
    node.total,
    node.children.reduce((n, c) => n + c.total, 0),
    node.id,
  );
  node.children.forEach(assertCountsAddUp);
}
