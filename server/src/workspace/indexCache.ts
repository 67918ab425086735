import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { DocumentKind } from '../domain/document/types';
import { silentLogger, type Logger } from '../base/logger';
import { yieldToEventLoop } from '../base/timeSlice';
import type { ParsedContent } from './contentCache';

/**
 * Bump when `QualityGateDocument` or parsing changes in a way that makes older
 * cached models wrong. The cache is then ignored and rebuilt.
 */
export const MODEL_FORMAT = 9;

/**
 * Parse results per serialized piece of the cache file: each piece is deserialized (or
 * serialized) in one go, and the server answers requests between two pieces, so a large cache
 * never blocks it for long (a 10,000-document workspace's cache is some 70 MB).
 */
const CONTENTS_PER_PIECE = 400;

/** Cache files of this tool (any version, the former `index-` naming included). */
const STALE_NAME = /^(models|index)-[0-9a-f]{16}\.bin$/;
/** A temporary file of an interrupted write (the process was killed before renaming it). */
const TEMPORARY_NAME = /^models-[0-9a-f]{16}\.bin\.\d+\.\d+\.tmp$/;
/** A `models-*.bin` of another version or mode unused this long is deleted. */
const STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
/** A temporary file this old belongs to no write still running (writes take seconds). */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Results computed from the whole index (the server stores each document's
 * published diagnostics), valid only for the state `fingerprint` names.
 */
export interface ResultSnapshot {
  readonly fingerprint: string;
  readonly results: ReadonlyArray<readonly [string, unknown]>;
}

/** A document as last read from disk: its stamp, its content's hash, and what depends on its place. */
export interface PathEntry {
  readonly mtimeMs: number;
  readonly size: number;
  /** `contentHash` of its text: the key of its parse result in `CacheContents.contents`. */
  readonly hash: string;
  readonly kind: DocumentKind;
  readonly title: string;
}

/** What one cache file holds. */
export interface CacheContents {
  /** By absolute path: trusted while the file's size and mtime are unchanged (no read, no hash). */
  readonly paths: Map<string, PathEntry>;
  /** Parse results by content hash: any file with that text uses it (a fresh clone, a copy). */
  readonly contents: Map<string, ParsedContent>;
  readonly snapshot?: ResultSnapshot;
}

/**
 * The file: `MAGIC`, a 4-byte big-endian header length, the header (JSON), then the pieces it
 * lists, each a V8-serialized value with its own SHA-256: a damaged piece makes the whole file
 * ignored, never half-trusted, and no step handles the whole file at once.
 */
const MAGIC = Buffer.from('MQG4AIC\n');

interface Header {
  readonly format: number;
  /** In file order: the paths, the results snapshot (or none), then the contents in pieces. */
  readonly pieces: ReadonlyArray<{ readonly kind: 'paths' | 'snapshot' | 'contents'; readonly bytes: number; readonly sha256: string }>;
}

/**
 * Parsed document models kept on disk between sessions (the extension's storage folder,
 * or the CLI's `--cache DIR`): one file per tool version in the folder, so a workspace
 * cloned elsewhere finds its contents by hash. Written atomically; safe to delete at any
 * time (the next start parses everything again); a damaged file or entry is ignored
 * with a log line. One workspace per folder: another workspace's run replaces it.
 */
export class DiskIndexCache {
  readonly file: string;

  constructor(
    private readonly folder: string,
    version: string,
    private readonly logger: Logger = silentLogger,
  ) {
    const key = createHash('sha256')
      .update(JSON.stringify({ version, format: MODEL_FORMAT }))
      .digest('hex')
      .slice(0, 16);
    this.file = join(folder, `models-${key}.bin`);
  }

  async load(): Promise<CacheContents | undefined> {
    let bytes: Buffer;
    try {
      bytes = await fsp.readFile(this.file);
    } catch {
      return undefined; // absent or unreadable: start cold
    }
    try {
      const { format, paths, contents, snapshot } = await readCacheFile(bytes);
      if (format !== MODEL_FORMAT) return undefined;
      return this.validEntries({ paths, contents, snapshot });
    } catch (error) {
      this.logger.log('warn', `The index cache ${this.file} is damaged (${(error as Error).message}); ignored, every document is parsed.`);
      return undefined;
    }
  }

  /**
   * Writes `cache` (taken now) after any earlier write has finished, so the last call's
   * state is what stays on disk: an earlier, slower write never lands over a later one.
   */
  save(cache: CacheContents): Promise<void> {
    // Taken now (the caller's state), serialized piece by piece afterwards.
    const taken = { paths: [...cache.paths], contents: [...cache.contents], snapshot: cache.snapshot };
    const write = this.writing.catch(() => {}).then(async () => this.write(await serializedPieces(taken)));
    this.writing = write;
    return write;
  }

  private writing: Promise<void> = Promise.resolve();
  private writes = 0;

  private async write(pieces: readonly Piece[]): Promise<void> {
    await fsp.mkdir(this.folder, { recursive: true });
    const header: Header = {
      format: MODEL_FORMAT,
      pieces: pieces.map((p) => ({ kind: p.kind, bytes: p.data.length, sha256: p.sha256 })),
    };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(headerBytes.length);
    const temporary = `${this.file}.${process.pid}.${++this.writes}.tmp`;
    const handle = await fsp.open(temporary, 'w');
    try {
      await handle.writev([MAGIC, length, headerBytes]);
      for (const piece of pieces) await handle.write(piece.data);
    } finally {
      await handle.close();
    }
    await fsp.rename(temporary, this.file); // atomic: a crash never leaves half a cache
    await this.removeStale();
  }

