import { isInside, resolveLinkTarget } from '../../syntax/resolveLink';
import type { LinkOccurrence, QualityGateDocument } from '../../domain/document/types';
import { neverCancelled, throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { decodedPath, linkPathBetween, pathKeepingPrefix, pathStyleOf, rewriteDestinationPath, splitDestination } from './destinationText';
import { WorkspaceChange } from './workspaceChange';

/** A file or folder about to move from `from` to `to` (absolute POSIX paths). */
export interface PathMove {
  readonly from: string;
  readonly to: string;
}

/**
 * Where each path will be after a set of moves: the innermost move containing
 * it applies (so moving a folder and a file inside it in one gesture works).
 */
export function relocator(moves: readonly PathMove[]): (path: string) => string {
  const sorted = [...moves].map((m) => ({ from: trimSlash(m.from), to: trimSlash(m.to) })).sort((a, b) => b.from.length - a.from.length);
  return (path) => {
    for (const move of sorted) if (isInside(path, move.from)) return move.to + path.slice(move.from.length);
    return path;
  };
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * The text edits that keep every link intact when files or folders move:
 * links elsewhere that lead to a moved file, to a file inside a moved folder
 * or to the folder itself, and relative links inside moved documents. Each
 * link keeps its spelling (see `rewriteDestinationPath`). Computed on the
 * index as it is before the move; the edits address documents by their
 * current (old) paths, as `workspace/willRenameFiles` expects.
 */
export function computeMoveEdits(index: WorkspaceIndex, moves: readonly PathMove[], token: CancellationToken = neverCancelled): WorkspaceChange {
  const change = new WorkspaceChange();
  const effective = moves.filter((m) => m.from !== m.to && index.rootFor(m.from));
  if (effective.length === 0) return change;
  const relocate = relocator(effective);

  // Documents to look at: the moved ones, and every document linking to a moved file or folder.
  const candidates = new Set<string>();
  for (const move of effective) {
    throwIfCancelled(token);
    for (const path of pathsUnder(index, trimSlash(move.from))) {
      if (index.getDocument(path)) candidates.add(path);
      for (const source of index.linkSources(path)) candidates.add(source);
    }
  }

  for (const sourcePath of candidates) {
    throwIfCancelled(token);
    const doc = index.getDocument(sourcePath);
    if (!doc) continue;
    for (const link of doc.links) {
      const newRaw = movedDestination(index, doc, link, relocate);
      if (newRaw !== undefined) change.edit(sourcePath, { range: link.destinationRange, newText: newRaw });
    }
  }
  return change;
}

/** The new spelling of one link's destination after the moves, or undefined when it stays as written. */
export function movedDestination(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  link: LinkOccurrence,
  relocate: (path: string) => string,
): string | undefined {
  if (link.syntax === 'autolink') return undefined;
  const target = resolveLinkTarget(doc.path, link.destination, index.rootFor(doc.path));
  if (target.type !== 'local' || target.sameDocument) return undefined;
  const newSource = relocate(doc.path);
  const newTarget = relocate(target.path);
  if (newSource === doc.path && newTarget === target.path) return undefined;
  const newRoot = index.rootFor(newSource);
  // Still right from the new place (both moved together, or a root-relative link): keep it as written.
  const after = resolveLinkTarget(newSource, link.destination, newRoot);
  if (after.type === 'local' && after.path === newTarget) return undefined;

  const style = pathStyleOf(splitDestination(link.rawDestination));
  const isFolder = index.hasFolder(target.path) || target.folderSyntax;
  // Keep the way the link was written (`../2_Development/2_Model_Evaluation/...`), not the shortest path.
  const newPath =
    (!style.rooted && pathKeepingPrefix(decodedPath(link.rawDestination), newSource, newTarget)) ||
    linkPathBetween(newSource, newTarget, style.rooted, newRoot);
  const newRaw = rewriteDestinationPath(link.rawDestination, newPath, isFolder);
  return newRaw === link.rawDestination ? undefined : newRaw;
}

/** `path` and, for a folder, every file and folder below it that the index knows. */
function* pathsUnder(index: WorkspaceIndex, path: string): Generator<string> {
  yield path;
  if (!index.hasFolder(path)) return;
  const queue = [path];
  while (queue.length > 0) {
    const folder = queue.pop()!;
    for (const file of index.filesIn(folder)) yield file;
    for (const child of index.foldersIn(folder)) {
      yield child;
      queue.push(child);
    }
  }
}
