// The shape of the "Assessment Coverage" view, free of `vscode` so that plain mocha can test it:
// which nodes are shown (all, or only gaps), their labels, descriptions, icons, tooltips and the
// status bar's ALTAI summary. client/src/coverage/coverageView.ts adapts it to VS Code's API.
import type { CoverageItem } from '../../../protocol/protocol';

export type { CoverageItem };
export type CoverageStatus = CoverageItem['status'];

/** A codicon id and the theme color to paint it with. */
export interface IconSpec {
  readonly id: string;
  readonly color?: string;
}

/**
 * One icon per status, coloured by what the author has to do: a missing document is a gap (error
 * colour), anything unanswered a warning, covered a pass. `broken` marks only the document whose
 * links are broken.
 */
export const STATUS_ICONS: Readonly<Record<CoverageStatus, IconSpec>> = {
  covered: { id: 'pass', color: 'testing.iconPassed' },
  partial: { id: 'warning', color: 'problemsWarningIcon.foreground' },
  open: { id: 'circle-large-outline', color: 'problemsWarningIcon.foreground' },
  missing: { id: 'error', color: 'problemsErrorIcon.foreground' },
  broken: { id: 'debug-disconnect', color: 'problemsErrorIcon.foreground' },
};

export const STATUS_TEXT: Readonly<Record<CoverageStatus, string>> = {
  covered: 'Covered',
  partial: 'Partly covered',
  open: 'Not answered yet',
  missing: 'Missing',
  broken: 'Broken links',
};

export type Collapsible = 'none' | 'collapsed' | 'expanded';

/** Everything a tree item shows, editor-independent. */
export interface ItemView {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** Markdown (escaped), for a MarkdownString with theme icons enabled. */
  readonly tooltip: string;
  readonly icon: IconSpec;
  readonly collapsible: Collapsible;
  /** The document to open on click, with the 0-based line to reveal. */
  readonly target?: { readonly uri: string; readonly line?: number; readonly range?: CoverageItem['range'] };
  /** For `when` clauses on item menus: `mqg4ai.coverage.<kind>.<status>`. */
  readonly contextValue: string;
}

/** A node needs attention: something below it is not covered, or a document at or below it has broken links. */
export function isGap(item: CoverageItem): boolean {
  // Perspective nodes count nothing: they do not make the group above them a gap.
  return item.status !== 'covered' || item.covered < item.total || item.children.some((c) => !isInformational(c) && isGap(c));
}

/** Percent covered, rounded, except that 0% and 100% mean exactly none and all. */
export function percent(covered: number, total: number): number {
  if (total <= 0) return 0;
  if (covered >= total) return 100;
  return Math.min(99, Math.max(covered > 0 ? 1 : 0, Math.round((100 * covered) / total)));
}

/** Escapes text for VS Code Markdown with theme icons (`$(…)`) enabled. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$&]/g, '\\$&');
}

/** Nodes that count no leaves and say what they are in their description (risk perspectives). */
function isInformational(item: CoverageItem): boolean {
  return item.kind === 'perspectives' || item.kind === 'perspective';
}

export function itemDescription(item: CoverageItem): string {
  if (isInformational(item)) return item.description ?? '';
  const counts = `${item.covered}/${item.total}`;
  // A tree's description is its folder's absolute path: too long for the row, kept for the tooltip.
  return item.description && item.kind !== 'tree' ? `${counts} · ${item.description}` : counts;
}

/** Leaves below `item` (itself when it is one) that stand for a document that does not exist yet. */
function missingLeaves(item: CoverageItem): number {
  if (item.children.length === 0) return item.status === 'missing' ? 1 : 0;
  return item.children.reduce((n, c) => n + missingLeaves(c), 0);
}

/** Why the node has its status, in one sentence. */
export function statusReason(item: CoverageItem): string {
  const open = item.total - item.covered;
  switch (item.status) {
    case 'covered':
      return item.total === 1 ? 'Covered.' : `All ${item.total} covered.`;
    case 'missing': {
      if (item.children.length === 0 || item.create) {
        if (item.kind === 'placeholder') return 'Nobody has written this yet: Create from Template writes its quality gate here (context menu).';
        return item.create ? 'The document does not exist yet: create it from its template (context menu).' : 'Its document does not exist yet.';
      }
      const missing = missingLeaves(item);
      return `${missing} of the ${open} open item(s) below belong to documents that do not exist yet.`;
    }
    case 'open':
      return item.children.length === 0 ? 'Not answered yet.' : `None of the ${item.total} answered yet.`;
    case 'partial':
      return `${open} of ${item.total} still open.`;
    case 'broken':
      return 'This document has broken links (see the Problems panel); the nodes above keep their own state.';
  }
}

