import { altaiCatalogue } from '../domain/altai/catalogue';
import type { Logger } from '../base/logger';
import type { WorkspaceFileSystem } from '../workspace/fileSystem';
import { defaultIndexOptions, WorkspaceIndex, type IndexOptions } from '../workspace/workspaceIndex';
import { CodeActionProvider } from '../features/codeActions/codeActionProvider';
import { CompletionProvider } from '../features/completion/completionProvider';
import { CoverageProvider } from '../features/coverage/coverageProvider';
import { CoverageReportProvider } from '../render/coverageReportProvider';
import { DefinitionProvider } from '../features/navigation/definitionProvider';
import { DiagnosticsProvider } from '../features/diagnostics/diagnosticsProvider';
import { DocumentLinkProvider } from '../features/navigation/documentLinkProvider';
import { DocumentSymbolProvider } from '../features/symbols/documentSymbolProvider';
import { FileMoveProvider } from '../features/refactor/fileMoveProvider';
import { HoverProvider } from '../features/hover/hoverProvider';
import { QuickFixProvider } from '../features/codeActions/quickFixProvider';
import { ReferencesProvider } from '../features/navigation/referencesProvider';
import { RenameProvider } from '../features/refactor/renameProvider';
import { WorkspaceSymbolProvider } from '../features/symbols/workspaceSymbolProvider';

export interface LanguageServiceOptions {
  readonly fileSystem: WorkspaceFileSystem;
  readonly roots: readonly string[];
  readonly logger: Logger;
  readonly index?: Partial<Omit<IndexOptions, 'roots'>>;
}

/**
 * The composition root: one index, one provider per feature. The LSP server
 * (and tests, over an in-memory file system) talk to this, never to the core's
 * internals directly.
 */
export function createLanguageService(options: LanguageServiceOptions) {
  const index = new WorkspaceIndex(options.fileSystem, { ...defaultIndexOptions, ...options.index, roots: options.roots }, options.logger);
  return {
    index,
    diagnostics: new DiagnosticsProvider(index),
    definition: new DefinitionProvider(index),
    references: new ReferencesProvider(index),
    hover: new HoverProvider(index, altaiCatalogue()),
    completion: new CompletionProvider(index, altaiCatalogue()),
    codeActions: new CodeActionProvider(index, altaiCatalogue()),
    documentLinks: new DocumentLinkProvider(index),
    documentSymbols: new DocumentSymbolProvider(index),
    workspaceSymbols: new WorkspaceSymbolProvider(index),
    coverage: new CoverageProvider(index, altaiCatalogue()),
    coverageReport: new CoverageReportProvider(index, altaiCatalogue()),
    rename: new RenameProvider(index),
    fileMoves: new FileMoveProvider(index),
    quickFixes: new QuickFixProvider(index),
  };
}

export type LanguageService = ReturnType<typeof createLanguageService>;
