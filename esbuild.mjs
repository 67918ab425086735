// Bundles the three entry points. The client runs inside VS Code's extension host
// (`vscode` is provided there), the server and CLI run on plain Node.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { writeBundledLicenses } from './scripts/licenses/bundledLicenses.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  logLevel: 'info',
  // Every bundle carries the extension's version (the server's cache key, SARIF's tool.driver.version).
  define: { __MQG4AI_VERSION__: JSON.stringify(version) },
  // The metafile lists every bundled input: the npm packages whose licences ship in the .vsix.
  metafile: true,
};

const builds = [
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/lsp/main.ts' }, outdir: 'dist' },
  // Parses documents in worker threads for the server and the CLI.
  { ...common, entryPoints: { parseWorker: 'server/src/workspace/parsing/parseWorker.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  // The licences of the bundled npm packages, shipped in the .vsix next to the bundles.
  const packages = writeBundledLicenses(results, 'dist/third-party-licenses.txt');
  console.log(`dist/third-party-licenses.txt: ${packages.length} bundled npm packages`);
}
