import { posix } from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { isReportFormat } from '../render/coverageReport';
import { neverCancelled, OperationCancelled } from '../base/cancellation';
import type { Logger } from '../base/logger';
import { NodeFileSystem, pathFromUri, uriFromPath } from '../workspace/fileSystem';
import { isMarkdownPath } from '../workspace/workspaceIndex';
import { COMPLETION_TRIGGER_CHARACTERS } from '../features/completion/completionProvider';
import type { CoverageReportResult } from '../render/coverageReportProvider';
import { createLanguageService, type LanguageService } from '../engine/languageService';
import { FIX_ALL_KIND } from '../features/codeActions/quickFixProvider';
import { ConfigurationManager } from './configurationManager';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { DiskIndexCache } from '../workspace/indexCache';
import { createParser } from '../workspace/parsing/createParser';
import { applyTrust } from '../config/trust';
import { ConfinedFileSystem } from '../workspace/confinedFileSystem';
import { internalErrorDiagnostic, onInternalError } from '../analysis/internalErrors';
import { toLspDiagnostic } from '../features/diagnostics/diagnosticsProvider';

/** Part of the cache key: a new server version never trusts an older cache. */
const SERVER_VERSION = '0.1.0';
import { refactoringCapabilities, registerRefactoring } from './refactoring';

