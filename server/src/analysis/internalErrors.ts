import { make, type TraceDiagnostic } from '../domain/codes';
import { OperationCancelled } from '../base/cancellation';
import type { Logger } from '../base/logger';

/**
 * Internal errors: a bug met while checking one document must cost that
 * document one finding (`internal.error`) and one log line with the stack,
 * never the server or the other documents.
 */
export function reportInternalError(logger: Logger, context: string, error: unknown): void {
  try {
    logger.log('error', `${context} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
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
