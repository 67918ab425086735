// Parsing under a budget, over JSON-RPC: while a hostile document is parsed, requests on other
// documents are answered; the hostile document gets `file.slow`. (Unbounded, the 360 KB of quotes
// below take micromark minutes, twice: the test's timeout is the bound, not a wall-clock assertion.) Two shapes: blank-line-separated
// block quotes (micromark is quadratic in their number: 100 KB took minutes), read without their
// quote structure; and any Markdown whose parse runs far past limits.parseTimeBudgetMs, stopped
// in its worker. And a document opened in the editor is parsed off the server's thread too: a
// hover on another document is answered while it is still being parsed.
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { makeWorkspace, positionOf } from '../helpers/workspace';

const A = '# A\n\nThe golden set is frozen.\n\n[quotes](quotes.md) [prose](prose.md)\n';
const QUOTES = '# Quotes\n\n' + '> a quoted line [back](a.md)\n\n'.repeat(12_000);

describe('protocol: a hostile document is parsed under a budget', function () {
  this.timeout(120_000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: LspTestClient | undefined;

  before(async () => {
    ws = makeWorkspace({ 'a.md': A, 'gloss.md': '# Glossary\n\n## Definition Golden Set\nThe frozen test data.\n' });
    client = await LspTestClient.start([ws.root]);
  });
  after(async () => {
    await client?.stop();
    ws.cleanup();
  });

  const hoverOnA = async () => {
    const hover = await client!.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: fileUri(ws.path('a.md')) },
      position: positionOf(A, 'golden', 1),
    });
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
  };

  it('block quotes by the thousand: a hover on another document answers, the file gets file.slow', async () => {
    // Created on disk (parsed through the index's parser) and opened (parsed for the editor).
    ws.write('quotes.md', QUOTES);
    await client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(ws.path('quotes.md')), type: 1 }] });
    await client!.notify('textDocument/didOpen', { textDocument: { uri: fileUri(ws.path('quotes.md')), languageId: 'markdown', version: 1, text: QUOTES } });
    assert.match(await hoverOnA(), /The frozen test data/);
    const found = await client!.waitForDiagnostics(ws.path('quotes.md'), (d) => d.some((x) => x.code === 'file.slow'), 60_000);
    assert.match(found.find((d) => d.code === 'file.slow')!.message, /12000 separate block quotes or lists/);
    // Links in the quotes are still read: none is broken, and a.md counts as linked.
    assert.deepEqual(
      found.map((d) => d.code),
      ['file.slow'],
    );
  });

  it('an open document the pre-scan lets through is parsed in a worker: a hover on another open document answers before its parse ends', async () => {
    // One line of 100,000 nested quote markers: one container for the pre-scan, quadratic for micromark (minutes).
    const NESTED = `# Nested\n\n${'>'.repeat(100_000)} a [back](a.md)\n`;
    ws.write('.mqg4ai.yaml', 'limits:\n  parseTimeBudgetMs: 500\n');
    await client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(ws.path('.mqg4ai.yaml')), type: 1 }] });
    await client!.idle();
    await client!.notify('textDocument/didOpen', { textDocument: { uri: fileUri(ws.path('a.md')), languageId: 'markdown', version: 1, text: A } });
    const from = client!.logs.length;
    const parseLogs = () => client!.logs.slice(from).filter((line) => line.includes('nested.md') && /Parsing/.test(line));
    await client!.notify('textDocument/didOpen', { textDocument: { uri: fileUri(ws.path('nested.md')), languageId: 'markdown', version: 1, text: NESTED } });
    const hover = await hoverOnA();
    // The order of events, not a time: the hover's answer came before the hostile parse ended (it logs when it does).
    assert.deepEqual(parseLogs(), [], 'the hover waited for the hostile parse');
    assert.match(hover, /The frozen test data/);
    const found = await client!.waitForDiagnostics(ws.path('nested.md'), (d) => d.some((x) => x.code === 'file.slow'), 90_000);
    assert.match(found.find((d) => d.code === 'file.slow')!.message, /Parsing this file (was stopped after|took) \d+ ms/);
    assert.equal(parseLogs().length, 1, parseLogs().join('\n'));
    // The server is alive, and the document stays open with what is known of it.
    assert.match(await hoverOnA(), /The frozen test data/);
    await client!.notify('textDocument/didClose', { textDocument: { uri: fileUri(ws.path('nested.md')) } });
    await client!.notify('textDocument/didClose', { textDocument: { uri: fileUri(ws.path('a.md')) } });
  });

  it('a parse far over limits.parseTimeBudgetMs is stopped: file.slow, and the server answers meanwhile', async () => {
    ws.write('.mqg4ai.yaml', 'limits:\n  parseTimeBudgetMs: 1\n');
    await client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(ws.path('.mqg4ai.yaml')), type: 1 }] });
    await client!.idle();
    // Large enough for the worker on any machine (64 KB and up), slow enough to pass 10 ms.
    ws.write('prose.md', `# Prose\n\n${'Some words, [a link](a.md) and *emphasis* in a paragraph.\n\n'.repeat(6000)}`);
    await client!.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(ws.path('prose.md')), type: 1 }] });
    assert.match(await hoverOnA(), /The frozen test data/);
    const found = await client!.waitForDiagnostics(ws.path('prose.md'), (d) => d.some((x) => x.code === 'file.slow'), 60_000);
    const slow = found.find((d) => d.code === 'file.slow')!;
    // Stopped in its worker; or, when this thread was busy past the stop (a loaded machine), the
    // worker's complete model came first and is kept: either way over budget, reported.
    assert.match(slow.message, /Parsing this file (was stopped after|took) \d+ ms/);
    // Its anchors cannot be judged, so links into it are not reported broken.
    assert.ok(!client!.diagnosticsFor(ws.path('a.md')).some((d) => String(d.code).startsWith('link.')));
  });
});
