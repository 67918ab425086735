import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, InitializeResult, TextEdit } from 'vscode-languageserver-protocol';
import { altaiCatalogue } from '../../server/src/domain/altai/catalogue';
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { fileUri, LspTestClient, SERVER_PATH } from '../helpers/lspClient';
import { makeWorkspace, positionOf } from '../helpers/workspace';

const q = (id: string) => altaiCatalogue().question(id)!.question.text;

const requirement = `---
tags: [{Name: TechnicalRobustnessSafety_(Triage)}, {Intent: Overview}]
---
# Technical Robustness and Safety

##### Accuracy
ALTAI:
> - ${q('TRS.accuracy.1')}

Yes, a missed finding delays treatment.

> - ${q('TRS.accuracy.3')}
`;

const leaf = `---
tags: [{Name: QG_Split}, {Intent: DataSplitting}]
---
# QG Split (Data)

## Notes

### 3. Additional Information

#### Risk Management

- ##### Poses Risk(s)
    > Which risks does this decision introduce or increase?

- ##### Implements Risk Control(s)
    > Which risk controls does this decision put in place?
`;

/** The server's answer to `initialize`: the capabilities it announces. */
async function initializeResult(root: string): Promise<InitializeResult> {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.listen();
  try {
    return await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: fileUri(root), capabilities: {} });
  } finally {
    connection.dispose();
    child.kill();
  }
}

