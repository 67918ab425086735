import { existsSync } from 'node:fs';

/**
 * Skips the calling suite, with a printed reason, when a shared-corpus path is absent (the
 * corpus lives beside the project on development machines only). Under CI=true an absent
 * corpus fails instead: CI must never go green by skipping the real-document tests.
 */
export function requireCorpus(context: Mocha.Context, ...paths: string[]): void {
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length === 0) return;
  if (process.env.CI === 'true') throw new Error(`The shared corpus is required under CI=true, but ${missing.join(', ')} is absent.`);
  console.log(`    (skipped: ${missing.join(', ')} is absent; the shared corpus is only on development machines)`);
  context.skip();
}
