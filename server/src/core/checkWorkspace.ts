import { posix } from 'node:path';
import { computeDocumentDiagnostics } from './diagnostics/documentDiagnostics';
import type { TraceDiagnostic } from './diagnostics/codes';
import { isInside } from './links/resolveLink';
import type { CancellationToken } from './util/cancellation';
import { neverCancelled } from './util/cancellation';
import type { Logger } from './util/logger';
import type { WorkspaceFileSystem } from './workspace/fileSystem';
import { defaultIndexOptions, WorkspaceIndex } from './workspace/workspaceIndex';

/** Diagnostics of one file, with its path relative to the checked root. */
export interface FileReport {
  readonly path: string;
  readonly relativePath: string;
  readonly diagnostics: readonly TraceDiagnostic[];
}

export interface CheckResult {
  readonly root: string;
  readonly files: number;
  readonly reports: readonly FileReport[];
}

/**
 * Indexes `root` and checks every Markdown document inside `scope` (all of the
 * root by default). The batch entry point behind the CLI.
 */
export async function checkWorkspace(
  fs: WorkspaceFileSystem,
  root: string,
  scope: readonly string[] = [root],
  logger?: Logger,
  token: CancellationToken = neverCancelled,
): Promise<CheckResult> {
  const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: [root] }, logger);
  await index.initialize(token);
  const reports: FileReport[] = [];
  let files = 0;
  const documents = [...index.allDocuments()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const doc of documents) {
    if (!scope.some((s) => isInside(doc.path, s))) continue;
    files++;
    const diagnostics = computeDocumentDiagnostics(index, doc, token);
    if (diagnostics.length > 0) reports.push({ path: doc.path, relativePath: posix.relative(root, doc.path), diagnostics });
  }
  return { root, files, reports };
}
