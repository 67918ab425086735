// The Assessment Coverage view in a real VS Code: the TreeDataProvider the extension exports,
// the gaps filter, navigation from an item and the non-interactive report export.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CoverageItem } from '../../../client/src/coverage/coverageModel';
import type { CoverageTreeProvider } from '../../../client/src/coverage/coverageView';
import { activate, EXTENSION_ID, samePath, waitFor, workspaceRoot } from './helpers';

const GROUPS = ['Trustworthy AI (ALTAI)', 'Lifecycle', 'Risk management', 'System'];
/** The view adds the review status of the assessment (docs/review.md) after the coverage groups. */
const VIEW_GROUPS = [...GROUPS, 'Review'];

function coverageTree(): CoverageTreeProvider {
  const exports = vscode.extensions.getExtension<{ coverageTree?: CoverageTreeProvider }>(EXTENSION_ID)!.exports;
  assert.ok(exports?.coverageTree, 'the extension exports coverageTree');
  return exports.coverageTree;
}

function iconId(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}

function iconColor(item: vscode.TreeItem): string | undefined {
  // ThemeColor keeps its id at run time; the 1.85 typings do not declare it.
  return item.iconPath instanceof vscode.ThemeIcon ? (item.iconPath.color as { id?: string } | undefined)?.id : undefined;
}

/** Every node the tree shows, depth first, through the provider's own getChildren. */
function shown(tree: CoverageTreeProvider, items: CoverageItem[] = tree.getChildren() as CoverageItem[]): CoverageItem[] {
  return items.flatMap((item) => [item, ...shown(tree, tree.getChildren(item) as CoverageItem[])]);
}

function find(tree: CoverageTreeProvider, predicate: (item: CoverageItem) => boolean): CoverageItem {
  const found = shown(tree).find(predicate);
  assert.ok(found, 'no matching coverage node');
  return found;
}

