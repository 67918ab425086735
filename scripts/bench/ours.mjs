// Our language server over real JSON-RPC (node dist/server.js --stdio): cold and
// warm start, a document opened at start (its first diagnostics, hover and
// completion while the workspace indexes), edit and delete latency, request
// latency, peak memory. Prints one JSON line. Usage: node ours.mjs <workspace> <cacheDir> <openFile>
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [root, cacheDir, openFile] = process.argv.slice(2);
const uriOf = (path) => pathToFileURL(path).href;
/** URIs compare decoded: the server and Node encode characters like `(` differently. */
const sameUri = (a, b) => decodeURIComponent(a) === decodeURIComponent(b);

function markdownFiles(folder) {
  return readdirSync(folder).flatMap((name) => {
    const full = join(folder, name);
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : [];
  });
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function peakRssMb(pid) {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return hwm ? Number(hwm[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A link position in a text (for hover and completion), else the start. */
function linkPosition(text) {
  const lines = text.split(/\r?\n/);
  for (let line = 0; line < lines.length; line++) {
    const match = /\]\(([^)\s]+)/.exec(lines[line]);
    if (match) return { line, character: match.index + 3 };
  }
  return { line: 0, character: 0 };
}

/**
 * Starts the server with `openPath` opened right after `initialized` (as an editor restoring a
 * tab), and waits until every document's final diagnostics are published (the server is idle).
 * Records when the open document's first diagnostics arrived and how long a hover and a
 * completion on it took while the workspace was indexing.
 */
async function start(documentCount, openPath) {
  const child = spawn(
    process.execPath,
    [...(process.env.MQG4AI_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(projectRoot, 'dist/server.js'), '--stdio'],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map();
  const listeners = new Set();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.set(params.uri, params.diagnostics);
    for (const listener of listeners) listener(params);
  });
  if (process.env.MQG4AI_BENCH_LOG)
    connection.onNotification('window/logMessage', (p) => process.stderr.write(`   [server ${Math.round(performance.now())}] ${p.message}\n`));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const started = performance.now();
  let allPublished;
  const done = new Promise((r) => (allPublished = r));
  listeners.add(() => {
    if (published.size >= documentCount) allPublished();
  });
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf(root),
    workspaceFolders: [{ uri: uriOf(root), name: 'bench' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, window: { workDoneProgress: true } },
    initializationOptions: { storagePath: cacheDir },
  });
  await connection.sendNotification('initialized', {});
  const open = {};
  if (openPath) {
    const uri = uriOf(openPath);
    const text = readFileSync(openPath, 'utf8');
    const firstDiagnostics = new Promise((r) => listeners.add((params) => sameUri(params.uri, uri) && r()));
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const position = linkPosition(text);
    const timed = async (method, extra = {}) => {
      const t0 = performance.now();
      await connection.sendRequest(method, { textDocument: { uri }, position, ...extra });
      return { ms: performance.now() - t0, whileIndexing: published.size < documentCount };
    };
    open.hover = await timed('textDocument/hover');
    open.completion = await timed('textDocument/completion', { context: { triggerKind: 1 } });
    await firstDiagnostics;
    open.diagnosticsMs = performance.now() - started;
    open.diagnosticsWhileIndexing = published.size < documentCount;
    // The user keeps working while the workspace indexes: a hover and a completion on the open
    // document every 250 ms until every document is published (the first pair above is the cold one).
    let indexing = true;
    void done.then(() => (indexing = false));
    const during = { hover: [], completion: [] };
    while (indexing) {
      await new Promise((r) => setTimeout(r, 250));
      if (!indexing) break;
      const h = await timed('textDocument/hover');
      const c = await timed('textDocument/completion', { context: { triggerKind: 1 } });
      if (h.whileIndexing) during.hover.push(h.ms);
      if (c.whileIndexing) during.completion.push(c.ms);
    }
    const summary = (values) =>
      values.length ? { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) } : undefined;
    open.duringIndexing = { hover: summary(during.hover), completion: summary(during.completion) };
  }
  await done;
  await connection.sendRequest('mqg4ai/waitForIdle');
  return { child, connection, published, listeners, open, ms: performance.now() - started };
}

async function stop(server) {
  await server.connection.sendRequest('shutdown');
  await server.connection.sendNotification('exit');
  await new Promise((r) => server.child.once('exit', r));
  server.connection.dispose();
}

const documents = markdownFiles(root);
const result = { documents: documents.length };

// a. cold start (no cache)
const cold = await start(documents.length, openFile);
result.coldMs = cold.ms;
result.open = cold.open;

// c. edit latency: break a link in an open document, wait for its diagnostics
const editPath = documents.find((p) => /QG_.*\.md$/.test(p)) ?? documents[0];
const editUri = uriOf(editPath);
const baseText = readFileSync(editPath, 'utf8');
await cold.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: editUri, languageId: 'markdown', version: 1, text: baseText } });
await cold.connection.sendRequest('mqg4ai/waitForIdle');
const edits = [];
for (let i = 0; i < 50; i++) {
  const marker = `missing-${i}.md`;
  const seen = new Promise((resolvePromise) => {
    const listener = (params) => {
      if (sameUri(params.uri, editUri) && params.diagnostics.some((d) => d.message.includes(marker))) {
        cold.listeners.delete(listener);
        resolvePromise();
      }
    };
    cold.listeners.add(listener);
  });
  const t0 = performance.now();
  await cold.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: editUri, version: i + 2 },
    contentChanges: [{ text: `${baseText}\n[broken](./${marker})\n` }],
  });
  await seen;
  edits.push(performance.now() - t0);
}
result.editP50Ms = percentile(edits, 50);
result.editP95Ms = percentile(edits, 95);

