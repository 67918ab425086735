import { OperationCancelled, type CancellationToken } from '../base/cancellation';
import type { WorkspaceFileSystem } from '../base/fileSystem';
import { silentLogger, type Logger } from '../base/logger';
import { Refusal } from '../base/refusal';
import { toolVersion } from '../base/version';
import { altaiCatalogue } from '../domain/altai/catalogue';
import type { ConfigLayer } from '../config/projectConfig';
import { NO_CONFIGURATION, loadWorkspaceConfiguration, type WorkspaceConfiguration } from '../config/workspaceConfiguration';
import { ConfinedFileSystem } from '../workspace/confinedFileSystem';
import { readGitCommit } from '../workspace/gitCommit';
import { DiskIndexCache, type ResultSnapshot } from '../workspace/indexCache';
import type { DocumentParser } from '../workspace/parsing/documentParser';
import { defaultIndexOptions, isMarkdownPath, WorkspaceIndex, type IndexOptions } from '../workspace/workspaceIndex';
import { toFsPath } from '../base/fileSystem';
import type { DocumentFindings } from '../analysis/diagnostics/documentDiagnostics';
import { QuickFixProvider } from '../features/codeActions/quickFixProvider';
import { LinkSuggestionStore } from '../features/refactor/linkSuggestions';
import { CompletionProvider } from '../features/completion/completionProvider';
import { CoverageProvider } from '../features/coverage/coverageProvider';
import { DiagnosticsProvider } from '../features/diagnostics/diagnosticsProvider';
import { HoverProvider } from '../features/hover/hoverProvider';
import { DefinitionProvider } from '../features/navigation/definitionProvider';
import { DocumentLinkProvider } from '../features/navigation/documentLinkProvider';
import { ReferencesProvider } from '../features/navigation/referencesProvider';
import { FileMoveProvider } from '../features/refactor/fileMoveProvider';
import { DocumentCreationProvider } from '../features/refactor/documentCreation';
import { RenameProvider } from '../features/refactor/renameProvider';
import { DocumentSymbolProvider } from '../features/symbols/documentSymbolProvider';
import { WorkspaceSymbolProvider } from '../features/symbols/workspaceSymbolProvider';
import { CoverageBuilder } from '../analysis/coverage/buildCoverage';
import { coverageByAssessment, type AssessmentCoverage } from '../analysis/coverage/assessmentCoverage';
import { compareAssessments, type VersionDiff } from '../analysis/versionDiff';
import { assessmentOf, assessmentsOf, findAssessment, type Assessment } from '../workspace/assessments';
import { checkIndexedWorkspace, type CheckResult } from './check';
import { ReviewProvider } from '../features/review/reviewProvider';
import { collectReviews, type AssessmentReviews } from '../analysis/review/reviewReport';
import { planReviewMark, type MarkPlan, type MarkRequest } from '../analysis/review/markReviewed';
import { gitUserName } from '../workspace/git';
import { changeImpact, type ImpactReport } from './impact';
import { buildCoverageReport, type CoverageReportRequest, type CoverageReportResult } from './coverageReport';

/** What an engine is made of. The LSP server and the CLI build one each; tests build one over memory. */
export interface EngineOptions {
  /** The file system, unconfined: the engine confines it to `roots` while the workspace is untrusted. */
  readonly fs: WorkspaceFileSystem;
  /** Workspace folders (absolute POSIX paths). */
  readonly roots: readonly string[];
  /** The editor's `mqg4ai.*` settings as a configuration layer (below the project file). */
  readonly settings?: ConfigLayer;
  /** Workspace Trust (docs/security.md); clients that do not know it are trusted. Default true. */
  readonly trusted?: boolean;
  /** Where parsed models are cached between sessions (the extension's storage folder), if anywhere. */
  readonly cacheDir?: string;
  /** Who parses documents: worker threads, or this thread (default). */
  readonly parser?: DocumentParser;
  readonly logger?: Logger;
  /** An explicit project file (the CLI's --config). */
  readonly configFile?: string;
  /** Index options beyond the roots and the parser (limits, excluded folder names), for tests. */
  readonly index?: Partial<Omit<IndexOptions, 'roots' | 'parser' | 'repositoryLookups'>>;
  /** The git commit of a folder, for reports; reads .git by default. */
  readonly commitOf?: (folder: string) => string | undefined;
}

