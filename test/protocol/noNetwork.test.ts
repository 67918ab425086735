// No network access, ever: the bundled server runs with a preload that makes every socket
// connect, DNS lookup, HTTP(S) request, fetch and child process throw and be recorded
// (test/helpers/noNetwork.cjs), and every feature is driven over JSON-RPC, on documents full of
// web links. Nothing may be recorded. See docs/security.md.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { copyFixture } from '../helpers/fixtures';
import { featureTour } from '../helpers/featureTour';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { positionOf } from '../helpers/workspace';

const PRELOAD = resolve(__dirname, '../helpers/noNetwork.cjs');

const WEB = `---
tags: [{Name: Web}, {Intent: Overview}]
---
# Web links

Evidence lives at [the vendor](https://vendor.example.com/manual.pdf#page=3), [plain http](http://10.0.0.1:8080/x),
<https://autolink.example.org/a>, [mail](mailto:qa@example.org), [protocol-relative](//cdn.example.net/lib.js),
[ftp](ftp://files.example.org/x), [bad url](https://), [ipv6](http://[::1]:9/),
![remote image](https://images.example.org/i.png) and [local](README.md#pneumotriage-quality-gate-assessment-test-fixture).

[ref]: https://reference.example.org/doc "A reference"

See [the reference][ref] and [the risk register](3_RiskManagement/AI_RiskManagement.md).

ALTAI:
> Did you assess whether the AI system could cause harm?
`;

describe('protocol: the server never opens a network connection (preload fails and records any socket)', function () {
  this.timeout(60000);
  let fixture: ReturnType<typeof copyFixture>;
  let logDir: string;
  let log: string;
  let client: LspTestClient | undefined;

  before(() => {
    fixture = copyFixture('sample-assessment');
    writeFileSync(join(fixture.root, 'Web.md'), WEB);
    logDir = mkdtempSync(join(tmpdir(), 'mqg4ai-net-'));
    log = join(logDir, 'attempts.log');
  });
  after(async () => {
    await client?.stop();
    fixture.cleanup();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('the preload itself catches a socket, a DNS lookup, an HTTP request, fetch and a child process', () => {
    const probe = join(logDir, 'probe.log');
    const script = [
      "for (const f of [() => require('net').connect(80, 'example.org'), () => new (require('net').Socket)().connect(80, 'x'), () => require('dns').lookup('example.org', () => {}),",
      "  () => require('https').get('https://example.org'), () => require('tls').connect(443, 'example.org'), () => require('child_process').execSync('true')]) { try { f(); } catch {} }",
      "fetch('https://example.org').catch(() => {});",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--require', PRELOAD, '-e', script], { env: { ...process.env, MQG4AI_NET_LOG: probe }, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const lines = readFileSync(probe, 'utf8')
      .split('\n')
      .filter((l) => /^[a-z_.#]+ /i.test(l));
    assert.deepEqual(
      lines.map((l) => l.split(' ')[0]),
      ['net.connect', 'net.Socket#connect', 'dns.lookup', 'https.get', 'tls.connect', 'child_process.execSync', 'fetch'],
    );
  });

  it('drives every feature over JSON-RPC with web links everywhere, and no connection is attempted', async () => {
    const storage = join(logDir, 'storage');
    client = await LspTestClient.start([fixture.root], {
      nodeArgs: ['--require', PRELOAD],
      // One parse worker, so worker threads run under the preload too.
      env: { ...process.env, MQG4AI_NET_LOG: log, MQG4AI_PARSE_WORKERS: '1' },
      settings: { externalLinks: 'syntax' },
      initializationOptions: { storagePath: storage, trusted: true },
      // Progress is requested from the client, which refuses it here (no handler): indexing goes on regardless.
      capabilities: { window: { workDoneProgress: true } },
    });
    const web = join(fixture.root, 'Web.md');
    const uri = fileUri(web);
    const at = (needle: string, offset = 2) => positionOf(WEB, needle, offset);
    const textDocument = { uri };

    // Diagnostics: the invalid URL is reported from its syntax alone (never fetched).
    const diagnostics = client.diagnosticsFor(web);
    assert.deepEqual(
      diagnostics.map((d) => d.code).filter((c) => c !== 'doc.orphan'),
      ['link.invalid-url'],
    );

    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: WEB } });
    for (const needle of [
      'vendor.example',
      'http://10.0.0.1',
      'autolink.example',
      'mailto:',
      '//cdn.example',
      'reference.example',
      '[the reference]',
      'README.md#p',
    ]) {
      await client.request('textDocument/hover', { textDocument, position: at(needle) });
      await client.request('textDocument/definition', { textDocument, position: at(needle) });
      await client.request('textDocument/references', { textDocument, position: at(needle), context: { includeDeclaration: true } });
    }
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument, position: at('vendor.example') });
    assert.match(hover.contents.value, /External link, not checked/);
    await client.request('textDocument/completion', { textDocument, position: at('README.md#', 10) });
    await client.request('textDocument/completion', { textDocument, position: at('Did you assess', 0) });
    await client.request('textDocument/documentLink', { textDocument });
    await client.request('textDocument/documentSymbol', { textDocument });
    await client.request('workspace/symbol', { query: 'risk' });
    await client.request('textDocument/codeAction', {
      textDocument,
      range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
      context: { diagnostics },
    });
    await client.request('textDocument/prepareRename', { textDocument, position: at('# Web', 2) }).catch(() => undefined);
    await client.request('textDocument/rename', { textDocument, position: at('# Web', 2), newName: 'Web pages' }).catch(() => undefined);
    assert.ok((await client.request<unknown[]>('mqg4ai/coverage', {})).length > 0);
    for (const format of ['md', 'html', 'json']) await client.request('mqg4ai/coverageReport', { format, root: fileUri(fixture.root) });
    await client.request('workspace/willRenameFiles', { files: [{ oldUri: uri, newUri: fileUri(join(fixture.root, 'Web2.md')) }] }).catch(() => undefined);

    // Every feature at every link and heading of a corpus-like document too.
    const readme = join(fixture.root, 'README.md');
    await featureTour(client, fixture.root, readme, readFileSync(readme, 'utf8'));

    // Edits and file events: a new web link typed in, a file created.
    await client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: `${WEB}\n[new](https://new.example.org/p)\n` }],
    });
    writeFileSync(join(fixture.root, 'More.md'), '# More\n\n[x](https://more.example.org)\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(fixture.root, 'More.md')), type: 1 }] });
    await client.idle();
    await client.request('textDocument/hover', { textDocument, position: positionOf(`${WEB}\n[new](https://new.example.org/p)\n`, 'new.example', 2) });

    const attempts = readFileSync(log, 'utf8');
    assert.equal(attempts, '', `network or process use recorded:\n${attempts}`);
    assert.ok(!client.logs.some((l) => /network access denied/.test(l)), client.logs.join('\n'));
  });
});
