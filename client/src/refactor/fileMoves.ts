// Link updates when files or folders move. Design (docs/refactoring.md): the server registers for
// `workspace/willRenameFiles`; vscode-languageclient sends it from `workspace.onWillRenameFiles`
// and hands the returned WorkspaceEdit to `event.waitUntil`. This middleware sits in between and
// applies `mqg4ai.links.updateOnFileMove`: `never` does not ask the server, `always` lets the edit
// through (VS Code's own refactoring confirmation is then the one question, the default), `prompt`
// asks the user (a modal) once the number of link changes is known. After the move, a notification
// says how many links in how many files were updated, with "Save All".
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { afterCompute, ALWAYS, answer, beforeMove, NEVER, promptText, readUpdateOnFileMove, SAVE_ALL, UPDATE, updatedText } from './movePolicy';

const SETTING_SECTION = 'mqg4ai.links';
const SETTING_KEY = 'updateOnFileMove';

type WillRenameFiles = NonNullable<NonNullable<Middleware['workspace']>['willRenameFiles']>;

/** The `willRenameFiles` middleware of the language client. */
export function fileMoveMiddleware(output: vscode.LogOutputChannel): WillRenameFiles {
  return async (event, next) => {
    const scope = event.files[0]?.oldUri;
    const setting = readUpdateOnFileMove(vscode.workspace.getConfiguration(SETTING_SECTION, scope).get(SETTING_KEY));
    if (beforeMove(setting) === 'skip') return undefined;
    const edit = (await next(event)) as vscode.WorkspaceEdit | null | undefined;
    if (!edit) return undefined;
    let linkCount = 0;
    for (const [, edits] of edit.entries()) linkCount += edits.length;
    const decision = afterCompute(setting, linkCount);
    if (decision === 'skip') return undefined;
    const names = event.files.map((f) => path.posix.basename(f.oldUri.path));
    if (decision === 'apply') {
      announceWhenMoved(edit, names, linkCount, output);
      return edit;
    }

    const { message, detail } = promptText(names, linkCount, edit.size);
    const choice = await vscode.window.showInformationMessage(message, { modal: true, detail }, UPDATE, ALWAYS, NEVER);
    const result = answer(choice);
    if (result.remember) {
      await vscode.workspace.getConfiguration(SETTING_SECTION, scope).update(SETTING_KEY, result.remember, vscode.ConfigurationTarget.Global);
      output.info(`mqg4ai.links.updateOnFileMove is now "${result.remember}".`);
    }
    if (!result.apply) output.info(`Links not updated for moving ${names.join(', ')}.`);
    if (result.apply) announceWhenMoved(edit, names, linkCount, output);
    return result.apply ? edit : undefined;
  };
}

/**
 * Once the move is done: "N links in M files were updated" with "Save All" — only when VS Code did
 * apply the edit (the user may skip it in VS Code's own confirmation), i.e. an edited file is dirty.
 */
function announceWhenMoved(edit: vscode.WorkspaceEdit, names: readonly string[], linkCount: number, output: vscode.LogOutputChannel): void {
  const edited = new Set(edit.entries().map(([uri]) => uri.toString()));
  const listener = vscode.workspace.onDidRenameFiles((moved) => {
    listener.dispose();
    clearTimeout(timer);
    // Edited documents that moved are dirty under their new URI.
    const relocated = new Set(edited);
    for (const { oldUri, newUri } of moved.files) {
      for (const uri of edited)
        if (uri === oldUri.toString() || uri.startsWith(`${oldUri.toString()}/`)) relocated.add(newUri.toString() + uri.slice(oldUri.toString().length));
    }
    const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && relocated.has(d.uri.toString())).length;
    if (dirty === 0) return;
    const message = updatedText(names, linkCount, edit.size);
    output.info(message);
    void vscode.window.showInformationMessage(message, SAVE_ALL).then((choice) => {
      if (choice === SAVE_ALL) void vscode.workspace.saveAll(false);
    });
  });
  // A move that never completes (cancelled, failed) leaves no listener behind.
  const timer = setTimeout(() => listener.dispose(), 120_000);
}
