import type { ReportReviews } from '../review/reviewReport';
import { posix } from 'node:path';
import type { Severity, TraceDiagnostic } from '../../domain/codes';
import type { SuppressedDiagnostic } from '../diagnostics/documentDiagnostics';
import type { CoverageNode, CoverageNodeKind, CoverageStatus } from './types';

/**
 * The data of the reviewer-ready coverage report (`mqg4ai coverage`, "MQG4AI: Export
 * Coverage Report"): per-group tables, open gaps, broken traces, accepted deviations. Pure:
 * takes the coverage trees and diagnostics already computed and reads nothing. This is the
 * JSON format; render/ turns it into Markdown and HTML (docs/coverage.md).
 */
/** Diagnostics of one document (absolute POSIX path). */
export interface ReportFileDiagnostics {
  readonly path: string;
  readonly diagnostics: readonly TraceDiagnostic[];
}

/** Suppressed findings of one document (absolute POSIX path): its accepted deviations. */
export interface ReportFileSuppressed {
  readonly path: string;
  readonly suppressed: readonly SuppressedDiagnostic[];
}

export interface CoverageReportInput {
  /** Absolute POSIX path of the reported folder: JSON paths are relative to it. */
  readonly root: string;
  /** Top nodes of the coverage tree (one per MQG4AI tree). */
  readonly trees: readonly CoverageNode[];
  /** The check's diagnostics; only broken traces (see {@link isBrokenTrace}) are reported. */
  readonly diagnostics: readonly ReportFileDiagnostics[];
  /** Findings silenced by `mqg4ai-disable` comments (any code), listed as accepted deviations. */
  readonly suppressed?: readonly ReportFileSuppressed[];
  readonly generatedAt: Date;
  /** The git commit the workspace is at, when it is in a git repository. */
  readonly commit?: string;
  readonly title?: string;
  /** Folder the report is saved in: Markdown and HTML links are relative to it (default: `root`). */
  readonly linkBase?: string;
  /** Review status per assessment (docs/review.md), when reviews are reported. */
  readonly reviews?: readonly ReportReviews[];
}

/** Diagnostic codes listed as broken traces: links that lead nowhere or to the wrong kind of document. */
export const BROKEN_TRACE_CODES: ReadonlySet<string> = new Set([
  'link.missing-file',
  'link.missing-folder',
  'link.missing-anchor',
  'link.empty',
  'trace.risk-link-target',
]);

export function isBrokenTrace(diagnostic: Pick<TraceDiagnostic, 'code'>): boolean {
  return BROKEN_TRACE_CODES.has(diagnostic.code);
}

/** Shown for a suppression without a reason (which is itself flagged as `suppression.missing-reason`). */
export const NO_REASON = '(no reason given)';

export const DEFAULT_REPORT_TITLE = 'MQG4AI assessment coverage';

/** Node kinds that get a row in the per-group tables (the leaves below them appear as gaps). */
const ROW_KINDS: ReadonlySet<CoverageNodeKind> = new Set([
  'requirement',
  'section',
  'stage',
  'folder',
  'collection-qg',
  'leaf-qg',
  'placeholder',
  'risk',
  'information-block',
  'pack-section',
]);

/** Kinds whose open leaves are listed one by one even when nothing below them has a document. */
const LISTED_ITEM_BY_ITEM: ReadonlySet<CoverageNodeKind> = new Set(['pack-section']);

// ---- the report's data (the JSON format, version 1) --------------------------------------

/** A place in a document: `file` relative to the report root. */
export interface ReportLocation {
  readonly file?: string;
  /** 1-based line. */
  readonly line?: number;
}

export interface ReportRow extends ReportLocation {
  /** 0 for the group's children, 1 for theirs, ... */
  readonly depth: number;
  readonly label: string;
  readonly kind: CoverageNodeKind;
  readonly description?: string;
  readonly status: CoverageStatus;
  readonly covered: number;
  readonly total: number;
  readonly percent: number;
}

export interface ReportGroup {
  /** `altai`, `lifecycle`, `risks` or `system`. */
  readonly key: string;
  readonly label: string;
  readonly status: CoverageStatus;
  readonly covered: number;
  readonly total: number;
  readonly percent: number;
  readonly rows: readonly ReportRow[];
}

/** A coverage node with its document relative to the report root (`file`) instead of an absolute `path`. */
export interface ReportNode extends Omit<CoverageNode, 'path' | 'children'> {
  readonly file?: string;
  readonly children: readonly ReportNode[];
}

