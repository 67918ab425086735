import { posix } from 'node:path';
import { checkLink } from '../../../server/src/workspace/linkStatus';
import { applyTextEdits, type WorkspaceChange } from '../../../server/src/features/refactor/workspaceChange';
import { LineIndex } from '../../../server/src/base/lineIndex';
import type { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';
import { buildIndex } from '../helpers';

/** Applies a change (text edits on the current paths, then file operations) to an in-memory file map. */
export function applyChange(files: Record<string, string>, change: WorkspaceChange): Record<string, string> {
  const result = { ...files };
  for (const op of change.fileOperations()) if (op.kind === 'create' && result[op.path] === undefined) result[op.path] = '';
  for (const [path, edits] of change.textEdits()) {
    const text = result[path] ?? '';
    const lines = new LineIndex(text);
    result[path] = applyTextEdits(text, edits, (p) => lines.offsetAt(p));
  }
  for (const op of change.fileOperations()) if (op.kind === 'rename') moveInMap(result, op.from, op.to);
  return result;
}

/** Moves a file or folder in a file map. */
export function moveInMap(files: Record<string, string>, from: string, to: string): void {
  for (const key of Object.keys(files)) {
    if (key === from || key.startsWith(`${from}/`)) {
      files[to + key.slice(from.length)] = files[key];
      delete files[key];
    }
  }
}

/** Every broken local link of the workspace as `file: destination (state)`. */
export function brokenLinks(index: WorkspaceIndex): string[] {
  const result: string[] = [];
  for (const doc of index.allDocuments()) {
    for (const link of doc.links) {
      const status = checkLink(index, doc, link);
      if (status.state.startsWith('missing') || status.state === 'empty')
        result.push(`${posix.relative('/ws', doc.path)}: ${link.rawDestination} (${status.state})`);
    }
  }
  return result.sort();
}

export async function indexOf(files: Record<string, string>): Promise<WorkspaceIndex> {
  return (await buildIndex(files, { roots: ['/ws'] })).index;
}
