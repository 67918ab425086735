import { Worker } from 'node:worker_threads';
import type { DocumentParser } from './documentParser';
import { parseDocument } from '../../domain/document/parseDocument';
import type { QualityGateDocument } from '../../domain/document/types';

/**
 * Parses documents in worker threads (one per core, at least one). Requests are
 * spread over the least busy worker; a worker that dies is replaced and its
 * pending requests fail (the index then marks those files as not parsed).
 */
export class ParseWorkerPool implements DocumentParser {
  /** Parse times measured in the workers, beside the models (models stay pure functions of their text). */
  private readonly parseTimes = new WeakMap<QualityGateDocument, number>();

  parseTimeOf(doc: QualityGateDocument): number | undefined {
    return this.parseTimes.get(doc);
  }

  private readonly workers: Array<{ worker: Worker; pending: Map<number, Pending> }> = [];
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly script: string,
    /** Whether the calling thread parses too when the workers are busy. */
    private readonly shareWithCaller: boolean,
    size = 1,
  ) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  parse(path: string, text: string): Promise<QualityGateDocument> {
    const slot = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    // The calling thread takes a share when every worker already has work queued,
    // so the main thread's core is not left idle during indexing.
    if (this.shareWithCaller && slot.pending.size >= 2) {
      try {
        return Promise.resolve(parseDocument(path, text));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, path, text });
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private spawn(): { worker: Worker; pending: Map<number, Pending> } {
    const pending = new Map<number, Pending>();
    const worker = new Worker(this.script);
    worker.unref(); // never keeps a finished CLI run alive
    const slot = { worker, pending };
    worker.on('message', (message: { id: number; doc?: QualityGateDocument; error?: string; ms?: number }) => {
      const request = pending.get(message.id);
      pending.delete(message.id);
      if (message.doc && message.ms !== undefined) this.parseTimes.set(message.doc, message.ms);
      if (message.doc) request?.resolve(message.doc);
      else request?.reject(new Error(message.error ?? 'parse failed'));
    });
    const fail = (error: Error) => {
      for (const request of pending.values()) request.reject(error);
      pending.clear();
      const index = this.workers.indexOf(slot);
      if (index >= 0 && !this.disposed) this.workers[index] = this.spawn();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0 && this.workers.includes(slot)) fail(new Error(`parse worker exited with code ${code}`));
    });
    return slot;
  }
}

interface Pending {
  resolve(doc: QualityGateDocument): void;
  reject(error: Error): void;
}

