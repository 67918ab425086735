import { posix } from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  type Connection,
  type Diagnostic,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { neverCancelled, OperationCancelled } from '../base/cancellation';
import { NodeFileSystem, pathFromUri, uriFromPath } from '../base/fileSystem';
import type { Logger } from '../base/logger';
import { toolVersion } from '../base/version';
import { internalErrorDiagnostic } from '../analysis/internalErrors';
import { createEngine, type Engine, type FileChange } from '../engine/engine';
import { toLspDiagnostic } from '../features/diagnostics/diagnosticsProvider';
import type { DocumentParser } from '../workspace/parsing/documentParser';
import { MQG4AI_NOTIFICATIONS, type ServerInfo } from '../../../protocol/protocol';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { ProgressivePublisher } from './progressivePublisher';
import { ConfigurationProblemPublisher, pullSettings, settingsFromPayload, type AssessmentSettings } from './editorSettings';
import { ServerFileWatcher } from './fileWatching';

/** What the client told us in `initialize` that decides how we behave. */
interface ClientFacts {
  readonly dynamicWatchers: boolean;
  readonly configurationRequest: boolean;
  readonly progress: boolean;
  /** Where parsed models are cached between sessions (the extension's storage folder), if anywhere. */
  readonly cacheFolder: string | undefined;
}

/**
 * The moments a request can wait for (see REQUESTS in handlers.ts): `listed` (configured, the
 * open documents known, every file listed: requests on open documents, answered during
 * indexing) or `indexed` (every document parsed).
 */
export type Readiness = 'listed' | 'indexed';

/**
 * One language-server session: the workspace folders, Workspace Trust, the engine over
 * them (rebuilt when folders or trust change), the background diagnostics and what has
 * been published. Handlers reach the engine only through `engineWhen`.
 */
export class LanguageServerSession {
  private roots: string[] = [];
  private trusted = true;
  private client: ClientFacts = { dynamicWatchers: false, configurationRequest: false, progress: false, cacheFolder: undefined };
  private initializeParams: InitializeParams | undefined;
  private engine: Engine;
  /** Resolves once the current engine is configured and knows the open documents. */
  private configured: Promise<void> = Promise.resolve();
  /** Resolves once, in addition, every file is listed: requests on open documents may run. */
  private listed: Promise<void> = Promise.resolve();
  /** Resolves once the current engine has indexed the whole workspace. */
  private indexed: Promise<void> = Promise.resolve();
  /** Documents whose diagnostics the client holds (non-empty or not): cleared when they leave the problems scope. */
  private readonly published = new Set<string>();
  /** The diagnostics last computed per document, published or not (the persistent cache, re-scoping). */
  private readonly lastDiagnostics = new Map<string, Diagnostic[]>();
  /** Diagnostics standing in for a document whose check failed (never cached). */
  private readonly failures = new Map<string, Diagnostic[]>();
  private assessmentSettings: AssessmentSettings = {};
  /** The active assessment the client last announced (`mqg4ai/activeAssessmentChanged`); undefined until it does. */
  private announcedAssessment: string | null | undefined;
  /** The document last opened or edited, for `mqg4ai.activeAssessment: auto` when no client announces it. */
  private lastEditedDocument: string | undefined;
  private readonly scheduler: DiagnosticsScheduler;
  private readonly configProblems: ConfigurationProblemPublisher;
  private coverageTimer: NodeJS.Timeout | undefined;
  private saveCache: () => Promise<void> = async () => {};
  /** Settings the client pushed (didChangeConfiguration, initializationOptions) when it cannot be asked for them. */
  private pushedSettings: ReturnType<typeof settingsFromPayload>;
  /** The server's own watching of the workspace folders, for clients that cannot register file watchers. */
  private readonly watcher: ServerFileWatcher;

