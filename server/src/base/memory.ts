import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lazy } from './memo';

/** V8's collector, exposed once; null when this process may not have it. */
const collector = lazy((): (() => void) | null => {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
});

/**
 * Runs a full garbage collection. Parsing thousands of documents leaves much
 * short-lived garbage that V8 would otherwise let grow the heap (and the
 * process's peak memory) before collecting; indexing calls this every few
 * hundred documents. Without access to the collector it does nothing.
 */
export function collectGarbage(): void {
  collector()?.();
}
