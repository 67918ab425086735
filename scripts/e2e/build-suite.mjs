// Bundles the in-host end-to-end suite (test/e2e/suite) into out/e2e/suite/index.js: CommonJS,
// Mocha bundled in (the extension host cannot resolve the project's node_modules by itself),
// `vscode` left to the extension host. (Stack traces point into the bundle: VS Code's extension
// host replaces Error.prepareStackTrace, which bypasses Node's source-map support.)
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

await esbuild.build({
  absWorkingDir: root,
  entryPoints: { index: 'test/e2e/suite/index.ts' },
  outdir: 'out/e2e/suite',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
  // Mocha's parallel mode (never used in the extension host) resolves worker files at run time.
  logOverride: { 'require-resolve-not-external': 'silent' },
});
console.log('built out/e2e/suite/index.js');
