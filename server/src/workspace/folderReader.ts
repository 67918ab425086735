import type { EntryType, WorkspaceFileSystem } from '../base/fileSystem';
import type { Logger } from '../base/logger';

/** A folder's entries: names with their types (links to folders are left out by the file system). */
export type FolderEntries = ReadonlyArray<readonly [name: string, type: EntryType]>;

/**
 * Folders the walk reads at once: enough to keep the disk busy, few enough that a folder read on
 * demand (an open document's) does not queue behind many of them in libuv's four I/O threads.
 */
export const LIST_CONCURRENCY = 8;

/**
 * Reads each folder of the workspace once, for the index's walk and for the on-demand listing of
 * the folders an open document needs before the walk reaches them (docs/architecture.md). Both
 * ask here, so a folder read for a document is not read again by the walk.
 */
export class FolderReader {
  private readonly reads = new Map<string, Promise<FolderEntries | undefined>>();

  constructor(
    private readonly fs: WorkspaceFileSystem,
    private readonly logger: Logger,
  ) {}

  /** The entries of `folder`; undefined (logged) when it cannot be listed. */
  read(folder: string): Promise<FolderEntries | undefined> {
    let reading = this.reads.get(folder);
    if (!reading) {
      reading = this.fs.readDirectory(folder).then(
        (entries) => entries,
        (error: Error) => {
          this.logger.log('warn', `Cannot list ${folder}: ${error.message}`);
          return undefined;
        },
      );
      this.reads.set(folder, reading);
    }
    return reading;
  }

  /** Reads `folders` with bounded concurrency; the results in the same order. */
  async readAll(folders: readonly string[]): Promise<Array<FolderEntries | undefined>> {
    const results: Array<FolderEntries | undefined> = new Array(folders.length);
    let next = 0;
    const worker = async () => {
      while (next < folders.length) {
        const i = next++;
        results[i] = await this.read(folders[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, folders.length) }, worker));
    return results;
  }

  /** Drops what was read: after the walk, changes come from file events. */
  forget(): void {
    this.reads.clear();
  }
}
