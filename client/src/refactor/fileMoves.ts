// Link updates when files or folders move. Design (docs/refactoring.md): the server registers for
// `workspace/willRenameFiles`; vscode-languageclient sends it from `workspace.onWillRenameFiles`
// and hands the returned WorkspaceEdit to `event.waitUntil`. This middleware sits in between and
// applies `mqg4ai.links.updateOnFileMove`: `never` does not ask the server, `always` lets the edit
// through, `prompt` asks the user (a modal) once the number of link changes is known.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { afterCompute, ALWAYS, answer, beforeMove, NEVER, promptText, readUpdateOnFileMove, UPDATE } from './movePolicy';

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
    if (decision === 'apply') return edit;

    const names = event.files.map((f) => path.posix.basename(f.oldUri.path));
    const { message, detail } = promptText(names, linkCount, edit.size);
    const choice = await vscode.window.showInformationMessage(message, { modal: true, detail }, UPDATE, ALWAYS, NEVER);
    const result = answer(choice);
    if (result.remember) {
      await vscode.workspace.getConfiguration(SETTING_SECTION, scope).update(SETTING_KEY, result.remember, vscode.ConfigurationTarget.Global);
      output.info(`mqg4ai.links.updateOnFileMove is now "${result.remember}".`);
    }
    if (!result.apply) output.info(`Links not updated for moving ${names.join(', ')}.`);
    return result.apply ? edit : undefined;
  };
}
