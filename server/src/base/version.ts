import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lazy } from './memo';

/** Set by esbuild.mjs when bundling dist/*.js; undefined when running from source (tsx). */
declare const __MQG4AI_VERSION__: string | undefined;

/** The version in the package.json found by walking up from this file; `0.0.0` if none. */
const versionFromPackageJson = lazy((): string => {
  let folder = __dirname;
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'mqg4ai' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: one folder up
    }
    folder = dirname(folder);
  }
  return '0.0.0';
});

/** The extension's version (server, CLI, SARIF's tool.driver.version, the cache key): the bundled one, else package.json's. */
export function toolVersion(): string {
  return typeof __MQG4AI_VERSION__ === 'string' ? __MQG4AI_VERSION__ : versionFromPackageJson();
}
