import assert from 'node:assert/strict';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { blockAround, questionDepth, questionLine } from '../../../server/src/features/completion/questionCompletion';
import { computeCompletions } from '../../../server/src/features/completion/completions';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { buildIndex, positionOf } from '../helpers';

const catalogue = altaiCatalogue();
const q = (id: string) => catalogue.question(id)!.question.text;

const requirementDoc = `---
tags: [{Name: TechnicalRobustnessSafety_(Triage)}, {Intent: Overview}]
---
# Technical Robustness and Safety

##### Resilience to Attack and Security

ALTAI:
> - ${q('TRS.resilience-to-attack-and-security.1')}
> - ${q('TRS.resilience-to-attack-and-security.3')}
>   - ${q('TRS.resilience-to-attack-and-security.3.1')}

We ran a threat analysis.

> - Did you red-team/pentest the systm?
>> planned
> -
LAST-LINE-OF-BLOCK

##### Accuracy
ALTAI:

Additional Questions:

##### Something else

`;

/** Completions at `needle` (+offset) in `text`, placed in a one-document workspace at `path`. */
async function complete(text: string, needle: string, offset = needle.length, path = '/ws/3_RiskManagement/TRS.md') {
  const { index } = await buildIndex({ [path]: text });
  const doc = index.getDocument(path)!;
  return computeCompletions({ index, doc, text, position: positionOf(text, needle, offset), catalogue, token: neverCancelled });
}

