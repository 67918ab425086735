import { Worker } from 'node:worker_threads';
import { SMALL_TEXT, type DocumentParser, type ParseRequest } from './documentParser';
import { parseDocument, unparsedDocument } from '../../domain/document/parseDocument';
import type { QualityGateDocument } from '../../domain/document/types';

/** A parse still running this many times past the time budget is stopped (the worker is replaced). */
export const PARSE_STOP_FACTOR = 10;

/**
 * Documents handed to a worker at once: the one it parses and the next, already in its
 * message queue, so it never waits for this thread (busy for up to a time slice) to send it
 * more. Measured on a cold index: with one at a time the worker was idle a quarter of the time.
 */
const IN_FLIGHT_PER_WORKER = 2;

export interface ParseWorkerPoolOptions {
  /** Background texts shorter than this (characters, at most `SMALL_TEXT`) are parsed in the calling thread, saving the transfer. */
  readonly inThreadBelow?: number;
}

/**
 * Parses documents in worker threads (one per core, at least one), at most
 * `IN_FLIGHT_PER_WORKER` documents per worker at a time, the rest queued here (where
 * the editor's documents go first). A parse given a time budget that runs
 * past `PARSE_STOP_FACTOR` times it is stopped: the worker is terminated and
 * replaced, and the document gets a model without structure saying so
 * (`file.slow`), so one hostile file can neither stall indexing nor the
 * server's main thread. A worker that dies is replaced and its document fails
 * (the index then marks the file as not parsed).
 */
export class ParseWorkerPool implements DocumentParser {
  /** Parse times measured in the workers, beside the models (models stay pure functions of their text). */
  private readonly parseTimes = new WeakMap<QualityGateDocument, number>();

  parseTimeOf(doc: QualityGateDocument): number | undefined {
    return this.parseTimes.get(doc);
  }

  private readonly workers: Slot[] = [];
  private readonly queue: Job[] = [];
  private disposed = false;

  constructor(
    private readonly script: string,
    /** Whether the calling thread parses too when the workers are busy. */
    private readonly shareWithCaller: boolean,
    size = 1,
    private readonly options: ParseWorkerPoolOptions = {},
  ) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  parse(path: string, text: string, { budgetMs, urgent }: ParseRequest = {}): Promise<QualityGateDocument> {
    const idle = this.workers.find((w) => w.jobs.length === 0);
    // Only small texts ever parse here (bounded, see SMALL_TEXT): below the pool's threshold, an
    // urgent one (the editor waits for it), and (with shareWithCaller) work beyond what the workers have queued.
    const small = text.length < SMALL_TEXT;
    const inThreadBelow = Math.min(this.options.inThreadBelow ?? 0, SMALL_TEXT);
    if (text.length < inThreadBelow || (small && urgent) || (small && this.shareWithCaller && !idle && this.queue.length >= this.workers.length)) {
      try {
        return Promise.resolve(parseDocument(path, text));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise((resolve, reject) => {
      // The editor's document goes ahead of the background indexing.
      const job = { path, text, budgetMs, resolve, reject };
      if (urgent) this.queue.unshift(job);
      else this.queue.push(job);
      this.dispatch();
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    // Shutting down: parses still queued or running are dropped without an error to log.
    const workers = this.workers.splice(0);
    this.queue.splice(0);
    for (const slot of workers) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.retired = true;
    }
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.workers) {
      while (slot.jobs.length < IN_FLIGHT_PER_WORKER && this.queue.length > 0) {
        const job = this.queue.shift()!;
        slot.jobs.push(job);
        if (slot.jobs.length === 1) this.startClock(slot);
        slot.worker.postMessage({ id: 0, path: job.path, text: job.text });
      }
    }
  }

  /**
   * The worker parses the first of its jobs from now on (as far as this thread can tell: a job
   * queued in the worker starts when the previous one ends, which this thread learns a little
   * later, so the limit errs on the generous side).
   */
  private startClock(slot: Slot): void {
    const job = slot.jobs[0];
    slot.started = performance.now();
    if (job?.budgetMs !== undefined) slot.timer = setTimeout(() => this.stop(slot), job.budgetMs * PARSE_STOP_FACTOR);
  }

  /** The running parse is over its limit: terminate the worker, answer with a model saying so. */
  private stop(slot: Slot): void {
    const job = slot.jobs[0];
    if (!job) return;
    // A timer may fire a fraction of a millisecond early by performance.now(): the parse took at least its limit.
    const ms = Math.max(performance.now() - slot.started, (job.budgetMs ?? 0) * PARSE_STOP_FACTOR);
    this.requeueWaiting(slot);
    this.release(slot);
    this.replace(slot);
    const doc = unparsedDocument(
      job.path,
      job.text,
      `Parsing this file was stopped after ${Math.round(ms)} ms (${PARSE_STOP_FACTOR} times limits.parseTimeBudgetMs): its Markdown is too slow to parse, so its links, headings and anchors are not checked. Splitting the file helps.`,
    );
    this.parseTimes.set(doc, ms);
    job.resolve(doc);
  }

  /** Takes the finished (or failed) first job off `slot` and stops its clock. */
  private release(slot: Slot): Job | undefined {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    return slot.jobs.shift();
  }

  /** The jobs a worker had waiting behind its first go back to the front of the queue (the worker is being replaced). */
  private requeueWaiting(slot: Slot): void {
    this.queue.unshift(...slot.jobs.splice(1));
  }

  private replace(slot: Slot): void {
    const index = this.workers.indexOf(slot);
    if (index < 0) return;
    slot.retired = true;
    void slot.worker.terminate();
    if (this.disposed) return;
    this.workers[index] = this.spawn();
    this.dispatch();
  }

  private spawn(): Slot {
    const worker = new Worker(this.script);
    worker.unref(); // never keeps a finished CLI run alive
    const slot: Slot = { worker, jobs: [], started: 0 };
    worker.on('message', (message: { doc?: QualityGateDocument; error?: string; ms?: number }) => {
      if (slot.retired || slot.jobs.length === 0) return;
      const job = this.release(slot)!;
      this.startClock(slot);
      if (message.doc && message.ms !== undefined) this.parseTimes.set(message.doc, message.ms);
      if (message.doc) job.resolve(message.doc);
      else job.reject(new Error(message.error ?? 'parse failed'));
      this.dispatch();
    });
    const fail = (error: Error) => {
      if (slot.retired) return;
      // The job it was parsing fails; those waiting behind it go to the replacement.
      this.requeueWaiting(slot);
      this.release(slot)?.reject(error);
      this.replace(slot);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`parse worker exited with code ${code}`));
    });
    return slot;
  }
}

interface Job {
  readonly path: string;
  readonly text: string;
  readonly budgetMs?: number;
  resolve(doc: QualityGateDocument): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  /** Sent to the worker, in order: the first is being parsed, the others wait in its message queue. */
  readonly jobs: Job[];
  /** When the first job started, as far as this thread knows. */
  started: number;
  timer?: ReturnType<typeof setTimeout>;
  /** Terminated on purpose: its late messages and exit are ignored. */
  retired?: boolean;
}
