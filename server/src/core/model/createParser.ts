import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { inThreadParser, type DocumentParser } from './documentParser';
import { ParseWorkerPool } from './parseWorkerPool';

/**
 * Chooses who parses during indexing, given the bundled worker script's folder:
 * - `responsive` (the language server): worker threads only, so the main thread
 *   stays free to answer requests while a large workspace is indexed;
 * - `throughput` (the CLI): the main thread parses too; on two cores or fewer it
 *   parses alone, because measured there a worker only added transfer costs.
 * `MQG4AI_PARSE_WORKERS=<n>` sets the number of workers (0: parse in this thread).
 */
export function createParser(bundleFolder: string, mode: 'responsive' | 'throughput'): DocumentParser {
  const script = join(bundleFolder, 'parseWorker.js');
  if (!existsSync(script)) return inThreadParser;
  const cores = availableParallelism();
  const configured = process.env.MQG4AI_PARSE_WORKERS;
  const workers =
    configured !== undefined && configured !== '' ? Number(configured) : mode === 'responsive' ? Math.max(1, Math.min(4, cores - 1)) : cores > 2 ? Math.min(4, cores - 1) : 0;
  return workers >= 1 ? new ParseWorkerPool(script, mode === 'throughput', workers) : inThreadParser;
}
