import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { resolveLinkTarget, isInside, type LinkTarget } from '../syntax/resolveLink';
import { contentOf, parseDocument, structurelessDocument } from '../domain/document/parseDocument';
import type { LinkOccurrence, QualityGateDocument, TermDefinition } from '../domain/document/types';
import { TermDefinitionIndex } from '../domain/glossary/glossary';
import { neverCancelled, throwIfCancelled, type CancellationToken } from '../base/cancellation';
import { silentLogger, type Logger } from '../base/logger';
import { TimeSlice } from '../base/timeSlice';
import { PackRegistry } from '../domain/packs/registry';
import { decodeDocumentBytes } from '../base/decode';
import type { WorkspaceFileSystem } from '../base/fileSystem';
import { LinkGraph } from './linkGraph';
import { collectGarbage } from '../base/memory';
import type { CacheContents, PathEntry } from './indexCache';
import { ContentCache, contentHash, type ParsedContent } from './contentCache';
import { inThreadParser, type DocumentParser } from './parsing/documentParser';
import { DEFAULT_CONFIG, type ProjectConfig } from '../config/projectConfig';
import { compileFileFilter } from '../config/fileFilter';
import { effectiveLimits, formatSize as formatLimit, type EffectiveLimits } from '../config/limits';
import { findRepositoryRoot, lookUpInRepository, sameEntry, type RepositoryEntry } from './repository';
import { documentOfStampFile, loadStamp, ReviewStampStore } from './reviewStamps';
import { FolderReader, type FolderEntries } from './folderReader';

/** What the index reads, and what it leaves alone. */
export interface IndexOptions {
  /** Absolute POSIX paths of the workspace folders. */
  readonly roots: readonly string[];
  /** Folder names never entered. */
  readonly excludedFolderNames: readonly string[];
  /** Files larger than this (bytes) are listed but not parsed. */
  readonly maxFileSize: number;
  /** Who parses files during indexing (in this thread by default). */
  readonly parser?: DocumentParser;
  /** Defaults for the limits the configuration does not set (`limits.ts`). */
  readonly maxDocuments?: number;
  readonly maxTotalBytes?: number;
  readonly parseTimeBudgetMs?: number;
  /**
   * Whether links leaving the workspace folders are checked in the enclosing git repository
   * (read-only look-ups, never indexed): a trusted workspace. Default false: confined.
   */
  readonly repositoryLookups?: boolean;
}

/** A path outside the workspace folders, inside a repository that is read, not looked up yet. */
export const PENDING_LOOKUP = { type: 'pending' } as const;

export const defaultIndexOptions: Omit<IndexOptions, 'roots'> = {
  excludedFolderNames: ['.git', 'node_modules', 'dist', 'out'],
  maxFileSize: 5 * 1024 * 1024,
};

const MARKDOWN_FILE = /\.(md|markdown)$/i;
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;
const READ_CONCURRENCY = 16;
/** Files read ahead, and models awaited at most, by the indexing pipeline (`parseAll`). */
const PIPELINE_DEPTH = 32;
/** Documents stored between two announcements to `onIndexed` (progressive publication). */
const ANNOUNCE_EVERY = 16;
/** Documents parsed between two garbage collections during indexing. */
const GC_EVERY = 512;
/** Rounds of on-demand listing and parsing one answer may take (each round lists what the previous one asked for). */
const DEMAND_ROUNDS = 4;
/** Folders or documents one on-demand round takes at most (a workspace-wide query is the background index's job). */
const MAX_DEMAND = 512;

export function isMarkdownPath(path: string): boolean {
  return MARKDOWN_FILE.test(path);
}

/**
 * The one owner of workspace state: every file's existence, every Markdown
 * document's model (from disk, or from the editor while open) and the link graph.
 * Mutations return the paths whose diagnostics may have changed, found through
 * the link graph, so callers re-validate only those.
 */
export class WorkspaceIndex {
  private readonly files = new Set<string>();
  private readonly folders = new Set<string>();
  private readonly documents = new Map<string, QualityGateDocument>();
  private readonly openTexts = new Map<string, string>();
  private readonly graph = new LinkGraph();
  private readonly basenames = new Map<string, string[]>();
  private readonly folderNames = new Map<string, Set<string>>();
  private readonly children = new Map<string, Set<string>>();
  private readonly childFolders = new Map<string, Set<string>>();
  private readonly names = new Map<string, Set<string>>();
  /** `Definition <Term>` sections by term, for hovers (never a scan of every document). */
  private readonly definitions = new TermDefinitionIndex();
  /** Review stamps by document (docs/review.md), loaded from `.mqg4ai/reviews/` of each workspace folder. */
  readonly reviews = new ReviewStampStore();
  /** Size and mtime of each document as last read from disk, for the persistent cache. */
  private readonly stamps = new Map<string, { mtimeMs: number; size: number }>();
  /** Parse results by content hash: each distinct text is parsed once. */
  private readonly contents = new ContentCache();
  private readonly excluded: ReadonlySet<string>;
  private currentConfig: ProjectConfig = DEFAULT_CONFIG;
  private currentPacks: PackRegistry | undefined;
  /** Tree root per folder, valid until the folder structure or the configuration changes (workspace/trees.ts). */
  readonly treeRootMemo = new Map<string, string | undefined>();
  /** The resolved targets of each model's links (models are immutable), with the root they were resolved under. */
  readonly linkTargetMemo = new WeakMap<QualityGateDocument, { root: string | undefined; targets: Map<LinkOccurrence, LinkTarget> }>();
  private checked: (relativePath: string) => boolean = compileFileFilter(DEFAULT_CONFIG);

  constructor(
    private readonly fs: WorkspaceFileSystem,
    private readonly options: IndexOptions,
    /** Where the index and the checks that run on it log (internal errors among them). */
    readonly logger: Logger = silentLogger,
  ) {
    this.excluded = new Set(options.excludedFolderNames);
    this.folderReader = new FolderReader(fs, logger);
  }

  private readonly folderReader: FolderReader;

  /** Changes whenever folders appear or disappear or the configuration changes (for memoised structure queries). */
  get structureVersion(): number {
    return this.structureChanges;
  }
  private structureChanges = 0;

  /** Changes whenever a file appears or disappears, or `structureVersion` changes (for memoised listings). */
  get listingVersion(): number {
    return this.listingChanges + this.structureChanges;
  }
  private listingChanges = 0;

  /** Changes whenever a repository look-up (a link target outside the workspace folders) finds something new. */
  get repositoryVersion(): number {
    return this.repositoryChanges;
  }
  private repositoryChanges = 0;

  /**
   * Runs `compute` and returns, beside its value, every document it asked the index for
   * (`getDocument`, `lookupDocument`) with what it got: a result computed from them still holds
   * while each path still gives the same model (and the listing is unchanged).
   */
  recordDocumentReads<T>(compute: () => T): { value: T; reads: ReadonlyMap<string, QualityGateDocument | undefined> } {
    const outer = this.documentReads;
    const reads = new Map<string, QualityGateDocument | undefined>();
    this.documentReads = reads;
    try {
      return { value: compute(), reads };
    } finally {
      this.documentReads = outer;
    }
  }
  private documentReads: Map<string, QualityGateDocument | undefined> | undefined;

