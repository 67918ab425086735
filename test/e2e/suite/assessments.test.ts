// Assessments in a real VS Code, on test-fixtures/multi-assessment (the runner's second pass,
// `--workspace multi-assessment`): the active-assessment picker and status bar, the coverage view
// per assessment, the Problems panel scoped to the active assessment, and "Compare with...".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActiveAssessmentController } from '../../../client/src/assessments/activeAssessment';
import type { CoverageItem } from '../../../client/src/coverage/coverageModel';
import type { CoverageTreeProvider } from '../../../client/src/coverage/coverageView';
import { activate, codeOf, EXTENSION_ID, mqgDiagnostics, waitFor, workspaceUri } from './helpers';

const V1 = 'v1_Triage_(Pilot)';
const V2 = 'v2_Triage_(Rollout)';
/** A broken link that v2 fixed: only v1 has it. */
const V1_MODEL = `Applications/${V1}/2_Lifecycle/2_Development/QG_ModelChoice_(Triage).md`;
/** A broken link v2 introduced. */
const V2_MONITORING = `Applications/${V2}/2_Lifecycle/4_Maintenance/QG_Monitoring_(Triage).md`;
/** A v1 document no test opens (VS Code may keep a closed editor's document open for a while). */
const V1_RISK = `Applications/${V1}/3_RiskManagement/2_TechnicalRobustnessSafety/Accuracy/MissedUrgentCase_(Triage).md`;
const DK_RISK = 'DesignKnowledge/3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Accuracy/UnderestimatedError.md';

interface Api {
  readonly coverageTree: CoverageTreeProvider;
  readonly assessments: ActiveAssessmentController;
}

const api = (): Api => vscode.extensions.getExtension<Api>(EXTENSION_ID)!.exports;
const brokenLink = (relative: string) => mqgDiagnostics(workspaceUri(relative)).some((d) => codeOf(d) === 'link.missing-file');
const noProblems = (relative: string) => mqgDiagnostics(workspaceUri(relative)).length === 0;
const config = () => vscode.workspace.getConfiguration('mqg4ai', vscode.workspace.workspaceFolders![0].uri);

/** Runs a command that shows a quick pick and accepts the item `choose` makes active (by pressing Down `downs` times). */
async function throughQuickPick<T>(run: () => Thenable<T>, downs = 0): Promise<T> {
  const result = run();
  let done = false;
  void Promise.resolve(result).finally(() => (done = true));
  // The quick pick opens asynchronously; give it a moment, then navigate and accept.
  await new Promise((r) => setTimeout(r, 800));
  for (let i = 0; i < downs; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
  for (let attempt = 0; attempt < 20 && !done; attempt++) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((r) => setTimeout(r, 300));
  }
  return result;
}

