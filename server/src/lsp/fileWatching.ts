import { watch, type FSWatcher } from 'chokidar';
import { pathFromFsPath, toFsPath } from '../base/fileSystem';
import type { Logger } from '../base/logger';
import type { FileChange } from '../engine/engine';

/** One file-system change the watcher saw, as a workspace path (absolute POSIX). */
export interface WatchedChange {
  readonly path: string;
  readonly change: FileChange;
}

/** What the watcher watches, and what it leaves alone. */
export interface WatchScope {
  /** Workspace folders (absolute POSIX paths). */
  readonly roots: readonly string[];
  /** Paths the index leaves out (excluded folder names such as `.git`, `node_modules`): never watched. */
  readonly isExcluded: (path: string) => boolean;
}

/** Most files and folders watched at once; past it new entries are not watched (and one log line says so). */
export const DEFAULT_MAX_WATCHED_ENTRIES = 20000;
/** Changes arriving within this many milliseconds are handed on together (a `git checkout` is one burst). */
const BATCH_MS = 100;

/**
 * The server's own file watching, for clients that cannot register `workspace/didChangeWatchedFiles`
 * (Neovim 0.7, some others): chokidar over the workspace folders, bounded like the index (no
 * symbolic links followed, excluded folders never entered, at most `maxEntries` files and folders),
 * handing changes in batches to the same path as the client's notifications.
 */
export class ServerFileWatcher {
  private watcher: FSWatcher | undefined;
  private watchedRoots = '';
  private pending: WatchedChange[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Paths admitted for watching (bounded by `maxEntries`). */
  private readonly admitted = new Set<string>();
  private capReported = false;
  private ready = false;

  constructor(
    private readonly onChanges: (changes: readonly WatchedChange[]) => void,
    private readonly logger: Logger,
    private readonly maxEntries = DEFAULT_MAX_WATCHED_ENTRIES,
  ) {}

  /** Whether a watcher is running and has finished its first scan (changes from now on are seen). */
  get active(): boolean {
    return this.watcher !== undefined && this.ready;
  }

  /** Watches `scope.roots` (restarting only when the folders changed); no folders: stops. */
  follow(scope: WatchScope): void {
    const key = JSON.stringify([...scope.roots].sort());
    if (this.watcher && key === this.watchedRoots) return;
    void this.stop();
    if (scope.roots.length === 0) return;
    this.watchedRoots = key;
    const watcher = watch(
      scope.roots.map((root) => toFsPath(root)),
      {
        ignoreInitial: true,
        followSymlinks: false,
        persistent: true,
        ignorePermissionErrors: true,
        ignored: (fsPath) => this.ignored(pathFromFsPath(fsPath), scope),
      },
    );
    this.watcher = watcher;
    const record = (change: FileChange) => (fsPath: string) => this.record({ path: pathFromFsPath(fsPath), change });
    watcher
      .on('add', record('created'))
      .on('addDir', record('created'))
      .on('change', record('changed'))
      .on('unlink', record('deleted'))
      .on('unlinkDir', record('deleted'))
      .on('error', (error) => this.logger.log('warn', `File watching: ${(error as Error).message ?? String(error)}`))
      .once('ready', () => {
        if (this.watcher !== watcher) return;
        this.ready = true;
        this.logger.log('info', `Watching ${this.admitted.size} files and folders for changes on disk (the client does not watch files).`);
      });
  }

  /** Stops watching (shutdown, or no folders left). */
  async stop(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = undefined;
    this.watchedRoots = '';
    this.admitted.clear();
    this.capReported = false;
    this.ready = false;
    clearTimeout(this.timer);
    this.pending = [];
    await watcher?.close();
  }

  private ignored(path: string, scope: WatchScope): boolean {
    if (this.admitted.has(path)) return false;
    if (!scope.roots.includes(path) && scope.isExcluded(path)) return true;
    if (this.admitted.size >= this.maxEntries) {
      if (!this.capReported) {
        this.capReported = true;
        this.logger.log(
          'warn',
          `File watching stopped at ${this.maxEntries} files and folders: changes on disk below ${path} and further are not seen until the server restarts (use an editor that watches files, or open a smaller folder).`,
        );
      }
      return true;
    }
    this.admitted.add(path);
    return false;
  }

  private record(change: WatchedChange): void {
    if (change.change === 'deleted') this.admitted.delete(change.path);
    this.pending.push(change);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    const changes = this.pending;
    this.pending = [];
    if (changes.length > 0 && this.watcher) this.onChanges(changes);
  }
}
