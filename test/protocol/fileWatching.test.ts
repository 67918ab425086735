// Files created or deleted on disk reach the index whoever watches them: the client (dynamic
// registration of workspace/didChangeWatchedFiles, as VS Code does) or, for clients that cannot
// (Neovim 0.7), the server itself (issue 19).
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { LspTestClient } from '../helpers/lspClient';
import { makeWorkspace } from '../helpers/workspace';
import type { ServerInfo } from '../../protocol/protocol';

const GATE = 'Tree/2_Lifecycle/QG_A_(Lifecycle).md';
const GATE_TEXT = '# Gate A\n\n[later](later.md) and [kept](kept.md)\n';
const NO_WATCHING = { workspace: { didChangeWatchedFiles: { dynamicRegistration: false } } };

/** Asks until the server reports who watches the files (the server's watcher finishes its first scan after indexing). */
async function fileWatching(client: LspTestClient, expected: ServerInfo['fileWatching']): Promise<void> {
  for (;;) {
    const info = await client.request<ServerInfo>('mqg4ai/serverInfo', {});
    if (info.fileWatching === expected) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('protocol: file watching by the server for clients without file watchers', function () {
  this.timeout(60000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: LspTestClient | undefined;
  beforeEach(() => {
    ws = makeWorkspace({ [GATE]: GATE_TEXT, 'Tree/2_Lifecycle/kept.md': '# Kept\n', 'node_modules/x/README.md': '# x\n' });
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.cleanup();
  });
  const missing = () => client!.diagnosticsFor(ws.path(GATE)).filter((d) => d.code === 'link.missing-file');

  it('sees a file created on disk: the missing-file error clears', async () => {
    client = await LspTestClient.start([ws.root], { capabilities: NO_WATCHING });
    await fileWatching(client, 'server');
    assert.deepEqual(
      missing().map((d) => d.message.includes('later.md')),
      [true],
    );
    writeFileSync(ws.path('Tree/2_Lifecycle/later.md'), '# Later\n');
    await client.waitForDiagnostics(ws.path(GATE), (d) => !d.some((x) => x.code === 'link.missing-file'));
  });

  it('sees a file deleted on disk, and a folder created with files in it', async () => {
    client = await LspTestClient.start([ws.root], { capabilities: NO_WATCHING });
    await fileWatching(client, 'server');
    rmSync(ws.path('Tree/2_Lifecycle/kept.md'));
    await client.waitForDiagnostics(ws.path(GATE), (d) => d.filter((x) => x.code === 'link.missing-file').length === 2);
    // A new folder: its Markdown is indexed and validated (a broken link in it is reported).
    mkdirSync(ws.path('Tree/2_Lifecycle/New'));
    writeFileSync(ws.path('Tree/2_Lifecycle/New/QG_B_(Lifecycle).md'), '# Gate B\n\n[x](nowhere.md)\n');
    await client.waitForDiagnostics(ws.path('Tree/2_Lifecycle/New/QG_B_(Lifecycle).md'), (d) => d.some((x) => x.code === 'link.missing-file'));
  });

  it('watches the remaining folders afresh after a workspace folder is removed', async () => {
    const other = makeWorkspace({ 'b.md': '# B\n\n[gone](gone.md)\n' });
    try {
      client = await LspTestClient.start([ws.root, other.root], { capabilities: NO_WATCHING });
      await fileWatching(client, 'server');
      await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: `file://${other.root}`, name: 'b' }] } });
      // The remaining folder is watched again (a fresh watcher over the new folder list).
      await client.idle();
      await fileWatching(client, 'server');
      const info = await client.request<ServerInfo>('mqg4ai/serverInfo', {});
      assert.deepEqual(info.roots, [ws.root]);
      writeFileSync(ws.path('Tree/2_Lifecycle/later.md'), '# Later\n');
      await client.waitForDiagnostics(ws.path(GATE), (d) => !d.some((x) => x.code === 'link.missing-file'));
    } finally {
      other.cleanup();
    }
  });

  it('a request that needs the whole index sees the files announced before it', async () => {
    client = await LspTestClient.start([ws.root]);
    await client.idle();
    const created = ws.path('Tree/2_Lifecycle/QG_New_(Lifecycle).md');
    writeFileSync(created, '# Brand New Gate\n');
    // No waiting between the notification and the request: the request must not overtake the event.
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${created}`, type: 1 }] });
    const symbols = await client.request<Array<{ name: string; location: { uri: string } }>>('workspace/symbol', { query: 'Brand New' });
    assert.ok(
      symbols.some((s) => s.location.uri.endsWith('QG_New_(Lifecycle).md') || decodeURIComponent(s.location.uri).endsWith('QG_New_(Lifecycle).md')),
      JSON.stringify(symbols),
    );
  });

  it('leaves watching to a client that registers file watchers', async () => {
    client = await LspTestClient.start([ws.root]);
    const info = await client.request<ServerInfo>('mqg4ai/serverInfo', {});
    assert.equal(info.fileWatching, 'client');
    assert.ok(!client.logs.some((l) => l.includes('for changes on disk')), client.logs.join('\n'));
    // The client's notification is what the index follows.
    writeFileSync(ws.path('Tree/2_Lifecycle/later.md'), '# Later\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${ws.path('Tree/2_Lifecycle/later.md')}`, type: 1 }] });
    await client.waitForDiagnostics(ws.path(GATE), (d) => !d.some((x) => x.code === 'link.missing-file'));
  });
});
