import { posix } from 'node:path';
import type { CoverageStatus } from '../analysis/coverage/types';
import type { ReportGap, ReportLocation } from '../analysis/coverage/reportData';

/** Text helpers shared by the Markdown and HTML coverage reports. */

export const PERSPECTIVE_STATUS: Record<CoverageStatus, string> = {
  covered: 'both sides',
  partial: 'one-sided or undeclared',
  open: 'undeclared',
  missing: 'undeclared',
  broken: 'broken',
};

/** Shown percentages: 100% only when all is covered, 0% only when nothing is. */
export function percentText(covered: number, total: number): string {
  if (total === 0) return '–';
  if (covered === total) return '100%';
  const value = Math.round((100 * covered) / total);
  return `${Math.min(99, Math.max(covered > 0 ? 1 : 0, value))}%`;
}

/**
 * A relative link destination from the folder the report is saved in (`toRoot` leads from there
 * to the report root): every path segment percent-encoded, `#L<line>` when known.
 */
export function href(location: ReportLocation, toRoot: string): string | undefined {
  if (!location.file) return undefined;
  const path = (toRoot ? posix.join(toRoot, location.file) : location.file)
    .split('/')
    .map((segment) =>
      segment === '.' || segment === '..' ? segment : encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
  return location.line ? `${path}#L${location.line}` : path;
}

/** `path/to/file.md:12` (or just `file.md:12` when `short`). */
export function locationText(location: ReportLocation, short = false): string {
  if (!location.file) return '';
  return `${short ? posix.basename(location.file) : location.file}${location.line ? `:${location.line}` : ''}`;
}

export function openCount(gaps: readonly ReportGap[]): number {
  return gaps.reduce((n, g) => n + g.count, 0);
}

export function gapWhat(gap: ReportGap): string {
  return [...gap.trail, gap.label].join(' › ');
}

export const STATUS_TEXT: Record<CoverageStatus, string> = { covered: 'covered', partial: 'partial', open: 'open', missing: 'missing', broken: 'broken' };

export /** Gaps by "tree › group" (or just the group with one tree), in report order. */
function groupGaps(gaps: readonly ReportGap[], withTree: boolean): Map<string, ReportGap[]> {
  const groups = new Map<string, ReportGap[]>();
  for (const gap of gaps) {
    const key = withTree ? `${gap.tree} › ${gap.group}` : gap.group;
    const list = groups.get(key) ?? [];
    list.push(gap);
    groups.set(key, list);
  }
  return groups;
}
