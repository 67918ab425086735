import { posix } from 'node:path';
import { checkLink, type LinkStatus } from '../links/linkStatus';
import { relativeLinkPath } from '../links/resolveLink';
import type { LinkOccurrence, QualityGateDocument } from '../model/types';
import { neverCancelled, throwIfCancelled, type CancellationToken } from '../util/cancellation';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type TraceDiagnostic } from './codes';
import { suggestAnchor, suggestFile, suggestFolder } from './suggestions';

/**
 * All diagnostics of one document: broken links, front-matter errors and
 * files that could not be read. Pure over the index's current state.
 */
export function computeDocumentDiagnostics(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  token: CancellationToken = neverCancelled,
): TraceDiagnostic[] {
  const result: TraceDiagnostic[] = [];

  if (doc.skipped) {
    result.push(make('file.skipped', { message: doc.skipped, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }));
  }
  for (const problem of doc.frontMatter?.problems ?? []) {
    result.push(make('frontmatter.invalid', { message: `Front matter is not valid YAML: ${problem.message}`, range: problem.range }));
  }

  for (const link of doc.links) {
    throwIfCancelled(token);
    const problem = diagnoseLink(index, doc, link);
    if (problem) result.push(problem);
  }
  return result;
}

/** The diagnostic for one link, or undefined when the link is fine (or external). */
export function diagnoseLink(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  link: LinkOccurrence,
  status: LinkStatus = checkLink(index, doc, link),
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
        message: `Link points outside the workspace folders (${status.path}); it is not read or checked.`,
      });
    case 'missing-file': {
      const suggestion = suggestFile(index, status.path, doc.path);
      return make('link.missing-file', {
        ...common,
        resolvedPath: status.path,
        suggestion,
        message: `No file at ${shown(status.path)}.${didYouMean(suggestion && relativeLinkPath(doc.path, suggestion))}`,
      });
    }
    case 'missing-folder': {
      const suggestion = suggestFolder(index, status.path);
      return make('link.missing-folder', {
        ...common,
        resolvedPath: status.path,
        suggestion,
        message: `No folder at ${shown(status.path)}.${didYouMean(suggestion && `${relativeLinkPath(doc.path, suggestion)}/`)}`,
      });
    }
    case 'missing-anchor': {
      const target = index.getDocument(status.path);
      const anchor = target && suggestAnchor(target, status.fragment);
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

function make(code: DiagnosticCode, fields: Omit<TraceDiagnostic, 'code' | 'severity'>): TraceDiagnostic {
  return { code, severity: DIAGNOSTIC_CODES[code].severity, ...fields };
}

function didYouMean(candidate: string | undefined): string {
  return candidate ? ` Did you mean "${candidate}"?` : '';
}

/** A path as users see it: relative to its workspace folder. */
export function displayPath(index: WorkspaceIndex, path: string): string {
  const root = index.rootFor(path);
  return root ? posix.relative(root, path) || '.' : path;
}
