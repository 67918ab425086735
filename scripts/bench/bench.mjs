// `npm run bench`: our server against VS Code's Markdown language service, side by
// side, on generated workspaces of about 200, 2,000 and 10,000 documents.
// Prints a table and writes bench-results/results.json. Not a test: nothing fails.
// Options: --sizes 200,2000 (default 200,2000,10000).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** A quality gate of the last copy (the one indexing reaches last): the document opened at start. */
function documentToOpen(workspace) {
  const copies = readdirSync(workspace.path)
    .filter((n) => n.startsWith('copy'))
    .sort();
  const walk = (folder) =>
    readdirSync(folder).flatMap((name) => {
      const full = join(folder, name);
      return statSync(full).isDirectory() ? walk(full) : /^QG_.*\.md$/.test(name) ? [full] : [];
    });
  const last = join(workspace.path, copies[copies.length - 1] ?? '');
  return walk(last).sort()[0] ?? walk(workspace.path)[0];
}

const results = [];
for (const size of sizes) {
  const workspace = generateWorkspace(size);
  const openFile = documentToOpen(workspace);
  process.stderr.write(`\n== ${workspace.documents} documents (${workspace.copies} copies of the ${workspace.source}) in ${workspace.path}\n`);
  process.stderr.write('   peer: vscode-markdown-languageservice + markdown-it ...\n');
  const peer = runJson('peer.mjs', [workspace.path, openFile]);
  process.stderr.write('   ours: dist/server.js over JSON-RPC ...\n');
  const cacheDir = mkdtempSync(join(tmpdir(), 'mqg4ai-bench-cache-'));
  const ours = runJson('ours.mjs', [workspace.path, cacheDir, openFile]);
  rmSync(cacheDir, { recursive: true, force: true });
  results.push({ documents: workspace.documents, source: workspace.source, peer, ours });
}

const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
const ms = (v) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
// Every figure of ours with its ratio to the peer's in the same run. The peer has no index:
// its open-document figures are from its own start, and its warm start is its cold one.
const rows = [
  [
    'documents',
    'peer: all diagnostics',
    'cold (ratio)',
    'warm (ratio)',
    'open doc: diagnostics (ratio)',
    'hover while indexing (vs peer definition)',
    'completion while indexing (ratio)',
    'hover / completion p95 during indexing',
    'edit p50 / p95 (ratios)',
    'delete',
    'peak RSS (ratio)',
  ],
];
for (const { documents, peer, ours } of results) {
  const open = ours.open ?? {};
  rows.push([
    String(documents),
    `${ms(peer.ms)}, ${Math.round(peer.peakRssMb)} MB`,
    `${ms(ours.coldMs)} (${ratio(ours.coldMs, peer.ms)})`,
    `${ms(ours.warmMs)} (${ratio(ours.warmMs, peer.ms)})`,
    `${ms(open.diagnosticsMs)} (${ratio(open.diagnosticsMs, peer.open.diagnosticsMs)})${open.diagnosticsWhileIndexing ? '' : ' after indexing'}`,
    `${ms(open.hover.ms)} (${ratio(open.hover.ms, peer.open.definitionMs)})${open.hover.whileIndexing ? '' : ' after indexing'}`,
    `${ms(open.completion.ms)} (${ratio(open.completion.ms, peer.open.completionMs)})${open.completion.whileIndexing ? '' : ' after indexing'}`,
    open.duringIndexing?.hover
      ? `${ms(open.duringIndexing.hover.p95)} / ${ms(open.duringIndexing.completion?.p95 ?? 0)} (${open.duringIndexing.hover.count} each, max ${ms(open.duringIndexing.hover.max)})`
      : 'n/a',
    `${ms(ours.editP50Ms)} / ${ms(ours.editP95Ms)} (${ratio(ours.editP50Ms, peer.open.editP50Ms)} / ${ratio(ours.editP95Ms, peer.open.editP95Ms)})`,
    ms(ours.deleteMs),
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