/** Per trustworthy-AI requirement: how many risks take each perspective (docs/packs.md). */
export interface ReportPerspective {
  readonly requirement: string;
  readonly safety: number;
  readonly security: number;
  readonly both: number;
  readonly undeclared: number;
  readonly status: CoverageStatus;
}

export interface ReportTree {
  readonly label: string;
  /** The tree's folder relative to the report root (`.` for the root itself). */
  readonly folder: string;
  readonly status: CoverageStatus;
  readonly covered: number;
  readonly total: number;
  readonly percent: number;
  readonly groups: readonly ReportGroup[];
  /** Safety and security perspectives of the tree's risks, per requirement (empty without risks). */
  readonly perspectives: readonly ReportPerspective[];
  /** The whole coverage tree. */
  readonly node: ReportNode;
}

export interface ReportGap extends ReportLocation {
  readonly tree: string;
  readonly group: string;
  /** Labels of the nodes between the group and the gap. */
  readonly trail: readonly string[];
  readonly label: string;
  readonly kind: CoverageNodeKind;
  readonly status: CoverageStatus;
  /** Open leaves this gap stands for: 1 for a question or section, all of them for a missing document. */
  readonly count: number;
  readonly description?: string;
  readonly detail?: string;
}

export interface ReportTrace {
  readonly file: string;
  /** 1-based line and column of the diagnostic. */
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly target?: string;
}

/** A finding silenced by an `mqg4ai-disable` comment, with the comment's reason ('' if none). */
export interface ReportDeviation extends ReportTrace {
  readonly reason: string;
}

export interface CoverageCounts {
  readonly covered: number;
  readonly total: number;
  readonly percent: number;
}

export interface CoverageReportData {
  readonly version: 1;
  readonly title: string;
  /** ISO 8601, UTC. */
  readonly generated: string;
  readonly commit: string | null;
  /** Absolute path of the reported folder. */
  readonly root: string;
  readonly summary: {
    readonly trees: number;
    readonly overall: CoverageCounts;
    /** Sums of the groups of the same key over all trees (`altai`, `lifecycle`, `risks`, `system`). */
    readonly groups: Readonly<Record<string, CoverageCounts>>;
    /** Open leaves (questions, sections, parts, blocks) over all trees. */
    readonly gaps: number;
    readonly brokenTraces: number;
    readonly acceptedDeviations: number;
  };
  readonly trees: readonly ReportTree[];
  readonly gaps: readonly ReportGap[];
  readonly brokenTraces: readonly ReportTrace[];
  readonly acceptedDeviations: readonly ReportDeviation[];
  /** Review status per assessment (docs/review.md). */
  readonly reviews?: readonly ReportReviews[];
}

/** `${root}#altai` -> `altai`: the group's key, from the id the coverage builder gives it. */
export function groupKey(group: Pick<CoverageNode, 'id'>): string {
  const hash = group.id.lastIndexOf('#');
  return hash >= 0 ? group.id.slice(hash + 1) : group.id;
}

/** The folder of a tree's top node (`tree:/abs/root`). */
export function treeFolder(tree: Pick<CoverageNode, 'id' | 'description'>): string {
  return tree.id.startsWith('tree:') ? tree.id.slice('tree:'.length) : (tree.description ?? '');
}

/** Percent covered, one decimal (0 for an empty total). */
export function percentOf(covered: number, total: number): number {
  return total > 0 ? Math.round((1000 * covered) / total) / 10 : 0;
}

