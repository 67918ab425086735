// The peer: VS Code's own Markdown language service (npm vscode-markdown-languageservice
// with a markdown-it parser) computing link diagnostics for every document of a
// workspace, as VS Code's built-in validator does. Run as its own process so its
// peak memory is measured alone. Prints one JSON line.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { createLanguageService, githubSlugifier, DiagnosticLevel } from 'vscode-markdown-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource, Emitter } from 'vscode-languageserver';
import { URI, Utils } from 'vscode-uri';

const root = process.argv[2];
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
let diagnostics = 0;
for (const path of paths) {
  const doc = await open(URI.file(path));
  diagnostics += (await service.computeDiagnostics(doc, options, token)).length;
}
const ms = performance.now() - started;
const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
console.log(JSON.stringify({ ms, documents: paths.length, diagnostics, peakRssMb: hwm ? Number(hwm[1]) / 1024 : process.memoryUsage().rss / 1024 / 1024 }));
service.dispose();
void Utils;
