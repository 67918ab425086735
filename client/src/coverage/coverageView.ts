import { MQG4AI_REQUESTS, type CoverageParams } from '../../../protocol/protocol';
// The VS Code side of the "Assessment Coverage" view: a thin TreeDataProvider over CoverageModel.
import * as vscode from 'vscode';
import { CoverageModel, type CoverageItem } from './coverageModel';
import { orderAssessments, type AssessmentInfo } from '../assessments/assessmentModel';

/** What the view needs from the language client. */
export interface CoverageSource {
  sendRequest<R>(method: string, params?: unknown): Promise<R>;
}

/** The assessments and the active one (ActiveAssessmentController). */
export interface AssessmentSelection {
  refresh(): Promise<void>;
  readonly assessments: readonly AssessmentInfo[];
  readonly active: AssessmentInfo | undefined;
}

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

/** Context keys the package.json menus and welcome views read. */
export const CONTEXT_LOADED = 'mqg4ai.coverage.loaded';
export const CONTEXT_HAS_TREES = 'mqg4ai.coverage.hasTrees';
export const CONTEXT_GAPS_ONLY = 'mqg4ai.coverage.gapsOnly';
/** The command a click on a missing node runs: it offers to create the document. */
export const CREATE_ON_CLICK = 'mqg4ai.coverage.createOnClick';

/**
 * Requests `mqg4ai/coverage` and serves it to tree views. `refresh()` coalesces: calls made
 * while a request is under way lead to one more request after it, not one each.
 */
export class CoverageTreeProvider implements vscode.TreeDataProvider<CoverageItem>, vscode.Disposable {
  readonly model = new CoverageModel();
  private readonly changeEmitter = new vscode.EventEmitter<CoverageItem | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly refreshedEmitter = new vscode.EventEmitter<void>();
  /** Fires after each successful refresh. */
  readonly onDidRefresh = this.refreshedEmitter.event;
  private running: Promise<void> | undefined;
  private again = false;
  /** Adds nodes to the trees before they are shown: the Review groups (client/src/review), given the assessment of each tree. */
  decorate: ((items: CoverageItem[], assessmentIds: readonly string[] | undefined) => Promise<CoverageItem[]>) | undefined;

  constructor(
    private readonly source: CoverageSource,
    private readonly log: (message: string) => void = () => undefined,
    private readonly selection?: AssessmentSelection,
  ) {
    void vscode.commands.executeCommand('setContext', CONTEXT_GAPS_ONLY, false);
    void vscode.commands.executeCommand('setContext', CONTEXT_LOADED, false);
  }

  get gapsOnly(): boolean {
    return this.model.gapsOnly;
  }

  /** Shows only nodes with gaps (or everything) in every view of this provider. */
  async setGapsOnly(value: boolean): Promise<void> {
    this.model.setGapsOnly(value);
    await vscode.commands.executeCommand('setContext', CONTEXT_GAPS_ONLY, value);
    this.changeEmitter.fire();
  }

  /** Asks the server for the coverage tree again; resolves when the views have the answer. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.load();
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** The top nodes shown (after the filter): what the tests read. */
  roots(): CoverageItem[] {
    return this.model.roots();
  }

  getTreeItem(item: CoverageItem): vscode.TreeItem {
    const view = this.model.view(item);
    const treeItem = new vscode.TreeItem(view.label, COLLAPSIBLE[view.collapsible]);
    treeItem.id = view.id;
    treeItem.description = view.description;
    treeItem.iconPath = new vscode.ThemeIcon(view.icon.id, view.icon.color ? new vscode.ThemeColor(view.icon.color) : undefined);
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = false;
    treeItem.tooltip = tooltip;
    treeItem.contextValue = view.contextValue;
    if (view.target) {
      const uri = vscode.Uri.parse(view.target.uri);
      const range = view.target.range;
      const selection = range ? new vscode.Range(range.start.line, range.start.character, range.start.line, range.start.character) : undefined;
      treeItem.command = {
        command: 'vscode.open',
        title: 'Open',
        arguments: [uri, selection ? { selection, preview: true } : { preview: true }],
      };
    } else if (item.create) {
      treeItem.command = { command: CREATE_ON_CLICK, title: 'Create from Template', arguments: [item.id] };
    }
    return treeItem;
  }

  getChildren(item?: CoverageItem): CoverageItem[] {
    return item ? this.model.children(item) : this.model.roots();
  }

  getParent(item: CoverageItem): CoverageItem | undefined {
    return this.model.parent(item);
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.refreshedEmitter.dispose();
  }

  private async load(): Promise<void> {
    let items: CoverageItem[];
    let assessments: { ids: string[]; active?: string } | undefined;
    try {
      await this.selection?.refresh();
      const list = this.selection?.assessments ?? [];
      if (list.length > 1) {
        // One tree per assessment, each with its own counts: the active one first.
        const active = this.selection?.active?.id;
        const ordered = orderAssessments(list, active);
        const trees = await Promise.all(
          ordered.map((a) => this.source.sendRequest<CoverageItem[] | null>(MQG4AI_REQUESTS.coverage, { assessment: a.id } satisfies CoverageParams)),
        );
        const pairs = ordered.flatMap((a, i) => (trees[i]?.[0] ? [{ id: a.id, item: trees[i]![0] }] : []));
        items = pairs.map((p) => p.item);
        assessments = { ids: pairs.map((p) => p.id), active };
      } else {
        items = (await this.source.sendRequest<CoverageItem[] | null>(MQG4AI_REQUESTS.coverage, {} satisfies CoverageParams)) ?? [];
      }
      if (this.decorate) items = await this.decorate(items, assessments?.ids);
    } catch (error) {
      this.log(`Coverage request failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.model.setItems(items, assessments);
    await vscode.commands.executeCommand('setContext', CONTEXT_HAS_TREES, items.length > 0);
    await vscode.commands.executeCommand('setContext', CONTEXT_LOADED, true);
    this.changeEmitter.fire();
    this.refreshedEmitter.fire();
  }
}
