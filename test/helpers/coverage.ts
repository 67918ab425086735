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
