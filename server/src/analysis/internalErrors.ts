import { make, type TraceDiagnostic } from '../domain/codes';
import { OperationCancelled } from '../base/cancellation';

/**
 * Internal errors: a bug met while checking one document must cost that
 * document one finding (`internal.error`) and one log line, never the server or
 * the other documents. The core has no logger of its own here; the server (and
 * the CLI) listen, to log the stack.
 */
type Listener = (context: string, error: unknown) => void;
let listener: Listener = () => {};

/** Sets who is told of internal errors (the server logs them); returns the previous listener. */
export function onInternalError(next: Listener): Listener {
  const previous = listener;
  listener = next;
  return previous;
}

export function reportInternalError(context: string, error: unknown): void {
  try {
    listener(context, error);
  } catch {
    // a failing logger must not turn one error into two
  }
}

/** The `internal.error` finding for a failure in `what` (e.g. `the "links" check`). */
export function internalErrorDiagnostic(what: string, error: unknown): TraceDiagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return make('internal.error', {
    message: `Internal error in ${what} (${reason.slice(0, 200)}); its findings for this document are missing. Details are in the MQG4AI output; please report this.`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  });
}

export function isCancellation(error: unknown): boolean {
  return error instanceof OperationCancelled;
}
