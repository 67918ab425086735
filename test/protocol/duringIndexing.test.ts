// docs/architecture.md: requests on open documents are answered during indexing (the request
// table in server/src/lsp/handlers.ts declares which requests wait for the whole index).
import assert from 'node:assert/strict';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { generatedGates } from '../helpers/generatedGates';
import { makeWorkspace, positionOf } from '../helpers/workspace';

const DOCUMENTS = 2000;

const OPEN = `---
tags: [{Name: Open}, {Intent: Overview}]
---
# The open document

See [the first gate](gates/QG_1.md) and [nothing](./missing.md), [a heading](gates/QG_2.md#section-3-of-gate-2)
and [no heading](gates/QG_1999.md#no-such-heading).

[](gates/)
`;

describe('protocol: requests on an open document are answered while a large workspace is still indexing', function () {
  this.timeout(120000);
  let client: LspTestClient | undefined;
  const files: Record<string, string> = { 'open.md': OPEN, ...generatedGates(DOCUMENTS) };
  const ws = makeWorkspace(files);
  after(async () => {
    await client?.stop();
    ws.cleanup();
  });

  it(`hover and completion on the open document answer before the ${DOCUMENTS}-document index is done`, async () => {
    client = await LspTestClient.start([ws.root], { waitForIdle: false });
    let indexed = false;
    const idle = client.idle().then((r) => {
      indexed = true;
      return r;
    });
    const uri = fileUri(ws.path('open.md'));
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: OPEN } });

    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(OPEN, 'the first gate', 2) });
    const hoverAnsweredDuringIndexing = !indexed;
    const completion = await client.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(OPEN, '[](gates/)', 9),
    });
    const completionAnsweredDuringIndexing = !indexed;
    const info = await client.request<{ documents: number }>('mqg4ai/serverInfo', {});

    assert.ok(hover && JSON.stringify(hover.contents).length > 0, 'a hover for the link');
    assert.ok(completion && completion.items.length > 0, 'completions after the folder');
    assert.ok(hoverAnsweredDuringIndexing && completionAnsweredDuringIndexing, 'both answered before indexing finished');
    assert.ok(info.documents < DOCUMENTS, `the index held ${info.documents} of ${DOCUMENTS + 1} documents when they were answered`);

    // Its diagnostics come early too: the missing file, and the anchor of a target that indexing
    // has not reached yet (parsed out of turn); no false alarm for the anchor that exists.
    const early = await client.waitForDiagnostics(ws.path('open.md'), (d) => d.length > 0, 60000);
    const earlyDuringIndexing = !indexed;
    assert.deepEqual(
      early
        .map((d) => String(d.code))
        .filter((c) => c.startsWith('link.'))
        .sort(),
      ['link.missing-anchor', 'link.missing-file'],
    );
    assert.ok(earlyDuringIndexing, 'the open document’s diagnostics were published before indexing finished');

    // And the whole index arrives in the end, with the open document's diagnostics.
    assert.equal((await idle).documents, DOCUMENTS + 1);
    await client.idle();
    assert.deepEqual(
      client
        .diagnosticsFor(ws.path('open.md'))
        .map((d) => String(d.code))
        .filter((c) => c.startsWith('link.'))
        .sort(),
      ['link.missing-anchor', 'link.missing-file'],
    );
  });
});
