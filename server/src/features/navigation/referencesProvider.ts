import type { Location, Position, Range } from '../editorTypes';
import type { CancellationToken } from '../../base/cancellation';
import { uriFromPath } from '../../base/fileSystem';
import { rangeContains } from '../../base/range';
import type { Heading, QualityGateDocument } from '../../domain/document/types';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { headingAt, linkAt, linksTo, targetOf } from './lookup';

/**
 * Find all references. On the document's title (its first heading when that is an H1, or the
 * front-matter Name): every link to the document (without a fragment, or to the title's anchor). On another heading: every link to that
 * heading. On a link: every link to the same target. Anywhere else: every link to the document.
 */
export class ReferencesProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  provideReferences(path: string, position: Position, includeDeclaration: boolean, token: CancellationToken): Location[] {
    const doc = this.index.getDocument(path);
    if (!doc) return [];
    let targetPath = path;
    let fragment: string | undefined;
    let declaration: Location | undefined;

    const title = titleAt(doc, position);
    const heading = title ? undefined : headingAt(doc, position);
    const link = title || heading ? undefined : linkAt(doc, position);
    if (title) {
      if (token.isCancellationRequested) return [];
      const locations = linksTo(this.index, path)
        .filter(({ doc: source, link: l }) => {
          const target = targetOf(this.index, source, l);
          return target.type === 'local' && (!target.fragment || target.fragment === title.slug);
        })
        .map(({ doc: source, link: l }) => ({ uri: uriFromPath(source.path), range: l.destinationRange }));
      return includeDeclaration ? [{ uri: uriFromPath(path), range: title.range }, ...locations] : locations;
    }
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

/**
 * The document's title under `position`: its title heading (the first heading, when it is an H1
 * or the only heading at its level or above, as `## Overfitting` atop a risk document), or its
 * front-matter Name.
 */
function titleAt(doc: QualityGateDocument, position: Position): { range: Range; slug?: string } | undefined {
  const heading = titleHeading(doc);
  if (heading && rangeContains(heading.range, position)) return { range: heading.textRange, slug: heading.slug };
  const name = doc.frontMatter?.tags.find((t) => t.key.toLowerCase() === 'name');
  if (name && (rangeContains(name.range, position) || (name.valueRange && rangeContains(name.valueRange, position)))) {
    return { range: name.valueRange ?? name.range, slug: heading?.slug };
  }
  return undefined;
}

function titleHeading(doc: QualityGateDocument): Heading | undefined {
  const [first, ...rest] = doc.headings;
  if (!first) return undefined;
  return first.level === 1 || rest.every((h) => h.level > first.level) ? first : undefined;
}
