import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { altaiCatalogue } from '../../server/src/domain/altai/catalogue';
import { fileUri, LspTestClient, uriKey } from '../helpers/lspClient';
import { makeWorkspace, positionOf } from '../helpers/workspace';

const q = (id: string) => altaiCatalogue().question(id)!.question.text;

const requirement = `---
tags: [{Name: TechnicalRobustnessSafety}, {Intent: Overview}]
---
# Technical Robustness and Safety

##### Accuracy
ALTAI:
> - Could a low level of acuracy of the AI system have critical, adversarial or damaging [consequences](./Impact.md)?

A missed finding delays treatment.

> - Did you put in place a series of steps to monitor and document
> the AI systems accuracy?
>> Monthly reports.
> - ${q('TRS.accuracy.4')}
> - Did we archive the raw scanner files?

##### General Safety
ALTAI:
> - ${q('TRS.accuracy.4')}
`;

/** Applies LSP text edits (non-overlapping) to `text`. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const offset = (line: number, character: number) => {
    const lines = text.split('\n');
    return lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
  };
  return [...edits]
    .sort((a, b) => offset(b.range.start.line, b.range.start.character) - offset(a.range.start.line, a.range.start.character))
    .reduce((acc, e) => {
      const lines = acc.split('\n');
      const at = (l: number, c: number) => lines.slice(0, l).reduce((sum, x) => sum + x.length + 1, 0) + c;
      return acc.slice(0, at(e.range.start.line, e.range.start.character)) + e.newText + acc.slice(at(e.range.end.line, e.range.end.character));
    }, text);
}

describe('protocol: ALTAI question diagnostics and quick fix over JSON-RPC', function () {
  this.timeout(30000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: LspTestClient;
  let path: string;

  before(async () => {
    ws = makeWorkspace({
      '3_RiskManagement/TechnicalRobustnessSafety.md': requirement,
      '3_RiskManagement/Impact.md': '# Impact\n',
    });
    path = ws.path('3_RiskManagement/TechnicalRobustnessSafety.md');
    client = await LspTestClient.start([ws.root]);
  });

  after(async () => {
    await client.stop();
    ws.cleanup();
  });

  const altai = () => client.diagnosticsFor(path).filter((d) => String(d.code).startsWith('altai.'));

  it('hints at each deviating question over its whole text, with the catalogue text and the replacement', () => {
    const deviations = altai().filter((d) => d.code === 'altai.question-deviates');
    assert.equal(deviations.length, 2);
    const [first, second] = deviations;
    assert.equal(first.severity, 4);
    assert.equal(first.source, 'mqg4ai');
    assert.equal(first.message, `This question differs from the ALTAI catalogue (TRS.accuracy.1): "${q('TRS.accuracy.1')}"`);
    assert.deepEqual(first.data, { questionId: 'TRS.accuracy.1', replacement: q('TRS.accuracy.1') });
    const start = positionOf(requirement, 'Could a low level of acuracy');
    assert.deepEqual(first.range.start, start);
    assert.deepEqual(second.range, { start: positionOf(requirement, 'Did you put in place a series'), end: positionOf(requirement, 'accuracy?\n>>', 9) });
  });

  it('warns about a question quoted twice, pointing at the first quote', () => {
    const [duplicate, ...more] = altai().filter((d) => d.code === 'altai.duplicate-question');
    assert.deepEqual(more, []);
    assert.equal(duplicate.severity, 2);
    assert.equal(duplicate.range.start.line, requirement.split('\n').length - 2);
    const firstLine = positionOf(requirement, `> - ${q('TRS.accuracy.4')}`).line;
    assert.match(duplicate.message, new RegExp(`TRS\\.accuracy\\.4 is already quoted on line ${firstLine + 1}`));
    const [related] = duplicate.relatedInformation!;
    assert.equal(uriKey(related.location.uri), path);
    assert.deepEqual(related.location.range.start, { line: firstLine, character: 4 });
    assert.equal(related.message, 'First quote of TRS.accuracy.4');
  });

  it('offers a preferred quick fix that puts the catalogue text in place, keeping the link', async () => {
    const diagnostic = altai().find((d) => d.data && (d.data as { questionId?: string }).questionId === 'TRS.accuracy.1')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: fileUri(path) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    assert.equal(actions.length, 1);
    const [action] = actions;
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.equal(action.title, 'Use the ALTAI wording of TRS.accuracy.1');
    assert.deepEqual(action.diagnostics, [diagnostic]);
    const edits = action.edit!.changes![fileUri(path)] ?? Object.values(action.edit!.changes!)[0];
    const fixed = applyEdits(requirement, edits);
    assert.ok(
      fixed.includes('\n> - Could a low level of accuracy of the AI system have critical, adversarial or damaging [consequences](./Impact.md)?\n'),
      fixed,
    );
  });

  it('replaces a multi-line question as a whole, and the hint goes once the fix is applied', async () => {
    const diagnostic = altai().find((d) => (d.data as { questionId?: string } | undefined)?.questionId === 'TRS.accuracy.3')!;
    const [action] = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: fileUri(path) },
      range: { start: diagnostic.range.start, end: diagnostic.range.start },
      context: { diagnostics: [] },
    });
    const fixed = applyEdits(requirement, Object.values(action.edit!.changes!)[0]);
    assert.ok(fixed.includes(`\n> - ${q('TRS.accuracy.3')}\n>> Monthly reports.\n`), fixed);

    await client.notify('textDocument/didOpen', { textDocument: { uri: fileUri(path), languageId: 'markdown', version: 1, text: fixed } });
    const after = await client.waitForDiagnostics(path, (d) => d.filter((x) => x.code === 'altai.question-deviates').length === 1);
    assert.equal((after.find((x) => x.code === 'altai.question-deviates')!.data as { questionId: string }).questionId, 'TRS.accuracy.1');
    await client.notify('textDocument/didClose', { textDocument: { uri: fileUri(path) } });
  });

  it('offers no action away from a deviating question', async () => {
    const line = positionOf(requirement, 'Did we archive').line;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: fileUri(path) },
      range: { start: { line, character: 0 }, end: { line, character: 5 } },
      context: { diagnostics: [] as Diagnostic[] },
    });
    assert.deepEqual(actions, []);
  });
});
