import type { Location, Position } from '../editorTypes';
import type { CancellationToken } from '../../base/cancellation';
import { uriFromPath } from '../../base/fileSystem';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { headingAt, linkAt, linksTo, targetOf } from './lookup';

/**
 * Find all references. On a heading: every link to that heading. On a link:
 * every link to the same target. Anywhere else: every link to the document.
 */
export class ReferencesProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  provideReferences(path: string, position: Position, includeDeclaration: boolean, token: CancellationToken): Location[] {
    const doc = this.index.getDocument(path);
    if (!doc) return [];
    let targetPath = path;
    let fragment: string | undefined;
    let declaration: Location | undefined;

    const heading = headingAt(doc, position);
    const link = heading ? undefined : linkAt(doc, position);
    if (heading) {
      fragment = heading.slug;
      declaration = { uri: uriFromPath(path), range: heading.textRange };
    } else if (link) {
      const target = targetOf(this.index, doc, link);
      if (target.type !== 'local') return [];
      targetPath = target.path;
      fragment = target.fragment || undefined;
    }
    if (token.isCancellationRequested) return [];

    const locations = linksTo(this.index, targetPath, fragment).map(({ doc: source, link: l }) => ({
      uri: uriFromPath(source.path),
      range: l.destinationRange,
    }));
    return includeDeclaration && declaration ? [declaration, ...locations] : locations;
  }
}
