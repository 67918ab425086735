import type { Finding } from './findings';
import { findingLine } from './findings';

/**
 * Baselines: the findings a team has accepted for now, committed as JSON
 * (`mqg4ai check --write-baseline FILE`), so that `--baseline FILE` fails only on new
 * ones. A finding matches a baseline entry by file, code and key (link destination,
 * catalogue question or message), never by line, so edits above it do not make it new.
 * Equal findings are matched one to one, each to the nearest line. The file format
 * (version 1) is documented in docs/cli.md.
 */

export interface BaselineEntry {
  /** Relative to the checked root, POSIX. */
  readonly file: string;
  readonly code: string;
  /** See `Finding.key`: what identifies the finding in its file. */
  readonly key: string;
  /** 1-based; informative and a tie-breaker between equal findings, not part of the match. */
  readonly line?: number;
  readonly severity?: string;
  readonly message?: string;
  readonly fingerprint?: string;
}

export interface Baseline {
  readonly version: 1;
  readonly tool: 'mqg4ai';
  readonly findings: readonly BaselineEntry[];
}

/**
 * The baseline of the current findings (suppressed ones are already accepted in the
 * documents and left out). No date in it, so rewriting an unchanged baseline changes nothing.
 */
export function createBaseline(findings: readonly Finding[]): Baseline {
  return {
    version: 1,
    tool: 'mqg4ai',
    findings: findings
      .filter((f) => f.suppressed === undefined)
      .map((f) => ({
        file: f.file,
        line: findingLine(f),
        code: f.diagnostic.code,
        severity: f.diagnostic.severity,
        key: f.key,
        message: f.diagnostic.message,
        fingerprint: f.fingerprint,
      })),
  };
}

export function renderBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Reads a baseline file's text; throws an Error saying what is wrong. */
export function parseBaseline(text: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`, { cause: error });
  }
  const object = value as { version?: unknown; findings?: unknown };
  if (typeof value !== 'object' || value === null || object.version !== 1 || !Array.isArray(object.findings)) {
    throw new Error('not an mqg4ai baseline (version 1 with a "findings" list); write one with --write-baseline');
  }
  object.findings.forEach((entry: unknown, i) => {
    const e = entry as Partial<Record<keyof BaselineEntry, unknown>>;
    if (typeof entry !== 'object' || entry === null || typeof e.file !== 'string' || typeof e.code !== 'string' || typeof e.key !== 'string') {
      throw new Error(`findings[${i}] needs "file", "code" and "key" strings`);
    }
    if (e.line !== undefined && (typeof e.line !== 'number' || !Number.isFinite(e.line))) throw new Error(`findings[${i}].line must be a number`);
  });
  return { version: 1, tool: 'mqg4ai', findings: object.findings as BaselineEntry[] };
}

/**
 * Marks each unsuppressed finding `new` or `unchanged` against `baseline`. Within one
 * (file, code, key) group, baseline entries and findings are paired nearest line first
 * (ties: earlier finding first); findings left over are new. Suppressed findings are
 * returned as they are. O(n log n): a repository with thousands of equal findings
 * must not make the comparison quadratic.
 */
export function compareWithBaseline(findings: readonly Finding[], baseline: Baseline): Finding[] {
  const known = new Map<string, number[]>();
  for (const entry of baseline.findings) {
    const id = groupId(entry.file, entry.code, entry.key);
    const lines = known.get(id) ?? [];
    lines.push(entry.line ?? 0);
    known.set(id, lines);
  }
  const groups = new Map<string, number[]>();
  findings.forEach((f, i) => {
    if (f.suppressed !== undefined) return;
    const id = groupId(f.file, f.diagnostic.code, f.key);
    const members = groups.get(id) ?? [];
    members.push(i);
    groups.set(id, members);
  });

  const unchanged = new Set<number>();
  for (const [id, members] of groups) {
    const lines = known.get(id) ?? [];
    if (lines.length >= members.length) {
      members.forEach((i) => unchanged.add(i));
      continue;
    }
    for (const i of pairNearest(
      lines,
      members.map((i) => ({ i, line: findingLine(findings[i]) })),
    ))
      unchanged.add(i);
  }
  return findings.map((f, i) => (f.suppressed !== undefined ? f : { ...f, baseline: unchanged.has(i) ? 'unchanged' : 'new' }));
}

interface Point {
  readonly line: number;
  /** The finding's index; -1 for a baseline entry. */
  readonly i: number;
  prev?: Point;
  next?: Point;
  paired?: boolean;
}

/**
 * Greedy nearest-first pairing of entries with findings on a line: the closest
 * remaining (entry, finding) pair is always adjacent in line order, so a heap
 * of adjacent pairs replaces the list of all pairs. Returns the paired findings.
 */
function pairNearest(entryLines: readonly number[], members: ReadonlyArray<{ i: number; line: number }>): number[] {
  const points: Point[] = [...entryLines.map((line) => ({ line, i: -1 })), ...members.map((m) => ({ line: m.line, i: m.i }))];
  points.sort((a, b) => a.line - b.line || a.i - b.i);
  for (let k = 0; k < points.length; k++) {
    points[k].prev = points[k - 1];
    points[k].next = points[k + 1];
  }
  const heap = new PairHeap();
  const offer = (a: Point | undefined, b: Point | undefined) => {
    if (a && b && a.i < 0 !== b.i < 0) heap.push({ a, b, distance: b.line - a.line, finding: Math.max(a.i, b.i) });
  };
  for (let k = 0; k + 1 < points.length; k++) offer(points[k], points[k + 1]);
  const paired: number[] = [];
  for (let pair = heap.pop(); pair; pair = heap.pop()) {
    const { a, b } = pair;
    if (a.paired || b.paired || a.next !== b) continue;
    a.paired = b.paired = true;
    paired.push(Math.max(a.i, b.i));
    const before = a.prev;
    const after = b.next;
    if (before) before.next = after;
    if (after) after.prev = before;
    offer(before, after);
  }
  return paired;
}

interface Pair {
  readonly a: Point;
  readonly b: Point;
  readonly distance: number;
  readonly finding: number;
}

/** A binary min-heap of pairs by distance, then finding order. */
class PairHeap {
  private readonly items: Pair[] = [];

  push(pair: Pair): void {
    const items = this.items;
    items.push(pair);
    let k = items.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!less(items[k], items[parent])) break;
      [items[k], items[parent]] = [items[parent], items[k]];
      k = parent;
    }
  }

  pop(): Pair | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < items.length && less(items[l], items[m])) m = l;
        if (r < items.length && less(items[r], items[m])) m = r;
        if (m === k) break;
        [items[k], items[m]] = [items[m], items[k]];
        k = m;
      }
    }
    return top;
  }
}

function less(x: Pair, y: Pair): boolean {
  return x.distance < y.distance || (x.distance === y.distance && x.finding < y.finding);
}

function groupId(file: string, code: string, key: string): string {
  return `${file}\0${code}\0${key}`;
}