describe('assessments (multi-assessment workspace)', () => {
  before(async () => {
    await activate();
    await api().coverageTree.refresh();
  });

  after(async () => {
    await config().update('activeAssessment', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('problems.scope', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('lists every assessment; with none chosen nothing is hidden and the view shows each assessment collapsed', async () => {
    assert.deepEqual(
      api().assessments.assessments.map((a) => a.id),
      [V1, V2, 'v2a_Calibration_(IntraSelection)', 'DesignKnowledge'],
    );
    assert.equal(api().assessments.active, undefined, 'two applications and nothing chosen: no active assessment');
    await waitFor(() => brokenLink(V1_MODEL) && brokenLink(V2_MONITORING), 'the problems of both versions');
    const tree = api().coverageTree;
    const roots = tree.getChildren() as CoverageItem[];
    assert.deepEqual(
      roots.map((r) => r.label),
      [V1, V2, 'v2a_Calibration_(IntraSelection)', 'DesignKnowledge'],
    );
    for (const root of roots) assert.equal(tree.getTreeItem(root).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    // Each assessment has its own counts: the design knowledge is a catalogue (0/0).
    assert.match(String(tree.getTreeItem(roots[3]).description), /^0\/0/);
  });

  it('Select Active Assessment (by argument) writes the workspace setting; status, view and Problems follow', async () => {
    const written = await vscode.commands.executeCommand('mqg4ai.selectActiveAssessment', V2);
    assert.equal(written, V2);
    assert.equal(config().inspect<string>('activeAssessment')?.workspaceValue, V2);
    assert.equal(api().assessments.active?.id, V2);
    const tree = api().coverageTree;
    await waitFor(() => (tree.getChildren() as CoverageItem[])[0]?.label === V2, 'the active assessment first in the coverage view');
    const roots = tree.getChildren() as CoverageItem[];
    assert.equal(tree.getTreeItem(roots[0]).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(tree.getTreeItem(roots[1]).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.equal(tree.getTreeItem(roots[0]).contextValue, `mqg4ai.coverage.tree.${roots[0].status}.assessment`);
    assert.equal(tree.model.activeRoot()?.label, V2, 'the ALTAI status bar item reads the active root');
    // Problems: the default scope with two applications is the active assessment.
    await waitFor(() => noProblems(V1_MODEL) && noProblems(DK_RISK), 'the problems of v1 and the design knowledge to be cleared');
    assert.ok(brokenLink(V2_MONITORING), 'v2 keeps its problems');
  });

  it('an open document of another assessment keeps its problems', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri(V1_MODEL));
    await vscode.window.showTextDocument(document);
    await waitFor(() => brokenLink(V1_MODEL), 'the open v1 document’s problems');
    assert.ok(noProblems(DK_RISK));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('mqg4ai.problems.scope: workspace shows every assessment’s problems again', async () => {
    await config().update('problems.scope', 'workspace', vscode.ConfigurationTarget.Workspace);
    await waitFor(() => brokenLink(V1_MODEL) && !noProblems(DK_RISK), 'every problem back');
    await config().update('problems.scope', 'activeAssessment', vscode.ConfigurationTarget.Workspace);
    await waitFor(() => noProblems(DK_RISK), 'the design knowledge cleared again');
  });

  it('the quick pick: choosing the first item (v1) makes it active', async () => {
    const written = await throughQuickPick(() => vscode.commands.executeCommand<string | undefined>('mqg4ai.selectActiveAssessment'));
    assert.equal(written, V1);
    assert.equal(config().get('activeAssessment'), V1);
    await waitFor(() => api().assessments.active?.id === V1, 'v1 active');
    await waitFor(() => !noProblems(V1_RISK) && noProblems(V2_MONITORING), 'the problems of v1 only');
  });

  it('auto follows the active editor', async () => {
    await vscode.commands.executeCommand('mqg4ai.selectActiveAssessment', 'auto');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(V2_MONITORING)));
    await waitFor(() => api().assessments.active?.id === V2, 'v2 active after opening a v2 document');
    await waitFor(() => noProblems(V1_RISK), 'v1 cleared');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Nothing in an editor: the last assessment followed stays active.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(api().assessments.active?.id, V2);
  });

  it('Compare with... (both sides given) opens the comparison as a Markdown document', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('mqg4ai.compareAssessments', { from: V1, to: V2 });
    assert.ok(uri, 'the command returns the comparison’s URI');
    assert.equal(uri.scheme, 'mqg4ai-compare');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(document, 'the comparison is open');
    assert.equal(document.languageId, 'markdown');
    const text = document.getText();
    assert.match(text, /^# Assessment comparison/m);
    assert.match(text, /QG_Monitoring_\(Triage\)\.md/, 'the document v2 added');
    assert.match(text, /QG_LabelReview_\(Triage\)\.md/, 'the document v2 removed');
    assert.match(text, /TRS\.accuracy\.3/, 'the ALTAI question newly answered');
    // Shown as the Markdown preview, or as text where the built-in Markdown extension is disabled.
    const name = `${V1} → ${V2}`;
    await waitFor(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label.includes(name))), `a tab showing ${name}`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Compare with... on an assessment node of the coverage view asks for the other and compares from the older version', async () => {
    const tree = api().coverageTree;
    const v2 = (tree.getChildren() as CoverageItem[]).find((r) => r.label === V2);
    assert.ok(v2);
    // The picker lists the others in order (v1 first): accept it.
    const uri = await throughQuickPick(() => vscode.commands.executeCommand<vscode.Uri | undefined>('mqg4ai.compareAssessments', v2));
    assert.ok(uri);
    assert.equal(new URLSearchParams(uri.query).get('from'), V1);
    assert.equal(new URLSearchParams(uri.query).get('to'), V2);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(document.getText(), /^# Assessment comparison/m);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Set as Active Assessment on an assessment node makes it active', async () => {
    const v1 = (api().coverageTree.getChildren() as CoverageItem[]).find((r) => r.label === V1);
    assert.ok(v1);
    assert.equal(await vscode.commands.executeCommand('mqg4ai.setActiveAssessment', v1), V1);
    assert.equal(config().inspect<string>('activeAssessment')?.workspaceValue, V1);
    await waitFor(() => (api().coverageTree.getChildren() as CoverageItem[])[0]?.label === V1, 'v1 first in the coverage view');
  });

  it('a broken link with no clear replacement offers its candidates but prefers none (Auto Fix plants no guess)', async () => {
    const uri = workspaceUri(V2_MONITORING);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostic = await waitFor(
      () => mqgDiagnostics(uri).find((d) => codeOf(d) === 'link.missing-file' && d.message.includes('QG_Retraining')),
      'the broken link to the retraining gate',
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(
      actions.some((a) => a.title.startsWith('Change the link to')),
      actions.map((a) => a.title).join(' | '),
    );
    assert.deepEqual(
      actions.filter((a) => a.isPreferred).map((a) => a.title),
      [],
    );
    // What Auto Fix (editor.action.autoFix) would apply: nothing, so the text stays as written.
    const before = (await vscode.workspace.openTextDocument(uri)).getText();
    await vscode.commands.executeCommand('editor.action.autoFix');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await vscode.workspace.openTextDocument(uri)).getText(), before);
  });

  it('Export Coverage Report reports the active assessment only', async () => {
    const target = vscode.Uri.file(path.join(os.tmpdir(), `mqg4ai-e2e-report-${process.pid}.md`));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('mqg4ai.exportCoverageReport', { format: 'md', target: target.toString() });
    assert.ok(written, 'the report was written');
    const text = fs.readFileSync(target.fsPath, 'utf8');
    fs.rmSync(target.fsPath, { force: true });
    assert.match(text, /v1_Triage_\(Pilot\)/);
    assert.doesNotMatch(text, /v2_Triage_\(Rollout\)/);
  });
});
