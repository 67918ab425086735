import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collector: (() => void) | null | undefined;

/**
 * Runs a full garbage collection. Parsing thousands of documents leaves much
 * short-lived garbage that V8 would otherwise let grow the heap (and the
 * process's peak memory) before collecting; indexing calls this every few
 * hundred documents. Without access to the collector it does nothing.
 */
export function collectGarbage(): void {
  if (collector === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collector = runInNewContext('gc') as () => void;
    } catch {
      collector = null;
    }
  }
  collector?.();
}