/** One provider per editor feature, each over the engine's index; every operation takes a cancellation token. */
export interface EngineFeatures {
  readonly diagnostics: DiagnosticsProvider;
  readonly definition: DefinitionProvider;
  readonly references: ReferencesProvider;
  readonly hover: HoverProvider;
  readonly completion: CompletionProvider;
  readonly quickFixes: QuickFixProvider;
  readonly documentLinks: DocumentLinkProvider;
  readonly documentSymbols: DocumentSymbolProvider;
  readonly workspaceSymbols: WorkspaceSymbolProvider;
  readonly coverage: CoverageProvider;
  readonly rename: RenameProvider;
  readonly fileMoves: FileMoveProvider;
  readonly review: ReviewProvider;
  /** New documents from their templates, and what an existing one lacks of its template. */
  readonly documents: DocumentCreationProvider;
}

/** How a file changed on disk. */
export type FileChange = 'created' | 'changed' | 'deleted';

/** The outcome of a query at the engine boundary: cancellation and internal errors converted once, here. */
export type QueryOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly cancelled: boolean; readonly error?: unknown };

/**
 * The engine: the one owner of a workspace's state (index, configuration, packs, parse
 * cache) and of the features over it. Editor-independent; the LSP server and the CLI are
 * thin shells that build nothing except through `createEngine`.
 */
export interface Engine {
  readonly roots: readonly string[];
  readonly trusted: boolean;
  readonly logger: Logger;
  /** The workspace state. Shells read it; only the engine's methods change it. */
  readonly index: WorkspaceIndex;
  readonly features: EngineFeatures;
  /** The configuration in force (after `configure`). */
  readonly configuration: WorkspaceConfiguration;

  /** Loads settings, project file and packs, and applies them; callers re-validate everything afterwards. */
  configure(settings?: ConfigLayer): Promise<WorkspaceConfiguration>;
  /** Takes what the parse cache holds (if the engine has a cache folder); returns the stored results, if any. */
  loadCache(): Promise<ResultSnapshot | undefined>;
  /**
   * Lists every file, then parses every Markdown document, yielding to the event loop as it
   * goes; `onListed` runs between the two (from then on existence checks and folder listings are exact),
   * `onIndexed` after each batch of documents is stored.
   */
  indexWorkspace(token: CancellationToken, onListed?: () => void, onIndexed?: (paths: readonly string[]) => void): Promise<void>;
  /** Stores the parsed models and `results` (valid for the current state; none: models only) for the next session. */
  saveCache(results?: ResultSnapshot['results']): Promise<void>;

  /**
   * The editor opened or changed a document; resolves, once it is parsed (off the server's thread
   * unless small, docs/security.md), with the documents to re-validate (none when a newer edit
   * came meanwhile). Paths outside the roots are ignored.
   */
  openDocument(path: string, text: string): Promise<ReadonlySet<string>>;
  /** Resolves once the model of the open document `path` matches its latest text (requests on it wait for this). */
  whenParsed(path: string): Promise<void>;
  /**
   * Computes an answer about one document before the workspace is indexed: what it asks of the
   * index and the index does not have yet (folders not listed, documents not parsed) is listed and
   * parsed at once, and the answer computed again (`WorkspaceIndex.onDemand`).
   */
  onDemand<T>(compute: () => T | Promise<T>, token: CancellationToken): Promise<T>;
  /** Resolves once the background searches for broken links' suggestions of the open documents are done (tests). */
  whenSuggestionsReady(): Promise<void>;
  /** The editor closed a document; its disk content counts again. */
  closeDocument(path: string): Promise<ReadonlySet<string>>;
  /** A file or folder changed on disk; returns the documents to re-validate. */
  fileChanged(path: string, change: FileChange): Promise<ReadonlySet<string>>;
  /** Whether a change to `path` reloads the configuration (project file, pack files). */
  isConfigurationFile(path: string): boolean;

