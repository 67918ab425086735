import { promises as fsp } from 'node:fs';
import { isInside } from '../syntax/resolveLink';
import { pathFromFsPath, toFsPath, type WorkspaceFileSystem } from '../base/fileSystem';

/**
 * A file system that, while `confined`, reads no file whose real location
 * (symbolic links resolved) is outside the workspace folders: what the server
 * uses in an untrusted workspace, where a repository could hold a link named
 * `notes.md` to a private file elsewhere on the disk. Listing and `stat` pass
 * through (a name and a size reveal nothing of the content); `readFile` of such
 * a file fails with a reason that the index turns into a skipped document.
 */
export class ConfinedFileSystem implements WorkspaceFileSystem {
  /** Whether reads are confined to the workspace folders (untrusted workspace). */
  confined = false;
  private realRoots: { key: string; roots: Promise<string[]> } | undefined;

  constructor(
    private readonly inner: WorkspaceFileSystem,
    private readonly roots: () => readonly string[],
    private readonly realpath: (path: string) => Promise<string> = async (path) => pathFromFsPath(await fsp.realpath(toFsPath(path))),
  ) {}

  async readFile(path: string, maxBytes?: number): Promise<Uint8Array> {
    if (this.confined) await this.check(path);
    return this.inner.readFile(path, maxBytes);
  }

  stat(path: string) {
    return this.inner.stat(path);
  }

  readDirectory(path: string) {
    return this.inner.readDirectory(path);
  }

  async isSymbolicLink(path: string): Promise<boolean> {
    return (await this.inner.isSymbolicLink?.(path)) ?? false;
  }

  async realPath(path: string): Promise<string> {
    return this.inner.realPath ? this.inner.realPath(path) : path;
  }

  private async check(path: string): Promise<void> {
    const roots = this.roots();
    let real: string;
    try {
      real = await this.realpath(path);
    } catch {
      return; // absent: the read itself reports it
    }
    const realRoots = await this.resolvedRoots(roots);
    if (realRoots.some((root) => isInside(real, root))) return;
    throw Object.assign(new Error('it leads outside the workspace folders, and is not read in an untrusted workspace'), { code: 'EOUTSIDE' });
  }

  /** The workspace folders' own real paths (a folder may itself sit under a link, like /tmp on macOS). */
  private resolvedRoots(roots: readonly string[]): Promise<string[]> {
    const key = roots.join('\n');
    if (this.realRoots?.key !== key) {
      this.realRoots = { key, roots: Promise.all(roots.map((r) => this.realpath(r).catch(() => r))) };
    }
    return this.realRoots.roots;
  }
}
