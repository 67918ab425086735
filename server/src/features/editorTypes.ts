import type { Position, Range } from '../base/range';

/**
 * The shapes the features return: plain data, structurally the same as LSP's (so the LSP
 * layer passes them on unchanged) without the engine depending on an LSP package. Only the
 * fields we fill are listed. Constants carry LSP's numeric and string values.
 */

export type { Position, Range };

export const MarkupKind = { PlainText: 'plaintext', Markdown: 'markdown' } as const;
export type MarkupKind = (typeof MarkupKind)[keyof typeof MarkupKind];

export interface MarkupContent {
  readonly kind: MarkupKind;
  readonly value: string;
}

export interface Hover {
  readonly contents: MarkupContent;
  readonly range?: Range;
}

export interface Location {
  readonly uri: string;
  readonly range: Range;
}

export interface DocumentLink {
  readonly range: Range;
  readonly target?: string;
  readonly tooltip?: string;
}

export const SymbolKind = { File: 1, Module: 2, Namespace: 3, Class: 5, String: 15 } as const;
export type SymbolKind = (typeof SymbolKind)[keyof typeof SymbolKind];

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface WorkspaceSymbol {
  name: string;
  kind: SymbolKind;
  containerName?: string;
  location: Location | { uri: string };
}

export const DiagnosticSeverity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;
export type DiagnosticSeverity = (typeof DiagnosticSeverity)[keyof typeof DiagnosticSeverity];

/** A diagnostic as published: our finding with its data for the quick fixes. */
export interface Diagnostic {
  range: Range;
  severity?: DiagnosticSeverity;
  code?: string | number;
  source?: string;
  message: string;
  data?: unknown;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface TextDocumentEdit {
  textDocument: { uri: string; version: number | null };
  edits: TextEdit[];
}

export interface CreateFile {
  kind: 'create';
  uri: string;
  options?: { overwrite?: boolean; ignoreIfExists?: boolean };
}

export interface RenameFile {
  kind: 'rename';
  oldUri: string;
  newUri: string;
  options?: { overwrite?: boolean; ignoreIfExists?: boolean };
}

export interface WorkspaceEdit {
  changes?: { [uri: string]: TextEdit[] };
  documentChanges?: Array<TextDocumentEdit | CreateFile | RenameFile>;
}

export interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}

export const CodeActionKind = { QuickFix: 'quickfix', SourceFixAll: 'source.fixAll' } as const;

export interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  command?: Command;
}

export const CompletionItemKind = { Text: 1, Property: 10, Value: 12, Snippet: 15, File: 17, Reference: 18, Folder: 19 } as const;
export type CompletionItemKind = (typeof CompletionItemKind)[keyof typeof CompletionItemKind];

export const InsertTextFormat = { PlainText: 1, Snippet: 2 } as const;
export type InsertTextFormat = (typeof InsertTextFormat)[keyof typeof InsertTextFormat];

export interface CompletionItem {
  label: string;
  kind?: CompletionItemKind;
  detail?: string;
  documentation?: string | MarkupContent;
  sortText?: string;
  filterText?: string;
  insertText?: string;
  insertTextFormat?: InsertTextFormat;
  textEdit?: TextEdit;
  additionalTextEdits?: TextEdit[];
  command?: Command;
  preselect?: boolean;
  labelDetails?: { detail?: string; description?: string };
}

export interface CompletionList {
  isIncomplete: boolean;
  items: CompletionItem[];
}