  /** Runs a query at the engine boundary: a cancellation or an internal error becomes an outcome, never an exception. */
  query<T>(name: string, token: CancellationToken, compute: (token: CancellationToken) => T): QueryOutcome<T>;
  /** `query` for work that yields to the event loop on the way. */
  queryAsync<T>(name: string, token: CancellationToken, compute: (token: CancellationToken) => Promise<T>): Promise<QueryOutcome<T>>;
  /** The findings of every checked document inside `scope` (all of the first root by default), of one assessment if given. */
  check(scope: readonly string[] | undefined, token: CancellationToken, assessment?: Assessment): CheckResult;
  /** The assessments of the workspace: the design knowledge and each application version (docs/assessments.md). */
  assessments(): readonly Assessment[];
  /** An assessment by ID, folder (absolute or relative to a workspace folder) or label. */
  findAssessment(idOrFolder: string): Assessment | undefined;
  /** The assessment a document belongs to. */
  assessmentOf(path: string): Assessment | undefined;
  /** The coverage of every assessment, each on its own (applications first). */
  coverageByAssessment(token: CancellationToken): AssessmentCoverage[];
  /** What changed from one assessment to another (typically two versions of one application). */
  compareAssessments(from: Assessment, to: Assessment, token: CancellationToken): Promise<VersionDiff>;
  /** The coverage report; `findingsOf` reuses the findings of an earlier check. */
  coverageReport(request: CoverageReportRequest, token: CancellationToken, findingsOf?: (path: string) => DocumentFindings): CoverageReportResult;
  /** The review status of every document inside `scope` (every folder by default), by assessment (docs/review.md). */
  reviews(scope: readonly string[] | undefined, token: CancellationToken, assessment?: Assessment): AssessmentReviews[];
  /** The documents changed since a git ref and what traces to them (docs/review.md); git failures are Refusals. */
  impact(since: string, options: { depth: number; scope?: string }, token: CancellationToken): Promise<ImpactReport>;
  /** What marking `paths` reviewed writes: stamps and missing snapshots (nothing is written here). */
  planReviewMark(paths: readonly string[], request: MarkRequest, token: CancellationToken): Promise<MarkPlan>;
  /** The reviewer's name from git (`git config user.name` in the first workspace folder); never asked in an untrusted workspace. */
  reviewerName(): Promise<string | undefined>;
  /** Stops the parse workers. */
  dispose(): Promise<void>;
}

