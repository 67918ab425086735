/**
 * When the reader of `stream` goes away (`mqg4ai check | head`), Node reports EPIPE as an
 * 'error' event, and an unhandled one crashes the process with a stack trace. This makes
 * later writes no-ops instead, so the command still finishes and exits with its real code
 * (a failing check must not look like success under `set -o pipefail`). Other errors are
 * rethrown, as without a listener.
 */
export function ignoreBrokenPipe(stream: NodeJS.WriteStream | NodeJS.WritableStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    (stream as { write: (...args: unknown[]) => boolean }).write = () => true;
  });
}
