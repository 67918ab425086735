import { posix } from 'node:path';
import { htmlText as escapeHtml, markdownCode, markdownText as escapeMarkdown } from '../base/escape';
import type { Severity, TraceDiagnostic } from '../domain/codes';
import type { SuppressedDiagnostic } from '../analysis/diagnostics/documentDiagnostics';
import type { CoverageNode, CoverageNodeKind, CoverageStatus } from '../analysis/coverage/types';

/**
 * The reviewer-ready coverage report (`mqg4ai coverage`, "MQG4AI: Export Coverage Report"):
 * per-group tables, open gaps with links, broken traces, generation date and commit. Pure:
 * takes the coverage trees and diagnostics already computed, reads nothing, and renders
 * Markdown, self-contained HTML or JSON. The formats are documented in docs/coverage.md.
 */

export type ReportFormat = 'md' | 'html' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'json'];

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value);
}

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
const NO_REASON = '(no reason given)';

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
      return { key: groupKey(group), label: group.label, status: group.status, covered: group.covered, total: group.total, percent: percentOf(group.covered, group.total), rows };
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
  };
}

/** Renders the report in one format. */
export function renderCoverageReport(input: CoverageReportInput, format: ReportFormat): string {
  const data = coverageReportData(input);
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  const rootName = posix.basename(input.root) || input.root;
  const toRoot = posix.relative(input.linkBase ?? input.root, input.root);
  return format === 'md' ? renderMarkdown(data, rootName, toRoot) : renderHtml(data, rootName, toRoot);
}

/** `mqg4ai-coverage-2025-01-31.html`: the file name offered when saving a report. */
export function suggestedReportName(format: ReportFormat, generatedAt: Date = new Date()): string {
  return `mqg4ai-coverage-${generatedAt.toISOString().slice(0, 10)}.${format}`;
}

// ---- shared text helpers ----------------------------------------------------------------

function perspectivesOf(tree: CoverageNode): ReportPerspective[] {
  const found: ReportPerspective[] = [];
  const walk = (node: CoverageNode) => {
    if (node.kind === 'perspective' && node.perspectives) found.push({ requirement: node.label, ...node.perspectives, status: node.status });
    node.children.forEach(walk);
  };
  walk(tree);
  return found;
}

const PERSPECTIVE_STATUS: Record<CoverageStatus, string> = { covered: 'both sides', partial: 'one-sided or undeclared', open: 'undeclared', broken: 'broken' };

function hasDocument(node: CoverageNode): boolean {
  return !!node.path || node.children.some(hasDocument);
}

function toPosixRelative(base: string, path: string): string {
  const rel = posix.relative(base, path);
  return rel === '' ? '.' : rel;
}

/** Shown percentages: 100% only when all is covered, 0% only when nothing is. */
function percentText(covered: number, total: number): string {
  if (total === 0) return '–';
  if (covered === total) return '100%';
  const value = Math.round((100 * covered) / total);
  return `${Math.min(99, Math.max(covered > 0 ? 1 : 0, value))}%`;
}

/**
 * A relative link destination from the folder the report is saved in (`toRoot` leads from there
 * to the report root): every path segment percent-encoded, `#L<line>` when known.
 */
function href(location: ReportLocation, toRoot: string): string | undefined {
  if (!location.file) return undefined;
  const path = (toRoot ? posix.join(toRoot, location.file) : location.file)
    .split('/')
    .map((segment) => (segment === '.' || segment === '..' ? segment : encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)))
    .join('/');
  return location.line ? `${path}#L${location.line}` : path;
}

/** `path/to/file.md:12` (or just `file.md:12` when `short`). */
function locationText(location: ReportLocation, short = false): string {
  if (!location.file) return '';
  return `${short ? posix.basename(location.file) : location.file}${location.line ? `:${location.line}` : ''}`;
}

function openCount(gaps: readonly ReportGap[]): number {
  return gaps.reduce((n, g) => n + g.count, 0);
}

