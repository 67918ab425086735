import { posix } from 'node:path';
import { throwIfCancelled, type CancellationToken } from '../base/cancellation';
import { pathFromFsPath, toFsPath } from '../base/fileSystem';
import { Refusal } from '../base/refusal';
import { parseDocument } from '../domain/document/parseDocument';
import { isInside } from '../syntax/resolveLink';
import { changedSections } from '../analysis/versionDiff';
import { impactOf, type DocumentChange, type ImpactReport } from '../analysis/review/impact';

export type { ImpactReport } from '../analysis/review/impact';
import { gitChangesSince, gitCommitOf, GitError, gitShowFile, gitTopLevel, gitUntracked } from '../workspace/git';
import { isMarkdownPath, type WorkspaceIndex } from '../workspace/workspaceIndex';

/** Default number of reverse-link steps followed from a changed document. */
export const DEFAULT_IMPACT_DEPTH = 3;

/**
 * The change impact of the work tree of `root` against the git ref `since` (git as the source:
 * `git diff --name-status` with renames, untracked files as added), limited to the Markdown
 * documents inside `scope`. A git failure (no repository, unknown ref, no git) is a `Refusal`.
 */
export async function changeImpact(
  index: WorkspaceIndex,
  root: string,
  since: string,
  options: { depth: number; scope?: string },
  token: CancellationToken,
): Promise<ImpactReport> {
  const folder = toFsPath(root);
  try {
    const top = pathFromFsPath(await gitTopLevel(folder));
    const commit = await gitCommitOf(folder, since);
    const listed = [
      ...(await gitChangesSince(folder, commit)),
      ...(await gitUntracked(folder)).map((path) => ({ status: 'added' as const, path, from: undefined })),
    ];
    const scope = options.scope ?? root;
    const changes: DocumentChange[] = [];
    for (const change of listed) {
      throwIfCancelled(token);
      const path = posix.join(top, change.path);
      const from = change.from !== undefined ? posix.join(top, change.from) : undefined;
      if (!isMarkdownPath(path) || !(path === scope || isInside(path, scope)) || index.isExcluded(path)) continue;
      if (change.status !== 'deleted' && !index.getDocument(path)) continue;
      const before = change.status === 'added' ? undefined : await gitShowFile(folder, commit, change.from ?? change.path);
      const after = change.status === 'deleted' ? undefined : await index.readText(path);
      const sections =
        before !== undefined && after !== undefined ? changedSections(parseDocument(from ?? path, before), before, parseDocument(path, after), after) : [];
      // A file git lists as modified whose content is the same (a mode change, line endings only) is no change to review.
      if (change.status === 'modified' && sections.length === 0) continue;
      changes.push({ path, status: change.status, from, sections });
    }
    changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { since, commit, root, depth: options.depth, changes: impactOf(index, changes, options.depth, token) };
  } catch (error) {
    if (error instanceof GitError) throw new Refusal(error.message);
    throw error;
  }
}
