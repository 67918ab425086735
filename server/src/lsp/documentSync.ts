import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from '../base/logger';

type Check = (params: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPosition = (value: unknown) => isObject(value) && Number.isInteger(value.line) && Number.isInteger(value.character);
const identifies = (params: unknown): params is { textDocument: Record<string, unknown> } =>
  isObject(params) && isObject(params.textDocument) && typeof params.textDocument.uri === 'string';

const validOpen: Check = (p) => identifies(p) && typeof p.textDocument.text === 'string' && Number.isInteger(p.textDocument.version);
const validChange: Check = (p) => {
  if (!identifies(p) || !Number.isInteger(p.textDocument.version)) return false;
  const changes = (p as { contentChanges?: unknown }).contentChanges;
  return (
    Array.isArray(changes) &&
    changes.every(
      (c) =>
        isObject(c) && typeof c.text === 'string' && (c.range === undefined || (isObject(c.range) && isPosition(c.range.start) && isPosition(c.range.end))),
    )
  );
};
const validClose: Check = identifies;

/**
 * Document synchronisation as vscode-languageserver's `TextDocuments` does it, with the params
 * checked first: a malformed didOpen/didChange/didClose (wrong shapes from a client) is logged
 * and ignored instead of throwing inside the library's handler.
 */
export function listenToDocuments(documents: TextDocuments<TextDocument>, connection: Connection, logger: Logger): void {
  const guard =
    <P>(method: string, valid: Check, handler: (params: P) => void) =>
    (params: P) => {
      if (valid(params)) handler(params);
      else logger.log('warn', `Ignored ${method}: malformed params.`);
    };
  documents.listen({
    onDidOpenTextDocument: (handler) => connection.onDidOpenTextDocument(guard('textDocument/didOpen', validOpen, handler)),
    onDidChangeTextDocument: (handler) => connection.onDidChangeTextDocument(guard('textDocument/didChange', validChange, handler)),
    onDidCloseTextDocument: (handler) => connection.onDidCloseTextDocument(guard('textDocument/didClose', validClose, handler)),
    onWillSaveTextDocument: (handler) => connection.onWillSaveTextDocument(guard('textDocument/willSave', identifies, handler)),
    onWillSaveTextDocumentWaitUntil: (handler) => connection.onWillSaveTextDocumentWaitUntil(handler),
    onDidSaveTextDocument: (handler) => connection.onDidSaveTextDocument(guard('textDocument/didSave', identifies, handler)),
  });
}