/** The report's data (the JSON format), paths relative to the report root. */
export function coverageReportData(input: CoverageReportInput): CoverageReportData {
  const rel = (path: string) => toPosixRelative(input.root, path);
  const location = (node: CoverageNode): ReportLocation =>
    node.path ? { file: rel(node.path), ...(node.range ? { line: node.range.start.line + 1 } : {}) } : {};
  const toReportNode = (node: CoverageNode): ReportNode => {
    const { path, children, ...rest } = node;
    return { ...rest, ...(path ? { file: rel(path) } : {}), children: children.map(toReportNode) };
  };

  const gaps: ReportGap[] = [];
  const trees: ReportTree[] = input.trees.map((tree) => {
    const groups = tree.children.map((group): ReportGroup => {
      const rows: ReportRow[] = [];
      const gap = (node: CoverageNode, trail: string[], count: number) =>
        gaps.push({
          tree: tree.label,
          group: group.label,
          trail,
          label: node.label,
          kind: node.kind,
          status: node.status,
          count,
          ...(node.description ? { description: node.description } : {}),
          ...(node.detail ? { detail: node.detail } : {}),
          ...location(node),
        });
      const walk = (node: CoverageNode, depth: number, trail: string[], gapListed: boolean) => {
        if (ROW_KINDS.has(node.kind)) {
          rows.push({
            depth,
            label: node.label,
            kind: node.kind,
            ...(node.description ? { description: node.description } : {}),
            status: node.status,
            covered: node.covered,
            total: node.total,
            percent: percentOf(node.covered, node.total),
            ...location(node),
          });
        }
        if (node.children.length === 0) {
          if (!gapListed && node.covered < node.total) gap(node, trail, node.total - node.covered);
          return;
        }
        // A part with no document at all (a missing requirement) is one gap, not one per question.
        if (!gapListed && node.covered === 0 && node.total > 0 && !hasDocument(node) && !LISTED_ITEM_BY_ITEM.has(node.kind)) {
          gap(node, trail, node.total);
          gapListed = true;
        }
        const below = ROW_KINDS.has(node.kind) ? depth + 1 : depth;
        for (const child of node.children) walk(child, below, [...trail, node.label], gapListed);
      };
      for (const child of group.children) walk(child, 0, [], false);
      return {
        key: groupKey(group),
        label: group.label,
        status: group.status,
        covered: group.covered,
        total: group.total,
        percent: percentOf(group.covered, group.total),
        rows,
      };
    });
    return {
      label: tree.label,
      folder: toPosixRelative(input.root, treeFolder(tree)),
      status: tree.status,
      covered: tree.covered,
      total: tree.total,
      percent: percentOf(tree.covered, tree.total),
      groups,
      perspectives: perspectivesOf(tree),
      node: toReportNode(tree),
    };
  });

  const trace = (path: string, d: TraceDiagnostic): ReportTrace => ({
    file: rel(path),
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.target !== undefined ? { target: d.target } : {}),
  });
  const byPlace = (a: ReportTrace, b: ReportTrace) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column);
  const brokenTraces: ReportTrace[] = input.diagnostics.flatMap((file) => file.diagnostics.filter(isBrokenTrace).map((d) => trace(file.path, d))).sort(byPlace);
  const acceptedDeviations: ReportDeviation[] = (input.suppressed ?? [])
    .flatMap((file) => file.suppressed.map((s) => ({ ...trace(file.path, s.diagnostic), reason: s.reason })))
    .sort(byPlace);

  const sums = new Map<string, { covered: number; total: number }>();
  for (const tree of input.trees) {
    for (const group of tree.children) {
      const sum = sums.get(groupKey(group)) ?? { covered: 0, total: 0 };
      sum.covered += group.covered;
      sum.total += group.total;
      sums.set(groupKey(group), sum);
    }
  }
  const counts = (c: { covered: number; total: number }): CoverageCounts => ({ covered: c.covered, total: c.total, percent: percentOf(c.covered, c.total) });
  const overall = input.trees.reduce((s, t) => ({ covered: s.covered + t.covered, total: s.total + t.total }), { covered: 0, total: 0 });

  return {
    version: 1,
    title: input.title ?? DEFAULT_REPORT_TITLE,
    generated: input.generatedAt.toISOString(),
    commit: input.commit ?? null,
    root: input.root,
    summary: {
      trees: trees.length,
      overall: counts(overall),
      groups: Object.fromEntries([...sums].map(([key, c]) => [key, counts(c)])),
      gaps: gaps.reduce((n, g) => n + g.count, 0),
      brokenTraces: brokenTraces.length,
      acceptedDeviations: acceptedDeviations.length,
    },
    trees,
    gaps,
    brokenTraces,
    acceptedDeviations,
    ...(input.reviews ? { reviews: input.reviews } : {}),
  };
}

export function perspectivesOf(tree: CoverageNode): ReportPerspective[] {
  const found: ReportPerspective[] = [];
  const walk = (node: CoverageNode) => {
    if (node.kind === 'perspective' && node.perspectives) found.push({ requirement: node.label, ...node.perspectives, status: node.status });
    node.children.forEach(walk);
  };
  walk(tree);
  return found;
}

export function hasDocument(node: CoverageNode): boolean {
  return !!node.path || node.children.some(hasDocument);
}

export function toPosixRelative(base: string, path: string): string {
  const rel = posix.relative(base, path);
  return rel === '' ? '.' : rel;
}
