// docs/architecture.md, "Open documents first": while a large workspace is indexing, the documents
// indexing has stored publish their (early) diagnostics batch by batch, not all at the end; the
// full validation after indexing then publishes every document again.
import assert from 'node:assert/strict';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { generatedGates } from '../helpers/generatedGates';
import { makeWorkspace } from '../helpers/workspace';

const DOCUMENTS = 2000;
const BROKEN_EVERY = 50;
/** Documents indexing reads and stores together (READ_CONCURRENCY in workspaceIndex.ts). */
const BATCH = 16;

describe('protocol: diagnostics are published progressively while a large workspace is indexing', function () {
  this.timeout(180000);
  let client: LspTestClient | undefined;
  const ws = makeWorkspace(generatedGates(DOCUMENTS, BROKEN_EVERY));
  after(async () => {
    await client?.stop();
    ws.cleanup();
  });

  it(`documents of a ${DOCUMENTS}-document workspace get diagnostics before indexing ends, right ones, and the full ones after`, async () => {
    client = await LspTestClient.start([ws.root], { waitForIdle: false });
    const gateOf = new Map<string, number>();
    for (let i = 0; i < DOCUMENTS; i++) gateOf.set(decodeURIComponent(fileUri(ws.path(`gates/QG_${i}.md`))), i);
    const gate = (uri: string) => gateOf.get(decodeURIComponent(uri));

    // While indexing: the first gate's diagnostics arrive while the index does not hold every document yet.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (client!.events.some((e) => e.kind === 'diagnostics' && gate(e.uri) !== undefined)) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
    });
    const info = await client.request<{ documents: number }>('mqg4ai/serverInfo', {});
    assert.ok(info.documents < DOCUMENTS, `the index held ${info.documents} of ${DOCUMENTS} documents after the first publication`);
    assert.equal((await client.idle()).documents, DOCUMENTS);

    const events = client.events;
    const indexedAt = events.findIndex((e) => e.kind === 'log' && /^Indexed \d+ files/.test(e.message));
    assert.ok(indexedAt >= 0, 'indexing logs its end');
    const published = (from: number, to: number) =>
      events.slice(from, to).flatMap((e) => (e.kind === 'diagnostics' && gate(e.uri) !== undefined ? [{ gate: gate(e.uri)!, codes: e.codes }] : []));
    const early = published(0, indexedAt);
    const full = published(indexedAt, events.length);

    // Progressive: more than one batch published before the end of indexing.
    const earlyGates = new Set(early.map((p) => p.gate));
    assert.ok(earlyGates.size > BATCH, `only ${earlyGates.size} documents published during indexing`);
    // Early diagnostics are right: the missing file is reported on the broken gates, and nothing on the others.
    for (const { gate: i, codes } of early) {
      if (i % BROKEN_EVERY === 0) assert.ok(codes.includes('link.missing-file'), `QG_${i}: ${codes.join(', ')}`);
      else assert.ok(!codes.some((c) => c.startsWith('link.')), `QG_${i}: ${codes.join(', ')}`);
    }
    // After indexing every document is validated in full and published again.
    assert.equal(new Set(full.map((p) => p.gate)).size, DOCUMENTS);
    for (let i = 0; i < DOCUMENTS; i += BROKEN_EVERY) assert.ok(client.diagnosticsFor(ws.path(`gates/QG_${i}.md`)).some((d) => d.code === 'link.missing-file'));
  });
});