  /** Changes whenever any document's model is replaced, or `listingVersion` changes (for results derived from the whole index). */
  get contentVersion(): number {
    return this.modelChanges + this.listingVersion;
  }
  private modelChanges = 0;

  /**
   * `compute()` remembered under `key` until a file or folder appears or disappears or the
   * configuration changes: for structure queries derived from the listing (the assessments).
   */
  derivedFromListing<T>(key: symbol, compute: () => T): T {
    const found = this.derived.get(key);
    if (found && found.version === this.listingVersion) return found.value as T;
    const value = compute();
    this.derived.set(key, { version: this.listingVersion, value });
    return value;
  }
  private readonly derived = new Map<symbol, { version: number; value: unknown }>();

  /** The effective project configuration the rules and the coverage read. */
  get config(): ProjectConfig {
    return this.currentConfig;
  }

  /** The assessment packs of the current configuration (built-in ones, plus the team's pack files). */
  get packs(): PackRegistry {
    return (this.currentPacks ??= PackRegistry.builtIn(this.currentConfig.packs));
  }

  /**
   * Replaces the configuration and the packs that go with it (the built-in packs it
   * enables when none are given); callers re-validate every document afterwards.
   * Config and packs change together, so no copy of one can lose the other.
   */
  setConfig(config: ProjectConfig, packs?: PackRegistry): void {
    this.currentConfig = config;
    this.currentPacks = packs;
    this.structureChanges++;
    this.treeRootMemo.clear();
    this.checked = compileFileFilter(config);
  }

  /** Whether diagnostics are reported for a document (config `include`/`exclude`). */
  isChecked(path: string): boolean {
    const root = this.rootFor(path);
    return !!root && this.checked(path.slice(root.length + 1));
  }

  get roots(): readonly string[] {
    return this.options.roots;
  }

  /** The resource limits in force: the configuration's `limits`, else the options' (docs/security.md). */
  get limits(): EffectiveLimits {
    return effectiveLimits(this.currentConfig.limits, this.options);
  }

  /** How long the last parse of a document took (ms), when it was parsed in this session or cached with it. */
  parseTimeOf(path: string): number | undefined {
    return this.parseTimes.get(path);
  }

  /** Set when indexing stopped at `limits.maxDocuments` / `limits.maxTotalSizeMB`: why, and how many files were left unparsed. */
  get indexLimit(): { readonly message: string; readonly unparsed: number; readonly first: string } | undefined {
    return this.limitHit;
  }

  // ---- the enclosing git repository (links beyond the workspace folders) -------------

  /** The git repository root of each workspace folder (found in `listFiles`), when there is one. */
  private readonly repositories = new Map<string, string>();
  /** What look-ups found for paths outside the workspace folders (never documents of the index). */
  private readonly outside = new Map<string, RepositoryEntry>();
  /** Paths waiting for a look-up, and whether a known entry is to be read again. */
  private readonly lookupQueue = new Map<string, boolean>();
  private lookups: Promise<void> | undefined;
  /** Look-ups wait for the end of the first index, then run as links appear. */
  private lookupsLive = false;

  /** Listener for finished repository look-ups: the documents whose links to those paths may be judged differently now. */
  onRepositoryLookup: (affected: ReadonlySet<string>) => void = () => {};

  /** The root of the git repository around the workspace folders that holds `path`, if any (also when it is not read). */
  repositoryRootFor(path: string): string | undefined {
    let best: string | undefined;
    for (const repository of new Set(this.repositories.values())) {
      if (isInside(path, repository) && (!best || repository.length > best.length)) best = repository;
    }
    return best;
  }

  /**
   * What the enclosing repository holds at `path`, a path outside every workspace folder:
   * undefined when links there are not checked (no repository, outside it, or an untrusted
   * workspace); `PENDING_LOOKUP` until the look-up has run.
   */
  repositoryEntry(path: string): RepositoryEntry | typeof PENDING_LOOKUP | undefined {
    if (!this.options.repositoryLookups || this.rootFor(path) || !this.repositoryRootFor(path)) return undefined;
    return this.outside.get(path) ?? PENDING_LOOKUP;
  }

  /** A document of the index, or else the parsed repository target at `path` (read-only, for anchors). */
  lookupDocument(path: string): QualityGateDocument | undefined {
    const found = this.documents.get(path) ?? this.repositoryDocument(path);
    this.documentReads?.set(path, found);
    return found;
  }

  private repositoryDocument(path: string): QualityGateDocument | undefined {
    const entry = this.repositoryEntry(path);
    return entry?.type === 'file' ? entry.doc : undefined;
  }

  /** Resolves when every repository look-up asked for so far has run. */
  async repositoryLookupsSettled(): Promise<void> {
    while (this.lookups) await this.lookups;
  }

  /** Queues look-ups for the link targets among `targets` that lie in a read repository; `again`: read known ones anew. */
  private lookUpLater(targets: Iterable<string>, again = false): void {
    if (!this.options.repositoryLookups || this.repositories.size === 0) return;
    for (const target of targets) {
      if (this.rootFor(target) || !this.repositoryRootFor(target)) continue;
      if (again || !this.outside.has(target)) this.lookupQueue.set(target, again || (this.lookupQueue.get(target) ?? false));
    }
    if (this.lookupsLive && this.lookupQueue.size > 0 && !this.lookups) {
      this.lookups = this.runLookups().finally(() => (this.lookups = undefined));
    }
  }

  private async runLookups(): Promise<void> {
    while (this.lookupQueue.size > 0) {
      const batch = [...this.lookupQueue.keys()];
      this.lookupQueue.clear();
      const byRepository = new Map<string, string[]>();
      for (const path of batch) {
        const repository = this.repositoryRootFor(path);
        if (!repository) continue;
        const list = byRepository.get(repository);
        if (list) list.push(path);
        else byRepository.set(repository, [path]);
      }
      const affected = new Set<string>();
      for (const [repository, paths] of byRepository) {
        let found: Map<string, RepositoryEntry>;
        try {
          found = await lookUpInRepository(this.fs, repository, paths, {
            excludedFolderNames: this.excluded,
            maxFileSize: this.limits.maxFileSize,
            parser: this.options.parser ?? inThreadParser,
            parseTimeBudgetMs: this.limits.parseTimeBudgetMs,
          });
        } catch (error) {
          this.logger.log('warn', `Looking links up in the repository failed: ${(error as Error).message}`);
          continue;
        }
        for (const [path, entry] of found) {
          const before = this.outside.get(path);
          this.outside.set(path, entry);
          if (sameEntry(before, entry)) continue;
          this.repositoryChanges++;
          for (const source of this.graph.sourcesOf(path)) if (this.documents.has(source)) affected.add(source);
        }
      }
      if (affected.size > 0) this.onRepositoryLookup(affected);
    }
  }

  /** Lists every file of every root, then parses every Markdown file, yielding as it goes. */
  async initialize(token: CancellationToken = neverCancelled): Promise<void> {
    await this.listFiles(token);
    await this.parseListed(token);
  }

  private listed: string[] = [];
  private listingStarted = 0;

