import { isMarkdownPath, type WorkspaceIndex } from '../workspace/workspaceIndex';
import { hasAnchor, type LinkOccurrence, type QualityGateDocument } from '../model/types';
import { resolveLinkTarget, type LinkTarget } from './resolveLink';

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
  return checkTarget(index, resolveLinkTarget(doc.path, link.destination, index.rootFor(doc.path)));
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
      if (targetDoc && !targetDoc.skipped && !hasAnchor(targetDoc, fragment)) return { state: 'missing-anchor', path, fragment };
    }
    return { state: 'ok', path, fragment, isFolder: false };
  }
  if (index.hasFolder(path)) return { state: 'ok', path, isFolder: true };
  const looksLikeFolder = target.folderSyntax || !/\.[^./]+$/.test(path);
  return { state: looksLikeFolder ? 'missing-folder' : 'missing-file', path };
}
