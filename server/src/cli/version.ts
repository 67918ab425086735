import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The version in the extension's package.json, found by walking up from the running
 * script (dist/cli.js, or server/src/cli/ under tsx); `0.0.0` if there is none.
 */
export function toolVersion(): string {
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
