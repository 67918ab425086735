// New documents and completed ones, as the server computes them: the client only applies the
// WorkspaceEdit (undoable, like any refactoring) and opens the result. The server writes nothing.
import * as vscode from 'vscode';
import type { LanguageClient, WorkspaceEdit as LspWorkspaceEdit } from 'vscode-languageclient/node';
import {
  MQG4AI_REQUESTS,
  type CompleteDocumentParams,
  type CompleteDocumentResult,
  type CreateDocumentParams,
  type CreateDocumentResult,
  type NewDocumentKind,
} from '../../../protocol/protocol';

/** What the commands need of the language client (the real one, or a test double). */
export type EditSource = Pick<LanguageClient, 'sendRequest' | 'protocol2CodeConverter'>;

/** Creates `target` from its template (with the link from its Collection-QG when asked) and opens it; resolves to the file, or undefined. */
export async function createDocument(
  client: EditSource,
  kind: NewDocumentKind,
  target: vscode.Uri,
  options: { readonly linkFromCollection?: boolean } = {},
): Promise<vscode.Uri | undefined> {
  let result: CreateDocumentResult;
  try {
    result = await client.sendRequest<CreateDocumentResult>(MQG4AI_REQUESTS.createDocument, {
      kind,
      target: target.toString(),
      ...(options.linkFromCollection ? { linkFromCollection: true } : {}),
    } satisfies CreateDocumentParams);
  } catch (error) {
    void vscode.window.showErrorMessage(`Creating ${basename(target)} failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit as LspWorkspaceEdit);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Creating ${basename(target)} failed: VS Code did not apply the edit.`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(target);
  // A created file is dirty until saved; save it so that the language server and git see it (undo still
  // works). Not in Restricted Mode, where the extension writes nothing itself.
  if (vscode.workspace.isTrusted) await document.save();
  await vscode.window.showTextDocument(document, { preview: false });
  return target;
}

/** Inserts what `uri` lacks of its template (questions, sections) and shows it; resolves to what was inserted, or undefined. */
export async function completeDocument(client: EditSource, uri: vscode.Uri): Promise<string | undefined> {
  let result: CompleteDocumentResult | null;
  try {
    result = await client.sendRequest<CompleteDocumentResult | null>(MQG4AI_REQUESTS.completeDocument, {
      uri: uri.toString(),
    } satisfies CompleteDocumentParams);
  } catch (error) {
    void vscode.window.showErrorMessage(`Completing ${basename(uri)} failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  if (!result) {
    void vscode.window.showInformationMessage(`${basename(uri)} already has everything its template asks for.`);
    return undefined;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit as LspWorkspaceEdit);
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  await vscode.window.showTextDocument(uri, { preview: false });
  return result.summary;
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
