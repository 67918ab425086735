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
 * (file, code, key) group, baseline entries and findings are paired nearest line first;
 * findings left over are new. Suppressed findings are returned as they are.
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
    // Pair nearest first: every (entry, finding) pair by line distance, each used once.
    const pairs = lines.flatMap((line, e) => members.map((i) => ({ e, i, distance: Math.abs(findingLine(findings[i]) - line) })));
    pairs.sort((a, b) => a.distance - b.distance || a.i - b.i);
    const usedEntries = new Set<number>();
    for (const pair of pairs) {
      if (usedEntries.has(pair.e) || unchanged.has(pair.i)) continue;
      usedEntries.add(pair.e);
      unchanged.add(pair.i);
    }
  }
  return findings.map((f, i) => (f.suppressed !== undefined ? f : { ...f, baseline: unchanged.has(i) ? 'unchanged' : 'new' }));
}

function groupId(file: string, code: string, key: string): string {
  return `${file}\0${code}\0${key}`;
}
