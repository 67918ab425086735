import { posix } from 'node:path';
import { checkLink } from '../links/linkStatus';
import { relativeLinkPath } from '../links/resolveLink';
import type { QualityGateDocument } from '../model/types';
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
  const make = (code: DiagnosticCode, fields: Omit<TraceDiagnostic, 'code' | 'severity'>): TraceDiagnostic => ({
    code,
    severity: DIAGNOSTIC_CODES[code].severity,
    ...fields,
  });
  const shown = (path: string) => displayPath(index, path);

  if (doc.skipped) {
    result.push(make('file.skipped', { message: doc.skipped, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }));
  }
  for (const problem of doc.frontMatter?.problems ?? []) {
    result.push(make('frontmatter.invalid', { message: `Front matter is not valid YAML: ${problem.message}`, range: problem.range }));
  }

  for (const link of doc.links) {
    throwIfCancelled(token);
    const status = checkLink(index, doc, link);
    const common = { range: link.destinationRange, target: link.rawDestination };
    switch (status.state) {
      case 'empty':
        result.push(make('link.empty', { ...common, message: `Link "${link.text || link.label || ''}" has an empty destination: the trace leads nowhere.` }));
        break;
      case 'outside':
        result.push(make('link.outside-workspace', { ...common, resolvedPath: status.path, message: `Link points outside the workspace folders (${status.path}); it is not read or checked.` }));
        break;
      case 'missing-file': {
        const suggestion = suggestFile(index, status.path, doc.path);
        result.push(make('link.missing-file', {
          ...common,
          resolvedPath: status.path,
          suggestion,
          message: `No file at ${shown(status.path)}.${didYouMean(suggestion && relativeLinkPath(doc.path, suggestion))}`,
        }));
        break;
      }
      case 'missing-folder': {
        const suggestion = suggestFolder(index, status.path);
        result.push(make('link.missing-folder', {
          ...common,
          resolvedPath: status.path,
          suggestion,
          message: `No folder at ${shown(status.path)}.${didYouMean(suggestion && `${relativeLinkPath(doc.path, suggestion)}/`)}`,
        }));
        break;
      }
      case 'missing-anchor': {
        const target = index.getDocument(status.path);
        const anchor = target && suggestAnchor(target, status.fragment);
        const where = status.path === doc.path ? 'This document' : shown(status.path);
        result.push(make('link.missing-anchor', {
          ...common,
          resolvedPath: `${status.path}#${status.fragment}`,
          suggestion: anchor && `${status.path}#${anchor}`,
          message: `${where} has no heading or anchor "#${status.fragment}".${didYouMean(anchor && `#${anchor}`)}`,
        }));
        break;
      }
    }
  }
  return result;
}

function didYouMean(candidate: string | undefined): string {
  return candidate ? ` Did you mean "${candidate}"?` : '';
}

/** A path as users see it: relative to its workspace folder. */
export function displayPath(index: WorkspaceIndex, path: string): string {
  const root = index.rootFor(path);
  return root ? posix.relative(root, path) || '.' : path;
}
