import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { inThreadParser, SMALL_TEXT, type DocumentParser } from './documentParser';
import { ParseWorkerPool } from './parseWorkerPool';

/**
 * Chooses who parses during indexing, given the bundled worker script's folder.
 * With more than two cores, worker threads (one per spare core, at most four):
 * - `responsive` (the language server): only the workers parse, so the main
 *   thread stays free to answer requests while a large workspace is indexed;
 * - `throughput` (the CLI): the main thread parses small texts too.
 * With two cores or fewer, small texts (`SMALL_TEXT`) are parsed in this thread (the
 * server's in slices that yield to requests: measured there, a worker added transfer
 * costs and a second heap and gained nothing, docs/performance.md) and longer ones in
 * one worker, which stops a parse far over the time budget: a hostile file can neither
 * block the server's thread nor run unbounded in the CLI (docs/security.md).
 * `MQG4AI_PARSE_WORKERS=<n>` sets the number of workers (0: parse in this thread, unbounded).
 */
export function createParser(bundleFolder: string, mode: 'responsive' | 'throughput'): DocumentParser {
  const script = join(bundleFolder, 'parseWorker.js');
  if (!existsSync(script)) return inThreadParser;
  const cores = availableParallelism();
  const configured = process.env.MQG4AI_PARSE_WORKERS;
  const workers = configured !== undefined && configured !== '' ? Number(configured) : cores > 2 ? Math.min(4, cores - 1) : 0;
  if (workers >= 1) return new ParseWorkerPool(script, mode === 'throughput', workers);
  // Two cores: small files here, the others in one worker that can be stopped.
  if (configured === undefined || configured === '') return new ParseWorkerPool(script, false, 1, { inThreadBelow: SMALL_TEXT });
  return inThreadParser;
}