describe('altai/questionCompletion: missing questions of a block', () => {
  it('offers the section questions not yet quoted, in catalogue order, with nested prefixes', async () => {
    const items = await complete(requirementDoc, '> -\n', 3);
    const ids = items.filter((i) => i.kind === 'question').map((i) => i.description);
    assert.deepEqual(ids, [
      'TRS.resilience-to-attack-and-security.2',
      'TRS.resilience-to-attack-and-security.3.2',
      'TRS.resilience-to-attack-and-security.3.2.1',
      'TRS.resilience-to-attack-and-security.3.2.2',
      'TRS.resilience-to-attack-and-security.3.2.3',
      'TRS.resilience-to-attack-and-security.4',
      'TRS.resilience-to-attack-and-security.6',
      'TRS.resilience-to-attack-and-security.6.1',
    ]);
    const sub = items.find((i) => i.description === 'TRS.resilience-to-attack-and-security.3.2.1')!;
    assert.equal(sub.newText, `>     - ${q('TRS.resilience-to-attack-and-security.3.2.1')}`);
    const top = items.find((i) => i.description === 'TRS.resilience-to-attack-and-security.2')!;
    assert.equal(top.newText, `> - ${q('TRS.resilience-to-attack-and-security.2')}`);
    // The typed `> -` is replaced from the line start.
    const line = positionOf(requirementDoc, '> -\n').line;
    assert.deepEqual(top.range, { start: { line, character: 0 }, end: { line, character: 3 } });
    assert.equal(top.filterText, `> - ${q('TRS.resilience-to-attack-and-security.2')}`);
    assert.equal(top.detail, 'Technical Robustness and Safety › Resilience to Attack and Security · TRS.resilience-to-attack-and-security.2');
    assert.ok(top.label.length <= 61 && top.label.endsWith('…'), top.label);
    assert.match(top.documentation!, /ALTAI — Assessment List/);
  });

  it('counts a slightly deviating quote as present (the pentest question has a typo)', async () => {
    const items = await complete(requirementDoc, '> -\n', 3);
    assert.ok(!items.some((i) => i.description === 'TRS.resilience-to-attack-and-security.5'));
  });

  it('offers all missing questions at once as a last item', async () => {
    const items = await complete(requirementDoc, '> -\n', 3);
    const all = items.find((i) => i.kind === 'questions')!;
    assert.equal(all.label, 'All 8 missing questions of Resilience to Attack and Security');
    assert.equal(all.newText.split('\n').length, 8);
    assert.ok(all.sortText > items[0].sortText);
  });

  it('offers questions on a blank line right after the label, and only ALTAI ones in an ALTAI block', async () => {
    const items = await complete(requirementDoc, 'ALTAI:\n\nAdditional', 7);
    const ids = items.filter((i) => i.kind === 'question').map((i) => i.description!);
    assert.deepEqual(ids, ['TRS.accuracy.1', 'TRS.accuracy.2', 'TRS.accuracy.3', 'TRS.accuracy.4', 'TRS.accuracy.5']);
  });

  it("offers only the methodology's questions in an Additional Questions block", async () => {
    const items = await complete(requirementDoc, 'Additional Questions:\n\n', 22);
    assert.deepEqual(
      items.filter((i) => i.kind === 'question').map((i) => i.description),
      ['TRS.accuracy.A1', 'TRS.accuracy.A2', 'TRS.accuracy.A3', 'TRS.accuracy.A4', 'TRS.accuracy.A5'],
    );
  });

  it('offers nothing on an answer line, an annotation, after a heading or with text after the cursor', async () => {
    assert.deepEqual(await complete(requirementDoc, 'LAST-LINE-OF-BLOCK', 4), []);
    assert.deepEqual(await complete(requirementDoc, '>> planned', 3), []);
    assert.deepEqual(await complete(requirementDoc, '##### Something else\n\n', 22), []);
    assert.deepEqual(await complete(requirementDoc, '> - Did you red-team', 4), []);
  });

  it('stays in the block while a sub-item is typed under a question (remark reads `> text` + `>   -` as a setext heading)', async () => {
    const text = `# T\n\n##### Resilience to Attack and Security\nALTAI:\n> - ${q('TRS.resilience-to-attack-and-security.3')}\n>   -`;
    const items = await complete(text, '>   -');
    const sub = items.find((i) => i.description === 'TRS.resilience-to-attack-and-security.3.1')!;
    assert.equal(sub.newText, `>   - ${q('TRS.resilience-to-attack-and-security.3.1')}`);
    assert.equal(sub.filterText, `>   - ${q('TRS.resilience-to-attack-and-security.3.1')}`);
  });

  it('finds the requirement from the file stem when the front matter has no Name', async () => {
    const text = '# Accuracy notes\n\n##### Accuracy\nALTAI:\n> - \n';
    const items = await complete(text, '> - \n', 4, '/ws/Accountability/TechnicalRobustnessSafety.md');
    assert.equal(items.length, 6);
    assert.equal(items[0].filterText, `> - ${q('TRS.accuracy.1')}`);
  });

  it('finds the section in the only requirement that has it when the document names none', async () => {
    const text = '# Notes\n\n## Explainability\nALTAI:\n> - \n';
    const items = await complete(text, '> - \n', 4, '/ws/notes.md');
    assert.ok(items.length > 0);
    assert.ok(items.every((i) => i.kind === 'questions' || i.description!.startsWith('TRA.explainability.')));
  });

  it('helpers: depth from the parent chain, quoted-item prefix, block lookup stops at headings', () => {
    const section = catalogue.question('TRS.resilience-to-attack-and-security.3.2.1')!.section;
    assert.equal(questionDepth(section, catalogue.question('TRS.resilience-to-attack-and-security.3.2.1')!.question), 2);
    assert.equal(questionDepth(section, catalogue.question('TRS.resilience-to-attack-and-security.3')!.question), 0);
    assert.equal(questionLine(1, 'Q?'), '>   - Q?');
    const doc = parseDocument('/ws/x.md', requirementDoc);
    const lines = requirementDoc.split('\n');
    const lineAt = (n: number) => lines[n];
    assert.equal(blockAround(doc, positionOf(requirementDoc, 'We ran').line, lineAt)?.section, 'Resilience to Attack and Security');
    assert.equal(blockAround(doc, positionOf(requirementDoc, '##### Something').line + 1, lineAt), undefined);
  });
});