  /** The first half of `initialize`: every file and folder of every root (existence checks need only this). */
  async listFiles(token: CancellationToken = neverCancelled): Promise<void> {
    this.listingStarted = Date.now();
    const markdown: string[] = [];
    for (const root of this.options.roots) {
      const stat = await this.fs.stat(root);
      if (stat?.type !== 'directory') {
        this.logger.log('warn', `Workspace folder ${root} is not a readable folder; skipped.`);
        continue;
      }
      const repository = await findRepositoryRoot(this.fs, root);
      if (repository) this.repositories.set(root, repository);
      await this.walk(root, markdown, token);
    }
    this.listed = markdown;
    this.logger.log('debug', `Listed ${this.files.size} files in ${Date.now() - this.listingStarted} ms.`);
    this.fullyListed = true;
    this.listedFolders.clear();
    this.wantedFolders.clear();
    this.folderReader.forget();
  }

  /**
   * Parses, out of turn, the listed Markdown files among `paths` that indexing has not reached
   * yet (the link targets of a document opened during indexing: its anchors and target kinds).
   */
  async parseNow(paths: Iterable<string>, token: CancellationToken = neverCancelled): Promise<void> {
    throwIfCancelled(token);
    const loads: Array<Promise<unknown>> = [];
    for (const path of new Set(paths)) {
      if (this.documents.has(path) || !this.files.has(path) || !isMarkdownPath(path) || this.openTexts.has(path)) continue;
      // Two callers asking for the same file wait for one load (a second load would drop the first's result).
      let loading = this.loadingNow.get(path);
      if (!loading) {
        // Urgent: someone waits for it, so ahead of the background parses (and in this thread when small).
        loading = this.loadFromDisk(path, true).finally(() => this.loadingNow.delete(path));
        this.loadingNow.set(path, loading);
      }
      loads.push(loading);
    }
    await Promise.all(loads);
  }

  /** Out-of-turn loads in flight (parseNow), by path. */
  private readonly loadingNow = new Map<string, Promise<Set<string>>>();

  /** The second half of `initialize`: parses every Markdown file `listFiles` found. */
  async parseListed(token: CancellationToken = neverCancelled): Promise<void> {
    const started = this.listingStarted;
    const markdown = this.listed;
    const parsesBefore = this.freshParses;
    this.listed = [];
    this.progressTotal = markdown.length;
    await this.parseAll(markdown, token);
    for (const file of [...this.files]) if (this.stampedDocumentOf(file)) await this.loadStampFile(file);
    this.cache = undefined; // read once; later changes come from the disk
    // Links leaving the workspace folders are looked up once, after the whole index, then as they appear.
    this.lookupsLive = true;
    for (const doc of this.documents.values()) this.lookUpLater(this.graph.targetsOf(doc.path));
    await this.repositoryLookupsSettled();
    this.takenFromCache.clear();
    this.contents.settle();
    this.fullyIndexed = true;
    this.wantedDocuments.clear();
    const parsed = this.freshParses - parsesBefore;
    this.logger.log('info', `Indexed ${this.files.size} files (${this.documents.size} Markdown, ${parsed} parsed) in ${Date.now() - started} ms.`);
  }

  // ---- queries -------------------------------------------------------------

  hasFile(path: string): boolean {
    if (!this.fullyListed && this.demandScopes > 0) this.wantFolder(posix.dirname(path));
    return this.files.has(path);
  }

  hasFolder(path: string): boolean {
    if (!this.fullyListed && this.demandScopes > 0) this.wantFolder(posix.dirname(path));
    return this.folders.has(path);
  }

  getDocument(path: string): QualityGateDocument | undefined {
    const doc = this.documents.get(path);
    if (!doc && !this.fullyIndexed) this.wantDocument(path);
    this.documentReads?.set(path, doc);
    return doc;
  }

  allDocuments(): IterableIterator<QualityGateDocument> {
    return this.documents.values();
  }

  /** See `DefinitionLookup`: the `Definition <Term>` sections of a normalised term, by path. */
  termDefinitions(key: string): ReadonlyMap<string, TermDefinition> | undefined {
    return this.definitions.termDefinitions(key);
  }