// d. hover, definition, completion latency on link positions of a linked document
const linked = documents.find((p) => /\]\(\.\.?\//.test(readFileSync(p, 'utf8'))) ?? editPath;
const lines = readFileSync(linked, 'utf8').split(/\r?\n/);
const positions = [];
lines.forEach((line, number) => {
  for (const match of line.matchAll(/\]\(([^)\s]+)/g)) positions.push({ line: number, character: match.index + 3 });
});
const latency = async (method, extra = {}) => {
  const times = [];
  for (let i = 0; i < 100; i++) {
    const position = positions[i % positions.length];
    const t0 = performance.now();
    await cold.connection.sendRequest(method, { textDocument: { uri: uriOf(linked) }, position, ...extra });
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
};
await cold.connection.sendNotification('textDocument/didOpen', {
  textDocument: { uri: uriOf(linked), languageId: 'markdown', version: 1, text: lines.join('\n') },
});
await cold.connection.sendRequest('mqg4ai/waitForIdle');
result.hover = await latency('textDocument/hover');
result.definition = await latency('textDocument/definition');
result.completion = await latency('textDocument/completion', { context: { triggerKind: 1 } });

// c'. a file deleted: until all its dependants are re-validated
const target = documents.find((p) => p.endsWith('Application.md')) ?? documents[1];
const moved = `${target}.bench-moved`;
renameSync(target, moved);
const t0 = performance.now();
await cold.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(target), type: 3 }] });
await cold.connection.sendRequest('mqg4ai/waitForIdle');
result.deleteMs = performance.now() - t0;
renameSync(moved, target);
await cold.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(target), type: 1 }] });
// waitForIdle does not cover a file event still being handled: wait until the file is indexed again,
// so the cache written at shutdown describes the workspace as it is (else the warm start re-validates).
while ((await cold.connection.sendRequest('mqg4ai/serverInfo', {})).documents < documents.length) await new Promise((r) => setTimeout(r, 20));
await cold.connection.sendRequest('mqg4ai/waitForIdle');

result.peakRssMb = peakRssMb(cold.child.pid);
await stop(cold);

// b. warm start: same workspace, with the cache the first run saved at shutdown
const warm = await start(documents.length, openFile);
result.warmMs = warm.ms;
result.warmPeakRssMb = peakRssMb(warm.child.pid);
await stop(warm);

console.log(JSON.stringify(result));
