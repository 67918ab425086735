import type { Position, Range } from '../../server/src/base/range';
import { defaultIndexOptions, WorkspaceIndex, type IndexOptions } from '../../server/src/workspace/workspaceIndex';
import { InMemoryFileSystem } from '../../server/src/base/fileSystem';
import type { CancellationToken } from '../../server/src/base/cancellation';
import { silentLogger } from '../../server/src/base/logger';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import { neverCancelled } from '../../server/src/base/cancellation';

/** A range as `[startLine, startChar, endLine, endChar]`, for compact assertions. */
export type RangeTuple = [number, number, number, number];

export function tuple(range: Range | undefined): RangeTuple | undefined {
  return range && [range.start.line, range.start.character, range.end.line, range.end.character];
}

export const cancelled: CancellationToken = Object.freeze({ isCancellationRequested: true });

/**
 * Position of the `occurrence`-th (0-based) occurrence of `needle` in `text`, plus `offset`
 * characters. Any of LF, CRLF and CR count as line endings.
 */
export function positionOf(text: string, needle: string, offset = 0, occurrence = 0): Position {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not found`);
  }
  const before = text.slice(0, index + offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** The range of `needle` (its `occurrence`-th appearance) in `text`, as a tuple. */
export function rangeOf(text: string, needle: string, occurrence = 0): RangeTuple {
  const start = positionOf(text, needle, 0, occurrence);
  const end = positionOf(text, needle, needle.length, occurrence);
  return [start.line, start.character, end.line, end.character];
}

export async function buildIndex(
  files: Record<string, string | Uint8Array>,
  options: Partial<IndexOptions> = {},
): Promise<{ index: WorkspaceIndex; fs: InMemoryFileSystem }> {
  const fs = new InMemoryFileSystem(files);
  const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: ['/ws'], ...options }, silentLogger);
  await index.initialize();
  return { index, fs };
}

export async function buildService(
  files: Record<string, string | Uint8Array>,
  roots: readonly string[] = ['/ws'],
): Promise<{ service: Engine; fs: InMemoryFileSystem }> {
  const fs = new InMemoryFileSystem(files);
  const service = createEngine({ fs, roots, logger: silentLogger });
  await service.indexWorkspace(neverCancelled);
  return { service, fs };
}

export function sorted<T>(values: Iterable<T>): T[] {
  return [...values].sort();
}