describe('assessment coverage view', () => {
  let tree: CoverageTreeProvider;

  before(async () => {
    await activate();
    tree = coverageTree();
    await tree.refresh();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('mqg4ai.coverage.showAll');
  });

  it('shows the sample tree with its four groups, counts and status icons', () => {
    const roots = tree.getChildren() as CoverageItem[];
    assert.equal(roots.length, 1);
    const root = tree.getTreeItem(roots[0]);
    assert.equal(root.label, path.basename(workspaceRoot()));
    assert.equal(root.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.match(String(root.description), /^\d+\/\d+/);
    const groups = tree.getChildren(roots[0]) as CoverageItem[];
    assert.deepEqual(
      groups.map((g) => tree.getTreeItem(g).label),
      VIEW_GROUPS,
    );
    const altai = tree.getTreeItem(groups[0]);
    assert.match(String(altai.description), /^\d+\/133$/);
    assert.equal(altai.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.equal(iconId(tree.getTreeItem(groups[2])), 'pass', 'risk management is covered in the sample');
    assert.ok(altai.tooltip instanceof vscode.MarkdownString);
    assert.match(altai.tooltip.value, /of 133 covered/);
    const requirements = tree.getChildren(groups[0]) as CoverageItem[];
    assert.equal(requirements.length, 7);
    const hao = requirements.find((r) => r.label === 'Human Agency and Oversight')!;
    assert.equal(tree.getTreeItem(hao).description, '0/19 · missing');
    const haoItem = tree.getTreeItem(hao);
    assert.equal(iconId(haoItem), 'error', 'no document at all is a gap, in the error colour');
    assert.equal(iconColor(haoItem), 'problemsErrorIcon.foreground');
    assert.match((haoItem.tooltip as vscode.MarkdownString).value, /does not exist yet/);
    const icons = { covered: 'pass', partial: 'warning', open: 'circle-large-outline', missing: 'error', broken: 'debug-disconnect' };
    const colors = {
      covered: 'testing.iconPassed',
      partial: 'problemsWarningIcon.foreground',
      open: 'problemsWarningIcon.foreground',
      missing: 'problemsErrorIcon.foreground',
      broken: 'problemsErrorIcon.foreground',
    };
    for (const node of shown(tree)) {
      const item = tree.getTreeItem(node);
      assert.equal(iconId(item), icons[node.status], node.id);
      if (node.kind !== 'perspective' && node.kind !== 'perspectives') assert.equal(iconColor(item), colors[node.status], node.id);
    }
    const broken = shown(tree).filter((n) => n.status === 'broken');
    assert.ok(broken.length > 0, 'the sample has documents with broken links');
    for (const node of broken) {
      assert.ok(node.uri, 'broken links show on the document');
      assert.notEqual(tree.getParent(node)?.status, 'broken', 'and not on the node above it');
    }
    assert.equal(tree.getParent(groups[0]), roots[0]);
  });

  it('opens the document at the line of an answered question', async () => {
    const answered = find(tree, (i) => i.kind === 'question' && i.status === 'covered');
    const item = tree.getTreeItem(answered);
    assert.ok(item.command, 'the item has a command');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = await waitFor(
      () =>
        vscode.window.activeTextEditor && vscode.Uri.parse(answered.uri!).path === vscode.window.activeTextEditor.document.uri.path
          ? vscode.window.activeTextEditor
          : undefined,
      'the requirement document to open',
    );
    assert.equal(editor.selection.active.line, answered.range!.start.line);
    assert.match(editor.document.lineAt(answered.range!.start.line).text, /^>/, 'the line is the quoted question');
  });

  it('shows only gaps after mqg4ai.coverage.showGapsOnly, everything again after showAll', async () => {
    const all = shown(tree).length;
    await vscode.commands.executeCommand('mqg4ai.coverage.showGapsOnly');
    assert.equal(tree.gapsOnly, true);
    const gaps = shown(tree);
    assert.ok(gaps.length > 0 && gaps.length < all, `${gaps.length} of ${all} nodes are gaps`);
    const isGap = (node: CoverageItem): boolean => node.status !== 'covered' || node.covered < node.total || node.children.some(isGap);
    for (const node of gaps) assert.ok(isGap(node), `${node.id} is a gap`);
    const groups = tree.getChildren(tree.getChildren()[0] as CoverageItem) as CoverageItem[];
    assert.ok(!groups.some((g) => g.label === 'Risk management'), 'the covered group is hidden');
    assert.ok(
      gaps.some((n) => n.kind === 'placeholder'),
      'the t.b.d. placeholder is a gap',
    );
    await vscode.commands.executeCommand('mqg4ai.coverage.showAll');
    assert.equal(tree.gapsOnly, false);
    assert.equal(shown(tree).length, all);
  });

  it('reveals the view and selects the first tree (the status bar item command)', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    const view = (await vscode.extensions.getExtension<{ coverageView: vscode.TreeView<{ id: string }> }>(EXTENSION_ID)!.activate()).coverageView;
    await vscode.commands.executeCommand('mqg4ai.coverage.reveal');
    await waitFor(() => view.visible, 'the coverage view to be visible');
    await waitFor(() => view.selection.length === 1 && view.selection[0].id !== undefined, 'a selected tree node');
    await vscode.commands.executeCommand('mqg4ai.coverage.refresh');
    assert.ok(view.visible, 'still shown after a refresh');
  });

  it('exports the report without dialogs when given a format and a target', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqg4ai-e2e-report-'));
    try {
      const html = vscode.Uri.file(path.join(dir, 'coverage.html'));
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('mqg4ai.exportCoverageReport', { format: 'html', target: html });
      assert.ok(written && samePath(written, html), 'the command returns the written file');
      const page = fs.readFileSync(html.fsPath, 'utf8');
      assert.match(page, /^<!DOCTYPE html>/);
      assert.doesNotMatch(page, /<script/i);
      assert.match(page, /Trustworthy AI \(ALTAI\)/);

      const json = vscode.Uri.file(path.join(dir, 'coverage.json'));
      await vscode.commands.executeCommand('mqg4ai.exportCoverageReport', { format: 'json', target: json.toString() });
      const data = JSON.parse(fs.readFileSync(json.fsPath, 'utf8')) as {
        trees: Array<{ groups: Array<{ label: string }> }>;
        summary: { groups: { altai: { total: number } } };
      };
      assert.deepEqual(
        data.trees[0].groups.map((g) => g.label),
        GROUPS,
      );
      assert.equal(data.summary.groups.altai.total, 133);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refreshes when an unsaved edit breaks a link (mqg4ai/coverageChanged)', async () => {
    // Any Leaf-QG without broken links: earlier tests may have fixed or broken some.
    const qg = find(tree, (i) => i.kind === 'leaf-qg' && i.status !== 'broken' && !!i.uri);
    const statusOf = () => find(tree, (i) => i.id === qg.id).status;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(qg.uri!));
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(document.lineCount - 1).range.end;
    try {
      await editor.edit((edit) => edit.insert(end, '\n\nSee [the missing note](./no-such-note-e2e.md).\n'));
      await waitFor(() => statusOf() === 'broken', `${qg.label} to turn broken`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    await waitFor(() => statusOf() !== 'broken', `${qg.label} to recover after the revert`);
  });

  it('creates a missing document from its node (a click asks first) and offers Open on every document', async () => {
    const compliance = find(tree, (i) => i.kind === 'information-block' && i.status === 'missing');
    const item = tree.getTreeItem(compliance);
    assert.match(String(item.contextValue), /\.creatable/);
    assert.equal(item.command?.command, 'mqg4ai.coverage.createOnClick', 'a click on a missing node offers to create it');
    const target = vscode.Uri.parse(compliance.create!.uri);
    try {
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('mqg4ai.coverage.createFromTemplate', compliance);
      assert.ok(created && samePath(created, target), 'the command resolves to the created file');
      const text = fs.readFileSync(target.fsPath, 'utf8');
      assert.match(text, /^---\ntags: \[\{Name: Compliance\}\]\n---\n\n## Compliance\n/);
      assert.ok(vscode.window.activeTextEditor && samePath(vscode.window.activeTextEditor.document.uri, target), 'the new document is shown');
      await waitFor(() => {
        const node = tree.model.find(compliance.id.replace(/#missing$/, ''));
        return node && node.status !== 'missing';
      }, 'the Compliance node to exist after the creation');
      const node = tree.model.find(compliance.id.replace(/#missing$/, ''))!;
      assert.match(String(tree.getTreeItem(node).contextValue), /\.openable/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.commands.executeCommand('mqg4ai.coverage.open', node);
      await waitFor(() => vscode.window.activeTextEditor && samePath(vscode.window.activeTextEditor.document.uri, target), '"Open" to show the document');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(target, { useTrash: false });
      await waitFor(async () => {
        await tree.refresh();
        return shown(tree).some((i) => i.id === compliance.id && i.status === 'missing');
      }, 'the block to be missing again');
    }
  });

  it('inserts the questions a requirement document lacks (Insert the Questions)', async () => {
    const trs = find(tree, (i) => i.kind === 'requirement' && i.label === 'Technical Robustness and Safety');
    assert.match(String(tree.getTreeItem(trs).contextValue), /\.fillable/);
    const transparency = find(tree, (i) => i.kind === 'requirement' && i.label === 'Transparency');
    // Every block of Transparency is quoted in the sample: nothing to insert, and the command says so.
    const nothing = await vscode.commands.executeCommand<string | undefined>('mqg4ai.coverage.insertQuestions', transparency);
    assert.equal(nothing, undefined);
  });

  it('exports to mqg4ai.report.output in mqg4ai.report.format without asking; refuses an output outside the folder', async () => {
    const report = vscode.workspace.getConfiguration('mqg4ai.report', vscode.workspace.workspaceFolders![0].uri);
    await report.update('format', 'json', vscode.ConfigurationTarget.Workspace);
    await report.update('output', 'reports-e2e/coverage-latest.json', vscode.ConfigurationTarget.Workspace);
    const expected = vscode.Uri.file(path.join(workspaceRoot(), 'reports-e2e', 'coverage-latest.json'));
    try {
      // No format pick and no save dialog: with either, this call would not return.
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('mqg4ai.exportCoverageReport');
      assert.ok(written && samePath(written, expected), `written to ${written?.fsPath}`);
      const data = JSON.parse(fs.readFileSync(expected.fsPath, 'utf8')) as { summary: { groups: { altai: { total: number } } } };
      assert.equal(data.summary.groups.altai.total, 133);
      // A path out of the workspace folder is refused, nothing is written.
      await report.update('output', '../outside-e2e.json', vscode.ConfigurationTarget.Workspace);
      assert.equal(await vscode.commands.executeCommand('mqg4ai.exportCoverageReport'), undefined);
      assert.equal(fs.existsSync(path.join(workspaceRoot(), '..', 'outside-e2e.json')), false);
    } finally {
      await report.update('format', undefined, vscode.ConfigurationTarget.Workspace);
      await report.update('output', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(path.join(workspaceRoot(), 'reports-e2e'), { recursive: true, force: true });
    }
  });

  it('opens an exported HTML report in a preview where no browser can reach the file (remote, browser)', async function () {
    if (vscode.env.uiKind !== vscode.UIKind.Web) this.skip(); // a desktop VS Code opens the system browser instead
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqg4ai-e2e-open-'));
    try {
      const html = vscode.Uri.file(path.join(dir, 'coverage.html'));
      await vscode.commands.executeCommand('mqg4ai.exportCoverageReport', { format: 'html', target: html });
      const how = await vscode.commands.executeCommand<string>('mqg4ai.openCoverageReport', html, 'html');
      assert.equal(how, 'preview');
      await waitFor(
        () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('mqg4ai.reportPreview') && t.label === 'coverage.html'),
        'the report preview tab',
      );
      assert.match(fs.readFileSync(html.fsPath, 'utf8'), /@media print/, 'the page is print-styled: print it for a PDF');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
