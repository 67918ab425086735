import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, mqgDiagnostics, readExpected, waitFor, workspaceUri } from './helpers';

describe('commands', () => {
  it('MQG4AI: Restart Language Server brings the server back with its diagnostics', async () => {
    const client = await activate();
    await vscode.commands.executeCommand('mqg4ai.restartServer');
    await waitFor(() => client.isRunning(), 'the client to run again');
    await client.sendRequest('mqg4ai/waitForIdle');
    const link = readExpected().broken.find((b) => b.code === 'link.missing-folder');
    assert.ok(link);
    const uri = workspaceUri(link.file);
    await waitFor(() => mqgDiagnostics(uri).some((d) => d.range.start.line === link.line - 1), `${link.code} after the restart`);
  });

  it('MQG4AI: Show Output runs', async () => {
    await vscode.commands.executeCommand('mqg4ai.showOutput');
  });
});