  /**
   * Deletes the cache files other versions of the tool left in the folder: the former naming
   * (`index-*.bin`) at once, other `models-*.bin` once unused for `STALE_AFTER_MS` (another
   * version, or the restricted mode's file, may still be in use meanwhile), and temporary files
   * of writes a killed process left, once an hour old. Nothing else is touched.
   */
  private async removeStale(): Promise<void> {
    const names = await fsp.readdir(this.folder).catch(() => [] as string[]);
    const own = basename(this.file);
    for (const name of names) {
      const temporary = TEMPORARY_NAME.test(name);
      if (name === own || (!STALE_NAME.test(name) && !temporary)) continue;
      const path = join(this.folder, name);
      const stat = await fsp.stat(path).catch(() => undefined);
      const age = stat ? Date.now() - stat.mtimeMs : 0;
      if (!stat?.isFile() || (temporary ? age < ABANDONED_AFTER_MS : name.startsWith('models-') && age < STALE_AFTER_MS)) continue;
      await fsp.rm(path, { force: true }).catch((error: Error) => this.logger.log('warn', `Cannot delete the stale cache file ${path}: ${error.message}`));
    }
  }

  /** Keeps the entries shaped as this version writes them; the others are dropped with one log line. */
  private validEntries(data: { paths: unknown; contents: unknown; snapshot?: ResultSnapshot }): CacheContents {
    const paths = new Map<string, PathEntry>();
    const contents = new Map<string, ParsedContent>();
    let damaged = 0;
    for (const entry of Array.isArray(data.paths) ? (data.paths as unknown[]) : []) {
      if (isPathEntry(entry)) paths.set(entry[0], entry[1]);
      else damaged++;
    }
    for (const entry of Array.isArray(data.contents) ? (data.contents as unknown[]) : []) {
      if (isContentEntry(entry)) contents.set(entry[0], entry[1]);
      else damaged++;
    }
    if (damaged > 0 || !Array.isArray(data.paths) || !Array.isArray(data.contents))
      this.logger.log('warn', `The index cache ${this.file} has ${damaged} damaged entries; ignored, those documents are parsed.`);
    return { paths, contents, snapshot: data.snapshot };
  }
}

/**
 * Decodes a cache file's bytes, one piece at a time with pauses between them (requests go on);
 * throws when it is not a cache file or any piece fails its checksum.
 */
export async function readCacheFile(bytes: Buffer): Promise<{ format: number; paths: unknown; contents: unknown[]; snapshot?: ResultSnapshot }> {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a cache file');
  const headerLength = bytes.readUInt32BE(MAGIC.length);
  let at = MAGIC.length + 4;
  const header = JSON.parse(bytes.subarray(at, (at += headerLength)).toString('utf8')) as Header;
  let paths: unknown;
  let snapshot: ResultSnapshot | undefined;
  const contents: unknown[] = [];
  if (header.format !== MODEL_FORMAT) return { format: header.format, paths, contents };
  for (const piece of header.pieces) {
    const data = bytes.subarray(at, (at += piece.bytes));
    if (data.length !== piece.bytes || createHash('sha256').update(data).digest('hex') !== piece.sha256) throw new Error('checksum mismatch');
    const value = deserialize(data) as unknown;
    if (piece.kind === 'paths') paths = value;
    else if (piece.kind === 'snapshot') snapshot = value as ResultSnapshot;
    else if (Array.isArray(value)) for (const entry of value) contents.push(entry);
    await yieldToEventLoop();
  }
  return { format: header.format, paths, contents, snapshot };
}

/** One piece of the cache file, serialized and hashed. */
interface Piece {
  readonly kind: Header['pieces'][number]['kind'];
  readonly data: Buffer;
  readonly sha256: string;
}

/** The cache file's pieces: the paths, the snapshot, the contents in pieces; each serialized and hashed with a pause after it. */
async function serializedPieces(taken: { paths: unknown[]; contents: unknown[]; snapshot?: ResultSnapshot }): Promise<Piece[]> {
  const pieces: Piece[] = [];
  const add = async (kind: Piece['kind'], value: unknown) => {
    const data = serialize(value);
    pieces.push({ kind, data, sha256: createHash('sha256').update(data).digest('hex') });
    await yieldToEventLoop();
  };
  await add('paths', taken.paths);
  if (taken.snapshot) await add('snapshot', taken.snapshot);
  for (let i = 0; i < taken.contents.length; i += CONTENTS_PER_PIECE) await add('contents', taken.contents.slice(i, i + CONTENTS_PER_PIECE));
  return pieces;
}

const HASH = /^[0-9a-f]{64}$/;

function isPathEntry(entry: unknown): entry is [string, PathEntry] {
  if (!Array.isArray(entry) || typeof entry[0] !== 'string') return false;
  const value = entry[1] as Partial<PathEntry> | undefined;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.mtimeMs === 'number' &&
    typeof value.size === 'number' &&
    typeof value.hash === 'string' &&
    HASH.test(value.hash) &&
    typeof value.kind === 'string' &&
    typeof value.title === 'string'
  );
}

function isContentEntry(entry: unknown): entry is [string, ParsedContent] {
  if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !HASH.test(entry[0])) return false;
  const content = (entry[1] as Partial<ParsedContent> | undefined)?.content;
  if (typeof content !== 'object' || content === null) return false;
  const arrays = [content.headings, content.htmlAnchors, content.links, content.references, content.suppressions, content.questionBlocks];
  return arrays.every(Array.isArray) && typeof content.summary === 'string' && typeof content.lineCount === 'number' && typeof content.endPosition === 'object';
}
