/**
 * The subset of a cancellation token the core relies on. LSP's
 * `CancellationToken` satisfies it, so providers accept the server's tokens as is.
 */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

/** A token that is never cancelled, for the CLI and for tests. */
export const neverCancelled: CancellationToken = Object.freeze({ isCancellationRequested: false });

/** Thrown by long-running core operations when their token is cancelled. */
export class OperationCancelled extends Error {
  constructor() {
    super('operation cancelled');
    this.name = 'OperationCancelled';
  }
}

export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new OperationCancelled();
}
