import * as assert from 'node:assert/strict';
import { MQG4AI_REQUESTS } from '../../../protocol/protocol';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID, mqgDiagnostics, readExpected, waitFor, workspaceUri } from './helpers';

describe('commands', () => {
  it('MQG4AI: Restart Language Server brings the server back with its diagnostics', async () => {
    const client = await activate();
    await vscode.commands.executeCommand('mqg4ai.restartServer');
    await waitFor(() => client.isRunning(), 'the client to run again');
    await client.sendRequest(MQG4AI_REQUESTS.waitForIdle);
    const link = readExpected().broken.find((b) => b.code === 'link.missing-folder');
    assert.ok(link);
    const uri = workspaceUri(link.file);
    await waitFor(() => mqgDiagnostics(uri).some((d) => d.range.start.line === link.line - 1), `${link.code} after the restart`);
  });

  it('MQG4AI: Show Output opens the MQG4AI output channel', async () => {
    const isMqgOutput = (d: vscode.TextDocument) => d.uri.scheme === 'output' && /MQG4AI/i.test(decodeURIComponent(d.uri.toString()));
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('mqg4ai.showOutput');
    // The channel shown in the panel becomes an open document of the `output` scheme.
    const log = await waitFor(() => vscode.workspace.textDocuments.find(isMqgOutput), 'the MQG4AI output document');
    assert.ok(isMqgOutput(log));
  });

  it('opens the getting-started walkthrough, every step of which runs a registered command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const walkthroughs = (extension.packageJSON as { contributes: { walkthroughs: Array<{ id: string; steps: Array<{ description: string }> }> } }).contributes
      .walkthroughs;
    const [walkthrough] = walkthroughs;
    assert.equal(walkthrough.id, 'mqg4ai.gettingStarted');
    const registered = await vscode.commands.getCommands(true);
    const linked = walkthrough.steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]));
    assert.equal(linked.length, walkthrough.steps.length, 'one button per step');
    for (const command of linked) assert.ok(registered.includes(command), `${command} is registered`);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
    await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Welcome', 'the walkthrough to open');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