describe('protocol: completion over JSON-RPC', function () {
  this.timeout(30000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: LspTestClient;
  let init: InitializeResult;
  let version = 1;

  before(async () => {
    ws = makeWorkspace({
      '3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/TechnicalRobustnessSafety_(Triage).md': requirement,
      '3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Accuracy/Overfitting.md':
        '---\ntags: [{Name: Overfitting}, {Intent: TechnicalRobustnessSafety_Risk}]\n---\n## Overfitting (Accuracy - Risk)\n\n### Risk analysis\n\n### Risk control\n',
      '2_Lifecycle/1_Data/QG_Data_(Lifecycle).md':
        '---\ntags: [{Name: QG_Data}, {Intent: Overview}, {Problem: Leakage between sets}]\n---\n# QG Data\n\n## Split rules\n\n<a id="legacy-rules"></a>\n',
      '2_Lifecycle/1_Data/Split/QG_Split_(Data).md': leaf,
      '2_Lifecycle/1_Data/Split/Plots and Tables/README.md': '# Plots\n',
      '2_Lifecycle/1_Data/Split/Metrics/QG_Metrics.md':
        '---\ntags: [{Name: QG_Metrics}, {Intent: Overview}, {Problem: Leakage between sets}]\n---\n# QG Metrics\n',
      '2_Lifecycle/1_Data/Split/odd(name.md': '# Odd\n',
    });
    client = await LspTestClient.start([ws.root]);
    init = await initializeResult(ws.root);
  });

  after(async () => {
    await client.stop();
    ws.cleanup();
  });

  /** Opens (or re-sends) `rel` with `text` and asks for completions at the first `needle` + `offset`. */
  async function completeAt(rel: string, text: string, needle: string, offset = needle.length): Promise<CompletionItem[]> {
    const uri = fileUri(ws.path(rel));
    if (version === 1 || !opened.has(rel)) {
      await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: version++, text } });
      opened.add(rel);
    } else {
      await client.notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text }] });
    }
    const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(text, needle, offset),
    });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }
  const opened = new Set<string>();
  const apply = (text: string, edit: TextEdit) => {
    const lines = text.split('\n');
    const start = lines.slice(0, edit.range.start.line).join('\n').length + (edit.range.start.line > 0 ? 1 : 0) + edit.range.start.character;
    const end = lines.slice(0, edit.range.end.line).join('\n').length + (edit.range.end.line > 0 ? 1 : 0) + edit.range.end.character;
    return text.slice(0, start) + edit.newText + text.slice(end);
  };
  const edit = (item: CompletionItem) => item.textEdit as TextEdit;

  it('announces completion with its trigger characters, and quick fixes', () => {
    assert.deepEqual(init.capabilities.completionProvider?.triggerCharacters, ['(', '/', '#', '-', ' ', '{', ':', '[']);
    const codeActions = init.capabilities.codeActionProvider;
    assert.ok(typeof codeActions === 'object' && codeActions.codeActionKinds?.includes('quickfix'), JSON.stringify(codeActions));
  });

  it('offers the missing ALTAI questions of the section as nested quoted items, replacing the typed prefix', async () => {
    const rel = '3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/TechnicalRobustnessSafety_(Triage).md';
    const typed = `${requirement}> - Did`;
    const items = await completeAt(rel, typed, '> - Did', typed.length - typed.indexOf('> - Did'));
    const questions = items.filter((i) => i.labelDetails?.description?.startsWith('TRS.'));
    assert.deepEqual(
      questions.map((i) => i.labelDetails!.description),
      ['TRS.accuracy.2', 'TRS.accuracy.4', 'TRS.accuracy.5'],
    );
    assert.deepEqual(
      questions.map((i) => i.sortText),
      [...questions.map((i) => i.sortText)].sort(),
    );
    const second = questions[0];
    assert.equal(second.detail, 'Technical Robustness and Safety › Accuracy · TRS.accuracy.2');
    assert.match((second.documentation as { value: string }).value, /ALTAI/);
    assert.ok(second.label.length <= 61);
    const after = apply(typed, edit(second));
    assert.ok(after.endsWith(`\n> - ${q('TRS.accuracy.2')}`), after.slice(-200));
    assert.equal(second.filterText, `> - ${q('TRS.accuracy.2')}`);
  });

  it('nests sub-questions under their parent in a section that has them', async () => {
    const rel = '3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/TechnicalRobustnessSafety_(Triage).md';
    const typed = `${requirement}\n##### Resilience to Attack and Security\nALTAI:\n> - ${q('TRS.resilience-to-attack-and-security.3')}\n>   - `;
    const items = await completeAt(rel, typed, '>   - ', 6);
    const sub = items.find((i) => i.labelDetails?.description === 'TRS.resilience-to-attack-and-security.3.1')!;
    assert.ok(apply(typed, edit(sub)).endsWith(`\n>   - ${q('TRS.resilience-to-attack-and-security.3.1')}`));
    const subSub = items.find((i) => i.labelDetails?.description === 'TRS.resilience-to-attack-and-security.3.2.1')!;
    assert.ok(apply(typed, edit(subSub)).endsWith(`\n>     - ${q('TRS.resilience-to-attack-and-security.3.2.1')}`));
    assert.ok(!items.some((i) => i.labelDetails?.description === 'TRS.resilience-to-attack-and-security.3'), 'already quoted');
  });

  it('completes link destinations: folders first, then files, spaces percent-encoded and odd parentheses escaped in bare links', async () => {
    const rel = '2_Lifecycle/1_Data/Split/QG_Split_(Data).md';
    const typed = leaf.replace('## Notes\n', '## Notes\n\nSee [the data gate](');
    const items = await completeAt(rel, typed, '[the data gate](');
    assert.deepEqual(
      items.map((i) => i.label),
      ['../', 'Metrics/', 'Plots and Tables/', 'odd(name.md'],
    );
    assert.deepEqual(
      items.map((i) => edit(i).newText),
      ['../', 'Metrics/', 'Plots%20and%20Tables/', 'odd\\(name.md'],
    );
    assert.ok(items.every((i) => i.insertTextFormat === 1 && i.insertText === edit(i).newText && i.filterText === edit(i).newText));
    assert.equal(items[2].command, undefined, 'editor.action.triggerSuggest only for clients that declare it');

    const up = await completeAt(rel, typed.replace('[the data gate](', '[the data gate](../QG'), '(../QG');
    const data = up.find((i) => i.label === 'QG_Data_(Lifecycle).md')!;
    assert.equal(
      apply(typed.replace('[the data gate](', '[the data gate](../QG'), edit(data)).includes('[the data gate](../QG_Data_(Lifecycle).md'),
      true,
      'balanced parentheses stay bare',
    );
  });

  it('replaces only the path segment being typed, so that clients ignoring textEdit insert the same text', async () => {
    const rel = '2_Lifecycle/1_Data/Split/QG_Split_(Data).md';
    const typed = leaf.replace('## Notes\n', '## Notes\n\nSee [the data gate](../../1_D');
    const items = await completeAt(rel, typed, '(../../1_D');
    const folder = items.find((i) => i.label === '1_Data/')!;
    assert.deepEqual(edit(folder).range.start, positionOf(typed, '(../../1_D', 7), 'the range starts after the last /');
    assert.equal(edit(folder).newText, '1_Data/');
    assert.ok(apply(typed, edit(folder)).includes('[the data gate](../../1_Data/\n'));
    // A client that replaces the word before the cursor (Neovim's omnifunc: keyword characters) with insertText.
    const cursor = typed.indexOf('(../../1_D') + '(../../1_D'.length;
    const wordStart = cursor - /\w*$/.exec(typed.slice(0, cursor))![0].length;
    const byWord = typed.slice(0, wordStart) + folder.insertText + typed.slice(cursor);
    assert.ok(byWord.includes('[the data gate](../../1_Data/\n'), 'no duplicated prefix');

    // In <...>: escaped, closed after a file, left open after a folder (its contents follow).
    const angle = leaf.replace('## Notes\n', '## Notes\n\nSee [plots](<Plots and Tables/RE');
    const inside = await completeAt(rel, angle, '/RE');
    assert.deepEqual(
      inside.map((i) => edit(i).newText),
      ['README.md>'],
    );
    assert.ok(apply(angle, edit(inside[0])).includes('[plots](<Plots and Tables/README.md>\n'));
    const top = await completeAt(rel, leaf.replace('## Notes\n', '## Notes\n\nSee [plots](<'), '(<');
    assert.equal(edit(top.find((i) => i.label === 'Plots and Tables/')!).newText, 'Plots and Tables/');
  });

  it('completes anchors after # of the target, and of the current document for ](#', async () => {
    const rel = '2_Lifecycle/1_Data/Split/QG_Split_(Data).md';
    const typed = leaf.replace('## Notes\n', '## Notes\n\n[rules](../QG_Data_(Lifecycle).md#) [here](#no');
    const target = await completeAt(rel, typed, '.md#', 4);
    assert.deepEqual(
      target.map((i) => edit(i).newText),
      ['qg-data', 'split-rules', 'legacy-rules'],
    );
    const own = await completeAt(rel, typed, '(#no', 4);
    assert.ok(own.some((i) => edit(i).newText === 'notes'));
    assert.deepEqual(edit(own.find((i) => edit(i).newText === 'notes')!).range.start, positionOf(typed, '(#no', 2));
  });

  it('completes front-matter keys inside { and workspace values after Key: ', async () => {
    const rel = '2_Lifecycle/1_Data/Split/QG_Split_(Data).md';
    const keys = leaf.replace('{Intent: DataSplitting}]', '{Intent: DataSplitting}, {Pro}]');
    const keyItems = await completeAt(rel, keys, '{Pro');
    assert.deepEqual(
      keyItems.map((i) => i.label),
      ['Problem', 'Solution', 'Applicability', 'Consequences', 'Usage Example'],
    );
    assert.ok(apply(keys, edit(keyItems[0])).includes('{Problem: }]'));
    const values = leaf.replace('{Intent: DataSplitting}]', '{Intent: DataSplitting}, {Problem: Le}]');
    const valueItems = await completeAt(rel, values, '{Problem: Le');
    assert.deepEqual(
      valueItems.map((i) => i.label),
      ['Leakage between sets'],
    );
    assert.equal(valueItems[0].detail, 'Problem: used in 2 documents');
    assert.ok(apply(values, edit(valueItems[0])).includes('{Problem: Leakage between sets}]'));
  });

  it('offers links to risk documents first in Poses Risk(s), as whole links at a list item and as destinations after ](', async () => {
    const rel = '2_Lifecycle/1_Data/Split/QG_Split_(Data).md';
    const typed = leaf.replace('increase?\n', 'increase?\n\n    - ');
    const items = await completeAt(rel, typed, 'increase?\n\n    - ');
    assert.equal(items[0].label, 'Overfitting (Accuracy - Risk)');
    assert.equal(items[0].labelDetails?.description, 'risk');
    assert.ok(
      apply(typed, edit(items[0])).includes('\n    - [Overfitting](../../../3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Accuracy/Overfitting.md)\n'),
    );
    assert.ok(items.slice(1).every((i) => i.labelDetails?.description === 'quality gate'));

    const destination = leaf.replace('in place?\n', 'in place?\n\n    - [control](');
    const targets = await completeAt(rel, destination, '[control](');
    assert.equal(targets[0].label, '../../../3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Accuracy/Overfitting.md');
    assert.equal(edit(targets[0]).newText, '../../../3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Accuracy/Overfitting.md');
    assert.ok(targets[0].sortText! < targets[1].sortText!);
    assert.equal(targets[1].label, '../');
  });

  it('offers nothing in plain prose', async () => {
    const rel = '2_Lifecycle/1_Data/Split/QG_Split_(Data).md';
    const typed = leaf.replace('## Notes\n', '## Notes\n\nThe split is stratified by ');
    assert.deepEqual(await completeAt(rel, typed, 'stratified by '), []);
  });
});

