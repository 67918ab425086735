// Worker-thread entry (bundled as dist/parseWorker.js): parses documents for the
// main thread so indexing uses every core. Messages: {id, path, text} in,
// {id, doc} or {id, error} out.
import { parentPort } from 'node:worker_threads';
import { collectGarbage } from '../../base/memory';
import { parseDocument } from '../../domain/document/parseDocument';

let parsed = 0;

parentPort?.on('message', (message: { id: number; path: string; text: string }) => {
  // One document at a time: the pool stops a parse that runs far over its budget by terminating this worker.
  // As in the main thread: keep parse garbage from growing this worker's heap.
  if (++parsed % 512 === 0) collectGarbage();
  try {
    const started = performance.now();
    const doc = parseDocument(message.path, message.text);
    // The parse's own duration, for the index's time budget (limits.parseTimeBudgetMs).
    parentPort!.postMessage({ id: message.id, doc, ms: performance.now() - started });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