export function itemTooltip(item: CoverageItem): string {
  const icon = STATUS_ICONS[item.status].id;
  const lines = [
    `**${escapeMarkdown(item.label)}**`,
    isInformational(item)
      ? `$(${icon}) ${item.status === 'covered' ? 'Both sides considered' : item.status === 'open' ? 'No perspective declared' : 'One-sided or partly undeclared'}`
      : `$(${icon}) ${STATUS_TEXT[item.status]}: ${item.covered} of ${item.total} covered (${percent(item.covered, item.total)}%)`,
  ];
  if (!isInformational(item)) lines.push(escapeMarkdown(statusReason(item)));
  if (item.description) lines.push(escapeMarkdown(item.description));
  if (item.detail) lines.push(item.detail.split(/\r?\n/).map(escapeMarkdown).join('  \n'));
  return lines.join('\n\n');
}

/** How a top node stands for an assessment: the active one is expanded, the others collapsed. */
export type AssessmentRole = 'active' | 'other';

export function itemView(item: CoverageItem, children: readonly CoverageItem[], assessment?: AssessmentRole): ItemView {
  const expanded = assessment ? assessment === 'active' : item.kind === 'tree';
  return {
    id: item.id,
    label: item.label,
    description: itemDescription(item),
    tooltip: itemTooltip(item),
    icon: STATUS_ICONS[item.status],
    collapsible: children.length === 0 ? 'none' : expanded ? 'expanded' : 'collapsed',
    ...(item.uri ? { target: { uri: item.uri, ...(item.range ? { line: item.range.start.line, range: item.range } : {}) } } : {}),
    // `.assessment`: the node offers "Compare with..." and "Set as Active Assessment"; `.creatable`:
    // "Create from Template"; `.fillable`: "Insert the Questions" / "Insert Missing Sections"; `.openable`: "Open".
    contextValue: `mqg4ai.coverage.${item.kind}.${item.status}${item.create || (item.kind === 'placeholder' && item.uri) ? '.creatable' : ''}${isFillable(item) ? '.fillable' : ''}${item.uri ? '.openable' : ''}${assessment ? '.assessment' : ''}`,
  };
}

/** An existing requirement, Leaf-QG or risk document that is not covered: its template may have parts to insert. */
export function isFillable(item: CoverageItem): boolean {
  return !!item.uri && (item.kind === 'requirement' || item.kind === 'leaf-qg' || item.kind === 'risk') && item.covered < item.total;
}

/**
 * `covered`/`total` summed over every tree's Trustworthy AI (ALTAI) group; undefined without
 * trees, and when no tree has the group (the configuration's `packs` leaves ALTAI out).
 */
export function altaiSummary(roots: readonly CoverageItem[]): { covered: number; total: number; trees: number } | undefined {
  if (roots.length === 0) return undefined;
  let covered = 0;
  let total = 0;
  let found = false;
  for (const tree of roots) {
    for (const group of tree.children) {
      if (group.kind === 'group' && group.id.endsWith('#altai')) {
        found = true;
        covered += group.covered;
        total += group.total;
      }
    }
  }
  return found ? { covered, total, trees: roots.length } : undefined;
}

export interface StatusBarView {
  readonly text: string;
  /** Markdown (escaped). */
  readonly tooltip: string;
}

export function statusBarView(roots: readonly CoverageItem[]): StatusBarView | undefined {
  const summary = altaiSummary(roots);
  if (!summary) return undefined;
  const { covered, total, trees } = summary;
  return {
    text: `$(checklist) ALTAI ${covered}/${total}`,
    tooltip:
      `**ALTAI assessment coverage**\n\n${covered} of ${total} questions addressed (${percent(covered, total)}%)` +
      `${trees > 1 ? ` over ${trees} quality-gate trees` : ''}.\n\nClick to show the Assessment Coverage view.`,
  };
}