  get documentCount(): number {
    return this.documents.size;
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** The text last seen by the editor for an open document. */
  openText(path: string): string | undefined {
    return this.openTexts.get(path);
  }

  /** Current text of a document: the editor's if open, else the disk's. */
  async readText(path: string): Promise<string | undefined> {
    const open = this.openTexts.get(path);
    if (open !== undefined) return open;
    // Only files of the workspace folders are ever read from disk, never through a folder link.
    if (!this.rootFor(path) || (await this.throughFolderLink(path, 'file'))) return undefined;
    try {
      return decodeDocumentBytes(await this.fs.readFile(path, this.limits.maxFileSize)).text;
    } catch {
      return undefined;
    }
  }

  /** The workspace folder containing `path`, innermost first. */
  rootFor(path: string): string | undefined {
    // A path with `.` or `..` segments (a hand-made URI, `/ws/../etc/x`) counts where it really leads.
    const real = DOT_SEGMENT.test(path) ? posix.normalize(path) : path;
    let best: string | undefined;
    for (const root of this.options.roots) {
      if (isInside(real, root) && (!best || root.length > best.length)) best = root;
    }
    return best;
  }

  isExcluded(path: string): boolean {
    const root = this.rootFor(path);
    if (!root) return true;
    const rel = path.slice(root.length).split('/');
    return rel.slice(0, -1).some((segment) => this.excluded.has(segment)) || this.excluded.has(rel[rel.length - 1]);
  }

  /** Documents that link to `path` (any fragment). */
  linkSources(path: string): ReadonlySet<string> {
    return this.graph.sourcesOf(path);
  }

  /** Documents whose front-matter Name is `name` (trimmed, exact). */
  documentsNamed(name: string): string[] {
    return [...(this.names.get(name.trim()) ?? [])];
  }

  /** Files with this exact base name, for "did you mean" suggestions. */
  filesNamed(basename: string): readonly string[] {
    return this.basenames.get(basename.toLowerCase()) ?? [];
  }

  /**
   * Every known file directly inside `folder`. Inside `onDemand`, a folder not listed yet is listed
   * for the next round; a scan of the whole tree passes `{ onDemand: false }` (it is the walk's job).
   */
  filesIn(folder: string, { onDemand = true } = {}): Iterable<string> {
    if (onDemand && !this.fullyListed) this.wantFolder(folder);
    return this.children.get(folder) ?? [];
  }

  /** Every known folder directly inside `folder` (`onDemand` as for `filesIn`). */
  foldersIn(folder: string, { onDemand = true } = {}): Iterable<string> {
    if (onDemand && !this.fullyListed) this.wantFolder(folder);
    return this.childFolders.get(folder) ?? [];
  }

  /** Whether every folder of every root has been listed (before that, the listing is partial). */
  get isFullyListed(): boolean {
    return this.fullyListed;
  }

  // ---- on demand, before the walk or the parse reaches what an answer needs ------

  /**
   * Computes an answer about one document while the workspace may still be listed or indexed:
   * the folders and documents the computation asked for and the index did not have yet are
   * listed and parsed now (urgently), and the answer is computed again, until it asks for
   * nothing new (at most `DEMAND_ROUNDS` times). Once the whole workspace is indexed this is
   * `compute()`. Answers that need the whole workspace wait for the index instead.
   */
  async onDemand<T>(compute: () => T | Promise<T>, token: CancellationToken = neverCancelled): Promise<T> {
    for (let round = 1; ; round++) {
      const before = this.demands;
      this.demandScopes++;
      let value: T;
      try {
        value = await compute();
      } finally {
        this.demandScopes--;
      }
      if (this.fullyIndexed || this.demands === before || round === DEMAND_ROUNDS) return value;
      await this.satisfyDemand(token);
    }
  }

  /** Every folder of every root listed (the walk is done). */
  private fullyListed = false;
  /** Every listed Markdown file parsed (the index is complete). */
  private fullyIndexed = false;
  /** Folders whose entries are known before the walk is done (read by the walk or on demand), or known not to be there. */
  private readonly listedFolders = new Set<string>();
  private readonly wantedFolders = new Set<string>();
  private readonly wantedDocuments = new Set<string>();
  /** Wants recorded so far: an answer that added one is computed again. */
  private demands = 0;
  /** `onDemand` computations running (wants are recorded only inside one). */
  private demandScopes = 0;

  private wantFolder(folder: string): void {
    if (this.demandScopes === 0 || this.listedFolders.has(folder) || this.wantedFolders.has(folder) || this.wantedFolders.size >= MAX_DEMAND) return;
    if (!this.rootFor(folder)) return; // outside the workspace folders: never listed
    this.wantedFolders.add(folder);
    this.demands++;
  }

  private wantDocument(path: string): void {
    if (this.demandScopes === 0 || !isMarkdownPath(path) || this.wantedDocuments.has(path) || this.wantedDocuments.size >= MAX_DEMAND) return;
    // Its folder listed without it, or outside the workspace folders: nothing to parse.
    const folderKnown = this.fullyListed || this.listedFolders.has(posix.dirname(path)) || !this.rootFor(path);
    if (folderKnown && !this.files.has(path)) return;
    this.wantedDocuments.add(path);
    this.demands++;
  }

  /** Lists the wanted folders (and those of wanted documents), then parses the wanted documents. */
  private async satisfyDemand(token: CancellationToken): Promise<void> {
    const satisfying = this.satisfyDemandNow(token);
    // The background pipeline waits meanwhile (`parseAll`): the editor's document goes first.
    this.demandsInFlight.add(satisfying);
    try {
      await satisfying;
    } finally {
      this.demandsInFlight.delete(satisfying);
    }
  }

  /** On-demand listings and parses running now. */
  private readonly demandsInFlight = new Set<Promise<void>>();

  private async satisfyDemandNow(token: CancellationToken): Promise<void> {
    const documents = [...this.wantedDocuments];
    this.wantedDocuments.clear();
    const folders = new Set([...this.wantedFolders, ...(this.fullyListed ? [] : documents.map((d) => posix.dirname(d)))]);
    this.wantedFolders.clear();
    if (!this.fullyListed) await Promise.all([...folders].map((folder) => this.listFolderNow(folder)));
    await this.parseNow(
      documents.filter((d) => this.files.has(d)),
      token,
    );
  }

  /**
   * Lists `folder` ahead of the walk, and the folders from its workspace folder down to it first:
   * a folder counts only where its parent's listing has it, so excluded names and links to
   * folders stay out as in the walk.
   */
  private async listFolderNow(folder: string): Promise<void> {
    const normal = posix.normalize(folder);
    const root = this.rootFor(normal);
    if (!root) return;
    const parts = posix.relative(root, normal).split('/').filter(Boolean);
    let current = root;
    for (let i = 0; ; i++) {
      if (!this.listedFolders.has(current)) {
        const entries = await this.folderReader.read(current);
        if (this.fullyListed) return;
        if (!entries) break;
        this.takeListing(current, entries);
      }
      if (i === parts.length) return;
      const next = posix.join(current, parts[i]);
      if (!this.folders.has(next)) break; // no such folder (or an excluded one)
      current = next;
    }
    // Known not to be there (or unreadable): not asked for again in the next round.
    this.listedFolders.add(normal);
  }

  /** Records a folder's entries read on demand: its files and sub-folders are known from now on. */
  private takeListing(folder: string, entries: FolderEntries): void {
    this.addFolder(folder);
    for (const [name, type] of entries) {
      if (this.excluded.has(name)) continue;
      const child = posix.join(folder, name);
      if (type === 'directory') this.addFolder(child);
      else this.addFile(child);
    }
    this.listedFolders.add(folder);
  }

  /** Folders with this base name (case-insensitive), for "did you mean" suggestions. */
  foldersNamed(basename: string): Iterable<string> {
    return this.folderNames.get(basename.toLowerCase()) ?? [];
  }

  // ---- editor events ------------------------------------------------------

  /** The editor opened or changed a document, parsed in this thread (without a parser; `openTextChanged` is the editor's way). */
  setOpenText(path: string, text: string): Set<string> {
    // A file outside the workspace folders is never indexed, even when the editor opens it.
    if (!this.rootFor(path)) return new Set();
    this.noteOpenText(path, text);
    const related = this.store(path, text);
    return this.dependantsAndSelf(path, related);
  }

  private noteOpenText(path: string, text: string): void {
    this.openTexts.set(path, text);
    if (!this.files.has(path)) this.addFile(path);
    this.unparsed.delete(path); // opened by the user: indexed whatever the limits
  }

  /**
   * The editor opened or changed a document: parsed by the parser, as an urgent job (ahead of
   * indexing; in a worker under the time budget unless the text is small), so a hostile document
   * never blocks the server's thread (docs/security.md). Until the model is stored the previous
   * one stands (`whenParsed` waits for it); a newer edit, or a close, wins over a late parse.
   */
  async openTextChanged(path: string, text: string): Promise<Set<string>> {
    const parser = this.options.parser;
    if (!parser || !this.rootFor(path)) return this.setOpenText(path, text);
    this.noteOpenText(path, text);
    const current = () => this.openTexts.get(path) === text;
    const parsing = this.parseWith(parser, path, text, true, current);
    this.openParses.set(path, parsing);
    const doc = await parsing;
    if (this.openParses.get(path) === parsing) this.openParses.delete(path);
    if (!current()) return new Set();
    return this.dependantsAndSelf(path, this.storeModel(path, doc));
  }

  /** Resolves once no parse of the open document `path` is pending (its model matches the editor's text). */
  async whenParsed(path: string): Promise<void> {
    for (let pending = this.openParses.get(path); pending; pending = this.openParses.get(path)) await pending;
  }

  /** Parses of open documents in flight, by path (the latest one). */
  private readonly openParses = new Map<string, Promise<QualityGateDocument>>();

  /** The editor closed a document: the disk's content counts again. */
  async closeText(path: string): Promise<Set<string>> {
    if (!this.rootFor(path) || !this.openTexts.delete(path)) return new Set();
    // An unsaved document that never reached the disk disappears with its editor.
    if (!(await this.fs.stat(path))) return this.fileDeleted(path);
    return this.fileChanged(path);
  }

  // ---- file-system events ---------------------------------------------------

  async fileCreated(path: string): Promise<Set<string>> {
    if (!this.rootFor(path) || this.isExcluded(path)) return new Set();
    const stat = await this.fs.stat(path);
    if (!stat) return new Set();
    // Folder links are never followed, also when they appear at run time (a `git pull`).
    if (await this.throughFolderLink(path, stat.type)) return new Set();
    if (stat.type === 'directory') {
      const markdown: string[] = [];
      await this.walk(path, markdown, neverCancelled);
      const affected = new Set<string>(markdown);
      for (const file of markdown) for (const other of await this.loadFromDisk(file)) affected.add(other);
      for (const file of this.filesBelow(path)) if (this.stampedDocumentOf(file)) (await this.loadStampFile(file)).forEach((p) => affected.add(p));
      for (const file of [path, ...markdown]) this.addAffectedByExistence(file, affected);
      return new Set([...affected].filter((p) => this.documents.has(p)));
    }
    this.addFile(path);
    if (this.stampedDocumentOf(path)) return this.loadStampFile(path);
    const affected = new Set<string>();
    if (isMarkdownPath(path) && !this.openTexts.has(path)) {
      const related = await this.loadFromDisk(path);
      affected.add(path);
      for (const other of related) if (this.documents.has(other)) affected.add(other);
    }
    this.addAffectedByExistence(path, affected);
    return affected;
  }

  async fileChanged(path: string): Promise<Set<string>> {
    if (!this.files.has(path)) return this.fileCreated(path);
    if (this.stampedDocumentOf(path)) return this.loadStampFile(path);
    if (!isMarkdownPath(path) || this.openTexts.has(path)) return new Set();
    const related = await this.loadFromDisk(path);
    if (this.openTexts.has(path)) return new Set();
    // A saved document's targets beyond the workspace folders are looked at again (no events come from there).
    this.lookUpLater(this.graph.targetsOf(path), true);
    return this.dependantsAndSelf(path, related);
  }

  fileDeleted(path: string): Set<string> {
    const affected = new Set<string>();
    const removed = this.files.has(path) ? [path] : [...this.files].filter((f) => f.startsWith(`${path}/`));
    for (const folder of [...this.folders]) if (isInside(folder, path)) this.removeFolder(folder);
    for (const file of removed) {
      const stamped = this.stampedDocumentOf(file);
      if (stamped && this.reviews.delete(stamped)) affected.add(stamped);
      this.removeFile(file, affected);
      this.addAffectedByExistence(file, affected);
    }
    this.addAffectedByExistence(path, affected);
    for (const file of removed) affected.delete(file);
    return new Set([...affected].filter((p) => this.documents.has(p)));
  }

  // ---- review stamps (docs/review.md) ------------------------------------------

  /** The document whose review stamp `file` is, if it is a stamp file. */
  stampedDocumentOf(file: string): string | undefined {
    const root = this.rootFor(file);
    return root ? documentOfStampFile(root, file) : undefined;
  }

  /** (Re)reads a stamp file; returns the stamped document (to re-validate) when it is indexed. */
  private async loadStampFile(file: string): Promise<Set<string>> {
    const document = this.stampedDocumentOf(file)!;
    let text: string | undefined;
    try {
      const decoded = decodeDocumentBytes(await this.fs.readFile(file, this.limits.maxFileSize));
      text = decoded.binary ? undefined : decoded.text;
    } catch {
      text = undefined;
    }
    if (!this.files.has(file)) return new Set();
    this.reviews.set(document, loadStamp(file, text), text);
    return new Set(this.documents.has(document) ? [document] : []);
  }

  private filesBelow(folder: string): string[] {
    return [...this.files].filter((f) => f.startsWith(`${folder}/`));
  }

  // ---- internals -------------------------------------------------------------

  /** Whether `path` is a folder link, or lies below a link, between its workspace folder and itself. */
  private async throughFolderLink(path: string, type: 'file' | 'directory'): Promise<boolean> {
    const root = this.rootFor(path);
    if (!this.fs.isSymbolicLink || !root) return false;
    if (type === 'directory' && (await this.fs.isSymbolicLink(path))) return true;
    const parts = posix.relative(root, posix.normalize(path)).split('/').slice(0, -1);
    let current = root;
    for (const part of parts) {
      current = posix.join(current, part);
      if (await this.fs.isSymbolicLink(current)) return true;
    }
    return false;
  }

  /** Lists every folder below `folder`, level by level (reads within a level overlap); files in breadth-first order. */
  private async walk(folder: string, markdown: string[], token: CancellationToken): Promise<void> {
    const slice = new TimeSlice();
    let level = [folder];
    while (level.length > 0) {
      throwIfCancelled(token);
      const listings = await this.folderReader.readAll(level);
      const next: string[] = [];
      for (let i = 0; i < level.length; i++) {
        if (slice.due()) await slice.yield();
        const current = level[i];
        this.addFolder(current);
        for (const [name, type] of listings[i] ?? []) {
          if (this.excluded.has(name)) continue;
          const child = current === '/' ? `/${name}` : `${current}/${name}`;
          if (type === 'directory') next.push(child);
          else {
            this.addFile(child);
            if (isMarkdownPath(child)) markdown.push(child);
          }
        }
        if (listings[i]) this.listedFolders.add(current);
      }
      level = next;
    }
  }

  /**
   * Reads, parses and stores `paths` in order, as a pipeline: files are read ahead, each text is
   * handed to the parser as soon as it is read (a long one to the worker, whose queue stays full,
   * a short one parsed here between two time slices), and the models are stored in list order as
   * they are done. Near the index limits the rest goes the careful way (`parseNearLimits`).
   */
  private async parseAll(paths: readonly string[], token: CancellationToken): Promise<void> {
    const parser = this.options.parser ?? inThreadParser;
    const slice = new TimeSlice();
    const reads = new Map<string, Promise<ReadResult>>();
    const pending: Array<{ path: string; model: Promise<QualityGateDocument>; done: boolean }> = [];
    let stored: string[] = [];
    let readAhead = 0;
    let parsesAtLastGc = this.freshParses;
    const announce = () => {
      if (stored.length > 0) this.onIndexed(stored);
      stored = [];
    };
    const store = async () => {
      const { path, model } = pending.shift()!;
      this.storeIndexed(path, await model, stored);
      // Parsing leaves much short-lived garbage: collecting it regularly keeps the peak memory of a
      // large first index down. Counted in parses, not documents: a warm start parses nothing, and a
      // full collection of its large heap costs far more than it frees.
      if (this.freshParses - parsesAtLastGc >= GC_EVERY) {
        parsesAtLastGc = this.freshParses;
        collectGarbage();
      }
      if (stored.length >= ANNOUNCE_EVERY) announce();
    };
    let i = 0;
    for (; i < paths.length; i++) {
      throwIfCancelled(token);
      // What an open document waits for goes first; the pipeline resumes once it is there.
      while (this.demandsInFlight.size > 0) await Promise.allSettled([...this.demandsInFlight]);
      // Only while even files of the maximum size would fit the limits; past that, files are admitted one by one.
      if (!this.batchWithinLimits(PIPELINE_DEPTH * 2)) break;
      for (readAhead = Math.max(readAhead, i); readAhead < Math.min(paths.length, i + PIPELINE_DEPTH); readAhead++) {
        const ahead = paths[readAhead];
        reads.set(ahead, this.readForIndex(ahead, true));
      }
      const path = paths[i];
      // (Nested workspace folders list a file twice: the second time it is read again, then skipped as stored.)
      const read = reads.get(path) ?? this.readForIndex(path, true);
      reads.delete(path);
      // Open documents are the editor's; documents parsed out of turn (parseNow) are done.
      if (this.openTexts.has(path) || this.documents.has(path)) continue;
      // A short text is parsed here and now (between time slices), a long one queued for the worker.
      const entry = { path, model: this.countAndModel(path, await read, parser), done: false };
      const settle = () => void (entry.done = true);
      entry.model.then(settle, settle);
      pending.push(entry);
      while (pending.length > 0 && (pending[0].done || pending.length > PIPELINE_DEPTH)) await store();
      if (slice.due()) {
        announce();
        await slice.yield();
      }
    }
    while (pending.length > 0) await store();
    announce();
    if (i < paths.length) await this.parseNearLimits(paths.slice(i), parser, slice, token);
  }

  /** Stores a model indexing made, unless the editor opened the document meanwhile; adds it to `announced` (for `onIndexed`). */
  private storeIndexed(path: string, doc: QualityGateDocument | undefined, announced: string[]): void {
    if (doc && !this.openTexts.has(path)) {
      this.storeModel(path, doc);
      // A model the persistent cache vouched for has stored results (warm start): not announced.
      if (!this.takenFromCache.delete(path)) announced.push(path);
    }
    this.progress(this.documents.size);
  }

  /** The rest of `parseAll` near the index limits: batches read together, admitted in list order (deterministic), then parsed. */
  private async parseNearLimits(paths: readonly string[], parser: DocumentParser, slice: TimeSlice, token: CancellationToken): Promise<void> {
    for (let i = 0; i < paths.length; i += READ_CONCURRENCY) {
      throwIfCancelled(token);
      if (this.limitHit) {
        this.stopAtLimit(paths.slice(i));
        break;
      }
      const batch = paths.slice(i, i + READ_CONCURRENCY).filter((p) => !this.openTexts.has(p) && !this.documents.has(p));
      const loaded = await this.admitAndModel(batch, parser);
      const stored: string[] = [];
      for (let j = 0; j < batch.length; j++) {
        this.storeIndexed(batch[j], loaded[j], stored);
        if (slice.due()) await slice.yield();
      }
      if (stored.length > 0) this.onIndexed(stored);
    }
  }

  // ---- index limits and parse time (limits.ts, docs/security.md) ---------------

  private parseTimes = new Map<string, number>();
  private indexedBytes = 0;
  private indexedCount = 0;
  private limitHit: { message: string; unparsed: number; first: string } | undefined;
  /** Markdown files listed but left unparsed at the index limit; they stay so until the next full index. */
  private readonly unparsed = new Set<string>();

  /** Whether a whole batch fits the limits whatever its files' sizes (the fast path). */
  private batchWithinLimits(size: number): boolean {
    const { maxDocuments, maxTotalBytes, maxFileSize } = this.limits;
    return this.indexedCount + size <= maxDocuments && this.indexedBytes + size * maxFileSize <= maxTotalBytes;
  }

  private countAndModel(path: string, read: ReadResult, parser: DocumentParser): Promise<QualityGateDocument> {
    this.indexedCount++;
    if (!('skipped' in read)) this.indexedBytes += this.stamps.get(path)?.size ?? 0;
    return this.toModel(path, read, parser);
  }

  /** Reads a batch, admits its files in order while they fit the limits, parses those; the rest stay unparsed. */
  private async admitAndModel(batch: readonly string[], parser: DocumentParser): Promise<Array<QualityGateDocument | undefined>> {
    const reads = await Promise.all(batch.map((p) => this.readForIndex(p, true)));
    const { maxDocuments, maxTotalBytes } = this.limits;
    const models: Array<Promise<QualityGateDocument> | undefined> = [];
    for (let j = 0; j < batch.length; j++) {
      const size = 'skipped' in reads[j] ? 0 : (this.stamps.get(batch[j])?.size ?? 0);
      if (!this.limitHit && this.indexedCount + 1 <= maxDocuments && this.indexedBytes + size <= maxTotalBytes) {
        models.push(this.countAndModel(batch[j], reads[j], parser));
        continue;
      }
      if (!this.limitHit) {
        const byCount = this.indexedCount + 1 > maxDocuments;
        this.limitHit = {
          first: batch[j],
          unparsed: 0,
          message: byCount
            ? `the limit of ${maxDocuments} Markdown documents (limits.maxDocuments)`
            : `the limit of ${formatLimit(maxTotalBytes)} of Markdown (limits.maxTotalSizeMB)`,
        };
      }
      models.push(undefined);
      this.stopAtLimit([batch[j]]);
    }
    return Promise.all(models);
  }

  /** Leaves `paths` listed but unparsed; the first file left out carries the one diagnostic that says so. */
  private stopAtLimit(paths: readonly string[]): void {
    const hit = this.limitHit!;
    for (const path of paths) {
      if (this.openTexts.has(path) || this.documents.has(path)) continue;
      hit.unparsed++;
      if (path !== hit.first) this.unparsed.add(path);
    }
    const others = hit.unparsed - 1;
    this.replace(
      hit.first,
      skippedDocument(
        hit.first,
        `Indexing stopped at ${hit.message}: this file${others > 0 ? ` and ${others} more Markdown file(s)` : ''} were not parsed. Links to them still resolve; links in them were not checked. Raise the limit to index everything.`,
      ),
      [],
    );
  }

  /** Records how long a document's parse took; one over the budget is logged (and reported by the `file.slow` rule). */
  private noteParseTime(path: string, ms: number): void {
    this.parseTimes.set(path, ms);
    const budget = this.limits.parseTimeBudgetMs;
    if (ms > budget)
      this.logger.log(
        'warn',
        `Parsing ${path} took ${Math.round(ms)} ms, over the ${budget} ms budget (limits.parseTimeBudgetMs); it is indexed all the same.`,
      );
  }

  /** Listener for documents stored by indexing, batch by batch (for progressive publication). */
  onIndexed: (paths: readonly string[]) => void = () => {};

  /** Listener for indexing progress: documents indexed so far, of how many. */
  onProgress: (indexed: number, total: number) => void = () => {};
  private progressTotal = 0;
  private progress(indexed: number): void {
    this.onProgress(indexed, Math.max(indexed, this.progressTotal));
  }

  /**
   * Parse results from an earlier session; call before `initialize`. A file whose size and
   * mtime are unchanged takes its stored model without being read; any other file with a
   * stored content hash (a fresh clone, a copy) is read and hashed, and parsed only when new.
   */
  useCache(cached: Pick<CacheContents, 'paths' | 'contents'>): void {
    this.cache = cached.paths;
    this.contents.useStored(cached.contents);
  }
  private cache: ReadonlyMap<string, PathEntry> | undefined;
  /** Documents of the current batch taken from the persistent cache by their stamp. */
  private readonly takenFromCache = new Set<string>();

  /**
   * Names the state every result depends on: the workspace folders, every file's
   * path, every document's size and mtime, and the configuration. Results stored
   * under an equal fingerprint are still valid.
   */
  stateFingerprint(): string {
    const hash = createHash('sha1');
    hash.update(JSON.stringify(this.options.roots)).update(JSON.stringify(this.currentConfig)).update(this.reviews.stateFingerprint());
    for (const file of [...this.files].sort()) {
      const stamp = this.stamps.get(file);
      hash
        .update(file)
        .update(stamp ? `:${stamp.size}:${stamp.mtimeMs}` : '')
        .update('\n');
    }
    // Link targets beyond the workspace folders (repository look-ups) change findings too.
    for (const [path, entry] of [...this.outside].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      hash.update(`${path}:${entry.type}:${entry.type === 'file' ? entry.stamp : ''}\n`);
    }
    return hash.digest('hex');
  }

  /** Documents parsed (not taken from the cache) by `initialize`: 0 means the cache was complete. */
  get parsedDuringInitialize(): number {
    return this.parsedDuringIndexing;
  }
  private parsedDuringIndexing = 0;

  /**
   * What is worth keeping for the next session: each document read from disk with its
   * stamp and content hash, and each distinct content once.
   */
  cacheEntries(): Pick<CacheContents, 'paths' | 'contents'> {
    const paths = new Map<string, PathEntry>();
    const contents = new Map<string, ParsedContent>();
    for (const [path, stamp] of this.stamps) {
      const doc = this.documents.get(path);
      const hash = this.contents.hashOf(path);
      // A parse stopped at its time limit depends on the machine: parse it again next time.
      if (!doc || doc.skipped || doc.degraded || this.openTexts.has(path) || hash === undefined) continue;
      paths.set(path, { ...stamp, hash, kind: doc.kind, title: doc.title });
      if (!contents.has(hash)) {
        const parseMs = this.parseTimes.get(path);
        contents.set(hash, { content: contentOf(doc), ...(parseMs !== undefined ? { parseMs } : {}) });
      }
    }
    return { paths, contents };
  }

  private async toModel(path: string, read: ReadResult, parser: DocumentParser): Promise<QualityGateDocument> {
    if ('cached' in read) return read.cached;
    if ('skipped' in read) return skippedDocument(path, read.skipped);
    this.parsedDuringIndexing++;
    return this.parseWith(parser, path, read.text);
  }

  /** The model of `path` with `text`: from the content cache when this text was parsed before, else parsed by `parser`. */
  /** `current`: whether the result still counts when it arrives (else its time is not recorded either). */
  private async parseWith(parser: DocumentParser, path: string, text: string, urgent = false, current = () => true): Promise<QualityGateDocument> {
    const hash = contentHash(text);
    const known = this.contents.get(hash);
    const pending = known ? undefined : this.contents.inFlight(hash);
    if (known || pending) {
      const parsed = known ?? (await pending);
      if (parsed) return this.reuse(path, text, hash, parsed);
    }
    let doc: QualityGateDocument | undefined;
    const parsed = await this.contents.parseOnce(hash, async () => {
      doc = await this.parseFresh(parser, path, text, urgent, current);
      return this.shareable(path, hash, doc);
    });
    return parsed ? this.contents.mark(doc!, hash) : doc!;
  }

  /** A model for `path` from an earlier parse of the same text, with that parse's time (`file.slow` applies to each copy). */
  private reuse(path: string, text: string, hash: string, parsed: ParsedContent): QualityGateDocument {
    if (parsed.parseMs !== undefined) this.parseTimes.set(path, parsed.parseMs);
    return this.contents.bind(path, text, hash, parsed);
  }

  /** The content of a fresh parse, remembered under its hash, unless it failed or was cut short (those depend on the machine). */
  private shareable(path: string, hash: string, doc: QualityGateDocument): ParsedContent | undefined {
    if (doc.skipped || doc.degraded) return undefined;
    const parseMs = this.parseTimes.get(path);
    const parsed = { content: contentOf(doc), ...(parseMs !== undefined ? { parseMs } : {}) };
    this.contents.add(hash, parsed);
    return parsed;
  }

  /** Texts parsed (not taken from a cache) so far, for the log. */
  private freshParses = 0;

  private async parseFresh(parser: DocumentParser, path: string, text: string, urgent: boolean, current: () => boolean): Promise<QualityGateDocument> {
    this.freshParses++;
    try {
      const started = performance.now();
      const parsing = parser.parse(path, text, { budgetMs: this.limits.parseTimeBudgetMs, urgent });
      // An in-thread parse has finished here; a worker reports its own time with the model.
      const inThreadMs = performance.now() - started;
      const doc = await parsing;
      if (current()) this.noteParseTime(path, parser.parseTimeOf?.(doc) ?? inThreadMs);
      return doc;
    } catch (error) {
      this.logger.log('error', `Parsing ${path} failed: ${(error as Error).stack ?? error}`);
      return skippedDocument(path, `Internal error while parsing this file (${(error as Error).message}); links in it were not checked.`);
    }
  }

  private async loadFromDisk(path: string, urgent = false): Promise<Set<string>> {
    // Past the index limit, files that were not indexed stay out (until the next full index).
    if (this.limitHit && (!this.documents.has(path) || path === this.limitHit.first)) {
      if (!this.documents.has(path)) this.unparsed.add(path);
      return new Set();
    }
    const generation = (this.loads.get(path) ?? 0) + 1;
    this.loads.set(path, generation);
    const read = await this.readForIndex(path);
    // The editor may have opened the document while the disk was read: its text wins.
    if (this.openTexts.has(path)) return new Set();
    if (!('text' in read) || !this.options.parser) return this.storeRead(path, read);
    // Through the parser (a worker, with the time budget), as while indexing: a changed file must not
    // block the server's thread. A newer load of the same file, or an opened editor, wins.
    const doc = await this.parseWith(this.options.parser, path, read.text, urgent);
    if (this.openTexts.has(path) || this.loads.get(path) !== generation || !this.files.has(path)) return new Set();
    return this.storeModel(path, doc);
  }

  /** Generation of the latest disk load per path, so an older parse finishing late is dropped. */
  private readonly loads = new Map<string, number>();

  /** Reads a file for indexing; a file that cannot be parsed becomes a skipped document with a reason. */
  private async readForIndex(path: string, useCache = false): Promise<ReadResult> {
    try {
      const stat = await this.fs.stat(path);
      if (stat) this.stamps.set(path, { mtimeMs: stat.mtimeMs, size: stat.size });
      // The fingerprint shortcut: an unchanged size and mtime take the stored model without reading or hashing.
      const cached = useCache && stat ? this.cache?.get(path) : undefined;
      const parsed = cached && cached.mtimeMs === stat!.mtimeMs && cached.size === stat!.size ? this.contents.get(cached.hash) : undefined;
      if (cached && parsed) {
        if (parsed.parseMs !== undefined) this.parseTimes.set(path, parsed.parseMs);
        this.takenFromCache.add(path);
        return { cached: this.contents.mark({ path, kind: cached.kind, title: cached.title, ...parsed.content }, cached.hash) };
      }
      const { maxFileSize } = this.limits;
      if (stat && stat.size > maxFileSize) {
        return { skipped: `File is ${formatSize(stat.size)}, above the ${formatSize(maxFileSize)} limit; links in it were not checked.` };
      }
      let bytes: Uint8Array;
      try {
        bytes = await this.fs.readFile(path, maxFileSize);
      } catch (error) {
        // The size on disk may lie (a growing file): the read itself stops at the limit.
        if ((error as { code?: string }).code === 'EFBIG')
          return { skipped: `File is larger than the ${formatSize(maxFileSize)} limit; links in it were not checked.` };
        throw error;
      }
      const decoded = decodeDocumentBytes(bytes);
      if (decoded.binary) return { skipped: 'File looks binary, not Markdown text; links in it were not checked.' };
      return { text: decoded.text };
    } catch (error) {
      return { skipped: `File could not be read (${(error as Error).message}); links in it were not checked.` };
    }
  }

  private storeRead(path: string, read: ReadResult): Set<string> {
    if ('cached' in read) return this.storeModel(path, read.cached);
    return 'text' in read ? this.store(path, read.text) : this.replace(path, skippedDocument(path, read.skipped), []);
  }

  /** Stores a model made elsewhere (a worker, the cache). */
  private storeModel(path: string, doc: QualityGateDocument): Set<string> {
    return this.replace(path, doc, this.localTargets(path, doc));
  }

  private localTargets(path: string, doc: QualityGateDocument): string[] {
    const root = this.rootFor(path);
    const targets: string[] = [];
    for (const link of doc.links) {
      const target = resolveLinkTarget(path, link.destination, root);
      if (target.type === 'local' && !target.sameDocument) targets.push(target.path);
    }
    return targets;
  }

  /** Parses and stores a document; returns the documents related to its old or new version. */
  private store(path: string, text: string): Set<string> {
    const hash = contentHash(text);
    const known = this.contents.get(hash);
    let doc: QualityGateDocument;
    if (known) return this.replace(path, (doc = this.reuse(path, text, hash, known)), this.localTargets(path, doc));
    try {
      const started = performance.now();
      doc = parseDocument(path, text);
      this.noteParseTime(path, performance.now() - started);
      if (this.shareable(path, hash, doc)) this.contents.mark(doc, hash);
    } catch (error) {
      this.logger.log('error', `Parsing ${path} failed: ${(error as Error).stack ?? error}`);
      doc = skippedDocument(path, `Internal error while parsing this file (${(error as Error).message}); links in it were not checked.`);
    }
    return this.replace(path, doc, this.localTargets(path, doc));
  }

  /**
   * Swaps in a document's new model. Returns what cross-document rules may see
   * differently now: the old and new link targets and the old and new namesakes.
   */
  private replace(path: string, doc: QualityGateDocument, targets: readonly string[]): Set<string> {
    const related = new Set<string>(this.graph.targetsOf(path));
    const previous = this.documents.get(path);
    const oldName = this.nameOf(previous);
    const newName = this.nameOf(doc);
    // Namesakes only see a difference when the Name itself appears, changes or goes.
    const nameChanged = oldName !== newName || !previous;
    if (oldName) {
      if (nameChanged) this.names.get(oldName)?.forEach((p) => related.add(p));
      this.names.get(oldName)?.delete(path);
    }
    this.documents.set(path, doc);
    this.modelChanges++;
    this.contents.use(path, doc);
    this.definitions.update(path, doc);
    this.graph.setLinks(path, targets);
    this.lookUpLater(targets);
    targets.forEach((t) => related.add(t));
    if (newName) {
      let set = this.names.get(newName);
      if (!set) this.names.set(newName, (set = new Set()));
      if (nameChanged) set.forEach((p) => related.add(p));
      set.add(path);
    }
    related.delete(path);
    return related;
  }

  private nameOf(doc: QualityGateDocument | undefined): string | undefined {
    return doc?.frontMatter?.tags.find((t) => t.key.toLowerCase() === 'name')?.value.trim() || undefined;
  }

  private addFile(path: string): void {
    if (this.files.has(path)) return;
    this.files.add(path);
    this.listingChanges++;
    const key = posix.basename(path).toLowerCase();
    const list = this.basenames.get(key);
    if (list) list.push(path);
    else this.basenames.set(key, [path]);
    const root = this.rootFor(path);
    const parent = posix.dirname(path);
    let siblings = this.children.get(parent);
    if (!siblings) this.children.set(parent, (siblings = new Set()));
    siblings.add(path);
    for (let dir = parent; root && isInside(dir, root) && !this.folders.has(dir); dir = posix.dirname(dir)) {
      this.addFolder(dir);
    }
  }

  private addFolder(path: string): void {
    if (this.folders.has(path)) return;
    this.folders.add(path);
    this.structureChanges++;
    this.treeRootMemo.clear();
    const key = posix.basename(path).toLowerCase();
    let set = this.folderNames.get(key);
    if (!set) this.folderNames.set(key, (set = new Set()));
    set.add(path);
    const parent = posix.dirname(path);
    let siblings = this.childFolders.get(parent);
    if (!siblings) this.childFolders.set(parent, (siblings = new Set()));
    siblings.add(path);
  }

  private removeFolder(path: string): void {
    this.folders.delete(path);
    this.structureChanges++;
    this.treeRootMemo.clear();
    this.children.delete(path);
    this.childFolders.get(posix.dirname(path))?.delete(path);
    this.folderNames.get(posix.basename(path).toLowerCase())?.delete(path);
  }

  private removeFile(path: string, affected?: Set<string>): void {
    const name = this.nameOf(this.documents.get(path));
    if (name) {
      this.names.get(name)?.delete(path);
      this.names.get(name)?.forEach((p) => affected?.add(p));
    }
    this.graph.targetsOf(path).forEach((t) => affected?.add(t));
    if (this.files.delete(path)) this.listingChanges++;
    this.stamps.delete(path);
    this.parseTimes.delete(path);
    this.unparsed.delete(path);
    this.children.get(posix.dirname(path))?.delete(path);
    this.documents.delete(path);
    this.contents.use(path, undefined);
    this.definitions.update(path, undefined);
    this.openTexts.delete(path);
    this.graph.removeSource(path);
    const key = posix.basename(path).toLowerCase();
    const list = this.basenames.get(key)?.filter((p) => p !== path);
    if (list?.length) this.basenames.set(key, list);
    else this.basenames.delete(key);
  }

  /** The document, every document linking to it, and the related documents its update returned. */
  private dependantsAndSelf(path: string, related: Iterable<string> = []): Set<string> {
    const affected = new Set<string>([path]);
    for (const source of this.graph.sourcesOf(path)) affected.add(source);
    for (const other of related) if (this.documents.has(other)) affected.add(other);
    return affected;
  }

  /** A file's appearance or disappearance changes links to it and to each folder above it. */
  private addAffectedByExistence(path: string, affected: Set<string>): void {
    const root = this.rootFor(path);
    for (let p = path; ; p = posix.dirname(p)) {
      for (const source of this.graph.sourcesOf(p)) affected.add(source);
      if (!root || p === root || p === '/' || !isInside(p, root)) break;
    }
  }
}

type ReadResult = { text: string } | { skipped: string } | { cached: QualityGateDocument };

function skippedDocument(path: string, reason: string): QualityGateDocument {
  return structurelessDocument(path, { lineCount: 1, endPosition: { line: 0, character: 0 }, skipped: reason });
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
