import { MQG4AI_NOTIFICATIONS } from '../../../protocol/protocol';
// Wires the assessment coverage UI: the tree views (own activity-bar container and explorer),
// their commands, the ALTAI status bar item and the report export.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { assessmentStatusBarView, statusBarView, type CoverageItem } from './coverageModel';
import { CoverageTreeProvider, CREATE_ON_CLICK } from './coverageView';
import { exportCoverageReport, openReport, type ExportArgs } from './exportReport';
import { SELECT_ACTIVE_ASSESSMENT, type ActiveAssessmentController } from '../assessments/activeAssessment';
import { COMPARE_COMMAND, compareAssessments, type CompareArgs } from '../assessments/compareAssessments';
import { completeDocument, createDocument } from '../documents/documentEdits';

export const COVERAGE_VIEW = 'mqg4aiCoverage';
export const COVERAGE_EXPLORER_VIEW = 'mqg4aiCoverageExplorer';
export const COVERAGE_CONTAINER = 'mqg4ai-coverage';

/** Registers everything; the provider refreshes whenever the server (re)starts or reports a change. */
export function registerCoverage(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  output: vscode.LogOutputChannel,
  selection: ActiveAssessmentController,
): { provider: CoverageTreeProvider; view: vscode.TreeView<CoverageItem> } {
  const provider = new CoverageTreeProvider(client, (message) => output.warn(message), selection);
  const view = vscode.window.createTreeView(COVERAGE_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  const explorerView = vscode.window.createTreeView(COVERAGE_EXPLORER_VIEW, { treeDataProvider: provider, showCollapseAll: true });

  const status = vscode.window.createStatusBarItem('mqg4ai.coverage.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'MQG4AI ALTAI Coverage';
  status.command = 'mqg4ai.coverage.reveal';
  const updateStatus = () => {
    // With several assessments: the active one's ALTAI coverage only (none active: nothing to show).
    const activeRoot = provider.model.activeRoot();
    const shown = provider.model.byAssessment
      ? activeRoot && selection.active
        ? assessmentStatusBarView(activeRoot, selection.active.label)
        : undefined
      : statusBarView(provider.model.allRoots());
    if (!shown) {
      status.hide();
      return;
    }
    status.text = shown.text;
    status.tooltip = new vscode.MarkdownString(shown.tooltip, true);
    status.show();
  };

  const reveal = async (id?: string) => {
    await vscode.commands.executeCommand(`workbench.view.extension.${COVERAGE_CONTAINER}`);
    if (!provider.model.loaded) await provider.refresh();
    const node = id ? provider.model.find(id) : provider.roots()[0];
    if (!node || !provider.model.isVisible(node)) return;
    try {
      await view.reveal(node, { select: true, focus: true, expand: id ? true : 1 });
    } catch (error) {
      output.warn(`Revealing ${node.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  /** The active assessment changed: list it first, expanded, and the others collapsed. */
  const followActive = async () => {
    await provider.refresh();
    const root = provider.model.activeRoot();
    if (!root || !view.visible) return;
    await vscode.commands.executeCommand(`workbench.actions.treeView.${COVERAGE_VIEW}.collapseAll`);
    await view
      .reveal(root, { expand: true, select: false, focus: false })
      .then(undefined, (error: unknown) => output.warn(`Revealing ${root.id} failed: ${String(error)}`));
  };
  /** A coverage node given to a command (from a menu: the node; from a test: its id). */
  const nodeArg = (arg: unknown): CoverageItem | undefined =>
    typeof arg === 'string' ? provider.model.find(arg) : arg && typeof arg === 'object' && 'children' in arg ? (arg as CoverageItem) : undefined;
  const nodeName = (node: CoverageItem) => (node.create ? node.create.uri : (node.uri ?? '')).replace(/^.*\//, '');

  /** "Create from Template": the server computes the file and its content, the client applies it. */
  const createFromTemplate = async (arg: unknown, confirm = false, options: { name?: string } = {}): Promise<vscode.Uri | undefined> => {
    const node = nodeArg(arg);
    // A t.b.d. placeholder stands for a stage nobody wrote: its Leaf-QG goes into the placeholder's folder.
    if (node?.kind === 'placeholder' && node.uri) {
      const folder = vscode.Uri.parse(node.uri).with({ path: vscode.Uri.parse(node.uri).path.replace(/\/[^/]*$/, '') });
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('mqg4ai.newQualityGate', {
        kind: 'leaf-qg',
        folder: folder.toString(),
        ...(options.name ? { name: options.name, linkFromCollection: false } : {}),
      });
      if (created) await provider.refresh();
      return created;
    }
    if (!node?.create) return undefined;
    const target = vscode.Uri.parse(node.create.uri);
    if (confirm) {
      const choice = await vscode.window.showInformationMessage(
        `${node.label}: ${decodeURIComponent(nodeName(node))} does not exist yet. Create it from its template?`,
        'Create from Template',
      );
      if (choice !== 'Create from Template') return undefined;
    }
    const created = await createDocument(client, node.create.kind, target);
    if (created) await provider.refresh();
    return created;
  };
  /** "Insert the Questions" / "Insert Missing Sections": what the node's document lacks of its template. */
  const fill = async (arg: unknown): Promise<string | undefined> => {
    const node = nodeArg(arg);
    if (!node?.uri) return undefined;
    return completeDocument(client, vscode.Uri.parse(node.uri));
  };
  const open = async (arg: unknown) => {
    const node = nodeArg(arg);
    if (!node?.uri) return;
    const range = node.range;
    await vscode.window.showTextDocument(vscode.Uri.parse(node.uri), {
      preview: false,
      ...(range ? { selection: new vscode.Range(range.start.line, range.start.character, range.start.line, range.start.character) } : {}),
    });
  };

  /** A coverage node given to a command: the assessment it stands for. */
  const assessmentArg = (arg: unknown): string | undefined =>
    arg && typeof arg === 'object' && 'children' in arg ? provider.model.assessmentOf(arg as CoverageItem) : undefined;

  context.subscriptions.push(
    provider,
    selection.onDidChange(() => void followActive()),
    vscode.commands.registerCommand(SELECT_ACTIVE_ASSESSMENT, (arg?: unknown) => selection.select(typeof arg === 'string' ? arg : assessmentArg(arg))),
    // The coverage view's "Set as Active Assessment": the node's assessment, never a picker.
    vscode.commands.registerCommand('mqg4ai.setActiveAssessment', (arg?: unknown) => {
      const id = assessmentArg(arg);
      return id === undefined ? undefined : selection.select(id);
    }),
    vscode.commands.registerCommand(COMPARE_COMMAND, async (arg?: unknown) => {
      if (!provider.model.loaded) await provider.refresh();
      const fromNode = assessmentArg(arg);
      const args: CompareArgs = fromNode ? { assessment: fromNode } : arg && typeof arg === 'object' && !('children' in arg) ? (arg as CompareArgs) : {};
      return compareAssessments(selection.assessments, selection.active, args);
    }),
    view,
    explorerView,
    status,
    provider.onDidRefresh(updateStatus),
    client.onNotification(MQG4AI_NOTIFICATIONS.coverageChanged, () => void provider.refresh()),
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) void selection.serverStarted().then(() => provider.refresh());
    }),
    vscode.commands.registerCommand('mqg4ai.coverage.refresh', () => provider.refresh()),
    vscode.commands.registerCommand('mqg4ai.coverage.open', open),
    vscode.commands.registerCommand('mqg4ai.coverage.createFromTemplate', (arg?: unknown, options?: { name?: string }) =>
      createFromTemplate(arg, false, options && typeof options === 'object' ? options : {}),
    ),
    // A click on a missing node: asks first (a context-menu choice does not).
    vscode.commands.registerCommand(CREATE_ON_CLICK, (arg?: unknown) => createFromTemplate(arg, true)),
    vscode.commands.registerCommand('mqg4ai.coverage.insertQuestions', fill),
    vscode.commands.registerCommand('mqg4ai.coverage.insertSections', fill),
    vscode.commands.registerCommand('mqg4ai.coverage.showGapsOnly', () => provider.setGapsOnly(true)),
    vscode.commands.registerCommand('mqg4ai.coverage.showAll', () => provider.setGapsOnly(false)),
    vscode.commands.registerCommand('mqg4ai.coverage.reveal', (id?: unknown) => reveal(typeof id === 'string' ? id : undefined)),
    vscode.commands.registerCommand('mqg4ai.exportCoverageReport', (args?: unknown) => {
      const given = args && typeof args === 'object' && !(args instanceof vscode.Uri) ? (args as ExportArgs) : {};
      // The report follows the active assessment when the workspace holds several.
      const assessment = given.assessment ?? (provider.model.byAssessment ? selection.active?.id : undefined);
      return exportCoverageReport(client, { ...given, ...(assessment ? { assessment } : {}) }, context.workspaceState);
    }),
    // Opens an exported report the way the "Open" of the export notification does (tests, other extensions).
    vscode.commands.registerCommand('mqg4ai.openCoverageReport', (target: unknown, format?: unknown) =>
      target instanceof vscode.Uri || typeof target === 'string'
        ? openReport(typeof target === 'string' ? vscode.Uri.parse(target) : target, format === 'md' || format === 'json' ? format : 'html')
        : undefined,
    ),
  );
  return { provider, view };
}
