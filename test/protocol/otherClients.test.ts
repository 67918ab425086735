// Behaviour that follows the client's declared capabilities (issue: a language server for every
// editor): settings pushed with didChangeConfiguration or passed in initializationOptions by
// clients that cannot be asked, diagnostics under the URI spelling the client opened, and
// mqg4ai/* requests with params encoded as an array or left out.
import assert from 'node:assert/strict';
import { LspTestClient } from '../helpers/lspClient';
import { makeWorkspace } from '../helpers/workspace';

const GATE = '# Gate\n\n[gone](gone.md)\n';

describe('protocol: clients without workspace/configuration (Neovim, Helix, eglot)', function () {
  this.timeout(60000);
  const ws = makeWorkspace({ 'Tree/2_Lifecycle/QG_A_(Lifecycle).md': GATE });
  let client: LspTestClient | undefined;
  afterEach(async () => client?.stop());
  after(() => ws.cleanup());
  const codes = () => client!.diagnosticsFor(ws.path('Tree/2_Lifecycle/QG_A_(Lifecycle).md')).map((d) => String(d.code));

  it('applies settings pushed with workspace/didChangeConfiguration, nested or dotted', async () => {
    client = await LspTestClient.start([ws.root], { capabilities: { workspace: { configuration: false } } });
    assert.ok(codes().includes('link.missing-file'));
    await client.notify('workspace/didChangeConfiguration', { settings: { mqg4ai: { rules: { 'link.missing-file': 'off' } } } });
    await client.waitForDiagnostics(ws.path('Tree/2_Lifecycle/QG_A_(Lifecycle).md'), (d) => !d.some((x) => x.code === 'link.missing-file'));
    await client.notify('workspace/didChangeConfiguration', { settings: { 'mqg4ai.rules': { 'link.missing-file': 'warning' } } });
    const back = await client.waitForDiagnostics(ws.path('Tree/2_Lifecycle/QG_A_(Lifecycle).md'), (d) => d.some((x) => x.code === 'link.missing-file'));
    assert.equal(back.find((d) => d.code === 'link.missing-file')!.severity, 2, 'a warning now');
  });

  it('takes settings from initializationOptions before any push', async () => {
    client = await LspTestClient.start([ws.root], {
      capabilities: { workspace: { configuration: false } },
      initializationOptions: { settings: { mqg4ai: { rules: { 'link.missing-file': 'off' } } } },
    });
    assert.ok(!codes().includes('link.missing-file'));
  });

  it('publishes an open document’s diagnostics under the URI spelling the client used', async () => {
    client = await LspTestClient.start([ws.root]);
    // Neovim does not percent-encode parentheses; VS Code does.
    const unencoded = `file://${ws.path('Tree/2_Lifecycle/QG_A_(Lifecycle).md')}`;
    assert.ok(unencoded.includes('('));
    await client.notify('textDocument/didOpen', {
      textDocument: { uri: unencoded, languageId: 'markdown', version: 1, text: `${GATE}\n[also](also-gone.md)\n` },
    });
    await client.waitForDiagnostics(ws.path('Tree/2_Lifecycle/QG_A_(Lifecycle).md'), (d) => d.filter((x) => x.code === 'link.missing-file').length === 2);
    assert.ok(client.publishedUris.has(unencoded), [...client.publishedUris].join('\n'));
  });

  it('answers mqg4ai/* requests whose params are an array or absent', async () => {
    client = await LspTestClient.start([ws.root]);
    const asArray = await client.connection.sendRequest('mqg4ai/coverage', []);
    const absent = await client.connection.sendRequest('mqg4ai/coverage');
    assert.ok(Array.isArray(asArray) && Array.isArray(absent));
    assert.deepEqual(asArray, absent);
    assert.ok(!client.logs.some((l) => /TypeError|isCancellationRequested/.test(l)), client.logs.join('\n'));
  });

  it('repeats a broken link’s message in the hover unless the client shows diagnostics in hovers itself (VS Code)', async () => {
    const hoverText = async () => {
      const hover = await client!.request<{ contents: { value: string } }>('textDocument/hover', {
        textDocument: { uri: `file://${ws.path('Tree/2_Lifecycle/QG_A_(Lifecycle).md')}` },
        position: { line: 2, character: 9 },
      });
      return hover.contents.value;
    };
    client = await LspTestClient.start([ws.root]);
    assert.match(await hoverText(), /Broken link[\s\S]*File not found/);
    await client.stop();
    client = await LspTestClient.start([ws.root], { initializationOptions: { hoverShowsDiagnostics: true } });
    const text = await hoverText();
    assert.match(text, /Broken link/);
    assert.doesNotMatch(text, /File not found/);
  });
});
