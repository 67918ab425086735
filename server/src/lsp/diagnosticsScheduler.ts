import type { Diagnostic } from 'vscode-languageserver-types';
import { TimeSlice } from '../base/timeSlice';

/**
 * Re-validates documents in the background and publishes their diagnostics.
 * Paths queue up (deduplicated); open documents go first; work runs in short
 * slices so requests are answered between them.
 */
export class DiagnosticsScheduler {
  private readonly queue = new Set<string>();
  private running = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly compute: (path: string) => Diagnostic[],
    private readonly publish: (path: string, diagnostics: Diagnostic[]) => void,
    private readonly isOpen: (path: string) => boolean,
    private readonly onError: (path: string, error: unknown) => void,
  ) {}

  schedule(paths: Iterable<string>): void {
    for (const path of paths) this.queue.add(path);
    if (!this.running && this.queue.size > 0) void this.drain();
  }

  /** Resolves when nothing is queued. */
  whenIdle(): Promise<void> {
    if (!this.running && this.queue.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.size > 0) {
        const batch = [...this.queue].sort((a, b) => Number(this.isOpen(b)) - Number(this.isOpen(a)));
        this.queue.clear();
        const slice = new TimeSlice();
        for (const path of batch) {
          try {
            this.publish(path, this.compute(path));
          } catch (error) {
            // One document's failure must not stop the others from being validated.
            this.onError(path, error);
          }
          if (slice.due()) await slice.yield();
        }
      }
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }
}
