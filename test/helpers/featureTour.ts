// Drives every feature of the server once over JSON-RPC on one document: what the security
// tests (no network, no writes) run while they watch the server.
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { parseDocument } from '../../server/src/domain/document/parseDocument';
import { fileUri, type LspTestClient } from './lspClient';

/** Opens `path` (text `text`), asks for everything at every link and heading, edits it unsaved, closes it. */
export async function featureTour(client: LspTestClient, root: string, path: string, text: string): Promise<void> {
  const uri = fileUri(path);
  const textDocument = { uri };
  const doc = parseDocument(path, text);
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const positions = [
    ...doc.links.map((l) => l.destinationRange.start),
    ...doc.links.map((l) => l.range.start),
    ...doc.headings.map((h) => h.textRange.start),
    ...(doc.frontMatter?.tags ?? []).map((t) => t.range.start),
    { line: 0, character: 0 },
  ].slice(0, 120);
  for (const position of positions) {
    await client.request('textDocument/hover', { textDocument, position });
    await client.request('textDocument/definition', { textDocument, position });
    await client.request('textDocument/references', { textDocument, position, context: { includeDeclaration: true } });
    await client.request('textDocument/completion', { textDocument, position });
  }
  await client.request('textDocument/documentLink', { textDocument });
  await client.request('textDocument/documentSymbol', { textDocument });
  await client.request('workspace/symbol', { query: 'risk' });
  const diagnostics: Diagnostic[] = client.diagnosticsFor(path);
  await client.request('textDocument/codeAction', {
    textDocument,
    range: { start: { line: 0, character: 0 }, end: doc.endPosition },
    context: { diagnostics },
  });
  for (const heading of doc.headings.slice(0, 3)) {
    await client.request('textDocument/prepareRename', { textDocument, position: heading.textRange.start }).catch(() => undefined);
    await client.request('textDocument/rename', { textDocument, position: heading.textRange.start, newName: `${heading.text} renamed` }).catch(() => undefined);
  }
  await client.request('mqg4ai/coverage', {});
  for (const format of ['md', 'html', 'json']) await client.request('mqg4ai/coverageReport', { format, root: fileUri(root) }).catch(() => undefined);
  await client.request('workspace/willRenameFiles', { files: [{ oldUri: uri, newUri: fileUri(`${path}.moved.md`) }] }).catch(() => undefined);
  await client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: `${text}\n[typed, never saved](https://typed.example.org) [and](nowhere-typed.md)\n` }],
  });
  await client.idle();
  await client.notify('textDocument/didClose', { textDocument });
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  await client.idle();
}
