import { posix } from 'node:path';
import { checkLink, type LinkStatus } from '../../workspace/linkStatus';
import { relativeLinkPath } from '../../syntax/resolveLink';
import type { LinkOccurrence, QualityGateDocument } from '../../domain/document/types';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { make, type TraceDiagnostic } from '../../domain/codes';
import { suggestAnchor, suggestFile, suggestFolder } from './suggestions';
import { assessmentRelation } from '../../workspace/assessments';
import { SearchBudget, SINGLE_SEARCH_BUDGET } from '../../base/editDistance';
import type { Range } from '../../base/range';

/**
 * The diagnostic for one link, or undefined when the link is fine (or external).
 * `budget` bounds the "did you mean" search; share one across a document's links.
 */
export function diagnoseLink(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  link: LinkOccurrence,
  status: LinkStatus = checkLink(index, doc, link),
  budget: SearchBudget = new SearchBudget(SINGLE_SEARCH_BUDGET),
): TraceDiagnostic | undefined {
  const common = { range: link.destinationRange, linkRange: link.range, target: link.rawDestination };
  switch (status.state) {
    case 'external':
    case 'ok':
      return undefined;
    case 'empty':
      // Cover the empty `()` (or the whole link) so the editor can show it: a zero-width range is invisible.
      return make('link.empty', {
        ...common,
        range: emptyRange(link),
        message: `Empty link: "${link.text || link.label || ''}" leads nowhere; write its destination.`,
      });
    case 'outside':
      return make('link.outside-workspace', {
        ...common,
        resolvedPath: status.path,
        // Relative to the document's folder root: an absolute path would leak the machine's layout into reports.
        message: outsideMessage(outsidePath(index, doc.path, status.path), status.beyond),
      });
    case 'missing-file': {
      const found = suggestFile(index, status.path, doc.path, budget);
      const elsewhere = found && otherAssessment(index, doc.path, found);
      return make('link.missing-file', {
        ...common,
        resolvedPath: status.path,
        suggestion: elsewhere ? undefined : found,
        message: `File not found: ${posix.basename(status.path)}.${didYouMean(found && relativeLinkPath(doc.path, found), elsewhere)}${lookedFor(doc.path, status.path)}`,
      });
    }
    case 'missing-folder': {
      // `[x](QG_Data)` when `QG_Data.md` exists: a file link without its extension, not a folder.
      const file = `${status.path}.md`;
      if (index.hasFile(file)) {
        return make('link.missing-file', {
          ...common,
          resolvedPath: status.path,
          suggestion: file,
          message: `Not a folder: ${posix.basename(status.path)}.${didYouMean(relativeLinkPath(doc.path, file))}${lookedFor(doc.path, status.path)}`,
        });
      }
      const found = suggestFolder(index, status.path, doc.path, budget);
      const elsewhere = found && otherAssessment(index, doc.path, found);
      return make('link.missing-folder', {
        ...common,
        resolvedPath: status.path,
        suggestion: elsewhere ? undefined : found,
        message: `Folder not found: ${posix.basename(status.path)}/.${didYouMean(found && `${relativeLinkPath(doc.path, found)}/`, elsewhere)}${lookedFor(doc.path, status.path, '/')}`,
      });
    }
    case 'missing-anchor': {
      // A target beyond the workspace folders (in the repository) is read-only, but its headings still suggest.
      const target = index.lookupDocument(status.path);
      const anchor = target && suggestAnchor(target, status.fragment, budget);
      const where = status.path === doc.path ? 'this document' : posix.basename(status.path);
      const heading = anchor && target?.headings.find((h) => h.slug === anchor)?.text;
      return make('link.missing-anchor', {
        ...common,
        resolvedPath: `${status.path}#${status.fragment}`,
        suggestion: anchor && `${status.path}#${anchor}`,
        message: `Heading not found: #${status.fragment} in ${where}.${anchor ? ` Did you mean "#${anchor}"${heading ? ` (heading "${heading}")` : ''}?` : ''}`,
      });
    }
  }
}

/** Where a missing target was looked for, relative to the linking document; nothing when that is just its name. */
function lookedFor(from: string, missing: string, suffix = ''): string {
  const relative = posix.relative(posix.dirname(from), missing);
  return relative === posix.basename(missing) ? '' : ` Looked for ${relative}${suffix}.`;
}

/** The empty `()` of `[text]()` when it is on the link's last line, else the whole link. */
function emptyRange(link: LinkOccurrence): Range {
  const { destinationRange: d, range: r } = link;
  const inline = d.start.line === r.end.line && d.start.character > 0 && r.end.character > d.end.character;
  return inline ? { start: { line: d.start.line, character: d.start.character - 1 }, end: r.end } : r;
}

function outsideMessage(path: string, beyond: 'untrusted' | 'repository' | 'none'): string {
  switch (beyond) {
    case 'untrusted':
      return `Link points outside the workspace folders (${path}), into the git repository around them; it is checked there once the workspace is trusted.`;
    case 'repository':
      return `Link points outside the workspace folders and their git repository (${path}); it is not read or checked.`;
    case 'none':
      return `Link points outside the workspace folders (${path}); it is not read or checked.`;
  }
}

/** An outside path as seen from the workspace folder of `from` (`../x.md`), never absolute. */
function outsidePath(index: WorkspaceIndex, from: string, path: string): string {
  const root = index.rootFor(from);
  return root ? posix.relative(root, path) : 'a path outside';
}

/** A candidate in another application assessment is named with it, and never becomes the diagnostic's `suggestion`. */
function didYouMean(candidate: string | undefined, otherAssessment?: string): string {
  return candidate ? ` Did you mean "${candidate}"${otherAssessment ? ` (in another assessment: ${otherAssessment})` : ''}?` : '';
}

/** The label of the target's assessment when it is another application assessment than the linking document's. */
function otherAssessment(index: WorkspaceIndex, fromPath: string, target: string): string | undefined {
  const { relation, target: assessment } = assessmentRelation(index, fromPath, target);
  return relation === 'other' ? assessment?.label : undefined;
}

/** A path as users see it: relative to its workspace folder (a path beyond them, in the repository: relative to the first). */
export function displayPath(index: WorkspaceIndex, path: string): string {
  const root = index.rootFor(path) ?? index.roots[0];
  return root ? posix.relative(root, path) || '.' : path;
}
