import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { CheckResult } from './checkResult';
import type { Severity, TraceDiagnostic } from '../../domain/codes';

/**
 * The findings of a check, flattened for the CI outputs (text, JSON, SARIF, JUnit) and
 * baselines: every diagnostic and every suppressed one, each with a root-relative file, a
 * line-independent identity and, after {@link compareWithBaseline}, whether it is new.
 * Editor-independent; documented in docs/cli.md.
 */
export interface Finding {
  /** The file relative to the checked root (POSIX), or its absolute path when outside it. */
  readonly file: string;
  /** Absolute POSIX path of the file. */
  readonly path: string;
  readonly diagnostic: TraceDiagnostic;
  /** Set for a finding silenced by an `mqg4ai-disable` comment: the comment's reason ('' if none). */
  readonly suppressed?: string;
  /**
   * What identifies the finding in its file apart from the code, surviving line shifts:
   * the link destination, the catalogue question, or else the message with line numbers blanked.
   */
  readonly key: string;
  /** Stable across runs and line shifts: a hash of file, code, key and occurrence (see {@link fingerprintOf}). */
  readonly fingerprint: string;
  /** Only after comparing with a baseline: `new` (not in it) or `unchanged`. Never set on suppressed findings. */
  readonly baseline?: 'new' | 'unchanged';
}

/** The `--fail-on` levels: a finding at or above the level fails the check. */
export type FailOn = 'error' | 'warning' | 'information';
export const FAIL_ON_LEVELS: readonly FailOn[] = ['error', 'warning', 'information'];

export function isFailOn(value: unknown): value is FailOn {
  return typeof value === 'string' && (FAIL_ON_LEVELS as readonly string[]).includes(value);
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** Whether `severity` is at or above `level` (error > warning > information > hint). */
export function atOrAbove(severity: Severity, level: FailOn): boolean {
  return RANK[severity] >= RANK[level];
}

/**
 * Whether a finding fails the check: not suppressed, not already in the baseline, and at
 * or above the `--fail-on` level.
 */
export function fails(finding: Finding, failOn: FailOn): boolean {
  return finding.suppressed === undefined && finding.baseline !== 'unchanged' && atOrAbove(finding.diagnostic.severity, failOn);
}

/** The identity of a diagnostic within its file and code (see {@link Finding.key}). */
export function findingKey(diagnostic: TraceDiagnostic): string {
  if (diagnostic.target !== undefined) return `target:${diagnostic.target}`;
  if (diagnostic.questionId !== undefined) return `question:${diagnostic.questionId}`;
  return `message:${diagnostic.message.replace(/\b(lines?|columns?)\s+\d+/gi, '$1 #')}`;
}

/** sha-256 (32 hex digits) of file, code, key and the finding's occurrence among equal ones (0, 1, ...). */
export function fingerprintOf(file: string, code: string, key: string, occurrence: number): string {
  return createHash('sha256')
    .update([file, code, key, String(occurrence)].join('\0'))
    .digest('hex')
    .slice(0, 32);
}

/** The 1-based line of a finding (its range's start, as in the text output). */
export function findingLine(finding: Finding): number {
  return finding.diagnostic.range.start.line + 1;
}

/**
 * Every finding of a check, diagnostics and suppressed ones together, by file (path order)
 * then position. Equal findings (same file, code and key) are numbered in document order
 * for their fingerprints.
 */
export function collectFindings(result: Pick<CheckResult, 'root' | 'reports'>): Finding[] {
  const findings: Finding[] = [];
  for (const report of result.reports) {
    const file = relativeFile(result.root, report.path);
    const items = [
      ...report.diagnostics.map((diagnostic) => ({ diagnostic, suppressed: undefined as string | undefined })),
      ...report.suppressed.map((s) => ({ diagnostic: s.diagnostic, suppressed: s.reason })),
    ].sort(
      (a, b) =>
        a.diagnostic.range.start.line - b.diagnostic.range.start.line ||
        a.diagnostic.range.start.character - b.diagnostic.range.start.character ||
        (a.diagnostic.code < b.diagnostic.code ? -1 : a.diagnostic.code > b.diagnostic.code ? 1 : 0),
    );
    const seen = new Map<string, number>();
    for (const { diagnostic, suppressed } of items) {
      const key = findingKey(diagnostic);
      const id = `${diagnostic.code}\0${key}`;
      const occurrence = seen.get(id) ?? 0;
      seen.set(id, occurrence + 1);
      findings.push({
        file,
        path: report.path,
        diagnostic,
        ...(suppressed !== undefined ? { suppressed } : {}),
        key,
        fingerprint: fingerprintOf(file, diagnostic.code, key, occurrence),
      });
    }
  }
  return findings;
}

/** `path` relative to `root` (POSIX), or `path` itself when it is not inside `root`. */
export function relativeFile(root: string, path: string): string {
  const relative = posix.relative(root, path);
  return relative === '' || relative.startsWith('../') || relative === '..' || posix.isAbsolute(relative) ? path : relative;
}
