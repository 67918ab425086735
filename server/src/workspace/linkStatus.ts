import { isMarkdownPath, PENDING_LOOKUP, type WorkspaceIndex } from './workspaceIndex';
import { hasAnchor, type LinkOccurrence, type QualityGateDocument } from '../domain/document/types';
import { resolveLinkTarget, type LinkTarget } from '../syntax/resolveLink';

/**
 * What checking one link against the workspace found. `ok` covers existing
 * files, folders and anchors (also in the enclosing repository beyond the workspace
 * folders, when it is read); the other states are broken traces, except
 * `external` (never checked) and `outside` (not ours to read).
 */
export type LinkStatus =
  | { readonly state: 'external' }
  | { readonly state: 'empty' }
  | {
      readonly state: 'outside';
      readonly path: string;
      /**
       * Why it is not checked: `untrusted`, it is in the git repository around the workspace but the
       * workspace is not trusted; `repository`, it leaves the repository too; `none`, there is no repository.
       */
      readonly beyond: 'untrusted' | 'repository' | 'none';
    }
  | { readonly state: 'ok'; readonly path: string; readonly fragment?: string; readonly isFolder: boolean }
  | { readonly state: 'missing-file' | 'missing-folder'; readonly path: string }
  | { readonly state: 'missing-anchor'; readonly path: string; readonly fragment: string };

/** Resolves a link of `doc` and checks it against the index. */
export function checkLink(index: WorkspaceIndex, doc: QualityGateDocument, link: LinkOccurrence): LinkStatus {
  return checkTarget(index, targetOfLink(index, doc, link));
}

// Where a link points depends only on its document's path, its text and the workspace
// folders, all fixed for a model's lifetime: resolve each link once. Keyed by the model,
// not by the link alone: files with the same text share their link objects (the content cache).
/** The resolved target of a link of `doc`, memoised per model and link. */
export function targetOfLink(index: WorkspaceIndex, doc: QualityGateDocument, link: LinkOccurrence): LinkTarget {
  const root = index.rootFor(doc.path);
  let memo = index.linkTargetMemo.get(doc);
  if (!memo || memo.root !== root) index.linkTargetMemo.set(doc, (memo = { root, targets: new Map() }));
  let target = memo.targets.get(link);
  if (!target) memo.targets.set(link, (target = resolveLinkTarget(doc.path, link.destination, root)));
  return target;
}

export function checkTarget(index: WorkspaceIndex, target: LinkTarget): LinkStatus {
  if (target.type === 'external') return { state: 'external' };
  if (target.type === 'empty') return { state: 'empty' };
  const { path, fragment } = target;
  if (!index.rootFor(path)) return checkInRepository(index, target);

  if (index.hasFile(path) && !target.folderSyntax) {
    if (fragment && isMarkdownPath(path)) {
      const targetDoc = index.getDocument(path);
      // A skipped or excluded target cannot be judged: give it the benefit of the doubt.
      if (targetDoc && !targetDoc.skipped && !unjudged(targetDoc) && !hasAnchor(targetDoc, fragment)) return { state: 'missing-anchor', path, fragment };
    }
    return { state: 'ok', path, fragment, isFolder: false };
  }
  if (index.hasFolder(path)) return { state: 'ok', path, isFolder: true };
  const looksLikeFolder = target.folderSyntax || !/\.[^./]+$/.test(path);
  return { state: looksLikeFolder ? 'missing-folder' : 'missing-file', path };
}

/** A link leaving the workspace folders: checked in the enclosing repository when that is read (read-only, never indexed). */
function checkInRepository(index: WorkspaceIndex, target: LinkTarget & { type: 'local' }): LinkStatus {
  const { path, fragment } = target;
  const entry = index.repositoryEntry(path);
  if (!entry) {
    const repository = index.repositoryRootFor(path);
    return { state: 'outside', path, beyond: !repository ? (index.repositoryRootFor(index.roots[0] ?? '/') ? 'repository' : 'none') : 'untrusted' };
  }
  // Not looked up yet (a link just typed): no verdict until it is; the look-up re-validates the document.
  if (entry === PENDING_LOOKUP) return { state: 'ok', path, fragment, isFolder: false };
  if (entry.type === 'file' && !target.folderSyntax) {
    if (fragment && entry.doc && !entry.doc.skipped && !unjudged(entry.doc) && !hasAnchor(entry.doc, fragment))
      return { state: 'missing-anchor', path, fragment };
    return { state: 'ok', path, fragment, isFolder: false };
  }
  if (entry.type === 'directory') return { state: 'ok', path, isFolder: true };
  const looksLikeFolder = target.folderSyntax || !/\.[^./]+$/.test(path);
  return { state: looksLikeFolder ? 'missing-folder' : 'missing-file', path };
}

/** A document whose parse was stopped has no headings to judge anchors by. */
function unjudged(doc: QualityGateDocument): boolean {
  return doc.degraded !== undefined && doc.headings.length === 0 && doc.htmlAnchors.length === 0;
}
