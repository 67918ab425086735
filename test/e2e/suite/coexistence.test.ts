// With VS Code's own Markdown language features enabled (the runners' `--builtin-markdown` run):
// one path completion per target, a broken link's message once in the hover, one diagnostic per
// problem (docs/editors.md, "Beside VS Code's built-in Markdown support").
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, hoverText, positionOf, waitFor, workspaceUri } from './helpers';

const CONCEPTUALIZATION = '2_Lifecycle/0_Conceptualization/QG_Conceptualization_(Lifecycle).md';
const BUILTIN = 'vscode.markdown-language-features';

describe('beside the built-in Markdown language features', () => {
  let document: vscode.TextDocument;

  before(async () => {
    const builtin = vscode.extensions.getExtension(BUILTIN);
    assert.ok(builtin, `${BUILTIN} is installed and enabled in this run`);
    await builtin.activate();
    assert.ok(builtin.isActive, `${BUILTIN} is active`);
    await activate();
    document = await vscode.workspace.openTextDocument(workspaceUri(CONCEPTUALIZATION));
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('offers one path completion per target (the built-in path completions are off by default)', async () => {
    const end = document.lineAt(document.lineCount - 1).range.end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, end, '\n\nSee [the system](../../1_System/');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const position = document.lineAt(document.lineCount - 1).range.end;
    const list = await waitFor(async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      return result.items.length > 0 ? result : undefined;
    }, 'path completions');
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('Application/'), `the folder is offered: ${labels.join(', ')}`);
    const twice = labels.filter((label, i) => labels.indexOf(label) !== i);
    assert.deepEqual(twice, [], `offered twice: ${twice.join(', ')}`);
    assert.equal(vscode.workspace.getConfiguration('markdown', document.uri).get('suggest.paths.enabled'), false, 'the default MQG4AI contributes');
  });

  it('shows a broken link’s message once: in the diagnostic, not again in the hover', async () => {
    const position = positionOf(document, 'Application.md#7-scope', 3);
    const diagnostics = await waitFor(
      () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.range.contains(position)),
      'the broken link’s diagnostic',
    );
    assert.deepEqual(
      diagnostics.map((d) => `${d.source}:${codeOf(d)}`),
      ['mqg4ai:link.missing-anchor'],
      'one diagnostic, from MQG4AI (the built-in validation is off by default)',
    );
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    // Markdown escapes undone, so that an escaped copy of the message counts too.
    const text = hoverText(hovers).replace(/\\([!-/:-@[-`{-~])/g, '$1');
    assert.equal(text.split('Broken link').length - 1, 1, text);
    assert.ok(!text.includes(diagnostics[0].message), `the hover does not repeat "${diagnostics[0].message}":\n${text}`);
  });
});