/** The status bar for one assessment: its own ALTAI coverage, never a sum over assessments. */
export function assessmentStatusBarView(root: CoverageItem, label: string): StatusBarView | undefined {
  const summary = altaiSummary([root]);
  if (!summary) return undefined;
  const { covered, total } = summary;
  return {
    text: `$(checklist) ALTAI ${covered}/${total}`,
    tooltip:
      `**ALTAI coverage of ${escapeMarkdown(label)}**\n\n${covered} of ${total} questions addressed (${percent(covered, total)}%).` +
      `\n\nClick to show the Assessment Coverage view.`,
  };
}

/**
 * The coverage tree as the view shows it: the server's items, optionally filtered to gaps,
 * with parent links (for `TreeView.reveal`) and lookup by id.
 */
export class CoverageModel {
  private items: readonly CoverageItem[] = [];
  private parents = new Map<CoverageItem, CoverageItem | undefined>();
  private byId = new Map<string, CoverageItem>();
  private loadedOnce = false;
  /** Assessment ID per top node (by node id), when the view lists assessments. */
  private assessmentOfRoot = new Map<string, string>();
  private activeAssessmentId: string | undefined;

  constructor(
    items: readonly CoverageItem[] = [],
    private gapsOnlyFlag = false,
  ) {
    if (items.length > 0) this.setItems(items);
  }

  /** Whether the server has answered at least once. */
  get loaded(): boolean {
    return this.loadedOnce;
  }

  get gapsOnly(): boolean {
    return this.gapsOnlyFlag;
  }

  setGapsOnly(value: boolean): void {
    this.gapsOnlyFlag = value;
  }

  /**
   * `assessments`: the assessment ID of each top node, in order, when the items are one tree per
   * assessment; `active`: the active one's ID.
   */
  setItems(items: readonly CoverageItem[], assessments?: { readonly ids: readonly string[]; readonly active?: string }): void {
    this.items = items;
    this.assessmentOfRoot = new Map(assessments ? items.map((item, i) => [item.id, assessments.ids[i]] as const).filter(([, id]) => id !== undefined) : []);
    this.activeAssessmentId = assessments?.active;
    this.loadedOnce = true;
    this.parents = new Map();
    this.byId = new Map();
    const walk = (item: CoverageItem, parent: CoverageItem | undefined) => {
      this.parents.set(item, parent);
      if (!this.byId.has(item.id)) this.byId.set(item.id, item);
      for (const child of item.children) walk(child, item);
    };
    for (const item of items) walk(item, undefined);
  }

  /** Every tree's top node, unfiltered. */
  allRoots(): readonly CoverageItem[] {
    return this.items;
  }

  /** The top nodes shown. */
  roots(): CoverageItem[] {
    return this.visible(this.items);
  }

  /** The children shown under `item`. */
  children(item: CoverageItem): CoverageItem[] {
    return this.visible(item.children);
  }

  parent(item: CoverageItem): CoverageItem | undefined {
    return this.parents.get(item);
  }

  find(id: string): CoverageItem | undefined {
    return this.byId.get(id);
  }

  view(item: CoverageItem): ItemView {
    const assessment = this.parents.get(item) === undefined ? this.assessmentOf(item) : undefined;
    return itemView(item, this.children(item), assessment === undefined ? undefined : assessment === this.activeAssessmentId ? 'active' : 'other');
  }

  /** The assessment a top node stands for, if the view lists assessments. */
  assessmentOf(item: CoverageItem): string | undefined {
    return this.assessmentOfRoot.get(item.id);
  }

  /** Whether the top nodes are assessments (the workspace has several). */
  get byAssessment(): boolean {
    return this.assessmentOfRoot.size > 0;
  }

  /** The top node of the active assessment. */
  activeRoot(): CoverageItem | undefined {
    return this.activeAssessmentId === undefined ? undefined : this.items.find((item) => this.assessmentOfRoot.get(item.id) === this.activeAssessmentId);
  }

  /** Whether `item` is shown under the current filter (its ancestors included). */
  isVisible(item: CoverageItem): boolean {
    if (!this.parents.has(item)) return false;
    for (let node: CoverageItem | undefined = item; node; node = this.parents.get(node)) if (this.gapsOnlyFlag && !isGap(node)) return false;
    return true;
  }

  private visible(items: readonly CoverageItem[]): CoverageItem[] {
    return this.gapsOnlyFlag ? items.filter(isGap) : [...items];
  }
}
