import { isMarkdownPath, type WorkspaceIndex } from './workspaceIndex';
import { hasAnchor, type LinkOccurrence, type QualityGateDocument } from '../domain/document/types';
import { resolveLinkTarget, type LinkTarget } from '../syntax/resolveLink';

/**
 * What checking one link against the workspace found. `ok` covers existing
 * files, folders and anchors; the other states are broken traces, except
 * `external` (never checked) and `outside` (not ours to read).
 */
export type LinkStatus =
  | { readonly state: 'external' }
  | { readonly state: 'empty' }
  | { readonly state: 'outside'; readonly path: string }
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
  if (!index.rootFor(path)) return { state: 'outside', path };

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

/** A document whose parse was stopped has no headings to judge anchors by. */
function unjudged(doc: QualityGateDocument): boolean {
  return doc.degraded !== undefined && doc.headings.length === 0 && doc.htmlAnchors.length === 0;
}