/** The composition root: builds the index and one provider per feature, wired to one configuration. */
export function createEngine(options: EngineOptions): Engine {
  const logger = options.logger ?? silentLogger;
  const roots = [...options.roots];
  const trusted = options.trusted !== false;
  // In an untrusted workspace no file is read whose real location is outside the workspace folders.
  const fs = new ConfinedFileSystem(options.fs, () => roots);
  fs.confined = !trusted;
  // Trusted, links leaving the workspace folders are checked in the git repository around them (read-only, never indexed).
  const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, ...options.index, roots, parser: options.parser, repositoryLookups: trusted }, logger);
  const catalogue = altaiCatalogue();
  // Broken links' "did you mean" searches, off the request path: refreshed after every change below.
  const suggestions = new LinkSuggestionStore(index, logger);
  const features: EngineFeatures = {
    diagnostics: new DiagnosticsProvider(index),
    definition: new DefinitionProvider(index),
    references: new ReferencesProvider(index),
    hover: new HoverProvider(index, catalogue, suggestions),
    completion: new CompletionProvider(index, catalogue),
    quickFixes: new QuickFixProvider(index, catalogue, suggestions),
    documentLinks: new DocumentLinkProvider(index),
    documentSymbols: new DocumentSymbolProvider(index),
    workspaceSymbols: new WorkspaceSymbolProvider(index),
    coverage: new CoverageProvider(index, catalogue),
    rename: new RenameProvider(index),
    fileMoves: new FileMoveProvider(index),
    review: new ReviewProvider(index),
    documents: new DocumentCreationProvider(index, catalogue),
  };
  /** The cache being loaded (`loadCache`), which parsing waits for. */
  let cacheLoading: Promise<ResultSnapshot | undefined> = Promise.resolve(undefined);
  // An untrusted session keeps a cache of its own: models read while trusted may hold content it must not see.
  const cache = options.cacheDir ? new DiskIndexCache(options.cacheDir, trusted ? toolVersion() : `${toolVersion()}+restricted`, logger) : undefined;
  /** What the cache file holds, as far as this engine knows: its state fingerprint and how many documents' results. */
  let onDisk: { fingerprint: string; results: number } | undefined;
  const commitOf = options.commitOf ?? ((folder: string) => readGitCommit(toFsPath(folder)));
  let configuration = NO_CONFIGURATION;
  let settings = options.settings;
  const isInsideRoots = (path: string) => index.rootFor(path) !== undefined;
  /** The one conversion of failures at the engine boundary: cancelled, refused (for the user), or an internal error (logged). */
  const failedQuery = (name: string, token: CancellationToken, error: unknown): QueryOutcome<never> => {
    if (error instanceof OperationCancelled || token.isCancellationRequested) return { ok: false, cancelled: true };
    if (error instanceof Refusal) return { ok: false, cancelled: false, error };
    logger.log('error', `${name} failed: ${(error as Error)?.stack ?? String(error)}`);
    return { ok: false, cancelled: false, error };
  };

  return {
    roots,
    trusted,
    logger,
    index,
    features,
    get configuration() {
      return configuration;
    },

    async configure(next) {
      if (next !== undefined) settings = next;
      configuration = await loadWorkspaceConfiguration(fs, roots[0], { settings, configFile: options.configFile, trusted, logger });
      if (configuration.restricted.length > 0) {
        logger.log('warn', `Untrusted workspace: ${configuration.restricted.join(', ')}; a repository cannot raise the limits until it is trusted.`);
      }
      index.setConfig(configuration.config, configuration.packs);
      suggestions.refreshSoon();
      logger.log('info', `Configuration: ${configuration.file ? `${configuration.file} over ` : ''}settings over defaults.`);
      return configuration;
    },

    loadCache() {
      cacheLoading = (async () => {
        const cached = await cache?.load();
        if (!cached) return undefined;
        index.useCache(cached);
        onDisk = cached.snapshot && { fingerprint: cached.snapshot.fingerprint, results: cached.snapshot.results.length };
        return cached.snapshot;
      })();
      return cacheLoading;
    },

    async indexWorkspace(token, onListed, onIndexed) {
      await index.listFiles(token);
      onListed?.();
      // Listing needs no cache: it overlaps with loading one; parsing uses it.
      await cacheLoading.catch(() => undefined);
      if (onIndexed) index.onIndexed = onIndexed;
      try {
        await index.parseListed(token);
      } finally {
        index.onIndexed = () => {};
      }
      suggestions.refreshSoon();
    },

    async saveCache(results) {
      if (!cache) return;
      const fingerprint = index.stateFingerprint();
      // Nothing on disk changed since the file was read or written (a warm start ending): writing it
      // again, some 70 MB at 10,000 documents, would only delay the shutdown.
      if (results && onDisk?.fingerprint === fingerprint && onDisk.results === results.length) return;
      await cache
        .save({ ...index.cacheEntries(), snapshot: results && { fingerprint, results } })
        .then(() => (onDisk = results && { fingerprint, results: results.length }))
        .catch((e: Error) => logger.log('warn', `Cannot write the index cache: ${e.message}`));
    },

    async openDocument(path, text) {
      if (!isInsideRoots(path) || !isMarkdownPath(path)) return new Set();
      const affected = await index.openTextChanged(path, text);
      suggestions.refreshSoon();
      return affected;
    },

    whenParsed: (path) => index.whenParsed(path),
    onDemand: (compute, token) => index.onDemand(compute, token),
    whenSuggestionsReady: () => suggestions.whenReady(),

    async closeDocument(path) {
      if (!isInsideRoots(path)) return new Set();
      const affected = await index.closeText(path);
      suggestions.refreshSoon();
      return affected;
    },

    async fileChanged(path, change) {
      const affected = change === 'deleted' ? index.fileDeleted(path) : change === 'created' ? await index.fileCreated(path) : await index.fileChanged(path);
      suggestions.refreshSoon();
      return affected;
    },

    isConfigurationFile: (path) => configuration.watchedFiles.includes(path),

    query(name, token, compute) {
      try {
        return { ok: true, value: compute(token) };
      } catch (error) {
        return failedQuery(name, token, error);
      }
    },

    async queryAsync(name, token, compute) {
      try {
        return { ok: true, value: await compute(token) };
      } catch (error) {
        return failedQuery(name, token, error);
      }
    },

    check(scope, token, assessment) {
      const root = roots[0] ?? '/';
      const keep = assessment ? (path: string) => assessmentOf(index, path)?.id === assessment.id : undefined;
      return checkIndexedWorkspace(index, configuration, root, scope ?? [root], token, keep);
    },

    assessments: () => assessmentsOf(index),
    findAssessment: (idOrFolder) => findAssessment(index, idOrFolder),
    assessmentOf: (path) => assessmentOf(index, path),
    coverageByAssessment: (token) => coverageByAssessment(index, new CoverageBuilder(index, catalogue), token),
    compareAssessments: (from, to, token) => compareAssessments(index, new CoverageBuilder(index, catalogue), from, to, token),

    coverageReport(request, token, findingsOf) {
      return buildCoverageReport(index, catalogue, request, token, commitOf, findingsOf);
    },

    reviews: (scope, token, assessment) => collectReviews(index, scope, token, assessment),
    impact: (since, impactOptions, token) =>
      changeImpact(index, impactOptions.scope ? (index.rootFor(impactOptions.scope) ?? roots[0]) : roots[0], since, impactOptions, token),

    planReviewMark: (paths, request, token) => planReviewMark(index, paths, request, token),
    reviewerName: async () => (trusted && roots[0] ? gitUserName(toFsPath(roots[0])) : undefined),

    async dispose() {
      suggestions.dispose();
      await options.parser?.dispose?.();
    },
  };
}
