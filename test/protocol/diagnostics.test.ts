import assert from 'node:assert/strict';
import { rmSync, renameSync } from 'node:fs';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { makeWorkspace, positionOf } from '../helpers/workspace';

const leaf = `---
tags: [{Name: QG_Split}, {Intent: DataSplitting}]
---
## QG Split (Data)

- [Data stage](../QG_Data_(Lifecycle).md)
- [Purpose](../../../1_System/Application.md#1-purpose)
- [Scope](../../../1_System/Application.md#9-scope)
- [Evaluation](../../2_Evaluation/QG_Eval.md)
- [Metrics folder](../Metrics/)
- [empty]()
- [Web](https://example.org/missing)
`;

describe('protocol: diagnostics over JSON-RPC', function () {
  this.timeout(30000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: LspTestClient;

  beforeEach(async () => {
    ws = makeWorkspace({
      '1_System/Application.md': '## Application\n\n### 1. Purpose\n\nWhat it is for.\n',
      '2_Lifecycle/1_Data/QG_Data_(Lifecycle).md': '---\ntags: [{Name: QG_Data}, {Intent: Overview}]\n---\n## QG Data\n',
      '2_Lifecycle/1_Data/1_Split/QG_Split_(Data).md': leaf,
      'notes/bad.md': '---\ntags: [{Name: X}, {Intent: Y]\n---\n# Bad\n',
    });
    client = await LspTestClient.start([ws.root]);
  });

  afterEach(async () => {
    await client.stop();
    ws.cleanup();
  });

  it('publishes diagnostics for every Markdown file after indexing, not only open ones', () => {
    const diags = client.diagnosticsFor(ws.path('2_Lifecycle/1_Data/1_Split/QG_Split_(Data).md')).filter((d) => String(d.code).startsWith('link.'));
    const summary = diags.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`).sort();
    assert.deepEqual(
      summary,
      [
        `link.empty ${positionOf(leaf, '[empty]()', 7).line}:${positionOf(leaf, '[empty]()', 7).character}`,
        `link.missing-anchor ${positionOf(leaf, '../../../1_System/Application.md#9').line}:${positionOf(leaf, '../../../1_System/Application.md#9').character}`,
        `link.missing-file ${positionOf(leaf, '../../2_Evaluation').line}:${positionOf(leaf, '../../2_Evaluation').character}`,
        `link.missing-folder ${positionOf(leaf, '../Metrics/').line}:${positionOf(leaf, '../Metrics/').character}`,
      ].sort(),
    );
    for (const d of diags) assert.equal(d.source, 'mqg4ai');
    assert.deepEqual(client.diagnosticsFor(ws.path('1_System/Application.md')), []);
  });

  it('ranges cover exactly the destination and messages name the resolved path', () => {
    const diags = client.diagnosticsFor(ws.path('2_Lifecycle/1_Data/1_Split/QG_Split_(Data).md'));
    const missing = diags.find((d) => d.code === 'link.missing-file')!;
    const start = positionOf(leaf, '../../2_Evaluation/QG_Eval.md');
    assert.deepEqual(missing.range, { start, end: { line: start.line, character: start.character + '../../2_Evaluation/QG_Eval.md'.length } });
    assert.match(missing.message, /^File not found: QG_Eval\.md\. Looked for \.\.\/\.\.\/2_Evaluation\/QG_Eval\.md\.$/);
    const anchor = diags.find((d) => d.code === 'link.missing-anchor')!;
    assert.match(anchor.message, /#9-scope/);
    assert.doesNotMatch(anchor.message, /Did you mean/, 'no heading is close to #9-scope');
    assert.match(diags.find((d) => d.code === 'link.missing-folder')!.message, /^Folder not found: Metrics\/\./);
  });

  it('reports broken front matter at the YAML error position', () => {
    const [diag] = client.diagnosticsFor(ws.path('notes/bad.md')).filter((d) => d.code === 'frontmatter.invalid');
    assert.equal(diag.code, 'frontmatter.invalid');
    assert.equal(diag.range.start.line, 1);
    assert.ok(diag.range.start.character > 0, 'points into the line, not at its start');
  });

  it('updates dependants when a target file appears and disappears on disk', async () => {
    const source = ws.path('2_Lifecycle/1_Data/1_Split/QG_Split_(Data).md');
    const created = ws.write('2_Lifecycle/2_Evaluation/QG_Eval.md', '# QG Eval\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(created), type: 1 }] });
    await client.waitForDiagnostics(source, (d) => !d.some((x) => x.code === 'link.missing-file'));

    rmSync(created);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(created), type: 3 }] });
    await client.waitForDiagnostics(source, (d) => d.some((x) => x.code === 'link.missing-file'));
  });

  it('updates dependants when a folder is created or a file renamed', async () => {
    const source = ws.path('2_Lifecycle/1_Data/1_Split/QG_Split_(Data).md');
    const inFolder = ws.write('2_Lifecycle/1_Data/Metrics/QG_Metric.md', '# Metric\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(ws.path('2_Lifecycle/1_Data/Metrics')), type: 1 }] });
    await client.waitForDiagnostics(source, (d) => !d.some((x) => x.code === 'link.missing-folder'));

    const target = ws.path('2_Lifecycle/1_Data/QG_Data_(Lifecycle).md');
    const renamed = ws.path('2_Lifecycle/1_Data/QG_Data.md');
    renameSync(target, renamed);
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: fileUri(target), type: 3 },
        { uri: fileUri(renamed), type: 1 },
      ],
    });
    const after = await client.waitForDiagnostics(source, (d) => d.some((x) => x.code === 'link.missing-file' && x.message.includes('QG_Data_(Lifecycle).md')));
    assert.ok(
      after.find((x) => x.message.includes('Did you mean "../QG_Data.md"')),
      JSON.stringify(after.map((x) => x.message)),
    );
    assert.ok(inFolder);
  });

  it('re-validates an edited open document and the documents linking into it', async () => {
    const app = ws.path('1_System/Application.md');
    const source = ws.path('2_Lifecycle/1_Data/1_Split/QG_Split_(Data).md');
    await client.notify('textDocument/didOpen', {
      textDocument: { uri: fileUri(app), languageId: 'markdown', version: 1, text: '## Application\n\n### 1. Purpose\n' },
    });
    await client.notify('textDocument/didChange', {
      textDocument: { uri: fileUri(app), version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 4 }, end: { line: 2, character: 14 } }, text: '9. Scope' }],
    });
    const diags = await client.waitForDiagnostics(
      source,
      (d) => d.filter((x) => x.code === 'link.missing-anchor').length === 1 && d.some((x) => x.message.includes('#1-purpose')),
    );
    assert.ok(!diags.some((x) => x.message.includes('#9-scope')), 'the renamed heading now satisfies #9-scope');

    // Closing without saving falls back to the disk content.
    await client.notify('textDocument/didClose', { textDocument: { uri: fileUri(app) } });
    await client.waitForDiagnostics(source, (d) => d.some((x) => x.message.includes('#9-scope')));
  });

  it('breaks and fixes a link while the source document is edited', async () => {
    const source = ws.path('2_Lifecycle/1_Data/1_Split/QG_Split_(Data).md');
    const fixed = leaf.replace('../../2_Evaluation/QG_Eval.md', '../QG_Data_(Lifecycle).md');
    await client.notify('textDocument/didOpen', { textDocument: { uri: fileUri(source), languageId: 'markdown', version: 1, text: fixed } });
    await client.waitForDiagnostics(source, (d) => !d.some((x) => x.code === 'link.missing-file'));
    await client.notify('textDocument/didChange', {
      textDocument: { uri: fileUri(source), version: 2 },
      contentChanges: [{ text: `${fixed}\n[gone](./nowhere.md)\n` }],
    });
    await client.waitForDiagnostics(source, (d) => d.some((x) => x.code === 'link.missing-file' && x.message.includes('nowhere.md')));
  });
});
