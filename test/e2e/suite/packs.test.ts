// Assessment packs in a real VS Code, on the sample workspace (no .mqg4ai.yaml: the default
// packs, ALTAI only): the coverage groups, the risk perspectives, the perspective hint, the
// crosswalk in hovers, and citations (hover, completion) typed into a document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CoverageItem } from '../../../client/src/coverage/coverageModel';
import type { CoverageTreeProvider } from '../../../client/src/coverage/coverageView';
import { activate, codeOf, EXTENSION_ID, mqgDiagnostics, waitFor, workspaceUri } from './helpers';

const REQUIREMENT = '3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/TechnicalRobustnessSafety.md';
const RISK = '3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Accuracy/AcquisitionShift.md';
const QG = '2_Lifecycle/2_Development/2_Model_Evaluation/QG_ModelEvaluation_(Development).md';

function coverageTree(): CoverageTreeProvider {
  const exports = vscode.extensions.getExtension<{ coverageTree?: CoverageTreeProvider }>(EXTENSION_ID)!.exports;
  assert.ok(exports?.coverageTree, 'the extension exports coverageTree');
  return exports.coverageTree;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('assessment packs', () => {
  before(async () => {
    await activate();
  });

  it('shows ALTAI as the only pack group by default, and the risks’ perspectives per requirement', async () => {
    const tree = coverageTree();
    await tree.refresh();
    const [root] = tree.getChildren() as CoverageItem[];
    const groups = tree.getChildren(root) as CoverageItem[];
    assert.deepEqual(
      groups.map((g) => g.label),
      ['Trustworthy AI (ALTAI)', 'Lifecycle', 'Risk management', 'System', 'Review'],
    );
    const risks = groups[2];
    const perspectives = (tree.getChildren(risks) as CoverageItem[]).find((c) => c.kind === 'perspectives');
    assert.ok(perspectives, 'Risk management holds the perspectives node');
    const rows = tree.getChildren(perspectives) as CoverageItem[];
    assert.deepEqual(
      rows.map((r) => r.label),
      ['Technical Robustness and Safety', 'Transparency'],
    );
    const trs = tree.getTreeItem(rows[0]);
    assert.equal(trs.description, 'Safety 0 · Security 0 · Both 0 · undeclared 3', 'no sample risk declares a perspective');
    assert.ok(trs.tooltip instanceof vscode.MarkdownString);
    assert.match(trs.tooltip.value, /No perspective declared/);
  });

  it('hints at a risk that declares no perspective', async () => {
    const uri = workspaceUri(RISK);
    const hints = await waitFor(() => {
      const found = mqgDiagnostics(uri).filter((d) => codeOf(d) === 'risk.missing-perspective');
      return found.length > 0 ? found : undefined;
    }, 'the perspective hint');
    assert.equal(hints.length, 1);
    assert.equal(hints[0].severity, vscode.DiagnosticSeverity.Hint);
  });

  it('shows an ALTAI question’s crosswalk counterparts on hover', async () => {
    const uri = workspaceUri(REQUIREMENT);
    const document = await vscode.workspace.openTextDocument(uri);
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('series of steps to monitor'));
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 20)));
    assert.match(text, /TRS\.accuracy\.3/);
    assert.match(text, /Crosswalk: Behaviour monitored in operation/);
    assert.match(text, /SAD\.operation\.1.*pack not enabled/);
  });

  it('explains a typed citation on hover and completes citations of open items', async () => {
    const uri = workspaceUri(QG);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    try {
      const end = document.lineAt(document.lineCount - 1).range.end;
      await editor.edit((b) => b.insert(end, '\n\nEvidence for [AIACT.art15.5] and [TRS.acc'));
      const last = document.lineCount - 1;
      const lineText = document.lineAt(last).text;
      const hover = await waitFor(async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          uri,
          new vscode.Position(last, lineText.indexOf('AIACT') + 2),
        );
        const value = hoverText(hovers);
        return /Art\. 15\\?\(5\\?\)/.test(value) ? value : undefined;
      }, 'the citation hover');
      assert.match(hover, /not enabled in this workspace/);
      assert.match(hover, /Crosswalk/);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, document.lineAt(last).range.end);
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes('TRS.accuracy.4') && labels.includes('TRS.accuracy.A1'), `open ALTAI questions are offered: ${labels.slice(0, 10).join(', ')}`);
      assert.ok(!labels.includes('TRS.accuracy.2') && !labels.includes('TRS.accuracy.3'), 'the sample answers TRS.accuracy.2 and .3 already');
      assert.deepEqual(
        mqgDiagnostics(uri).filter((d) => codeOf(d)?.startsWith('link.') && d.range.start.line === last),
        [],
        'citations are no broken links',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
