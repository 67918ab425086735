import type { Position, Range, WorkspaceEdit } from '../editorTypes';
import { computeHeadingRename, renameTargetAt } from './headingRename';
import { stampMoveChange } from './stampMoves';
import { WorkspaceChange } from './workspaceChange';
import { computeNameRename } from './nameRename';
import type { CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { supports, toWorkspaceEdit, type EditCapabilities } from './workspaceEdits';

export interface RenameOptions {
  readonly capabilities: EditCapabilities;
  /** `mqg4ai.rename.renameFileWithName`: renaming a QG's Name also renames its file. */
  readonly renameFileWithName: boolean;
}

/**
 * Rename (`textDocument/prepareRename` + `textDocument/rename`): a heading and
 * every anchor link to it (also when started on a link's `#anchor`), or a
 * front-matter Name, optionally with the file and the links to it. Refusals
 * are thrown as `RenameRefused` with a message for the user.
 */
export class RenameProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  async prepareRename(path: string, position: Position, token: CancellationToken): Promise<{ range: Range; placeholder: string } | null> {
    const target = await this.targetAt(path, position);
    if (!target || token.isCancellationRequested) return null;
    return { range: target.range, placeholder: target.placeholder };
  }

  async rename(path: string, position: Position, newName: string, options: RenameOptions, token: CancellationToken): Promise<WorkspaceEdit | null> {
    const target = await this.targetAt(path, position);
    if (!target || token.isCancellationRequested) return null;
    const text = await this.index.readText(target.path);
    if (text === undefined || token.isCancellationRequested) return null;
    if (target.kind === 'heading') {
      return toWorkspaceEdit(computeHeadingRename(this.index, target.path, text, target.headingIndex, newName, token), options.capabilities);
    }
    const renameFile = options.renameFileWithName && supports(options.capabilities, 'rename');
    const { change } = computeNameRename(this.index, target.path, text, newName, { renameFile }, token);
    // A renamed file takes its review stamp along (docs/review.md).
    const moves = change.fileOperations().flatMap((op) => (op.kind === 'rename' ? [{ from: op.from, to: op.to }] : []));
    if (moves.length > 0)
      change.merge(
        await stampMoveChange(this.index, moves, new WorkspaceChange(), { renameFiles: true, createFiles: supports(options.capabilities, 'create') }, token),
      );
    return toWorkspaceEdit(change, options.capabilities);
  }

  private async targetAt(path: string, position: Position) {
    const doc = this.index.getDocument(path);
    const text = doc && (await this.index.readText(path));
    if (!doc || text === undefined) return undefined;
    // A link's anchor may name a heading of another document: read its text first.
    const texts = new Map<string, string | undefined>();
    const probe = () =>
      renameTargetAt(this.index, doc, text, position, (p) => {
        if (!texts.has(p)) texts.set(p, undefined);
        return texts.get(p);
      });
    const first = probe();
    if (first?.kind !== 'heading' || first.path === path || texts.size === 0) return first;
    for (const p of texts.keys()) texts.set(p, await this.index.readText(p));
    return probe();
  }
}