/** Wires the language service to an LSP connection. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const logger: Logger = {
    log(level, message) {
      const line = `[${level}] ${message}`;
      if (level === 'error') connection.console.error(line);
      else if (level === 'warn') connection.console.warn(line);
      else if (level === 'info') connection.console.info(line);
      else connection.console.log(line);
    },
  };

  let roots: string[] = [];
  let service: LanguageService;
  let ready: Promise<void> = Promise.resolve();
  let supportsDynamicWatchers = false;
  let supportsProgress = false;
  /** Where parsed models are cached between sessions (the extension's storage folder), if anywhere. */
  let cacheFolder: string | undefined;
  let saveCache: () => Promise<void> = async () => {};
  const parser = createParser(__dirname, 'responsive');
  let supportsConfigurationRequest = false;
  let initializeParams: InitializeParams | undefined;
  // In an untrusted workspace (initializationOptions.trusted === false, until mqg4ai/trustGranted)
  // no file is read whose real location is outside the workspace folders (docs/security.md).
  let trusted = true;
  const fileSystem = new ConfinedFileSystem(new NodeFileSystem(), () => roots);
  const configuration = new ConfigurationManager(connection, fileSystem, logger, () => supportsConfigurationRequest);

  /** Settings over the project file over defaults, restricted as Workspace Trust says. */
  const loadConfig = async () => {
    const { config, restricted } = applyTrust(await configuration.load(roots), trusted);
    if (restricted.length > 0) logger.log('warn', `Untrusted workspace: ${restricted.join(', ')}; a repository cannot raise the limits until it is trusted.`);
    return config;
  };
  // A bug met while checking one document becomes an `internal.error` finding and this log line.
  onInternalError((context, error) => logger.log('error', `${context} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));

  /** Re-reads settings and the project file, then re-validates everything under the new configuration. */
  const reloadConfiguration = async () => {
    await ready;
    const current = service;
    current.index.setConfig(await loadConfig());
    if (current === service) scheduler.schedule([...current.index.allDocuments()].map((d) => d.path));
  };
  const published = new Set<string>();

  const isFileUri = (uri: string) => uri.startsWith('file:');
  // Coverage follows the same changes as diagnostics; tell the client once a burst of them settles.
  let coverageTimer: NodeJS.Timeout | undefined;
  const announceCoverageChange = () => {
    clearTimeout(coverageTimer);
    coverageTimer = setTimeout(() => void connection.sendNotification('mqg4ai/coverageChanged', {}), 300);
  };
  /** The diagnostics last published per document, for the persistent cache. */
  const lastDiagnostics = new Map<string, Diagnostic[]>();
  /** Published diagnostics worth caching: not those of open documents or of documents linking to them (unsaved text). */
  const diagnosticsSnapshot = (index: LanguageService['index']) => {
    const volatile = new Set<string>();
    for (const doc of index.allDocuments()) {
      if (index.openText(doc.path) === undefined) continue;
      volatile.add(doc.path);
      index.linkSources(doc.path).forEach((p) => volatile.add(p));
    }
    return { fingerprint: index.stateFingerprint(), results: [...lastDiagnostics].filter(([path]) => !volatile.has(path) && index.getDocument(path)) };
  };
  const scheduler = new DiagnosticsScheduler(
    (path) => service.diagnostics.provideDiagnostics(path, neverCancelled),
    (path, diagnostics) => {
      published.add(path);
      lastDiagnostics.set(path, diagnostics);
      void connection.sendDiagnostics({ uri: uriFromPath(path), diagnostics });
      announceCoverageChange();
    },
    (path) => service.index.openText(path) !== undefined,
    (path, error) => {
      // One document's failure: logged, and shown on the document rather than leaving it silently unchecked.
      logger.log('error', `Validating ${path} failed: ${(error as Error).stack ?? error}`);
      const diagnostics = [toLspDiagnostic(internalErrorDiagnostic('checking this document', error))];
      lastDiagnostics.delete(path); // never cached: the next start checks it again
      published.add(path);
      void connection.sendDiagnostics({ uri: uriFromPath(path), diagnostics });
    },
  );

  /** Builds a fresh index over the current roots and publishes every document's diagnostics. */
  const rebuild = () => {
    service = createLanguageService({ fileSystem, roots, logger, index: { parser } });
    const current = service;
    // An untrusted session keeps a cache of its own: models read while trusted may hold content it must not see.
    const diskCache = cacheFolder ? new DiskIndexCache(cacheFolder, roots, trusted ? SERVER_VERSION : `${SERVER_VERSION}+restricted`) : undefined;
    ready = (async () => {
      current.index.setConfig(await loadConfig());
      const cached = await diskCache?.load();
      if (cached) current.index.useCache(cached.entries);
      for (const doc of documents.all()) if (isFileUri(doc.uri)) current.index.setOpenText(pathFromUri(doc.uri), doc.getText());
      // Progress is a courtesy: a client that refuses it must not stop the indexing.
      const progress = await indexingProgress(current.index).catch((error: Error) => void logger.log('warn', `No indexing progress: ${error.message}`));
      try {
        await current.index.initialize();
      } catch (error) {
        if (!(error instanceof OperationCancelled)) logger.log('error', `Indexing failed: ${(error as Error).stack ?? error}`);
      } finally {
        progress?.done();
      }
      if (current !== service) return;
      reportIndexLimit(current.index);
      if (diskCache) {
        saveCache = async () => {
          await scheduler.whenIdle();
          await diskCache.save(current.index.cacheEntries(), diagnosticsSnapshot(current.index)).catch((e: Error) => logger.log('warn', `Cannot write the index cache: ${e.message}`));
        };
      }
      for (const stale of [...published]) {
        if (!current.index.getDocument(stale)) {
          published.delete(stale);
          void connection.sendDiagnostics({ uri: uriFromPath(stale), diagnostics: [] });
        }
      }
      // Nothing changed since the last session: its diagnostics are still right. Publish them
      // and re-validate only what the cache does not cover (open documents and their dependants).
      const paths = [...current.index.allDocuments()].map((d) => d.path);
      const snapshot = cached?.snapshot;
      // The fingerprint covers every file's size and mtime and the configuration: equal means nothing changed.
      if (snapshot && snapshot.fingerprint === current.index.stateFingerprint()) {
        const stored = new Map(snapshot.results as Array<[string, Diagnostic[]]>);
        for (const [path, diagnostics] of stored) {
          if (!current.index.getDocument(path)) continue;
          lastDiagnostics.set(path, diagnostics);
          published.add(path);
          void connection.sendDiagnostics({ uri: uriFromPath(path), diagnostics });
        }
        scheduler.schedule(paths.filter((p) => !stored.has(p)));
        logger.log('info', `Diagnostics of ${stored.size} documents taken from the cache.`);
      } else {
        scheduler.schedule(paths);
        // Write the cache once the first diagnostics are out.
        void saveCache();
      }
    })();
    return ready;
  };

  /** Indexing stopped at a limit: one log line and one notification (the first file left out carries a `file.skipped`). */
  const reportIndexLimit = (index: LanguageService['index']) => {
    const limit = index.indexLimit;
    if (!limit) return;
    const message = `MQG4AI: indexing stopped at ${limit.message}; ${limit.unparsed} Markdown file(s) were not parsed (see ${posix.basename(limit.first)} in Problems).`;
    logger.log('warn', message);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  };

  /** Reports indexing as LSP work-done progress when the client supports it. */
  const indexingProgress = async (index: LanguageService['index']) => {
    if (!supportsProgress) return undefined;
    const reporter = await connection.window.createWorkDoneProgress();
    reporter.begin('MQG4AI: indexing quality gates', 0, undefined, false);
    let last = 0;
    index.onProgress = (indexed, total) => {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      reporter.report(total > 0 ? Math.floor((indexed / total) * 100) : 0, `${indexed} of ${total} documents`);
    };
    return { done: () => reporter.done() };
  };

  /**
   * Runs a request handler at once, on whatever the index holds (requests are
   * answered during indexing); a failure becomes a log line, not a dead server.
   */
  const whenReady = <T>(name: string, fallback: T, handler: () => T) => async (): Promise<T> => {
    try {
      return handler();
    } catch (error) {
      if (!(error instanceof OperationCancelled)) logger.log('error', `${name} failed: ${(error as Error).stack ?? error}`);
      return fallback;
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    roots = folders.filter((f) => isFileUri(f.uri)).map((f) => pathFromUri(f.uri));
    supportsDynamicWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsConfigurationRequest = params.capabilities.workspace?.configuration === true;
    supportsProgress = params.capabilities.window?.workDoneProgress === true;
    const options = (params.initializationOptions ?? {}) as { storagePath?: unknown; trusted?: unknown };
    // Clients that do not know Workspace Trust (other editors) are trusted, as before.
    trusted = options.trusted !== false;
    fileSystem.confined = !trusted;
    cacheFolder = typeof options.storagePath === 'string' && options.storagePath ? options.storagePath : undefined;
    initializeParams = params;
    const refactoring = refactoringCapabilities(params);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        definitionProvider: true,
        referencesProvider: true,
        hoverProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        renameProvider: refactoring.renameProvider,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true }, fileOperations: refactoring.fileOperations },
      },
      serverInfo: { name: 'mqg4ai-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (supportsDynamicWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    if (supportsConfigurationRequest) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mqg4ai' });
    void rebuild().then(() => logger.log('info', `Ready: ${service.index.documentCount} Markdown documents in ${roots.length} folder(s).`));
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => pathFromUri(f.uri)));
      roots = [...roots.filter((r) => !removed.has(r)), ...event.added.filter((f) => isFileUri(f.uri)).map((f) => pathFromUri(f.uri))];
      void rebuild();
    });
  });

  // ---- documents --------------------------------------------------------------

  const onText = (uri: string, text: string) => {
    if (!isFileUri(uri) || !isMarkdownPath(pathFromUri(uri))) return;
    void ready.then(() => scheduler.schedule(service.index.setOpenText(pathFromUri(uri), text)));
  };
  documents.onDidOpen((e) => onText(e.document.uri, e.document.getText()));
  documents.onDidChangeContent((e) => onText(e.document.uri, e.document.getText()));
  documents.onDidClose((e) => {
    if (!isFileUri(e.document.uri)) return;
    void ready.then(async () => scheduler.schedule(await service.index.closeText(pathFromUri(e.document.uri))));
  });

  connection.onDidChangeConfiguration(() => void reloadConfiguration());

  // The user trusted the workspace (VS Code's Workspace Trust): lift the restrictions and index again.
  connection.onNotification('mqg4ai/trustGranted', () => {
    if (trusted) return;
    trusted = true;
    fileSystem.confined = false;
    logger.log('info', 'The workspace is now trusted: indexing it again without restrictions.');
    void ready.then(() => rebuild());
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    await ready;
    if (params.changes.some((c) => isFileUri(c.uri) && configuration.isConfigFile(pathFromUri(c.uri), roots))) void reloadConfiguration();
    const affected = new Set<string>();
    for (const change of params.changes) {
      if (!isFileUri(change.uri)) continue;
      const path = pathFromUri(change.uri);
      let changed: Set<string>;
      if (change.type === FileChangeType.Deleted) {
        changed = service.index.fileDeleted(path);
        for (const gone of [...published]) {
          if (gone === path || gone.startsWith(`${path}/`)) {
            published.delete(gone);
            void connection.sendDiagnostics({ uri: uriFromPath(gone), diagnostics: [] });
          }
        }
      } else if (change.type === FileChangeType.Created) {
        changed = await service.index.fileCreated(path);
      } else {
        changed = await service.index.fileChanged(path);
      }
      changed.forEach((p) => affected.add(p));
    }
    scheduler.schedule([...affected].filter((p) => service.index.getDocument(p)));
  });

  // ---- features ----------------------------------------------------------------

  const pathOf = (uri: string) => URI.parse(uri).path;
  connection.onDefinition((p, token) => whenReady('definition', [], () => service.definition.provideDefinition(pathOf(p.textDocument.uri), p.position, token))());
  connection.onReferences((p, token) =>
    whenReady('references', [], () => service.references.provideReferences(pathOf(p.textDocument.uri), p.position, p.context.includeDeclaration, token))(),
  );
  /** A document's current text: the editor's (matching the model), else the disk's. */
  const textOf = async (path: string) => {
    await ready;
    return service.index.openText(path) ?? (await service.index.readText(path));
  };
  connection.onHover(async (p, token) => {
    const path = pathOf(p.textDocument.uri);
    const text = await textOf(path);
    return whenReady('hover', null, () => service.hover.provideHover(path, p.position, token, text) ?? null)();
  });
  connection.onCompletion(async (p, token) => {
    const path = pathOf(p.textDocument.uri);
    const text = await textOf(path);
    return whenReady('completion', null, () => service.completion.provideCompletions(path, p.position, token, text))();
  });
  connection.onCodeAction(async (p, token) => {
    const path = pathOf(p.textDocument.uri);
    const text = await textOf(path);
    return whenReady('codeAction', [], () => [
      ...service.codeActions.provideCodeActions(path, p.range, p.context.diagnostics, token, text),
      ...service.quickFixes.provideCodeActions(path, p.range, p.context, token, text, refactor.editCapabilities()),
    ])();
  });
  // Rename, prepare-rename and link updates for file moves (server/src/lsp/refactoring.ts).
  const refactor = registerRefactoring(
    connection,
    {
      ready: () => ready,
      service: () => service,
      settings: async (path) =>
        supportsConfigurationRequest
          ? ((await connection.workspace.getConfiguration({ scopeUri: path ? uriFromPath(path) : undefined, section: 'mqg4ai' })) ?? undefined)
          : undefined,
      logger,
    },
    () => initializeParams,
  );
  connection.onDocumentLinks((p, token) => whenReady('documentLink', [], () => service.documentLinks.provideDocumentLinks(pathOf(p.textDocument.uri), token))());
  connection.onDocumentSymbol((p, token) => whenReady('documentSymbol', [], () => service.documentSymbols.provideDocumentSymbols(pathOf(p.textDocument.uri), token))());
  connection.onWorkspaceSymbol((p, token) => whenReady('workspaceSymbol', [], () => service.workspaceSymbols.provideWorkspaceSymbols(p.query, token))());

  connection.onRequest('mqg4ai/coverage', (params: { root?: string } | undefined, token) =>
    whenReady('coverage', [], () => service.coverage.provideCoverage(params?.root ? pathFromUri(params.root) : undefined, token))(),
  );
  connection.onRequest('mqg4ai/coverageReport', (params: { root?: string; format?: unknown; target?: string } | undefined, token) => {
    const format = params?.format;
    if (!isReportFormat(format)) return new ResponseError(ErrorCodes.InvalidParams, `format must be "md", "html" or "json", not ${JSON.stringify(format)}`);
    const request = {
      format,
      rootPath: params?.root ? pathFromUri(params.root) : undefined,
      // The report's links are relative to the folder it will be saved in.
      linkBasePath: params?.target ? posix.dirname(pathFromUri(params.target)) : undefined,
    };
    return whenReady<CoverageReportResult | ResponseError<void>>('coverageReport', new ResponseError(ErrorCodes.InternalError, 'The coverage report failed; see the MQG4AI output.'), () =>
      service.coverageReport.provideReport(request, token),
    )();
  });

  // What is running where: for the output channel, bug reports and the crash-recovery test.
  connection.onRequest('mqg4ai/serverInfo', () => ({ pid: process.pid, version: SERVER_VERSION, roots, documents: service.index.documentCount }));

  // A test/automation hook: resolves once indexing and queued diagnostics are done.
  connection.onRequest('mqg4ai/waitForIdle', async () => {
    await ready;
    await scheduler.whenIdle();
    return { documents: service.index.documentCount };
  });

  connection.onShutdown(async () => {
    await saveCache();
    await parser.dispose?.();
  });

  documents.listen(connection);
  connection.listen();
}
