// `npm run bench`: our server against VS Code's Markdown language service, side by
// side, on generated workspaces of about 200, 2,000 and 10,000 documents.
// Prints a table and writes bench-results/results.json. Not a test: nothing fails.
// Options: --sizes 200,2000 (default 200,2000,10000).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '../..');
const sizesArg =
  process.argv.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length) ??
  (process.argv.includes('--sizes') ? process.argv[process.argv.indexOf('--sizes') + 1] : undefined);
const sizes = (sizesArg ?? '200,2000,10000').split(',').map(Number);

const runJson = (script, args) =>
  JSON.parse(
    execFileSync(process.execPath, [join(here, script), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] })
      .trim()
      .split('\n')
      .pop(),
  );

const results = [];
for (const size of sizes) {
  const workspace = generateWorkspace(size);
  process.stderr.write(`\n== ${workspace.documents} documents (${workspace.copies} copies of the ${workspace.source}) in ${workspace.path}\n`);
  process.stderr.write('   peer: vscode-markdown-languageservice + markdown-it ...\n');
  const peer = runJson('peer.mjs', [workspace.path]);
  process.stderr.write('   ours: dist/server.js over JSON-RPC ...\n');
  const cacheDir = mkdtempSync(join(tmpdir(), 'mqg4ai-bench-cache-'));
  const ours = runJson('ours.mjs', [workspace.path, cacheDir]);
  rmSync(cacheDir, { recursive: true, force: true });
  results.push({ documents: workspace.documents, source: workspace.source, peer, ours });
}

const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
const ms = (v) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
const rows = [
  [
    'documents',
    'peer diagnostics',
    'cold (ratio)',
    'warm (ratio)',
    'edit p50/p95',
    'delete',
    'hover p95',
    'definition p95',
    'completion p95',
    'peak RSS (ratio)',
  ],
];
for (const { documents, peer, ours } of results) {
  rows.push([
    String(documents),
    `${ms(peer.ms)}, ${Math.round(peer.peakRssMb)} MB`,
    `${ms(ours.coldMs)} (${ratio(ours.coldMs, peer.ms)})`,
    `${ms(ours.warmMs)} (${ratio(ours.warmMs, peer.ms)})`,
    `${ms(ours.editP50Ms)} / ${ms(ours.editP95Ms)}`,
    ms(ours.deleteMs),
    ms(ours.hover.p95),
    ms(ours.definition.p95),
    ms(ours.completion.p95),
    `${Math.round(ours.peakRssMb)} MB (${ratio(ours.peakRssMb, peer.peakRssMb)})`,
  ]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log(rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')).join('\n'));

const machine = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memoryGb: Math.round(totalmem() / 2 ** 30),
};
mkdirSync(join(projectRoot, 'bench-results'), { recursive: true });
writeFileSync(join(projectRoot, 'bench-results/results.json'), `${JSON.stringify({ machine, results }, null, 2)}\n`);
console.log(`\nJSON: ${join(projectRoot, 'bench-results/results.json')}`);
