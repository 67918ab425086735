import { posix } from 'node:path';
import { throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import { LineIndex } from '../../base/lineIndex';
import { contentFingerprint, reviewText } from '../../domain/review/fingerprint';
import { renderStampFile } from '../../domain/review/stampFile';
import { isInside } from '../../syntax/resolveLink';
import { snapshotFileOf, stampFileOf } from '../../workspace/reviewStamps';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { relocator, type PathMove } from './moveEdits';
import { applyTextEdits, WorkspaceChange } from './workspaceChange';

/** What the refactoring may do to the stamps' files. */
export interface StampMoveOptions {
  /** The client renames files in a workspace edit: stamp files move with their documents. */
  readonly renameFiles: boolean;
  /** The client creates files: snapshots of texts the link updates produce are stored. */
  readonly createFiles: boolean;
}

/**
 * Review stamps follow moved documents (docs/review.md). The stamp file of a moved document moves
 * with it; every stamp names moved trace targets by their new paths; and the link updates of the
 * move (`linkEdits`, text edits against the current texts) do not count as changes: where a stamp
 * held a document's current fingerprint, it gets the fingerprint of the text after the updates.
 */
export async function stampMoveChange(
  index: WorkspaceIndex,
  moves: readonly PathMove[],
  linkEdits: WorkspaceChange,
  options: StampMoveOptions,
  token: CancellationToken,
): Promise<WorkspaceChange> {
  const change = new WorkspaceChange();
  const stamped = [...index.reviews.documents()].sort();
  if (stamped.length === 0) return change;
  const relocate = relocator(moves.filter((m) => m.from !== m.to));
  // Fingerprints before and after the link updates, of each edited document.
  const refingerprint = new Map<string, { before: string; after: string }>();
  for (const [path, edits] of linkEdits.textEdits()) {
    throwIfCancelled(token);
    // The text the edits apply to (the editor's or the disk's), not the model: a model may lag behind a file event.
    const text = index.getDocument(path) ? await index.readText(path) : undefined;
    if (text === undefined) continue;
    const before = contentFingerprint(text);
    const lines = new LineIndex(text);
    const after = applyTextEdits(text, edits, (p) => lines.offsetAt(p));
    const fingerprint = contentFingerprint(after);
    refingerprint.set(path, { before, after: fingerprint });
    const root = index.rootFor(path);
    const snapshot = root ? snapshotFileOf(root, fingerprint) : undefined;
    if (options.createFiles && snapshot && !index.hasFile(snapshot)) {
      change.operation({ kind: 'create', path: snapshot });
      change.edit(snapshot, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: reviewText(after) });
    }
  }
  const updated = (path: string, fingerprint: string) => {
    const known = refingerprint.get(path);
    return known && known.before === fingerprint ? known.after : fingerprint;
  };
  for (const document of stamped) {
    throwIfCancelled(token);
    const loaded = index.reviews.get(document)!;
    const root = index.rootFor(document);
    if (!root) continue;
    const moved = relocate(document);
    const stays = moved === document || !isInside(moved, root);
    if (loaded.stamp && loaded.end) {
      const traces: Record<string, string> = {};
      for (const [key, fingerprint] of Object.entries(loaded.stamp.traces)) {
        const target = posix.join(root, key);
        const movedTarget = relocate(target);
        traces[isInside(movedTarget, root) ? posix.relative(root, movedTarget) : key] = updated(target, fingerprint);
      }
      const stamp = { ...loaded.stamp, fingerprint: updated(document, loaded.stamp.fingerprint), traces };
      const text = renderStampFile(posix.relative(root, stays ? document : moved), stamp);
      if (text !== renderStampFile(posix.relative(root, document), loaded.stamp) || !stays)
        change.edit(loaded.file, { range: { start: { line: 0, character: 0 }, end: loaded.end }, newText: text });
    }
    if (!stays && options.renameFiles && !index.hasFile(stampFileOf(root, moved)))
      change.operation({ kind: 'rename', from: loaded.file, to: stampFileOf(root, moved) });
  }
  return change;
}
