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

function coverageTree(): CoverageTreeProvider {
  const exports = vscode.extensions.getExtension<{ coverageTree?: CoverageTreeProvider }>(EXTENSION_ID)!.exports;
  assert.ok(exports?.coverageTree, 'the extension exports coverageTree');
  return exports.coverageTree;
}

function iconId(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
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
      GROUPS,
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
    assert.equal(iconId(tree.getTreeItem(hao)), 'circle-large-outline');
    const icons = { covered: 'pass', partial: 'warning', open: 'circle-large-outline', broken: 'error' };
    for (const node of shown(tree)) assert.equal(iconId(tree.getTreeItem(node)), icons[node.status], node.id);
    assert.ok(
      shown(tree).some((n) => n.status === 'broken'),
      'the sample has documents with broken links',
    );
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
    for (const node of gaps) assert.ok(node.status !== 'covered' || node.covered < node.total, `${node.id} is a gap`);
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
});
