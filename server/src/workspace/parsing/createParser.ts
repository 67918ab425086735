import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { inThreadParser, type DocumentParser } from './documentParser';
import { ParseWorkerPool } from './parseWorkerPool';

/**
 * Chooses who parses during indexing, given the bundled worker script's folder.
 * With more than two cores, worker threads (one per spare core, at most four):
 * - `responsive` (the language server): only the workers parse, so the main
 *   thread stays free to answer requests while a large workspace is indexed;
 * - `throughput` (the CLI): the main thread parses too.
 * With two cores or fewer everything parses in this thread (in slices that yield
 * to requests): measured there, a worker added transfer costs and a second heap
 * and gained nothing (docs/performance.md).
 * `MQG4AI_PARSE_WORKERS=<n>` sets the number of workers (0: parse in this thread).
 */
export function createParser(bundleFolder: string, mode: 'responsive' | 'throughput'): DocumentParser {
  const script = join(bundleFolder, 'parseWorker.js');
  if (!existsSync(script)) return inThreadParser;
  const cores = availableParallelism();
  const configured = process.env.MQG4AI_PARSE_WORKERS;
  const workers =
    configured !== undefined && configured !== '' ? Number(configured) : cores > 2 ? Math.min(4, cores - 1) : 0;
  return workers >= 1 ? new ParseWorkerPool(script, mode === 'throughput', workers) : inThreadParser;
}
