import { promises as fsp } from 'node:fs';
import { posix } from 'node:path';
import { URI } from 'vscode-uri';

export type EntryType = 'file' | 'directory';

export interface FileStat {
  readonly type: EntryType;
  readonly size: number;
  /** Modification time in ms; with `size`, what the persistent cache trusts. */
  readonly mtimeMs: number;
}

/**
 * The file access the core needs, addressed by absolute POSIX paths (the `path`
 * of a file URI). The server and CLI use the disk; tests use memory.
 */
export interface WorkspaceFileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** undefined when nothing is there. */
  stat(path: string): Promise<FileStat | undefined>;
  readDirectory(path: string): Promise<Array<[name: string, type: EntryType]>>;
}

/** The real disk. Symbolic links are followed for files but not for folders (no loops). */
export class NodeFileSystem implements WorkspaceFileSystem {
  async readFile(path: string): Promise<Uint8Array> {
    return fsp.readFile(toFsPath(path));
  }

  async stat(path: string) {
    try {
      const s = await fsp.stat(toFsPath(path));
      return { type: s.isDirectory() ? ('directory' as const) : ('file' as const), size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  }

  async readDirectory(path: string): Promise<Array<[string, EntryType]>> {
    const entries = await fsp.readdir(toFsPath(path), { withFileTypes: true });
    const result: Array<[string, EntryType]> = [];
    for (const entry of entries) {
      if (entry.isDirectory()) result.push([entry.name, 'directory']);
      else if (entry.isFile()) result.push([entry.name, 'file']);
      else if (entry.isSymbolicLink()) {
        // A link to a file counts as a file; a link to a folder is skipped so a loop cannot trap the walk.
        const target = await this.stat(posix.join(path, entry.name));
        if (target?.type === 'file') result.push([entry.name, 'file']);
      }
    }
    return result;
  }
}

/** A file system held in memory, for tests and for unsaved workspaces. */
export class InMemoryFileSystem implements WorkspaceFileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private readonly mtimes = new Map<string, number>();
  private clock = 1;

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  write(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    this.mtimes.set(path, this.clock++);
  }

  delete(path: string): void {
    for (const key of [...this.files.keys()]) {
      if (key === path || key.startsWith(`${path}/`)) this.files.delete(key);
    }
  }

  async readFile(path: string): Promise<Uint8Array> {
    const content = this.files.get(path);
    if (!content) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return content;
  }

  async stat(path: string) {
    const content = this.files.get(path);
    if (content) return { type: 'file' as const, size: content.byteLength, mtimeMs: this.mtimes.get(path) ?? 0 };
    const prefix = path.endsWith('/') ? path : `${path}/`;
    for (const key of this.files.keys()) if (key.startsWith(prefix)) return { type: 'directory' as const, size: 0, mtimeMs: 0 };
    return undefined;
  }

  async readDirectory(path: string): Promise<Array<[string, EntryType]>> {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const seen = new Map<string, EntryType>();
    for (const key of this.files.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      seen.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'directory');
    }
    return [...seen];
  }
}

/** The absolute POSIX path the core uses for a file URI or file-system path. */
export function pathFromUri(uri: string): string {
  return URI.parse(uri).path;
}

export function uriFromPath(path: string): string {
  return URI.from({ scheme: 'file', path }).toString();
}

/** Absolute POSIX path for an OS path (Windows `C:\x` becomes `/c:/x`). */
export function pathFromFsPath(fsPath: string): string {
  return URI.file(fsPath).path;
}

export function toFsPath(path: string): string {
  return URI.from({ scheme: 'file', path }).fsPath;
}
