// Issue 15, item 4 in a real VS Code: the workspace folder inside a git repository. Links leaving
// the folder into the repository are checked there (the Problems panel shows a missing target as
// an error, an existing target with its anchor as nothing); beyond the repository: information.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MQG4AI_REQUESTS } from '../../../protocol/protocol';
import { activate, codeOf, mqgDiagnostics, waitFor, workspaceRoot, workspaceUri } from './helpers';

describe('links beyond the workspace folder, in its git repository', () => {
  // The runner copies the sample workspace into a scratch folder: its parent becomes the repository.
  const repository = () => path.dirname(workspaceRoot());
  const made = () => [path.join(repository(), '.git'), path.join(repository(), 'sibling-e2e')];

  const restart = async () => {
    const client = await activate();
    await vscode.commands.executeCommand('mqg4ai.restartServer');
    await waitFor(() => client.isRunning(), 'the client to run again');
    await client.sendRequest(MQG4AI_REQUESTS.waitForIdle);
  };

  before(async () => {
    for (const p of made()) assert.ok(!fs.existsSync(p), `${p} must not exist before the test`);
    fs.mkdirSync(path.join(repository(), '.git'));
    fs.writeFileSync(path.join(repository(), '.git', 'HEAD'), 'ref: refs/heads/main\n');
    fs.mkdirSync(path.join(repository(), 'sibling-e2e'));
    fs.writeFileSync(path.join(repository(), 'sibling-e2e', 'Notes.md'), '# Notes\n\n## Shared definitions\n\nText.\n');
    await restart(); // the repository is found when the workspace is indexed
  });

  after(async () => {
    for (const p of made()) fs.rmSync(p, { recursive: true, force: true });
    await restart();
  });

  it('shows a broken link into a sibling folder as an error, and nothing for an existing target and anchor', async () => {
    const uri = workspaceUri('README.md');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const line = document.lineCount + 1;
    try {
      await editor.edit((edit) =>
        edit.insert(
          document.lineAt(document.lineCount - 1).range.end,
          '\n\n[shared](../sibling-e2e/Notes.md#shared-definitions) [gone](../sibling-e2e/Gone.md) [far](../../../../../far-e2e.md)\n',
        ),
      );
      const onLine = () => mqgDiagnostics(uri).filter((d) => d.range.start.line === line);
      const found = await waitFor(() => {
        const list = onLine();
        return list.some((d) => codeOf(d) === 'link.missing-file') && list.some((d) => codeOf(d) === 'link.outside-workspace') ? list : undefined;
      }, 'the broken sibling link and the link beyond the repository');
      assert.deepEqual(
        found.map((d) => [codeOf(d), d.severity, document.getText(d.range)]),
        [
          ['link.missing-file', vscode.DiagnosticSeverity.Error, '../sibling-e2e/Gone.md'],
          ['link.outside-workspace', vscode.DiagnosticSeverity.Information, '../../../../../far-e2e.md'],
        ],
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
