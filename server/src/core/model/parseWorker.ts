// Worker-thread entry (bundled as dist/parseWorker.js): parses documents for the
// main thread so indexing uses every core. Messages: {id, path, text} in,
// {id, doc} or {id, error} out.
import { parentPort } from 'node:worker_threads';
import { parseDocument } from './parseDocument';

parentPort?.on('message', (message: { id: number; path: string; text: string }) => {
  try {
    parentPort!.postMessage({ id: message.id, doc: parseDocument(message.path, message.text) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
