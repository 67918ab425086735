import type { Location, Position } from '../editorTypes';
import type { CancellationToken } from '../../base/cancellation';
import { uriFromPath } from '../../base/fileSystem';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { anchorRange, folderDocument, linkAt, targetOf } from './lookup';

const documentStart = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Go to definition on a link: the target file, the heading an anchor names,
 * or a folder's Collection-QG. Reference-style links go through their definition.
 */
export class DefinitionProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  provideDefinition(path: string, position: Position, token: CancellationToken): Location[] {
    const doc = this.index.getDocument(path);
    const link = doc && linkAt(doc, position);
    if (!doc || !link || token.isCancellationRequested) return [];
    const target = targetOf(this.index, doc, link);
    if (target.type !== 'local') return [];

    if (this.index.hasFile(target.path)) {
      const targetDoc = this.index.getDocument(target.path);
      const range = (target.fragment && targetDoc && anchorRange(targetDoc, target.fragment)) || documentStart;
      return [{ uri: uriFromPath(target.path), range }];
    }
    if (this.index.hasFolder(target.path)) {
      const collection = folderDocument(this.index, target.path);
      return collection ? [{ uri: uriFromPath(collection.path), range: documentStart }] : [];
    }
    // Trusted: a file beyond the workspace folder, in its git repository (looked up, not indexed).
    if (this.index.repositoryEntry(target.path)?.type === 'file') {
      const targetDoc = this.index.lookupDocument(target.path);
      const range = (target.fragment && targetDoc && anchorRange(targetDoc, target.fragment)) || documentStart;
      return [{ uri: uriFromPath(target.path), range }];
    }
    return [];
  }
}