describe('protocol: completion commands follow what the client declares', function () {
  this.timeout(30000);
  const ws = makeWorkspace({ 'a.md': '# A\n\n[x](\n', 'Sub/b.md': '# B\n' });
  let client: LspTestClient | undefined;
  afterEach(async () => client?.stop());
  after(() => ws.cleanup());
  const folderItem = async () => {
    const list = await client!.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: fileUri(ws.path('a.md')) },
      position: { line: 2, character: 4 },
    });
    return list.items.find((i) => i.label === 'Sub/');
  };

  it('keeps editor.action.triggerSuggest on folder items for a client that declares it (the VS Code extension)', async () => {
    client = await LspTestClient.start([ws.root], { initializationOptions: { clientCommands: ['editor.action.triggerSuggest'] } });
    await client.notify('textDocument/didOpen', { textDocument: { uri: fileUri(ws.path('a.md')), languageId: 'markdown', version: 1, text: '# A\n\n[x](\n' } });
    assert.equal((await folderItem())?.command?.command, 'editor.action.triggerSuggest');
  });

  it('leaves it out for other clients, and answers workspace/executeCommand without failing', async () => {
    client = await LspTestClient.start([ws.root]);
    await client.notify('textDocument/didOpen', { textDocument: { uri: fileUri(ws.path('a.md')), languageId: 'markdown', version: 1, text: '# A\n\n[x](\n' } });
    const item = await folderItem();
    assert.ok(item && item.command === undefined, JSON.stringify(item));
    assert.equal(await client.request('workspace/executeCommand', { command: 'editor.action.triggerSuggest' }), null);
    await assert.rejects(client.request('workspace/executeCommand', { command: 'no.such.command', arguments: [] }), /unknown command "no.such.command"/);
    await assert.rejects(client.request('workspace/executeCommand', []), /unknown command null/);
    assert.ok((await client.request<{ pid: number }>('mqg4ai/serverInfo', {})).pid > 0, 'still answering');
  });
});
