// Markdown has quick suggestions off, so the document snippets (qg-leaf, qg-risk, the requirement
// documents) were reachable only with Ctrl+Space. On the first line of an empty Markdown file in
// the workspace the suggestions open by themselves, once per file.
import * as vscode from 'vscode';

/** Whether an editor shows an empty Markdown file of the workspace, cursor on its first line. */
export function wantsSuggestions(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  if (!editor) return false;
  const document = editor.document;
  return (
    document.languageId === 'markdown' &&
    document.uri.scheme === 'file' &&
    vscode.workspace.getWorkspaceFolder(document.uri) !== undefined &&
    document.getText().trim() === '' &&
    editor.selection.active.line === 0
  );
}

/** The files the suggestions were opened in (URIs): what the real-VS-Code tests read. */
export interface EmptyDocumentSuggestions extends vscode.Disposable {
  readonly offered: ReadonlySet<string>;
}

/** Opens the suggestions in empty Markdown files as they are shown (each file once per session). */
export function suggestInEmptyDocuments(): EmptyDocumentSuggestions {
  const done = new Set<string>();
  const offer = (editor: vscode.TextEditor | undefined) => {
    if (!wantsSuggestions(editor) || done.has(editor.document.uri.toString())) return;
    done.add(editor.document.uri.toString());
    void vscode.commands.executeCommand('editor.action.triggerSuggest');
  };
  offer(vscode.window.activeTextEditor);
  const listener = vscode.window.onDidChangeActiveTextEditor(offer);
  return { offered: done, dispose: () => listener.dispose() };
}
