import { posix } from 'node:path';
import { BLOCK_FOLDER } from '../domain/document/documentKind';
import type { WorkspaceIndex } from './workspaceIndex';

/**
 * The MQG4AI tree a document belongs to: the nearest folder above it that
 * holds `1_System`, `2_Lifecycle` and/or `3_RiskManagement`. Undefined for
 * documents outside any tree.
 */
export function treeRootOf(index: WorkspaceIndex, path: string): string | undefined {
  // Memoised per folder by the index until the folder structure or the configuration changes.
  const memo = index.treeRootMemo;
  const folder = posix.dirname(path);
  if (!memo.has(folder)) memo.set(folder, computeTreeRoot(index, path));
  return memo.get(folder);
}

function computeTreeRoot(index: WorkspaceIndex, path: string): string | undefined {
  const root = index.rootFor(path);
  // Configured trace roots replace the detection.
  if (root && index.config.traceRoots.length > 0) {
    const configured = index.config.traceRoots.map((r) => posix.join(root, r)).filter((r) => path.startsWith(`${r}/`));
    return configured.sort((a, b) => b.length - a.length)[0];
  }
  for (let folder = posix.dirname(path); root && folder.length >= root.length; folder = posix.dirname(folder)) {
    for (const child of index.foldersIn(folder)) if (BLOCK_FOLDER.test(posix.basename(child))) return folder;
    if (folder === root || folder === '/') break;
  }
  return undefined;
}

/** Every tree root in the workspace, sorted. */
export function allTreeRoots(index: WorkspaceIndex): string[] {
  const roots = new Set<string>();
  for (const doc of index.allDocuments()) {
    const root = treeRootOf(index, doc.path);
    if (root) roots.add(root);
  }
  return [...roots].sort();
}
