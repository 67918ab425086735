import { posix } from 'node:path';
import { checkLink, type LinkStatus } from '../../workspace/linkStatus';
import { relativeLinkPath } from '../../syntax/resolveLink';
import type { LinkOccurrence, QualityGateDocument } from '../../domain/document/types';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { make, type TraceDiagnostic } from '../../domain/codes';
import { suggestAnchor, suggestFile, suggestFolder } from './suggestions';
import { assessmentRelation } from '../../workspace/assessments';
import { SearchBudget, SINGLE_SEARCH_BUDGET } from '../../base/editDistance';

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
  const shown = (path: string) => displayPath(index, path);
  const common = { range: link.destinationRange, linkRange: link.range, target: link.rawDestination };
  switch (status.state) {
    case 'external':
    case 'ok':
      return undefined;
    case 'empty':
      return make('link.empty', { ...common, message: `Link "${link.text || link.label || ''}" has an empty destination: the trace leads nowhere.` });
    case 'outside':
      return make('link.outside-workspace', {
        ...common,
        resolvedPath: status.path,
        // Relative to the document's folder root: an absolute path would leak the machine's layout into reports.
        message: `Link points outside the workspace folders (${outsidePath(index, doc.path, status.path)}); it is not read or checked.`,
      });
    case 'missing-file': {
      const found = suggestFile(index, status.path, doc.path, budget);
      const elsewhere = found && otherAssessment(index, doc.path, found);
      return make('link.missing-file', {
        ...common,
        resolvedPath: status.path,
        suggestion: elsewhere ? undefined : found,
        message: `No file at ${shown(status.path)}.${didYouMean(found && relativeLinkPath(doc.path, found), elsewhere)}`,
      });
    }
    case 'missing-folder': {
      const found = suggestFolder(index, status.path, doc.path, budget);
      const elsewhere = found && otherAssessment(index, doc.path, found);
      return make('link.missing-folder', {
        ...common,
        resolvedPath: status.path,
        suggestion: elsewhere ? undefined : found,
        message: `No folder at ${shown(status.path)}.${didYouMean(found && `${relativeLinkPath(doc.path, found)}/`, elsewhere)}`,
      });
    }
    case 'missing-anchor': {
      const target = index.getDocument(status.path);
      const anchor = target && suggestAnchor(target, status.fragment, budget);
      const where = status.path === doc.path ? 'This document' : shown(status.path);
      return make('link.missing-anchor', {
        ...common,
        resolvedPath: `${status.path}#${status.fragment}`,
        suggestion: anchor && `${status.path}#${anchor}`,
        message: `${where} has no heading or anchor "#${status.fragment}".${didYouMean(anchor && `#${anchor}`)}`,
      });
    }
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

/** A path as users see it: relative to its workspace folder. */
export function displayPath(index: WorkspaceIndex, path: string): string {
  const root = index.rootFor(path);
  return root ? posix.relative(root, path) || '.' : path;
}
