import { altaiCatalogue } from '../core/altai/catalogue';
import type { Logger } from '../core/util/logger';
import type { WorkspaceFileSystem } from '../core/workspace/fileSystem';
import { defaultIndexOptions, WorkspaceIndex, type IndexOptions } from '../core/workspace/workspaceIndex';
import { CodeActionProvider } from './codeActionProvider';
import { CompletionProvider } from './completionProvider';
import { CoverageProvider } from './coverageProvider';
import { CoverageReportProvider } from './coverageReportProvider';
import { DefinitionProvider } from './definitionProvider';
import { DiagnosticsProvider } from './diagnosticsProvider';
import { DocumentLinkProvider } from './documentLinkProvider';
import { DocumentSymbolProvider } from './documentSymbolProvider';
import { FileMoveProvider } from './fileMoveProvider';
import { HoverProvider } from './hoverProvider';
import { QuickFixProvider } from './quickFixProvider';
import { ReferencesProvider } from './referencesProvider';
import { RenameProvider } from './renameProvider';
import { WorkspaceSymbolProvider } from './workspaceSymbolProvider';

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
