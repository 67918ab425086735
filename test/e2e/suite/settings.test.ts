import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, mqgDiagnostics, waitFor, workspaceUri } from './helpers';

const EMPTY_LINK_DOC = '2_Lifecycle/1_Data/1_Acquisition/QG_ImageAcquisition_(Data).md';

describe('settings applied live', () => {
  before(async () => {
    await activate();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('mqg4ai').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('turning a rule off in mqg4ai.rules removes its diagnostics without a reload, and back on restores them', async () => {
    const uri = workspaceUri(EMPTY_LINK_DOC);
    await waitFor(() => mqgDiagnostics(uri).some((d) => codeOf(d) === 'link.empty'), "the sample's empty link to be reported");

    await vscode.workspace.getConfiguration('mqg4ai').update('rules', { 'link.empty': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => !mqgDiagnostics(uri).some((d) => codeOf(d) === 'link.empty'), 'link.empty to disappear after the setting change');

    await vscode.workspace.getConfiguration('mqg4ai').update('rules', { 'link.empty': 'hint' }, vscode.ConfigurationTarget.Workspace);
    const hint = await waitFor(() => mqgDiagnostics(uri).find((d) => codeOf(d) === 'link.empty'), 'link.empty to come back as a hint');
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
  });
});
