import { TimeSlice } from '../base/timeSlice';

/**
 * Publishes the diagnostics of documents while the workspace is still indexing, batch by
 * batch as indexing stores them, so the Problems view fills up progressively instead of all
 * at the end (docs/architecture.md, "Open documents first"). These are early diagnostics
 * (rules needing the whole workspace wait); the full validation after indexing replaces
 * them. Work runs in short slices so requests and indexing go on between them.
 */
export class ProgressivePublisher<D> {
  private readonly queue: string[] = [];
  private running = false;
  private stopped = false;

  constructor(
    /** Early diagnostics of one document, or undefined when there is nothing to publish. */
    private readonly validate: (path: string) => Promise<D[] | undefined>,
    private readonly publish: (path: string, diagnostics: D[]) => void,
  ) {}

  /** Documents indexing has just stored. */
  add(paths: readonly string[]): void {
    if (this.stopped) return;
    this.queue.push(...paths);
    if (!this.running) void this.drain();
  }

  /** Indexing is over: the full validation takes it from here. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      const slice = new TimeSlice();
      while (this.queue.length > 0 && !this.stopped) {
        const path = this.queue.shift()!;
        const diagnostics = await this.validate(path).catch(() => undefined);
        if (diagnostics && !this.stopped) this.publish(path, diagnostics);
        if (slice.due()) await slice.yield();
      }
    } finally {
      this.running = false;
    }
  }
}
