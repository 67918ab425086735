// The review workflow in a real VS Code (docs/review.md): "Mark document reviewed" writes the stamp
// through a workspace edit, a target edit makes the trace suspect (warning, diff on hover, review
// code actions, a Review group in the coverage view), "Show what changed since review" opens the
// diff, and "Mark trace reviewed" clears it. Scratch files under review-e2e/ and .mqg4ai/, removed at the end.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CoverageItem } from '../../../protocol/protocol';
import { activate, codeOf, EXTENSION_ID, hoverText, mqgDiagnostics, positionOf, waitFor, workspaceUri } from './helpers';

const DIR = 'review-e2e';
const GATE = `${DIR}/QG_Review_(E2E).md`;
const RISK = `${DIR}/Risk_E2E.md`;
const STAMP = `.mqg4ai/reviews/${GATE}.yaml`;
const gateText = '# QG Review\n\nThe gate cites the [risk](Risk_E2E.md).\n';
const riskText = '# Risk E2E\n\n## Mitigation\n\nRe-weight the samples.\n';

const exists = async (relative: string) => {
  try {
    await vscode.workspace.fs.stat(workspaceUri(relative));
    return true;
  } catch {
    return false;
  }
};

function findNode(items: readonly CoverageItem[], predicate: (item: CoverageItem) => boolean): CoverageItem | undefined {
  for (const item of items) {
    if (predicate(item)) return item;
    const below = findNode(item.children, predicate);
    if (below) return below;
  }
  return undefined;
}

describe('review: stamps, suspect traces and the review commands', () => {
  let gate: vscode.TextDocument;

  before(async () => {
    await activate();
    await vscode.workspace.fs.writeFile(workspaceUri(GATE), Buffer.from(gateText));
    await vscode.workspace.fs.writeFile(workspaceUri(RISK), Buffer.from(riskText));
    gate = await vscode.workspace.openTextDocument(workspaceUri(GATE));
    await vscode.window.showTextDocument(gate);
    // The server learns of the new risk file through the editor's file watcher: wait until the link resolves.
    await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', gate.uri, positionOf(gate, 'Risk_E2E.md', 2));
      return /Risk E2E/.test(hoverText(hovers)) || undefined;
    }, 'the link to the new risk resolving');
    await waitFor(
      async () =>
        (
          await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider',
            gate.uri,
            new vscode.Range(0, 0, 0, 0),
            'source.review.mqg4ai',
          )
        )?.length,
      'the review source action',
    );
  });

  after(async () => {
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri(DIR), { recursive: true, useTrash: false });
    await vscode.workspace.fs.delete(workspaceUri('.mqg4ai'), { recursive: true, useTrash: false });
  });

  it('"Mark document reviewed" writes the stamp through the workspace edit the server returns', async () => {
    const source = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      gate.uri,
      new vscode.Range(0, 0, 0, 0),
      'source.review.mqg4ai',
    );
    assert.deepEqual(
      source.map((a) => a.command?.command),
      ['mqg4ai.review.markDocument'],
    );
    const marked = await vscode.commands.executeCommand<string[]>('mqg4ai.review.markDocument', gate.uri, 'E2E Reviewer');
    assert.equal(marked.length, 1);
    await vscode.workspace.saveAll(false);
    await waitFor(() => exists(STAMP), 'the stamp file on disk');
    const stamp = Buffer.from(await vscode.workspace.fs.readFile(workspaceUri(STAMP))).toString('utf8');
    assert.match(stamp, /^reviewedBy: "E2E Reviewer"$/m);
    assert.match(stamp, /^ {2}"review-e2e\/Risk_E2E\.md": "[0-9a-f]{16}"$/m);
  });

  it('a target edit makes the trace suspect: warning, diff on hover, code actions, the Review group; marking the trace clears it', async () => {
    await vscode.workspace.fs.writeFile(workspaceUri(RISK), Buffer.from(riskText.replace('Re-weight the samples.', 'Drop the outliers.')));
    const suspect = await waitFor(() => mqgDiagnostics(gate.uri).find((d) => codeOf(d) === 'trace.suspect'), 'the suspect trace');
    assert.equal(suspect.severity, vscode.DiagnosticSeverity.Warning);

    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', gate.uri, positionOf(gate, 'Risk_E2E.md', 2)));
    assert.match(hover, /Suspect trace/);
    assert.match(hover, /- Re-weight the samples\./);
    assert.match(hover, /\+ Drop the outliers\./);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', gate.uri, suspect.range);
    const markTrace = actions.find((a) => a.title === 'Mark trace to Risk_E2E.md reviewed');
    assert.ok(markTrace?.command, actions.map((a) => a.title).join(', '));
    assert.ok(actions.some((a) => a.command?.command === 'mqg4ai.review.showChanges'));

    const view = await vscode.commands.executeCommand<vscode.Uri>('mqg4ai.review.showChanges', gate.uri, workspaceUri(RISK));
    const changes = await vscode.workspace.openTextDocument(view);
    assert.match(changes.getText(), /^# Changes in Risk_E2E\.md since review/);
    assert.match(changes.getText(), /\+ Drop the outliers\./);

    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { coverageTree: { refresh(): Promise<void>; roots(): CoverageItem[] } };
    const suspects = await waitFor(async () => {
      await api.coverageTree.refresh();
      const group = findNode(api.coverageTree.roots(), (i) => i.id.startsWith('review:') && i.label === 'Suspect traces');
      return group && group.children.length > 0 ? group : undefined;
    }, 'the Review group with the suspect trace');
    assert.deepEqual(
      suspects.children.map((c) => c.label),
      ['QG_Review_(E2E).md → Risk_E2E.md'],
    );

    const [, target] = markTrace.command.arguments as [string, string];
    await vscode.commands.executeCommand('mqg4ai.review.markTrace', gate.uri.toString(), target, 'E2E Reviewer');
    await vscode.workspace.saveAll(false);
    await waitFor(() => !mqgDiagnostics(gate.uri).some((d) => codeOf(d) === 'trace.suspect'), 'the suspect trace to clear');
  });
});
