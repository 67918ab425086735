import type { CreateFile, RenameFile, TextDocumentEdit, WorkspaceEdit } from '../editorTypes';
import type { WorkspaceChange } from './workspaceChange';
import { uriFromPath } from '../../base/fileSystem';

/** What the client said it can apply (`workspace.workspaceEdit` client capabilities). */
export interface EditCapabilities {
  /** `documentChanges`: versioned edits and, with `resourceOperations`, file operations. */
  readonly documentChanges: boolean;
  /** `create`, `rename`, `delete`: which file operations the client performs. */
  readonly resourceOperations: readonly string[];
}

export const PLAIN_EDITS: EditCapabilities = { documentChanges: false, resourceOperations: [] };

/** Whether the client can apply a change with this file operation. */
export function supports(capabilities: EditCapabilities, operation: 'create' | 'rename'): boolean {
  return capabilities.documentChanges && capabilities.resourceOperations.includes(operation);
}

/**
 * The LSP form of a core change. With `documentChanges`: created files first
 * (each followed by its content), then the text edits (against the documents'
 * current paths), then renames, which therefore come after the edits to the
 * renamed files. Without: a plain `changes` map (file operations cannot be
 * expressed; callers offer them only when supported).
 */
export function toWorkspaceEdit(change: WorkspaceChange, capabilities: EditCapabilities): WorkspaceEdit {
  const textEdits = change.textEdits();
  if (!capabilities.documentChanges) {
    const changes: NonNullable<WorkspaceEdit['changes']> = {};
    for (const [path, edits] of textEdits) changes[uriFromPath(path)] = edits.map((e) => ({ range: e.range, newText: e.newText }));
    return { changes };
  }
  const created = new Set<string>();
  const documentChanges: Array<TextDocumentEdit | CreateFile | RenameFile> = [];
  const textEdit = (path: string, edits: (typeof textEdits)[number][1]): TextDocumentEdit => ({
    textDocument: { uri: uriFromPath(path), version: null },
    edits: edits.map((e) => ({ range: e.range, newText: e.newText })),
  });
  for (const op of change.fileOperations()) {
    if (op.kind !== 'create' || !supports(capabilities, 'create')) continue;
    created.add(op.path);
    documentChanges.push({ kind: 'create', uri: uriFromPath(op.path), options: { overwrite: false, ignoreIfExists: true } });
    const content = textEdits.find(([path]) => path === op.path);
    if (content) documentChanges.push(textEdit(op.path, content[1]));
  }
  for (const [path, edits] of textEdits) if (!created.has(path)) documentChanges.push(textEdit(path, edits));
  for (const op of change.fileOperations()) {
    if (op.kind !== 'rename' || !supports(capabilities, 'rename')) continue;
    documentChanges.push({ kind: 'rename', oldUri: uriFromPath(op.from), newUri: uriFromPath(op.to), options: { overwrite: false, ignoreIfExists: false } });
  }
  return { documentChanges };
}

/** Reads the edit capabilities from a client's `initialize` capabilities. */
export function editCapabilitiesOf(capabilities: {
  workspace?: { workspaceEdit?: { documentChanges?: boolean; resourceOperations?: string[] } };
}): EditCapabilities {
  const edit = capabilities.workspace?.workspaceEdit;
  return { documentChanges: edit?.documentChanges === true, resourceOperations: edit?.resourceOperations ?? [] };
}
