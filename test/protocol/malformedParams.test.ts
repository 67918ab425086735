// Malformed params on every method the server registers (issue 19: other clients encode `{}` as
// `[]`, leave params out, or send odd shapes). Table-driven over the request table (REQUESTS in
// lsp/handlers.ts) plus the standard LSP requests and notifications wired in lsp/server.ts: each
// answers a JSON-RPC error or a sensible default, nothing throws inside a handler, and the
// server keeps answering and publishing afterwards.
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-jsonrpc/node';
import { REQUESTS } from '../../server/src/lsp/handlers';
import { MQG4AI_NOTIFICATIONS } from '../../protocol/protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { makeWorkspace } from '../helpers/workspace';

/** Notifications wired in lsp/server.ts (document sync by vscode-languageserver's TextDocuments). */
const NOTIFICATIONS = [
  'textDocument/didOpen',
  'textDocument/didChange',
  'textDocument/didClose',
  'workspace/didChangeConfiguration',
  'workspace/didChangeWatchedFiles',
  'workspace/didChangeWorkspaceFolders',
  MQG4AI_NOTIFICATIONS.trustGranted,
  MQG4AI_NOTIFICATIONS.activeAssessmentChanged,
  '$/cancelRequest',
  '$/setTrace',
];

/** `undefined`: params left out. */
const MALFORMED: Array<[string, unknown]> = [
  ['missing', undefined],
  ['null', null],
  ['an empty array', []],
  ['an array of an object', [{}]],
  ['a number', 42],
  ['a string', 'x'],
  ['an empty object', {}],
  ['wrong types', { textDocument: 5, position: 'x', context: 7, query: {}, files: 'a', newName: 3, format: [], assessment: {}, root: 9, command: {} }],
  [
    'wrong nested types',
    { textDocument: { uri: 7 }, position: { line: 'a', character: null }, range: 3, settings: [], changes: [3, null], event: { added: [[]], removed: [null] } },
  ],
  [
    'a URI outside the workspace',
    { textDocument: { uri: 'file:///elsewhere/x.md', text: 1, version: 'a' }, position: { line: 0, character: 0 }, files: [{ oldUri: 1 }] },
  ],
  ['a non-file URI', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: -1, character: -5 }, contentChanges: [{}] }],
];

describe('protocol: malformed params on every registered method', function () {
  this.timeout(120000);
  const GATE = 'Tree/2_Lifecycle/QG_A_(Lifecycle).md';
  const ws = makeWorkspace({ [GATE]: '# Gate A\n\n[gone](gone.md)\n', 'Tree/1_System/Application.md': '# Application\n' });
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start([ws.root]);
  });
  after(async () => {
    await client.stop();
    ws.cleanup();
  });

  let seen = 0;
  beforeEach(() => (seen = client.logs.length));
  /** Log lines since the test began that tell of a handler throwing. */
  const failures = () => client.logs.slice(seen).filter((l) => / failed|TypeError|Unhandled rejection|Uncaught exception|Cannot read prop/.test(l));

  for (const method of Object.keys(REQUESTS)) {
    it(`${method}: an answer or a JSON-RPC error for malformed params, never a throw`, async () => {
      for (const [what, params] of MALFORMED) {
        const sent = params === undefined ? client.connection.sendRequest(method) : client.connection.sendRequest(method, params);
        try {
          await sent;
        } catch (error) {
          assert.ok(error instanceof ResponseError, `${method} with ${what}: ${String(error)}`);
          assert.ok(error.code < 0, `${method} with ${what}: a JSON-RPC error code, not ${error.code}`);
        }
      }
      assert.deepEqual(failures(), [], `${method}: a handler threw`);
    });
  }

  for (const method of NOTIFICATIONS) {
    it(`${method}: malformed params are ignored, never a throw`, async () => {
      for (const [, params] of MALFORMED) {
        if (params === undefined) await client.connection.sendNotification(method);
        else await client.connection.sendNotification(method, params);
      }
      // A request after the notifications: they have all been handled by the time it is answered.
      assert.ok((await client.request<{ pid: number }>('mqg4ai/serverInfo', {})).pid > 0);
      assert.deepEqual(failures(), [], `${method}: a handler threw`);
    });
  }

  it('keeps its workspace folder after a malformed removal, and keeps answering and publishing', async () => {
    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [[]], removed: [[]] } });
    await client.idle();
    const info = await client.request<{ roots: string[] }>('mqg4ai/serverInfo', {});
    assert.deepEqual(info.roots, [ws.root]);
    const uri = fileUri(ws.path(GATE));
    await client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: '# Gate A\n\n[gone](gone.md) [also](also.md)\n' },
    });
    await client.waitForDiagnostics(ws.path(GATE), (d) => d.filter((x) => x.code === 'link.missing-file').length === 2);
    const hover = await client.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 9 } });
    assert.ok(hover?.contents, 'a hover on the broken link');
  });
});
