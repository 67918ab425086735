import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Set by esbuild.mjs when bundling dist/cli.js; undefined when running from source (tsx). */
declare const __MQG4AI_VERSION__: string | undefined;

let cached: string | undefined;

/**
 * The extension's version: the one bundled into dist/cli.js, else the one in the
 * package.json found by walking up from this file; `0.0.0` if neither.
 */
export function toolVersion(): string {
  if (typeof __MQG4AI_VERSION__ === 'string') return __MQG4AI_VERSION__;
  if (cached) return cached;
  let folder = __dirname;
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'mqg4ai' && typeof pkg.version === 'string') return (cached = pkg.version);
    } catch {
      // not here: one folder up
    }
    folder = dirname(folder);
  }
  return (cached = '0.0.0');
}
