import { close, closeSync, constants as fsConstants, fstat, fstatSync, open, openSync, promises as fsp, read, readdir, readSync, stat } from 'node:fs';
import { promisify } from 'node:util';
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
 * Largest read any file system returns, whatever the configured limits: the bound for a file
 * that grows while it is read (the configured `limits.maxFileSizeMB` is usually far lower).
 */
export const MAX_READ_BYTES = 512 * 1024 * 1024;

/**
 * The file access the core needs, addressed by absolute POSIX paths (the `path`
 * of a file URI). The server and CLI use the disk; tests use memory.
 * Only regular files and folders exist for it: a device, FIFO or socket (also behind
 * a symbolic link) is never listed, `stat` reports it absent, and `readFile` refuses it.
 */
export interface WorkspaceFileSystem {
  /**
   * The bytes of a regular file, at most `maxBytes` (default {@link MAX_READ_BYTES}): a larger
   * file fails with code `EFBIG`, a device, FIFO or socket with `ENOTREG`.
   */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  /** undefined when nothing is there (or nothing but a device, FIFO or socket). */
  stat(path: string): Promise<FileStat | undefined>;
  readDirectory(path: string): Promise<Array<[name: string, type: EntryType]>>;
  /** Whether `path` itself is a symbolic link (not followed). Absent: the file system has none. */
  isSymbolicLink?(path: string): Promise<boolean>;
  /** `path` with every symbolic link resolved; fails when it does not exist. Absent: paths are real. */
  realPath?(path: string): Promise<string>;
}

/** The error of a read past its byte cap. */
export function tooLargeError(maxBytes: number): Error {
  return Object.assign(new Error(`it is larger than ${maxBytes} bytes`), { code: 'EFBIG' });
}

function notRegularError(): Error {
  return Object.assign(new Error('it is not a regular file (a device, FIFO or socket)'), { code: 'ENOTREG' });
}

/** Non-blocking open, so that opening a FIFO returns at once (it is then refused); 0 where unknown. */
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);
const CHUNK = 64 * 1024;

/**
 * The real disk. Symbolic links are followed for files but not for folders (no loops).
 * Uses the callback API (promisified): `fs/promises` file handles cost about three times
 * the CPU per file, which showed in a cold index of 10,000 files (docs/performance.md).
 */
export class NodeFileSystem implements WorkspaceFileSystem {
  async readFile(path: string, maxBytes = MAX_READ_BYTES): Promise<Uint8Array> {
    // Open, then check what was opened: no window in which a link can be swapped for a device.
    const fd = await openAsync(toFsPath(path), OPEN_FLAGS);
    try {
      const stat = await fstatAsync(fd);
      if (!stat.isFile()) throw notRegularError();
      if (stat.size > maxBytes) throw tooLargeError(maxBytes);
      // Stream and stop: the size may be wrong (a growing file, a special file system).
      const chunks: Buffer[] = [];
      let total = 0;
      let want = Math.min(stat.size + 1, maxBytes + 1);
      for (;;) {
        const buffer = Buffer.allocUnsafe(Math.max(1, want));
        const bytesRead = await readAsync(fd, buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > maxBytes) throw tooLargeError(maxBytes);
        chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
        // Short of the buffer but all the size said: the end, no second read just to see zero bytes.
        if (bytesRead < buffer.length && stat.size > 0 && total >= stat.size) break;
        want = Math.min(CHUNK, maxBytes + 1 - total);
      }
      return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    } finally {
      await closeAsync(fd);
    }
  }

  async stat(path: string) {
    try {
      const s = await statAsync(toFsPath(path));
      if (!s.isDirectory() && !s.isFile()) return undefined;
      return { type: s.isDirectory() ? ('directory' as const) : ('file' as const), size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  }

  async readDirectory(path: string): Promise<Array<[string, EntryType]>> {
    const entries = await readdirAsync(toFsPath(path), { withFileTypes: true });
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

  async isSymbolicLink(path: string): Promise<boolean> {
    try {
      return (await fsp.lstat(toFsPath(path))).isSymbolicLink();
    } catch {
      return false;
    }
  }

  async realPath(path: string): Promise<string> {
    return pathFromFsPath(await fsp.realpath(toFsPath(path)));
  }
}

const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const statAsync = promisify(stat);
const closeAsync = promisify(close);
const readdirAsync = promisify(readdir);
/** `fs.read` resolving to the number of bytes read. */
const readAsync = (fd: number, buffer: Buffer, offset: number, length: number, position: null) =>
  new Promise<number>((resolve, reject) => read(fd, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));

/**
 * The synchronous twin of `NodeFileSystem.readFile` (OS path), for the few small files read
 * outside the index (`.git/HEAD`, refs): a regular file only, at most `maxBytes`, else it throws.
 */
export function readRegularFileSync(fsPath: string, maxBytes: number): Buffer {
  const fd = openSync(fsPath, OPEN_FLAGS);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notRegularError();
    let buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      // The size on disk may be wrong: grow up to the cap.
      if (total === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(buffer.length, maxBytes + 1 - total))]);
      const read = readSync(fd, buffer, total, buffer.length - total, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) throw tooLargeError(maxBytes);
    }
    return buffer.subarray(0, total);
  } finally {
    closeSync(fd);
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

  async readFile(path: string, maxBytes = MAX_READ_BYTES): Promise<Uint8Array> {
    const content = this.files.get(path);
    if (!content) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    if (content.byteLength > maxBytes) throw tooLargeError(maxBytes);
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
