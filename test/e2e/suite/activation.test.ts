import * as assert from 'node:assert/strict';
import { MQG4AI_REQUESTS } from '../../../protocol/protocol';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID, waitFor, workspaceRoot } from './helpers';

describe('activation', () => {
  it('opens the sample assessment as the workspace', () => {
    assert.ok(workspaceRoot(), 'a workspace folder is open');
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
  });

  it('activates the extension and starts the language client', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    const client = await activate();
    assert.equal(extension.isActive, true);
    assert.equal(client.isRunning(), true);
    const idle = await client.sendRequest<{ documents: number }>(MQG4AI_REQUESTS.waitForIdle);
    assert.ok(idle.documents >= 10, `the server indexed the sample workspace (${idle.documents} documents)`);
  });

  it('runs without the built-in Markdown language features, so every answer comes from MQG4AI', () => {
    // Both runners start VS Code with --disable-extension vscode.markdown-language-features.
    const builtin = vscode.extensions.getExtension('vscode.markdown-language-features');
    assert.ok(!builtin?.isActive, 'vscode.markdown-language-features is disabled');
  });

  it('registers its commands', async () => {
    const commands = await waitFor(async () => {
      const all = await vscode.commands.getCommands(true);
      return all.includes('mqg4ai.restartServer') ? all : undefined;
    }, 'the mqg4ai commands');
    for (const id of ['mqg4ai.restartServer', 'mqg4ai.showOutput']) assert.ok(commands.includes(id), `${id} is registered`);
  });

  it('writes clean lines to the MQG4AI output: one level, no "[Info  - time]" prefix of the language client', async () => {
    const api = await vscode.extensions.getExtension<{ logFolder: vscode.Uri }>(EXTENSION_ID)!.activate();
    const text = await waitFor(async () => {
      const entries = await vscode.workspace.fs.readDirectory(api.logFolder).then(undefined, () => [] as [string, vscode.FileType][]);
      const logs = await Promise.all(
        entries
          .filter(([name]) => name.endsWith('.log'))
          .map(async ([name]) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(api.logFolder, name)))),
      );
      const all = logs.join('\n');
      // The server's "Ready: N Markdown documents ..." arrives through window/logMessage.
      return /\[info\] Ready: \d+ Markdown documents/.test(all) ? all : undefined;
    }, "the server's Ready line in the MQG4AI log");
    assert.doesNotMatch(text, /\[(Trace|Debug|Info|Warn|Error)\s*- /, 'no language-client prefix');
    assert.doesNotMatch(text, /\[(info|warning|error)\] \[(info|warn|error)\]/, 'no doubled level');
  });
});
