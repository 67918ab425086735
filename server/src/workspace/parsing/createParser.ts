import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { inThreadParser, type DocumentParser } from './documentParser';
import { ParseWorkerPool } from './parseWorkerPool';

/** On two cores, texts below this many characters are parsed in the server's thread. */
const IN_THREAD_BELOW = 64 * 1024;

/**
 * Chooses who parses during indexing, given the bundled worker script's folder.
 * With more than two cores, worker threads (one per spare core, at most four):
 * - `responsive` (the language server): only the workers parse, so the main
 *   thread stays free to answer requests while a large workspace is indexed;
 * - `throughput` (the CLI): the main thread parses too.
 * With two cores or fewer the CLI parses in this thread; the server parses files
 * under 64 KB in its thread (in slices that yield to requests: measured there, a
 * worker added transfer costs and a second heap and gained nothing,
 * docs/performance.md) and larger ones in one worker, which stops a parse far
 * over the time budget.
 * `MQG4AI_PARSE_WORKERS=<n>` sets the number of workers (0: parse in this thread).
 */
export function createParser(bundleFolder: string, mode: 'responsive' | 'throughput'): DocumentParser {
  const script = join(bundleFolder, 'parseWorker.js');
  if (!existsSync(script)) return inThreadParser;
  const cores = availableParallelism();
  const configured = process.env.MQG4AI_PARSE_WORKERS;
  const workers = configured !== undefined && configured !== '' ? Number(configured) : cores > 2 ? Math.min(4, cores - 1) : 0;
  if (workers >= 1) return new ParseWorkerPool(script, mode === 'throughput', workers);
  // The server on two cores: small files here, large ones in one worker that can be stopped, so
  // a large pathological file neither blocks requests nor runs unbounded (docs/security.md).
  if (mode === 'responsive' && (configured === undefined || configured === ''))
    return new ParseWorkerPool(script, false, 1, { inThreadBelow: IN_THREAD_BELOW });
  return inThreadParser;
}
