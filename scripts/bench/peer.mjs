// The peer: VS Code's own Markdown language service (npm vscode-markdown-languageservice
// with a markdown-it parser) computing link diagnostics for every document of a
// workspace, as VS Code's built-in validator does. Run as its own process so its
// peak memory is measured alone. First, as an editor opening a document at start:
// that document's diagnostics, then a definition and a completion on it (the peer
// has no hover on links; definition is its nearest request). Prints one JSON line.
// Usage: node peer.mjs <workspace> <openFile>
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { createLanguageService, githubSlugifier, DiagnosticLevel } from 'vscode-markdown-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource, Emitter } from 'vscode-languageserver';
import { URI, Utils } from 'vscode-uri';

const [root, openFile] = process.argv.slice(2);
const md = new MarkdownIt({ html: true });
const parser = { slugifier: githubSlugifier, tokenize: async (doc) => md.parse(doc.getText(), {}) };

async function walk(folder) {
  const out = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.name.endsWith('.md')) out.push(full);
  }
  return out;
}

const started = performance.now();
const paths = await walk(root);
const cache = new Map();
const open = async (uri) => {
  const key = uri.toString();
  if (cache.has(key)) return cache.get(key);
  try {
    const doc = TextDocument.create(key, 'markdown', 1, await readFile(uri.fsPath, 'utf8'));
    cache.set(key, doc);
    return doc;
  } catch {
    return undefined;
  }
};
const workspace = {
  workspaceFolders: [URI.file(root)],
  onDidChangeMarkdownDocument: new Emitter().event,
  onDidCreateMarkdownDocument: new Emitter().event,
  onDidDeleteMarkdownDocument: new Emitter().event,
  getAllMarkdownDocuments: async () => Promise.all(paths.map((p) => open(URI.file(p)))),
  hasMarkdownDocument: (uri) => uri.fsPath.endsWith('.md'),
  openMarkdownDocument: open,
  stat: async (uri) => {
    try {
      const s = await stat(uri.fsPath);
      return { isDirectory: s.isDirectory() };
    } catch {
      return undefined;
    }
  },
  readDirectory: async (uri) => (await readdir(uri.fsPath, { withFileTypes: true })).map((e) => [e.name, { isDirectory: e.isDirectory() }]),
};
const logger = { level: 0, log() {} };
const service = createLanguageService({ workspace, parser, logger });
const options = {
  validateReferences: DiagnosticLevel.warning,
  validateFragmentLinks: DiagnosticLevel.warning,
  validateFileLinks: DiagnosticLevel.warning,
  validateMarkdownFileLinkFragments: DiagnosticLevel.warning,
  validateUnusedLinkDefinitions: DiagnosticLevel.ignore,
  validateDuplicateLinkDefinitions: DiagnosticLevel.ignore,
  ignoreLinks: [],
};
const token = new CancellationTokenSource().token;
const opened = {};
if (openFile) {
  const doc = await open(URI.file(openFile));
  await service.computeDiagnostics(doc, options, token);
  opened.diagnosticsMs = performance.now() - started;
  const lines = doc.getText().split(/\r?\n/);
  const line = Math.max(
    0,
    lines.findIndex((l) => /\]\([^)\s]+/.test(l)),
  );
  const position = { line, character: (/\]\([^)\s]+/.exec(lines[line])?.index ?? -3) + 3 };
  let t0 = performance.now();
  await service.getDefinition(doc, position, token);
  opened.definitionMs = performance.now() - t0;
  t0 = performance.now();
  await service.getCompletionItems(doc, position, {}, token);
  opened.completionMs = performance.now() - t0;
}
let diagnostics = 0;
for (const path of paths) {
  const doc = await open(URI.file(path));
  diagnostics += (await service.computeDiagnostics(doc, options, token)).length;
}
const ms = performance.now() - started;
// Edits: the open document with a new broken link each time, re-validated.
if (openFile) {
  const base = (await open(URI.file(openFile))).getText();
  const edits = [];
  for (let i = 0; i < 50; i++) {
    const doc = TextDocument.create(URI.file(openFile).toString(), 'markdown', i + 2, `${base}\n[broken](./missing-${i}.md)\n`);
    cache.set(doc.uri, doc);
    const t0 = performance.now();
    await service.computeDiagnostics(doc, options, token);
    edits.push(performance.now() - t0);
  }
  edits.sort((a, b) => a - b);
  opened.editP50Ms = edits[Math.floor(edits.length * 0.5)];
  opened.editP95Ms = edits[Math.min(edits.length - 1, Math.floor(edits.length * 0.95))];
}
const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
console.log(
  JSON.stringify({ ms, open: opened, documents: paths.length, diagnostics, peakRssMb: hwm ? Number(hwm[1]) / 1024 : process.memoryUsage().rss / 1024 / 1024 }),
);
service.dispose();
void Utils;
