import type { WorkspaceEdit } from '../editorTypes';
import { computeMoveEdits } from './moveEdits';
import type { CancellationToken } from '../../base/cancellation';
import { pathFromUri } from '../../base/fileSystem';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { supports, toWorkspaceEdit, type EditCapabilities } from './workspaceEdits';
import { stampMoveChange } from './stampMoves';
import { WorkspaceChange } from './workspaceChange';

/**
 * `workspace/willRenameFiles`: the link updates for files and folders about
 * to be moved or renamed, computed on the index before the move. Null when no
 * link changes.
 */
export class FileMoveProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  async provideMoveEdits(
    files: ReadonlyArray<{ oldUri: string; newUri: string }>,
    capabilities: EditCapabilities,
    token: CancellationToken,
  ): Promise<WorkspaceEdit | null> {
    const moves = files
      .filter((f) => f.oldUri.startsWith('file:') && f.newUri.startsWith('file:'))
      .map((f) => ({ from: pathFromUri(f.oldUri), to: pathFromUri(f.newUri) }));
    if (moves.length === 0) return null;
    const links = computeMoveEdits(this.index, moves, token);
    // The review stamps follow (docs/review.md): their files move, and link updates do not make documents unreviewed.
    const options = { renameFiles: supports(capabilities, 'rename'), createFiles: supports(capabilities, 'create') };
    const change = new WorkspaceChange().merge(links).merge(await stampMoveChange(this.index, moves, links, options, token));
    if (change.isEmpty || token.isCancellationRequested) return null;
    // The client performs the move itself; file operations here are the stamps' only.
    return toWorkspaceEdit(change, {
      documentChanges: capabilities.documentChanges,
      resourceOperations: capabilities.resourceOperations.filter((op) => op === 'rename' || op === 'create'),
    });
  }
}
