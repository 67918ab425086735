import type { WorkspaceEdit } from '../editorTypes';
import { computeMoveEdits } from './moveEdits';
import type { CancellationToken } from '../../base/cancellation';
import { pathFromUri } from '../../base/fileSystem';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { toWorkspaceEdit, type EditCapabilities } from './workspaceEdits';

/**
 * `workspace/willRenameFiles`: the link updates for files and folders about
 * to be moved or renamed, computed on the index before the move. Null when no
 * link changes.
 */
export class FileMoveProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  provideMoveEdits(files: ReadonlyArray<{ oldUri: string; newUri: string }>, capabilities: EditCapabilities, token: CancellationToken): WorkspaceEdit | null {
    const moves = files
      .filter((f) => f.oldUri.startsWith('file:') && f.newUri.startsWith('file:'))
      .map((f) => ({ from: pathFromUri(f.oldUri), to: pathFromUri(f.newUri) }));
    if (moves.length === 0) return null;
    const change = computeMoveEdits(this.index, moves, token);
    if (change.isEmpty || token.isCancellationRequested) return null;
    // Only text edits: the client performs the move itself.
    return toWorkspaceEdit(change, { documentChanges: capabilities.documentChanges, resourceOperations: [] });
  }
}
