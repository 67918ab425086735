import { posix } from 'node:path';
import { throwIfCancelled, type CancellationToken } from '../base/cancellation';
import { make } from '../domain/codes';
import { isInside } from '../syntax/resolveLink';
import type { WorkspaceConfiguration } from '../config/workspaceConfiguration';
import { computeDocumentFindings } from '../analysis/diagnostics/documentDiagnostics';
import type { CheckResult, FileReport } from '../analysis/findings/checkResult';

export type { CheckResult, FileReport } from '../analysis/findings/checkResult';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

/**
 * Checks every Markdown document of an indexed workspace inside `scope` (all of `root` by
 * default): configuration and pack-file problems first, then each document's findings under
 * the same configuration, rules and suppressions as the language server.
 */
export function checkIndexedWorkspace(
  index: WorkspaceIndex,
  configuration: WorkspaceConfiguration,
  root: string,
  scope: readonly string[],
  token: CancellationToken,
  /** Only the documents this keeps (an assessment's); every one in scope by default. */
  keep: (path: string) => boolean = () => true,
): CheckResult {
  const reports: FileReport[] = [];
  // Problems of the project file first, then of each pack file.
  const problemFiles = [...new Set(configuration.problems.map((p) => p.path))].sort((a, b) =>
    a === configuration.file ? -1 : b === configuration.file ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  for (const path of problemFiles) {
    reports.push({
      path,
      relativePath: posix.relative(root, path) || path,
      diagnostics: configuration.problems.filter((p) => p.path === path).map((p) => make('config.invalid', { message: p.message, range: p.range })),
      suppressed: [],
    });
  }
  const checked: string[] = [];
  const documents = [...index.allDocuments()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const doc of documents) {
    throwIfCancelled(token);
    if (!scope.some((s) => isInside(doc.path, s)) || !index.isChecked(doc.path) || !keep(doc.path)) continue;
    checked.push(doc.path);
    const { diagnostics, suppressed } = computeDocumentFindings(index, doc, token);
    if (diagnostics.length > 0 || suppressed.length > 0)
      reports.push({ path: doc.path, relativePath: posix.relative(root, doc.path), diagnostics, suppressed });
  }
  return { root, files: checked.length, checked, reports, configFile: configuration.file };
}
