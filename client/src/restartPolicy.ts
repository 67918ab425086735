/**
 * Allows at most `maxRestarts` restarts within a sliding `windowMs`, so a server
 * that crashes on start-up is not restarted forever.
 */
export class RestartPolicy {
  private restarts: number[] = [];

  constructor(
    private readonly maxRestarts: number,
    private readonly windowMs: number,
  ) {}

  allowRestart(now: number): boolean {
    this.restarts = this.restarts.filter((t) => now - t < this.windowMs);
    if (this.restarts.length >= this.maxRestarts) return false;
    this.restarts.push(now);
    return true;
  }

  reset(): void {
    this.restarts = [];
  }
}
