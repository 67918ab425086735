// Refactoring through the language server in a real VS Code: a heading rename that updates the links
// to it, a quick fix for a misspelt link, and a file move whose links follow (onWillRenameFiles).
// Works on scratch files of its own under refactor-e2e/, removed at the end.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, mqgDiagnostics, positionOf, waitFor, workspaceUri } from './helpers';

const DIR = 'refactor-e2e';
const TARGET = `${DIR}/QG_Target_(E2E).md`;
const SOURCE = `${DIR}/Source.md`;
const MOVED = `${DIR}/moved/QG_Target_(E2E).md`;

const targetText = '# QG Target\n\n## Old Heading\n\nSomething to link to.\n';
const sourceText = '# Source\n\n- [Target heading](<QG_Target_(E2E).md#old-heading>)\n- [Misspelt](./QG_Targt_(E2E).md)\n';

describe('refactoring: rename, quick fix and file move', () => {
  let target: vscode.TextDocument;
  let source: vscode.TextDocument;

  before(async () => {
    await activate();
    await vscode.workspace.fs.writeFile(workspaceUri(TARGET), Buffer.from(targetText));
    await vscode.workspace.fs.writeFile(workspaceUri(SOURCE), Buffer.from(sourceText));
    target = await vscode.workspace.openTextDocument(workspaceUri(TARGET));
    source = await vscode.workspace.openTextDocument(workspaceUri(SOURCE));
    await vscode.window.showTextDocument(source);
    await waitFor(() => mqgDiagnostics(source.uri).some((d) => codeOf(d) === 'link.missing-file'), 'the misspelt link to be reported');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('mqg4ai.links').update('updateOnFileMove', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri(DIR), { recursive: true, useTrash: false });
  });

  it('renames a heading and every link to it (vscode.executeDocumentRenameProvider)', async () => {
    const position = positionOf(target, 'Old Heading', 2);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', target.uri, position, 'New Heading');
    assert.ok(edit, 'a WorkspaceEdit is returned');
    assert.ok(
      edit.has(target.uri) && edit.has(source.uri),
      `edits in both documents; got ${edit
        .entries()
        .map(([u]) => u.path)
        .join(', ')}`,
    );
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.match(target.getText(), /^## New Heading$/m);
    assert.match(source.getText(), /<QG_Target_\(E2E\)\.md#new-heading>/);
    // The server sees both edits: the link's anchor leads to the renamed heading.
    const headingLine = target.getText().split('\n').indexOf('## New Heading');
    await waitFor(
      async () => {
        const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
          'vscode.executeDefinitionProvider',
          source.uri,
          positionOf(source, '#new-heading', 2),
        );
        return locations.some((l) => ('targetRange' in l ? l.targetRange : l.range).start.line === headingLine);
      },
      'the renamed anchor to lead to the renamed heading',
      10_000,
    );
    assert.ok(!mqgDiagnostics(source.uri).some((d) => codeOf(d) === 'link.missing-anchor'));
  });

  it('fixes a misspelt link with the preferred quick fix (vscode.executeCodeActionProvider)', async () => {
    const diagnostic = await waitFor(() => mqgDiagnostics(source.uri).find((d) => codeOf(d) === 'link.missing-file'), 'the missing-file diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      source.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const preferred = actions.find((a) => a.isPreferred && a.title.startsWith('Change the link'));
    assert.ok(preferred?.edit, `a preferred replacement; got ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(preferred.title, 'Change the link to QG_Target_(E2E).md');
    assert.equal(await vscode.workspace.applyEdit(preferred.edit), true);
    assert.match(source.getText(), /\[Misspelt\]\(\.\/QG_Target_\(E2E\)\.md\)/);
    await waitFor(() => !mqgDiagnostics(source.uri).some((d) => codeOf(d)?.startsWith('link.')), 'no link errors after the fix', 10_000);
  });

  it('updates the links when the file is moved (onWillRenameFiles, updateOnFileMove: always)', async () => {
    await vscode.workspace.saveAll(false);
    await vscode.workspace.getConfiguration('mqg4ai.links').update('updateOnFileMove', 'always', vscode.ConfigurationTarget.Global);
    const move = new vscode.WorkspaceEdit();
    move.renameFile(workspaceUri(TARGET), workspaceUri(MOVED));
    assert.equal(await vscode.workspace.applyEdit(move), true);
    await waitFor(() => source.getText().includes('moved/QG_Target_(E2E).md'), 'the links in Source.md to follow the move', 10_000);
    assert.match(source.getText(), /<moved\/QG_Target_\(E2E\)\.md#new-heading>/);
    assert.match(source.getText(), /\[Misspelt\]\(\.\/moved\/QG_Target_\(E2E\)\.md\)/);
    await vscode.workspace.saveAll(false);
    await waitFor(() => !mqgDiagnostics(source.uri).some((d) => codeOf(d)?.startsWith('link.')), 'no link errors after the move', 10_000);
  });

  it('moves with one confirmation by default (no prompt of ours) and keeps each link written as it was', async () => {
    await vscode.workspace.getConfiguration('mqg4ai.links').update('updateOnFileMove', undefined, vscode.ConfigurationTarget.Global);
    const detour = workspaceUri(`${DIR}/sub/QG_Detour_(E2E).md`);
    const linker = workspaceUri(`${DIR}/sub/Linker.md`);
    await vscode.workspace.fs.writeFile(detour, Buffer.from('# QG Detour\n\nA target.\n'));
    await vscode.workspace.fs.writeFile(
      linker,
      Buffer.from('# Linker\n\n- [long way](../sub/QG_Detour_(E2E).md)\n- [angle](<./QG_Detour_(E2E).md>)\n- [encoded](QG_Detour_%28E2E%29.md)\n'),
    );
    const document = await vscode.workspace.openTextDocument(linker);
    await waitFor(
      async () => (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', linker)).length >= 3,
      'the links to be known',
    );
    const move = new vscode.WorkspaceEdit();
    move.renameFile(detour, workspaceUri(`${DIR}/sub/QG_Renamed_(E2E).md`));
    // With our own modal this would hang until the test times out: the default asks nothing of its own.
    assert.equal(await vscode.workspace.applyEdit(move), true);
    await waitFor(() => document.getText().includes('QG_Renamed_'), 'the links in Linker.md to follow the rename', 10_000);
    const text = document.getText();
    assert.match(text, /\[long way\]\(\.\.\/sub\/QG_Renamed_\(E2E\)\.md\)/, 'the ../sub/ detour is kept');
    assert.match(text, /\[angle\]\(<\.\/QG_Renamed_\(E2E\)\.md>\)/, '<./...> is kept');
    assert.match(text, /\[encoded\]\(QG_Renamed_%28E2E%29\.md\)/, 'percent-encoding is kept');
    assert.ok(document.isDirty, 'the update is an unsaved, undoable edit');
  });
});
