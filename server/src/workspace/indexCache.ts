import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { QualityGateDocument } from '../domain/document/types';

/**
 * Bump when `QualityGateDocument` or parsing changes in a way that makes older
 * cached models wrong. The cache is then ignored and rebuilt.
 */
export const MODEL_FORMAT = 6;

/**
 * Results computed from the whole index (the server stores each document's
 * published diagnostics), valid only for the state `fingerprint` names.
 */
export interface ResultSnapshot {
  readonly fingerprint: string;
  readonly results: ReadonlyArray<readonly [string, unknown]>;
}

/** What one cache file holds. */
export interface CacheContents {
  readonly entries: Map<string, CacheEntry>;
  readonly snapshot?: ResultSnapshot;
}

/** A parsed document with the file stamp it was parsed from. */
export interface CacheEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly doc: QualityGateDocument;
  /** How long parsing it took (ms), so a slow document stays reported (`file.slow`) on a warm start. */
  readonly parseMs?: number;
}

/**
 * Parsed document models kept on disk between sessions, keyed by path and
 * trusted only while a file's size and modification time are unchanged. One
 * file per set of workspace folders, in the extension's storage folder; safe to
 * delete at any time (the next start parses everything again).
 */
export class DiskIndexCache {
  readonly file: string;

  constructor(folder: string, roots: readonly string[], version: string) {
    const key = createHash('sha1')
      .update(JSON.stringify({ roots: [...roots].sort(), version, format: MODEL_FORMAT }))
      .digest('hex')
      .slice(0, 16);
    this.folder = folder;
    this.file = join(folder, `index-${key}.bin`);
  }

  private readonly folder: string;

  async load(): Promise<CacheContents | undefined> {
    try {
      const data = deserialize(await fsp.readFile(this.file)) as { format: number; entries: Array<[string, CacheEntry]>; snapshot?: ResultSnapshot };
      return data.format === MODEL_FORMAT ? { entries: new Map(data.entries), snapshot: data.snapshot } : undefined;
    } catch {
      return undefined; // absent, unreadable or from another version: start cold
    }
  }

  async save(entries: Map<string, CacheEntry>, snapshot?: ResultSnapshot): Promise<void> {
    await fsp.mkdir(this.folder, { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await fsp.writeFile(temporary, serialize({ format: MODEL_FORMAT, entries: [...entries], snapshot }));
    await fsp.rename(temporary, this.file); // atomic: a crash never leaves half a cache
  }
}
