import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, workspaceUri } from './helpers';

const REQUIREMENT = '3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/TechnicalRobustnessSafety.md';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('ALTAI authoring in the editor', () => {
  before(async () => {
    await activate();
  });

  it('completes the missing ALTAI questions of the section as quoted items', async () => {
    const uri = workspaceUri(REQUIREMENT);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    // A section the sample has not started yet: every one of its ALTAI questions is still missing.
    const end = document.lineAt(document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\n\n##### General Safety\nALTAI:\n> - '));
    const cursor = document.lineAt(document.lineCount - 1).range.end;
    try {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, cursor);
      const details = list.items.map((i) => `${typeof i.label === 'string' ? i.label : i.label.label} | ${i.detail ?? ''}`);
      const ids = list.items.map((i) => /TRS\.general-safety\.[\d.]+/.exec(String(i.detail ?? ''))?.[0]).filter(Boolean);
      assert.ok(ids.includes('TRS.general-safety.1'), `the section's first question is offered; got:\n${details.slice(0, 10).join('\n')}`);
      const catalogueIds = list.items.map((i) => /\b[A-Z]{3}\.[a-z-]+\.[\dA.]+/.exec(String(i.detail ?? ''))?.[0]).filter(Boolean);
      assert.ok(
        catalogueIds.every((id) => id!.startsWith('TRS.general-safety.')),
        `only questions of the section under the cursor: ${catalogueIds.join(', ')}`,
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('explains an ALTAI question on hover: requirement, section, ID and whether it is addressed', async () => {
    const uri = workspaceUri(REQUIREMENT);
    const document = await vscode.workspace.openTextDocument(uri);
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('series of steps to monitor'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 20));
    const text = hoverText(hovers);
    assert.match(text, /TRS\.accuracy\.3/);
    assert.match(text, /Technical Robustness and Safety/);
    assert.match(text, /Accuracy/);
  });
});