  constructor(
    private readonly connection: Connection,
    /** The editor's open documents (text and URI). */
    private readonly openDocuments: () => ReadonlyArray<{ uri: string; getText(): string }>,
    private readonly parser: DocumentParser,
    readonly logger: Logger,
  ) {
    this.engine = this.newEngine();
    this.watcher = new ServerFileWatcher((changes) => void this.filesChanged(changes.map((c) => ({ uri: uriFromPath(c.path), change: c.change }))), logger);
    this.configProblems = new ConfigurationProblemPublisher(connection);
    this.scheduler = new DiagnosticsScheduler(
      (path) => this.engine.features.diagnostics.provideDiagnostics(path, neverCancelled),
      (path, diagnostics) => this.publish(path, diagnostics),
      (path) => this.engine.index.openText(path) !== undefined,
      (path, error) => {
        // One document's failure: logged, and shown on the document rather than leaving it silently unchecked.
        logger.log('error', `Validating ${path} failed: ${(error as Error).stack ?? error}`);
        this.lastDiagnostics.delete(path); // never cached: the next start checks it again
        this.failures.set(path, [toLspDiagnostic(internalErrorDiagnostic('checking this document', error))]);
        this.send(path);
      },
    );
  }

  /** Takes what `initialize` says about the workspace and the client. */
  initialize(params: InitializeParams): void {
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    this.roots = folders.filter((f) => isFileUri(f?.uri)).map((f) => pathFromUri(f.uri));
    const options = (params.initializationOptions ?? {}) as { storagePath?: unknown; trusted?: unknown; settings?: unknown; mqg4ai?: unknown };
    // Editors without workspace/configuration (or before their first push) may pass the settings here.
    this.pushedSettings = settingsFromPayload(options.settings ?? (options.mqg4ai !== undefined ? { mqg4ai: options.mqg4ai } : undefined));
    // Clients that do not know Workspace Trust (other editors) are trusted, as before.
    this.trusted = options.trusted !== false;
    this.client = {
      dynamicWatchers: params.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      configurationRequest: params.capabilities?.workspace?.configuration === true,
      progress: params.capabilities?.window?.workDoneProgress === true,
      cacheFolder: typeof options.storagePath === 'string' && options.storagePath ? options.storagePath : undefined,
    };
    this.initializeParams = params;
  }

  get params(): InitializeParams | undefined {
    return this.initializeParams;
  }

  get canPullSettings(): boolean {
    return this.client.configurationRequest;
  }