function gapWhat(gap: ReportGap): string {
  return [...gap.trail, gap.label].join(' › ');
}

const STATUS_TEXT: Record<CoverageStatus, string> = { covered: 'covered', partial: 'partial', open: 'open', broken: 'broken' };

/** Kept under their old names for callers of this module. */
export { escapeHtml, escapeMarkdown, markdownCode };

// ---- Markdown -----------------------------------------------------------------------------

/** A location (`file:line`) as inline code, linked to the document's line. */
function mdLocation(text: string, location: ReportLocation, toRoot: string, inTable = false): string {
  const target = href(location, toRoot);
  return target ? `[${markdownCode(text, inTable)}](${target})` : markdownCode(text, inTable);
}

function mdLink(text: string, location: ReportLocation, toRoot: string): string {
  const target = href(location, toRoot);
  return target ? `[${escapeMarkdown(text)}](${target})` : escapeMarkdown(text);
}

function renderMarkdown(data: CoverageReportData, rootName: string, toRoot: string): string {
  const out: string[] = [];
  const counts = (c: { covered: number; total: number }) => `${c.covered}/${c.total}`;
  out.push(`# ${escapeMarkdown(data.title)}`, '');
  out.push(`- Folder: ${escapeMarkdown(rootName)}`);
  out.push(`- Generated: ${escapeMarkdown(data.generated)}`);
  out.push(`- Commit: ${data.commit ? escapeMarkdown(data.commit) : 'not in a git repository'}`);
  out.push(
    `- Overall: ${counts(data.summary.overall)} (${percentText(data.summary.overall.covered, data.summary.overall.total)}), ` +
      `${data.summary.gaps} open gap(s), ${data.summary.brokenTraces} broken trace(s)`,
  );
  out.push('');

  out.push('## Summary', '');
  if (data.trees.length === 0) {
    out.push('No MQG4AI quality-gate tree (a folder holding `1_System`, `2_Lifecycle` or `3_RiskManagement`) was found.', '');
  } else {
    out.push('| Tree | Group | Covered | % | Status |', '| --- | --- | ---: | ---: | --- |');
    for (const tree of data.trees) {
      for (const group of tree.groups) {
        out.push(`| ${escapeMarkdown(tree.label)} | ${escapeMarkdown(group.label)} | ${counts(group)} | ${percentText(group.covered, group.total)} | ${STATUS_TEXT[group.status]} |`);
      }
      out.push(`| ${escapeMarkdown(tree.label)} | **All groups** | **${counts(tree)}** | **${percentText(tree.covered, tree.total)}** | ${STATUS_TEXT[tree.status]} |`);
    }
    out.push('');
  }

  for (const tree of data.trees) {
    out.push(`## Coverage: ${escapeMarkdown(tree.label)}`, '');
    if (tree.folder !== '.') out.push(`Folder: ${escapeMarkdown(tree.folder)}`, '');
    for (const group of tree.groups) {
      out.push(`### ${escapeMarkdown(group.label)}: ${counts(group)} (${percentText(group.covered, group.total)})`, '');
      if (group.rows.length === 0) {
        out.push('Nothing to cover in this group yet.', '');
        continue;
      }
      out.push('| Node | Covered | % | Status |', '| --- | ---: | ---: | --- |');
      for (const row of group.rows) {
        const indent = '&emsp;'.repeat(row.depth);
        const description = row.description ? ` (${escapeMarkdown(row.description)})` : '';
        out.push(`| ${indent}${mdLink(row.label, row, toRoot)}${description} | ${counts(row)} | ${percentText(row.covered, row.total)} | ${STATUS_TEXT[row.status]} |`);
      }
      out.push('');
    }
    if (tree.perspectives.length > 0) {
      out.push('### Safety and security perspectives of risks', '');
      out.push('| Requirement | Safety | Security | Both | Undeclared | Status |', '| --- | ---: | ---: | ---: | ---: | --- |');
      for (const p of tree.perspectives) {
        out.push(`| ${escapeMarkdown(p.requirement)} | ${p.safety} | ${p.security} | ${p.both} | ${p.undeclared} | ${PERSPECTIVE_STATUS[p.status]} |`);
      }
      out.push('');
    }
  }

  out.push(`## Open gaps (${data.summary.gaps})`, '');
  if (data.gaps.length === 0) out.push('None: every node is covered.', '');
  for (const [heading, gaps] of groupGaps(data.gaps, data.trees.length > 1)) {
    out.push(`### ${escapeMarkdown(heading)} (${openCount(gaps)})`, '');
    for (const gap of gaps) {
      const what = `**${escapeMarkdown(gapWhat(gap))}**`;
      const description = gap.description ? ` (${escapeMarkdown(gap.description)})` : '';
      const where = ` — ${gap.file ? mdLocation(locationText(gap, true), gap, toRoot) : 'no document'}${gap.count > 1 ? `, ${gap.count} open` : ''}`;
      const why = gap.detail ? ` — ${escapeMarkdown(gap.detail)}` : '';
      out.push(`- ${what}${description}${where}${why}`);
    }
    out.push('');
  }

  out.push(`## Broken traces (${data.brokenTraces.length})`, '');
  if (data.brokenTraces.length === 0) {
    out.push('None.', '');
  } else {
    out.push('| Location | Severity | Code | Message |', '| --- | --- | --- | --- |');
    for (const trace of data.brokenTraces) {
      out.push(`| ${mdLocation(locationText(trace), trace, toRoot, true)} | ${trace.severity} | ${escapeMarkdown(trace.code)} | ${escapeMarkdown(trace.message)} |`);
    }
    out.push('');
  }

  out.push(`## Accepted deviations (${data.acceptedDeviations.length})`, '');
  if (data.acceptedDeviations.length === 0) {
    out.push('None: no finding is silenced by an `mqg4ai-disable` comment.', '');
  } else {
    out.push('Findings silenced by an `mqg4ai-disable` comment, with the reason given there.', '');
    out.push('| Location | Code | Finding | Reason |', '| --- | --- | --- | --- |');
    for (const deviation of data.acceptedDeviations) {
      out.push(
        `| ${mdLocation(locationText(deviation), deviation, toRoot, true)} | ${escapeMarkdown(deviation.code)} | ${escapeMarkdown(deviation.message)} | ${deviation.reason ? escapeMarkdown(deviation.reason) : NO_REASON} |`,
      );
    }
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** Gaps by "tree › group" (or just the group with one tree), in report order. */
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

// ---- HTML -----------------------------------------------------------------------------------

function htmlLink(text: string, location: ReportLocation, toRoot: string): string {
  const target = href(location, toRoot);
  return target ? `<a href="${escapeHtml(target)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

function statusBadge(status: CoverageStatus): string {
  return `<span class="status status-${status}">${STATUS_TEXT[status]}</span>`;
}

function progress(covered: number, total: number): string {
  const width = total > 0 ? Math.round((1000 * covered) / total) / 10 : 0;
  return `<span class="bar" aria-hidden="true"><span style="width:${width}%"></span></span> ${percentText(covered, total)}`;
}

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa;
  --covered: #1a7f37; --partial: #9a6700; --open: #59636e; --broken: #cf222e; }
* { box-sizing: border-box; }
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); margin: 0 auto; padding: 24px; max-width: 1100px; }
h1 { font-size: 1.8em; margin: 0 0 8px; }
h2 { font-size: 1.35em; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1em; margin: 20px 0 6px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 16px; color: var(--muted); }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; width: 1%; }
td.st, th.st { white-space: nowrap; width: 1%; }
.mono { overflow-wrap: anywhere; } th.loc, td.loc { width: 38%; } td, li { overflow-wrap: anywhere; } td > code { white-space: nowrap; }
tr.total td { font-weight: 600; }
td.depth-1 { padding-left: 24px; } td.depth-2 { padding-left: 40px; } td.depth-3 { padding-left: 56px; } td.depth-4 { padding-left: 72px; } td.depth-5 { padding-left: 88px; }
.muted { color: var(--muted); }
a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
.status { display: inline-block; padding: 0 6px; border-radius: 8px; border: 1px solid currentColor; font-size: 0.85em; white-space: nowrap; }
.status-covered { color: var(--covered); } .status-partial { color: var(--partial); } .status-open { color: var(--open); } .status-broken { color: var(--broken); font-weight: 600; }
.bar { display: inline-block; width: 64px; height: 8px; border: 1px solid var(--line); border-radius: 4px; background: #fff; vertical-align: middle; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--covered); }
ul.gaps { padding-left: 20px; margin: 4px 0 12px; } ul.gaps li { margin: 2px 0; }
@media print {
  @page { margin: 14mm; }
  body { font-size: 9.5pt; padding: 0; max-width: none; }
  a { color: inherit; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  .bar, .bar > span, .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function renderHtml(data: CoverageReportData, rootName: string, toRoot: string): string {
  const out: string[] = [];
  const counts = (c: { covered: number; total: number }) => `${c.covered}/${c.total}`;
  out.push(
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="mqg4ai">',
    `<title>${escapeHtml(data.title)}: ${escapeHtml(rootName)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(data.title)}</h1>`,
    '<dl class="meta">',
    `<dt>Folder</dt><dd>${escapeHtml(rootName)}</dd>`,
    `<dt>Generated</dt><dd><time datetime="${escapeHtml(data.generated)}">${escapeHtml(data.generated)}</time></dd>`,
    `<dt>Commit</dt><dd>${data.commit ? `<code>${escapeHtml(data.commit)}</code>` : 'not in a git repository'}</dd>`,
    `<dt>Overall</dt><dd>${counts(data.summary.overall)} (${percentText(data.summary.overall.covered, data.summary.overall.total)}), ${data.summary.gaps} open gap(s), ${data.summary.brokenTraces} broken trace(s)</dd>`,
    '</dl>',
  );

  out.push('<section id="summary">', '<h2>Summary</h2>');
  if (data.trees.length === 0) {
    out.push('<p>No MQG4AI quality-gate tree (a folder holding <code>1_System</code>, <code>2_Lifecycle</code> or <code>3_RiskManagement</code>) was found.</p>');
  } else {
    out.push('<table>', '<thead><tr><th>Tree</th><th>Group</th><th class="num">Covered</th><th class="num">%</th><th class="st">Status</th></tr></thead>', '<tbody>');
    for (const tree of data.trees) {
      for (const group of tree.groups) {
        out.push(`<tr><td>${escapeHtml(tree.label)}</td><td>${escapeHtml(group.label)}</td><td class="num">${counts(group)}</td><td class="num">${progress(group.covered, group.total)}</td><td class="st">${statusBadge(group.status)}</td></tr>`);
      }
      out.push(`<tr class="total"><td>${escapeHtml(tree.label)}</td><td>All groups</td><td class="num">${counts(tree)}</td><td class="num">${progress(tree.covered, tree.total)}</td><td class="st">${statusBadge(tree.status)}</td></tr>`);
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</section>');

  for (const tree of data.trees) {
    out.push('<section class="tree">', `<h2>Coverage: ${escapeHtml(tree.label)}</h2>`);
    if (tree.folder !== '.') out.push(`<p class="muted">Folder: ${escapeHtml(tree.folder)}</p>`);
    for (const group of tree.groups) {
      out.push(`<h3>${escapeHtml(group.label)}: ${counts(group)} (${percentText(group.covered, group.total)})</h3>`);
      if (group.rows.length === 0) {
        out.push('<p class="muted">Nothing to cover in this group yet.</p>');
        continue;
      }
      out.push('<table>', '<thead><tr><th>Node</th><th class="num">Covered</th><th class="num">%</th><th class="st">Status</th></tr></thead>', '<tbody>');
      for (const row of group.rows) {
        const description = row.description ? ` <span class="muted">(${escapeHtml(row.description)})</span>` : '';
        out.push(
          `<tr><td class="depth-${Math.min(row.depth, 5)}">${htmlLink(row.label, row, toRoot)}${description}</td><td class="num">${counts(row)}</td><td class="num">${progress(row.covered, row.total)}</td><td class="st">${statusBadge(row.status)}</td></tr>`,
        );
      }
      out.push('</tbody>', '</table>');
    }
    if (tree.perspectives.length > 0) {
      out.push('<h3>Safety and security perspectives of risks</h3>', '<table>');
      out.push('<thead><tr><th>Requirement</th><th class="num">Safety</th><th class="num">Security</th><th class="num">Both</th><th class="num">Undeclared</th><th class="st">Status</th></tr></thead>', '<tbody>');
      for (const p of tree.perspectives) {
        out.push(
          `<tr><td>${escapeHtml(p.requirement)}</td><td class="num">${p.safety}</td><td class="num">${p.security}</td><td class="num">${p.both}</td><td class="num">${p.undeclared}</td><td class="st"><span class="status status-${p.status}">${PERSPECTIVE_STATUS[p.status]}</span></td></tr>`,
        );
      }
      out.push('</tbody>', '</table>');
    }
    out.push('</section>');
  }

  out.push('<section id="gaps">', `<h2>Open gaps (${data.summary.gaps})</h2>`);
  if (data.gaps.length === 0) out.push('<p>None: every node is covered.</p>');
  for (const [heading, gaps] of groupGaps(data.gaps, data.trees.length > 1)) {
    out.push(`<h3>${escapeHtml(heading)} (${openCount(gaps)})</h3>`, '<ul class="gaps">');
    for (const gap of gaps) {
      const description = gap.description ? ` <span class="muted">(${escapeHtml(gap.description)})</span>` : '';
      const where = ` — ${gap.file ? `<span class="mono">${htmlLink(locationText(gap, true), gap, toRoot)}</span>` : '<span class="muted">no document</span>'}${gap.count > 1 ? `, ${gap.count} open` : ''}`;
      const why = gap.detail ? ` — ${escapeHtml(gap.detail)}` : '';
      out.push(`<li><strong>${escapeHtml(gapWhat(gap))}</strong>${description}${where}${why}</li>`);
    }
    out.push('</ul>');
  }
  out.push('</section>');

  out.push('<section id="broken-traces">', `<h2>Broken traces (${data.brokenTraces.length})</h2>`);
  if (data.brokenTraces.length === 0) {
    out.push('<p>None.</p>');
  } else {
    out.push('<table>', '<thead><tr><th class="loc">Location</th><th>Severity</th><th>Code</th><th>Message</th></tr></thead>', '<tbody>');
    for (const trace of data.brokenTraces) {
      out.push(
        `<tr><td class="loc mono">${htmlLink(locationText(trace), trace, toRoot)}</td><td>${escapeHtml(trace.severity)}</td><td><code>${escapeHtml(trace.code)}</code></td><td>${escapeHtml(trace.message)}</td></tr>`,
      );
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</section>');

  out.push('<section id="accepted-deviations">', `<h2>Accepted deviations (${data.acceptedDeviations.length})</h2>`);
  if (data.acceptedDeviations.length === 0) {
    out.push('<p>None: no finding is silenced by an <code>mqg4ai-disable</code> comment.</p>');
  } else {
    out.push('<p>Findings silenced by an <code>mqg4ai-disable</code> comment, with the reason given there.</p>');
    out.push('<table>', '<thead><tr><th class="loc">Location</th><th>Code</th><th>Finding</th><th>Reason</th></tr></thead>', '<tbody>');
    for (const deviation of data.acceptedDeviations) {
      out.push(
        `<tr><td class="loc mono">${htmlLink(locationText(deviation), deviation, toRoot)}</td><td><code>${escapeHtml(deviation.code)}</code></td><td>${escapeHtml(deviation.message)}</td><td>${deviation.reason ? escapeHtml(deviation.reason) : NO_REASON}</td></tr>`,
      );
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</section>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}
