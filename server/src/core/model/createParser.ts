import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inThreadParser, type DocumentParser } from './documentParser';
import { defaultPoolSize, ParseWorkerPool } from './parseWorkerPool';

/** Worker threads when cores are to spare and the bundled worker script sits next to this bundle, else this thread. */
export function createParser(bundleFolder: string): DocumentParser {
  const script = join(bundleFolder, 'parseWorker.js');
  const size = Number(process.env.MQG4AI_PARSE_WORKERS) || defaultPoolSize();
  return size >= 1 && existsSync(script) ? new ParseWorkerPool(script, size) : inThreadParser;
}
