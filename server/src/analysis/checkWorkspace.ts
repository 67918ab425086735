import { posix } from 'node:path';
import type { TraceDiagnostic } from '../domain/codes';
import { computeDocumentFindings, type SuppressedDiagnostic } from './diagnostics/documentDiagnostics';
import { make } from '../domain/codes';
import { effectiveConfig, readConfigFile, type LoadedConfigFile } from '../config/loadConfig';
import { isInside } from '../syntax/resolveLink';
import type { CancellationToken } from '../base/cancellation';
import { neverCancelled } from '../base/cancellation';
import type { Logger } from '../base/logger';
import type { WorkspaceFileSystem } from '../workspace/fileSystem';
import type { DocumentParser } from '../workspace/parsing/documentParser';
import { loadWorkspacePacks } from '../config/loadPacks';
import { registerPacks } from '../config/workspacePacks';
import { defaultIndexOptions, WorkspaceIndex } from '../workspace/workspaceIndex';

/** Diagnostics of one file, with its path relative to the checked root. */
export interface FileReport {
  readonly path: string;
  readonly relativePath: string;
  readonly diagnostics: readonly TraceDiagnostic[];
  /** Findings silenced by `mqg4ai-disable` comments, with their reasons. */
  readonly suppressed: readonly SuppressedDiagnostic[];
}

export interface CheckResult {
  readonly root: string;
  readonly files: number;
  /** Absolute paths of the checked documents (those `files` counts), in path order. */
  readonly checked: readonly string[];
  readonly reports: readonly FileReport[];
  /** The project configuration file that applied, if any. */
  readonly configFile?: string;
  /** The index the check ran on, for follow-up work (coverage). */
  readonly index: WorkspaceIndex;
}

export interface CheckOptions {
  /** Files and folders to report on; all of the root by default. */
  readonly scope?: readonly string[];
  /** An explicit configuration file; by default `.mqg4ai.yaml|.yml|.json` in the root. */
  readonly configFile?: string;
  readonly logger?: Logger;
  readonly token?: CancellationToken;
  /** Who parses the files (worker threads in the CLI). */
  readonly parser?: DocumentParser;
}

/**
 * Indexes `root` under its project configuration and checks every Markdown
 * document inside the scope. The batch entry point behind the CLI; it applies
 * the same configuration, rules and suppressions as the language server.
 */
export async function checkWorkspace(fs: WorkspaceFileSystem, root: string, options: CheckOptions = {}): Promise<CheckResult> {
  const { scope = [root], logger, token = neverCancelled } = options;
  const file: LoadedConfigFile | undefined = await readConfigFile(fs, root, options.configFile);
  const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: [root], parser: options.parser }, logger);
  const config = effectiveConfig(undefined, file);
  // Assessment packs: the built-in ones and the team's pack files (docs/packs.md).
  const packs = await loadWorkspacePacks(fs, root, config, file?.path);
  registerPacks(config, packs.registry);
  index.setConfig(config);
  await index.initialize(token);

  const reports: FileReport[] = [];
  const configProblems = [...(file?.problems ?? []), ...packs.problems.filter((p) => p.path === file?.path)];
  if (file && configProblems.length > 0) {
    reports.push({
      path: file.path,
      relativePath: posix.relative(root, file.path) || file.path,
      diagnostics: configProblems.map((p) => make('config.invalid', { message: p.message, range: p.range })),
      suppressed: [],
    });
  }
  // Problems in pack files, one report per file.
  for (const path of [...new Set(packs.problems.map((p) => p.path))].filter((p) => p !== file?.path).sort()) {
    reports.push({
      path,
      relativePath: posix.relative(root, path) || path,
      diagnostics: packs.problems.filter((p) => p.path === path).map((p) => make('config.invalid', { message: p.message, range: p.range })),
      suppressed: [],
    });
  }
  const checked: string[] = [];
  const documents = [...index.allDocuments()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const doc of documents) {
    if (!scope.some((s) => isInside(doc.path, s)) || !index.isChecked(doc.path)) continue;
    checked.push(doc.path);
    const { diagnostics, suppressed } = computeDocumentFindings(index, doc, token);
    if (diagnostics.length > 0 || suppressed.length > 0) reports.push({ path: doc.path, relativePath: posix.relative(root, doc.path), diagnostics, suppressed });
  }
  return { root, files: checked.length, checked, reports, configFile: file?.path, index };
}
