import type { DocumentLink } from '../editorTypes';
import { checkLink } from '../../workspace/linkStatus';
import type { CancellationToken } from '../../base/cancellation';
import { uriFromPath } from '../../base/fileSystem';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { anchorRange, folderDocument } from './lookup';

/**
 * Clickable destinations. Anchors open the target at the heading's line
 * (`#L<line>`, which VS Code's opener understands); folder links open the
 * folder's Collection-QG. Broken links get no target: the diagnostic explains.
 */
export class DocumentLinkProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  provideDocumentLinks(path: string, token: CancellationToken): DocumentLink[] {
    const doc = this.index.getDocument(path);
    if (!doc) return [];
    const result: DocumentLink[] = [];
    for (const link of doc.links) {
      if (token.isCancellationRequested) return [];
      if (link.destinationRange.start.line === link.destinationRange.end.line && link.destinationRange.start.character === link.destinationRange.end.character)
        continue;
      const status = checkLink(this.index, doc, link);
      let target: string | undefined;
      let tooltip: string | undefined;
      if (status.state === 'external') {
        target = link.destination;
      } else if (status.state === 'ok' && status.isFolder) {
        const collection = folderDocument(this.index, status.path);
        if (collection) {
          target = uriFromPath(collection.path);
          tooltip = `Open ${collection.title}`;
        }
      } else if (status.state === 'ok') {
        const targetDoc = this.index.getDocument(status.path);
        const range = status.fragment && targetDoc ? anchorRange(targetDoc, status.fragment) : undefined;
        target = uriFromPath(status.path) + (range ? `#L${range.start.line + 1}` : '');
      }
      if (target) result.push({ range: link.destinationRange, target, tooltip });
    }
    return result;
  }
}
