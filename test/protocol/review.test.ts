import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CodeAction, Hover, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { MQG4AI_COMMANDS, MQG4AI_REQUESTS, type ReviewChangesResult, type ReviewMarkResult, type ReviewStatusResult } from '../../protocol/protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { applyAndNotify, EDITOR_CAPABILITIES, moveWithServer } from '../helpers/refactor';
import { makeWorkspace, positionOf } from '../helpers/workspace';

const QG = 'QG_Data.md';
const RISK = 'risks/Bias.md';
const QG_TEXT = '# QG Data\n\nThe data gate cites the [bias risk](risks/Bias.md).\n';
const RISK_TEXT = '# Bias\n\n## Analysis\n\nThe data may be skewed.\n\n## Mitigation\n\nRe-weight the samples.\n';

describe('protocol: review stamps, suspect traces and the review requests (docs/review.md)', function () {
  this.timeout(60000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: LspTestClient;

  before(async () => {
    ws = makeWorkspace({ [QG]: QG_TEXT, [RISK]: RISK_TEXT });
    // No git identity anywhere: the server must ask for a name rather than guess one.
    const env = { ...process.env, HOME: ws.root, XDG_CONFIG_HOME: ws.root, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
    client = await LspTestClient.start([ws.root], { capabilities: EDITOR_CAPABILITIES, env });
  });
  after(async () => {
    await client?.stop();
    ws?.cleanup();
  });

  const status = async () => {
    const result = await client.request<ReviewStatusResult>(MQG4AI_REQUESTS.reviewStatus, {});
    return Object.fromEntries(result.assessments.flatMap((a) => a.documents).map((d) => [d.path, d.status]));
  };
  /** Polls the review status until `path` has `state` (file events are handled asynchronously). */
  const statusBecomes = async (path: string, state: string) => {
    for (let i = 0; i < 200; i++) {
      const now = await status();
      if (now[path] === state) return now;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`${path} never became ${state}: ${JSON.stringify(await status())}`);
  };
  const mark = (params: Record<string, unknown>) => client.request<ReviewMarkResult>(MQG4AI_REQUESTS.reviewMark, params);
  const linkPosition = () => positionOf(QG_TEXT, 'risks/Bias.md', 2);

  it('marking returns a workspace edit (nothing is written until the client applies it); without a name it asks for one', async () => {
    assert.deepEqual(await status(), { [QG]: 'unreviewed', [RISK]: 'unreviewed' });
    const nameless = await mark({ uris: [fileUri(ws.path(QG))] });
    assert.equal(nameless.needsName, true);
    assert.equal(nameless.edit, null);

    const result = await mark({ uris: [fileUri(ws.path(QG))], by: 'Ada' });
    assert.deepEqual(result.marked, [fileUri(ws.path(QG))]);
    assert.ok(!existsSync(ws.path('.mqg4ai')), 'the server wrote nothing itself');
    const edit = result.edit as WorkspaceEdit;
    const created = (edit.documentChanges ?? []).filter((c) => 'kind' in c && c.kind === 'create').map((c) => (c as { uri: string }).uri);
    assert.ok(created.includes(fileUri(ws.path('.mqg4ai/reviews/QG_Data.md.yaml'))), created.join(', '));
    assert.equal(created.filter((u) => u.includes('/.mqg4ai/snapshots/')).length, 2);
    await applyAndNotify(client, edit);
    assert.match(readFileSync(ws.path('.mqg4ai/reviews/QG_Data.md.yaml'), 'utf8'), /^reviewedBy: "Ada"$/m);
    assert.deepEqual(await statusBecomes(QG, 'reviewed'), { [QG]: 'reviewed', [RISK]: 'unreviewed' });
  });

  it('a target edit makes the link a suspect trace (warning) with the diff on hover, and review code actions', async () => {
    writeFileSync(ws.path(RISK), RISK_TEXT.replace('Re-weight the samples.', 'Drop the outliers.'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(ws.path(RISK)), type: 2 }] });
    const diagnostics = await client.waitForDiagnostics(ws.path(QG), (d) => d.some((x) => x.code === 'trace.suspect'));
    const suspect = diagnostics.find((d) => d.code === 'trace.suspect')!;
    assert.equal(suspect.severity, 2);
    assert.deepEqual(suspect.range.start, positionOf(QG_TEXT, 'risks/Bias.md'));
    assert.equal((await status())[QG], 'suspect');

    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: fileUri(ws.path(QG)) }, position: linkPosition() });
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /\n---\n\n\*\*Bias\*\* \(/, 'the usual link hover after the change');
    assert.match(text, /\*\*Suspect trace:\*\* `risks\/Bias\.md` changed since this document was reviewed by Ada/);
    assert.match(text, /Changed: \*\*Mitigation\*\*/);
    assert.match(text, /```diff\n- Re-weight the samples\.\n\+ Drop the outliers\.\n```/);

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: fileUri(ws.path(QG)) },
      range: suspect.range,
      context: { diagnostics: [suspect] },
    });
    const markTrace = actions.find((a) => a.title === 'Mark trace to Bias.md reviewed')!;
    assert.ok(markTrace, actions.map((a) => a.title).join(', '));
    assert.deepEqual(markTrace.command, {
      title: 'Mark trace reviewed',
      command: MQG4AI_COMMANDS.markTraceReviewed,
      arguments: [fileUri(ws.path(QG)), fileUri(ws.path(RISK))],
    });
    assert.ok(actions.some((a) => a.command?.command === MQG4AI_COMMANDS.showChangesSinceReview));
    const source = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: fileUri(ws.path(QG)) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.review.mqg4ai'] },
    });
    assert.deepEqual(
      source.map((a) => [a.title, a.command?.command]),
      [['Mark document reviewed', MQG4AI_COMMANDS.markDocumentReviewed]],
    );

    const changes = await client.request<ReviewChangesResult>(MQG4AI_REQUESTS.reviewChanges, { uri: fileUri(ws.path(QG)), target: fileUri(ws.path(RISK)) });
    assert.equal(changes.title, 'Changes in Bias.md since review');
    assert.match(changes.content, /\+ Drop the outliers\./);
  });

  it('"mark trace reviewed" updates that trace only; the suspect trace clears', async () => {
    const before = readFileSync(ws.path('.mqg4ai/reviews/QG_Data.md.yaml'), 'utf8');
    const result = await mark({ uris: [fileUri(ws.path(QG))], trace: fileUri(ws.path(RISK)), by: 'Bob' });
    await applyAndNotify(client, result.edit as WorkspaceEdit);
    const after = readFileSync(ws.path('.mqg4ai/reviews/QG_Data.md.yaml'), 'utf8');
    assert.match(after, /^reviewedBy: "Ada"$/m, 'the document review stays Ada’s');
    assert.notEqual(after, before);
    await client.waitForDiagnostics(ws.path(QG), (d) => !d.some((x) => x.code === 'trace.suspect'));
    await statusBecomes(QG, 'reviewed');
  });

  it('stamps survive moves: a moved document keeps its stamp, links updated by the move do not make documents unreviewed', async () => {
    // Both documents reviewed; then the risk moves (the gate's link to it is rewritten) and the gate is renamed.
    await applyAndNotify(client, (await mark({ uris: [fileUri(ws.path(RISK))], by: 'Ada' })).edit as WorkspaceEdit);
    await statusBecomes(RISK, 'reviewed');
    await moveWithServer(client, [[ws.path(RISK), ws.path('risks/moved/Bias.md')]]);
    assert.match(readFileSync(ws.path(QG), 'utf8'), /\(risks\/moved\/Bias\.md\)/, 'the link was updated');
    assert.ok(existsSync(ws.path('.mqg4ai/reviews/risks/moved/Bias.md.yaml')) && !existsSync(ws.path('.mqg4ai/reviews/risks/Bias.md.yaml')));
    assert.match(readFileSync(ws.path('.mqg4ai/reviews/QG_Data.md.yaml'), 'utf8'), /^ {2}"risks\/moved\/Bias\.md": /m);
    await statusBecomes(QG, 'reviewed');
    await moveWithServer(client, [[ws.path(QG), ws.path('gates/QG_Data.md')]]);
    assert.ok(existsSync(ws.path('.mqg4ai/reviews/gates/QG_Data.md.yaml')));
    const final = await statusBecomes('gates/QG_Data.md', 'reviewed');
    assert.deepEqual(final, { 'gates/QG_Data.md': 'reviewed', 'risks/moved/Bias.md': 'reviewed' });
    const diagnostics = await client.waitForDiagnostics(ws.path('gates/QG_Data.md'), () => true);
    assert.ok(!diagnostics.some((d) => d.code === 'trace.suspect'));
  });

  it('bad params are InvalidParams, not crashes', async () => {
    await assert.rejects(mark({ uris: [] }), /uris must list/);
    await assert.rejects(client.request(MQG4AI_REQUESTS.reviewChanges, { uri: 3 }), /uri must be a document URI/);
    const refused = await mark({ uris: [fileUri(ws.path('nothing.md'))], by: 'Ada' });
    assert.deepEqual(refused.marked, []);
    assert.match(refused.refused[0].reason, /not an indexed Markdown document/);
  });
});
