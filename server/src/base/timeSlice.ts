// Long loops on the server's thread (indexing, validation, background searches, publishing) work in
// slices and yield between them, so requests are answered meanwhile (docs/architecture.md).

/** The longest stretch of work before a loop yields to the event loop. */
export const SLICE_MS = 15;

/** Yields to the event loop so a long batch never blocks requests for long. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The current slice of a loop: `if (slice.due()) await slice.yield();` between items. */
export class TimeSlice {
  private started = Date.now();

  /** The slice has run past `SLICE_MS`. */
  due(): boolean {
    return Date.now() - this.started > SLICE_MS;
  }

  /** Yields to the event loop and starts the next slice. */
  async yield(): Promise<void> {
    await yieldToEventLoop();
    this.started = Date.now();
  }
}