  /** After `initialized`: registers for file and settings changes, then builds the index. */
  start(): void {
    if (this.client.dynamicWatchers) void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    if (this.client.configurationRequest) void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'mqg4ai' });
    void this.rebuild().then(() => this.logger.log('info', `Ready: ${this.engine.index.documentCount} Markdown documents in ${this.roots.length} folder(s).`));
  }

  /** The engine once it is ready for a request of the given readiness. */
  async engineWhen(readiness: Readiness | 'configured'): Promise<Engine> {
    // A rebuild may replace the engine while we wait: wait for the one current afterwards.
    for (;;) {
      const engine = this.engine;
      await (readiness === 'indexed' ? this.indexed : readiness === 'listed' ? this.listed : this.configured);
      if (engine === this.engine) return engine;
    }
  }

  /** Resolves once indexing and queued diagnostics are done. */
  async whenIdle(): Promise<Engine> {
    const engine = await this.engineWhen('indexed');
    await this.fileEventsSettled();
    await this.scheduler.whenIdle();
    return engine;
  }

  info(): ServerInfo {
    const fileWatching = this.client.dynamicWatchers ? 'client' : this.watcher.active ? 'server' : 'none';
    return { pid: process.pid, version: toolVersion(), roots: this.roots, documents: this.engine.index.documentCount, fileWatching };
  }

  // ---- workspace events ---------------------------------------------------------

  changeFolders(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed);
    this.roots = [...this.roots.filter((r) => !gone.has(r)), ...added.filter((a) => !this.roots.includes(a))];
    void this.rebuild();
  }

  /** The user trusted the workspace (VS Code's Workspace Trust): lift the restrictions and index again. */
  grantTrust(): void {
    if (this.trusted) return;
    this.trusted = true;
    this.logger.log('info', 'The workspace is now trusted: indexing it again without restrictions.');
    void this.configured.then(() => this.rebuild());
  }

  documentChanged(uri: string, text: string): void {
    if (!isFileUri(uri)) return;
    const path = pathFromUri(uri);
    // `auto` without a client announcing the assessment: the scope follows the document being edited.
    const follows = this.announcedAssessment === undefined && this.assessmentSettings.activeAssessment === 'auto' && this.lastEditedDocument !== path;
    this.lastEditedDocument = path;
    if (follows) void this.engineWhen('indexed').then(() => this.rescope());
    // The model changes once parsed: a small text at once, a longer one in a worker (requests on
    // this document wait for it, the others do not; docs/architecture.md). While the workspace is still
    // being indexed, the document's own diagnostics come early (once the files are listed, its
    // link targets parsed out of turn); everything else waits for the index.
    void this.engineWhen('configured').then(async (engine) => {
      const affected = await engine.openDocument(path, text);
      if (!this.indexedEngines.has(engine)) void this.publishEarly(engine, path);
      void this.engineWhen('indexed').then(() => this.scheduler.schedule(affected));
    });
  }

  documentClosed(uri: string): void {
    if (!isFileUri(uri)) return;
    void this.engineWhen('configured').then(async (engine) => {
      const affected = await engine.closeDocument(pathFromUri(uri));
      void this.engineWhen('indexed').then(() => this.scheduler.schedule(affected));
    });
  }

  /**
   * Files created, changed or deleted on disk (reported by the client or our own watcher). Requests
   * that need the whole index wait until the events received before them are applied
   * (`fileEventsSettled`), so a file created and then used by a command is seen.
   */
  filesChanged(changes: ReadonlyArray<{ uri: string; change: FileChange }>): Promise<void> {
    const applying = this.applyFileChanges(changes);
    this.pendingFileEvents.add(applying);
    const settle = () => void this.pendingFileEvents.delete(applying);
    applying.then(settle, settle);
    return applying;
  }

  /** File events being applied (see `filesChanged`). */
  private readonly pendingFileEvents = new Set<Promise<void>>();

  /** Resolves once every file event received so far has been applied to the index. */
  async fileEventsSettled(): Promise<void> {
    while (this.pendingFileEvents.size > 0) await Promise.allSettled([...this.pendingFileEvents]);
  }

  private async applyFileChanges(changes: ReadonlyArray<{ uri: string; change: FileChange }>): Promise<void> {
    const engine = await this.engineWhen('indexed');
    const files = changes.filter((c) => isFileUri(c.uri)).map((c) => ({ path: pathFromUri(c.uri), change: c.change }));
    if (files.some((f) => engine.isConfigurationFile(f.path))) void this.reloadConfiguration();
    const affected = new Set<string>();
    for (const { path, change } of files) {
      if (change === 'deleted') this.unpublishUnder(path);
      for (const p of await engine.fileChanged(path, change)) affected.add(p);
    }
    this.scheduler.schedule([...affected].filter((p) => engine.index.getDocument(p)));
  }

  /**
   * workspace/didChangeConfiguration: clients that can be asked are asked again; the others
   * (nvim-lspconfig, Helix, eglot) push the settings in the notification, under `mqg4ai`.
   */
  settingsChanged(payload: unknown): Promise<void> {
    if (!this.client.configurationRequest) this.pushedSettings = settingsFromPayload(payload);
    return this.reloadConfiguration();
  }

  /** Re-reads settings, the project file and the packs, then re-validates everything under them. */
  async reloadConfiguration(): Promise<void> {
    const engine = await this.engineWhen('indexed');
    await this.configure(engine);
    if (engine === this.engine) this.scheduler.schedule([...engine.index.allDocuments()].map((d) => d.path));
  }

  /** The client says which assessment the user works on (null: none): re-publish for the problems scope. */
  setActiveAssessment(assessment: string | null): void {
    this.announcedAssessment = assessment;
    void this.engineWhen('indexed').then(() => this.rescope());
  }

  async shutdown(): Promise<void> {
    await this.watcher.stop();
    await this.saveCache();
    await this.parser.dispose?.();
  }

  // ---- internals -------------------------------------------------------------------

  private newEngine(): Engine {
    return createEngine({
      fs: new NodeFileSystem(),
      roots: this.roots,
      trusted: this.trusted,
      cacheDir: this.client.cacheFolder,
      parser: this.parser,
      logger: this.logger,
    });
  }

  private async configure(engine: Engine): Promise<void> {
    const settings = this.client.configurationRequest ? await pullSettings(this.connection, this.roots[0], this.logger) : this.pushedSettings;
    this.assessmentSettings = settings?.assessments ?? {};
    this.configProblems.publish(await engine.configure(settings?.layer));
  }

  /** Builds a fresh engine over the current roots and trust, and publishes every document's diagnostics. */
  private rebuild(): Promise<void> {
    const engine = (this.engine = this.newEngine());
    // A link target beyond the workspace folders, looked up in the repository after indexing: re-validate its linking documents.
    engine.index.onRepositoryLookup = (paths) => {
      if (this.indexedEngines.has(engine) && engine === this.engine) this.scheduler.schedule(paths);
    };
    if (!this.client.dynamicWatchers) this.watcher.follow({ roots: this.roots, isExcluded: (path) => this.engine.index.isExcluded(path) });
    const configured = (async () => {
      await this.configure(engine);
      for (const doc of this.openDocuments()) {
        if (!isFileUri(doc.uri)) continue;
        // Not awaited: a hostile open document must not hold up the others (its parse may take long).
        void engine.openDocument(pathFromUri(doc.uri), doc.getText()).then((affected) => {
          void this.publishEarly(engine, pathFromUri(doc.uri));
          void this.engineWhen('indexed').then(() => this.scheduler.schedule(affected));
        });
      }
    })();
    this.configured = configured.then(
      () => undefined,
      () => undefined,
    );
    // The parse cache is for the index, not for the open documents: requests on them do not wait for
    // it, and the listing overlaps with loading it (indexWorkspace parses once it is loaded).
    const cacheLoaded = configured.then(() => engine.loadCache());
    let listed: () => void = () => {};
    this.listed = new Promise<void>((resolve) => (listed = resolve));
    this.indexed = (async () => {
      await configured.catch(() => undefined);
      // Progress is a courtesy: a client that refuses it must not stop the indexing.
      const progress = await this.indexingProgress(engine).catch((error: Error) => void this.logger.log('warn', `No indexing progress: ${error.message}`));
      const progressive = this.progressivePublisher(engine);
      try {
        await engine.indexWorkspace(neverCancelled, listed, (paths) => progressive.add(paths));
      } catch (error) {
        if (!(error instanceof OperationCancelled)) this.logger.log('error', `Indexing failed: ${(error as Error).stack ?? error}`);
      } finally {
        progressive.stop();
        listed();
        progress?.done();
      }
      const snapshot = await cacheLoaded.catch(() => undefined);
      if (engine !== this.engine) return;
      this.indexedEngines.add(engine);
      this.reportIndexLimit(engine);
      if (this.client.cacheFolder) {
        this.saveCache = async () => {
          await this.scheduler.whenIdle();
          await engine.saveCache(this.cacheableDiagnostics(engine));
        };
      }
      for (const stale of this.known()) if (!engine.index.getDocument(stale)) this.unpublish(stale);
      // Nothing changed since the last session (the fingerprint covers every file's size and mtime
      // and the configuration): its diagnostics are still right. Publish them and re-validate only
      // what the cache does not cover (open documents and their dependants).
      const paths = [...engine.index.allDocuments()].map((d) => d.path);
      if (snapshot && snapshot.fingerprint === engine.index.stateFingerprint()) {
        const stored = new Map(snapshot.results as Array<[string, Diagnostic[]]>);
        for (const [path, diagnostics] of stored) if (engine.index.getDocument(path)) this.publish(path, diagnostics, false);
        this.scheduler.schedule(paths.filter((p) => !stored.has(p)));
        this.logger.log('info', `Diagnostics of ${stored.size} documents taken from the cache.`);
      } else {
        this.scheduler.schedule(paths);
        const diagnostics = engine.features.diagnostics;
        const before = diagnostics.earlyFindingsCarriedOver;
        void this.scheduler.whenIdle().then(() => {
          const carried = diagnostics.earlyFindingsCarriedOver - before;
          if (engine === this.engine) this.logger.log('info', `Validated ${paths.length} documents; ${carried} of them took their early pass's findings over.`);
        });
        // Write the cache once the first diagnostics are out.
        void this.saveCache();
      }
    })();
    return this.indexed;
  }

  /** Early diagnostics of the documents indexing stores, published batch by batch until the full validation takes over. */
  private progressivePublisher(engine: Engine): ProgressivePublisher<Diagnostic> {
    const current = () => engine === this.engine && !this.indexedEngines.has(engine);
    return new ProgressivePublisher(
      async (path) => {
        if (!current() || engine.index.openText(path) !== undefined) return undefined; // open documents have their own early pass
        const outcome = await engine.queryAsync('early diagnostics', neverCancelled, (t) => engine.features.diagnostics.provideEarlyDiagnostics(path, t));
        return outcome.ok ? outcome.value : undefined;
      },
      (path, diagnostics) => {
        if (current() && engine.index.openText(path) === undefined) this.publish(path, diagnostics, false);
      },
    );
  }

  /** Engines whose whole workspace is indexed (early diagnostics are for the others). */
  private readonly indexedEngines = new WeakSet<Engine>();

  /** An open document's diagnostics while its workspace is still indexing (docs/architecture.md). */
  private async publishEarly(engine: Engine, path: string): Promise<void> {
    // One early pass per document at a time; an edit meanwhile runs one more pass afterwards.
    if (this.earlyPending.has(path)) {
      this.earlyAgain.add(path);
      return;
    }
    this.earlyPending.add(path);
    try {
      await this.publishEarlyNow(engine, path);
    } finally {
      this.earlyPending.delete(path);
    }
    if (this.earlyAgain.delete(path)) await this.publishEarly(engine, path);
  }

  private readonly earlyPending = new Set<string>();
  private readonly earlyAgain = new Set<string>();

  private async publishEarlyNow(engine: Engine, path: string): Promise<void> {
    // Not waiting for the listing: the folders and targets the document needs are listed and parsed on demand.
    await this.engineWhen('configured');
    if (engine !== this.engine || this.indexedEngines.has(engine) || engine.index.openText(path) === undefined) return;
    const outcome = await engine.onDemand(
      () => engine.queryAsync('early diagnostics', neverCancelled, (t) => engine.features.diagnostics.provideEarlyDiagnostics(path, t)),
      neverCancelled,
    );
    // The full validation after indexing replaces these; never publish over it.
    if (outcome.ok && !this.indexedEngines.has(engine) && engine === this.engine) this.publish(path, outcome.value, false);
  }

  private publish(path: string, diagnostics: Diagnostic[], announce = true): void {
    this.lastDiagnostics.set(path, diagnostics);
    this.failures.delete(path);
    this.send(path);
    if (announce) this.announceCoverageChange();
  }

  /** Sends a document's diagnostics when it is in the problems scope; clears them on the client when it left it. */
  private send(path: string, scope = this.problemsScope()): void {
    if (scope(path)) {
      this.published.add(path);
      void this.connection.sendDiagnostics({ uri: this.uriOf(path), diagnostics: this.failures.get(path) ?? this.lastDiagnostics.get(path) ?? [] });
    } else if (this.published.delete(path)) {
      void this.connection.sendDiagnostics({ uri: uriFromPath(path), diagnostics: [] });
    }
  }

  /** The active assessment or the problems scope changed: publish what entered the scope, clear what left it. */
  private rescope(): void {
    const scope = this.problemsScope();
    // Only documents entering or leaving the scope: the others already show what they should.
    for (const path of this.known()) if (scope(path) !== this.published.has(path)) this.send(path, scope);
  }

  /** Every document with diagnostics, published or held back. */
  private known(): string[] {
    return [...new Set([...this.published, ...this.lastDiagnostics.keys(), ...this.failures.keys()])];
  }

  /**
   * Which documents get their diagnostics published (docs/assessments.md): all of them, or
   * under the `activeAssessment` scope those of the active assessment, those of no
   * assessment and every open document. Without an active assessment nothing is hidden.
   */
  private problemsScope(): (path: string) => boolean {
    const engine = this.engine;
    const assessments = engine.assessments();
    const scope = this.assessmentSettings.problemsScope ?? (assessments.filter((a) => a.kind === 'application').length > 1 ? 'activeAssessment' : 'workspace');
    const active = scope === 'activeAssessment' ? this.activeAssessment(engine) : undefined;
    if (!active) return () => true;
    return (path) => engine.index.openText(path) !== undefined || (engine.assessmentOf(path)?.id ?? active.id) === active.id;
  }

  /** The effective active assessment: the client's announcement, else the setting (`auto`: the last document edited). */
  private activeAssessment(engine: Engine) {
    const named = this.announcedAssessment !== undefined ? this.announcedAssessment : this.assessmentSettings.activeAssessment;
    if (!named) return undefined;
    if (named === 'auto') return this.lastEditedDocument ? engine.assessmentOf(this.lastEditedDocument) : undefined;
    return engine.findAssessment(named);
  }

  /** The URI to publish a document under: the client's own spelling for an open document (`(` or `%28`), else ours. */
  private uriOf(path: string): string {
    return this.openDocuments().find((d) => isFileUri(d.uri) && pathFromUri(d.uri) === path)?.uri ?? uriFromPath(path);
  }

  private unpublish(path: string): void {
    this.published.delete(path);
    this.lastDiagnostics.delete(path);
    this.failures.delete(path);
    void this.connection.sendDiagnostics({ uri: uriFromPath(path), diagnostics: [] });
  }

  private unpublishUnder(path: string): void {
    for (const gone of this.known()) if (gone === path || gone.startsWith(`${path}/`)) this.unpublish(gone);
  }

  /** Coverage follows the same changes as diagnostics; tell the client once a burst of them settles. */
  private announceCoverageChange(): void {
    clearTimeout(this.coverageTimer);
    this.coverageTimer = setTimeout(() => void this.connection.sendNotification(MQG4AI_NOTIFICATIONS.coverageChanged, {}), 300);
  }

  /** Published diagnostics worth caching: not those of open documents or of documents linking to them (unsaved text). */
  private cacheableDiagnostics(engine: Engine): Array<[string, Diagnostic[]]> {
    const volatile = new Set<string>();
    for (const doc of engine.index.allDocuments()) {
      if (engine.index.openText(doc.path) === undefined) continue;
      volatile.add(doc.path);
      engine.index.linkSources(doc.path).forEach((p) => volatile.add(p));
    }
    return [...this.lastDiagnostics].filter(([path]) => !volatile.has(path) && engine.index.getDocument(path));
  }

  /** Indexing stopped at a limit: one log line and one notification (the first file left out carries a `file.skipped`). */
  private reportIndexLimit(engine: Engine): void {
    const limit = engine.index.indexLimit;
    if (!limit) return;
    const message = `MQG4AI: indexing stopped at ${limit.message}; ${limit.unparsed} Markdown file(s) were not parsed (see ${posix.basename(limit.first)} in Problems).`;
    this.logger.log('warn', message);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  }

  /** Reports indexing as LSP work-done progress when the client supports it. */
  private async indexingProgress(engine: Engine) {
    if (!this.client.progress) return undefined;
    const reporter = await this.connection.window.createWorkDoneProgress();
    reporter.begin('MQG4AI: indexing quality gates', 0, undefined, false);
    let last = 0;
    engine.index.onProgress = (indexed: number, total: number) => {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      reporter.report(total > 0 ? Math.floor((indexed / total) * 100) : 0, `${indexed} of ${total} documents`);
    };
    return { done: () => reporter.done() };
  }
}

function isFileUri(uri: unknown): uri is string {
  return typeof uri === 'string' && uri.startsWith('file:');
}
