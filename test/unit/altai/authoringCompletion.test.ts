import assert from 'node:assert/strict';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { computeCompletions } from '../../../server/src/features/completion/completions';
import { inFrontMatter } from '../../../server/src/features/completion/frontMatterCompletion';
import { balancedParentheses, bareDestinationText, destinationContext, formatDestination } from '../../../server/src/features/completion/linkCompletion';
import { linkTextFor } from '../../../server/src/features/completion/riskCompletion';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { buildIndex, positionOf } from '../helpers';

const files: Record<string, string> = {
  '/ws/2_Lifecycle/1_Data/QG_Data_(Lifecycle).md':
    '---\ntags: [{Name: QG_Data}, {Intent: Overview}, {Applicability: Tabular}]\n---\n# QG Data\n\n## Split rules\n\n<a id="legacy"></a>\n',
  '/ws/2_Lifecycle/1_Data/Split/QG_Split_(Data).md': '---\ntags: [{Name: QG_Split}, {Intent: Overview}, {Applicability: Images}]\n---\n# QG Split\n',
  '/ws/2_Lifecycle/1_Data/My Images/notes.md': '# Notes\n',
  '/ws/2_Lifecycle/1_Data/odd(name.md': '# Odd\n',
  '/ws/2_Lifecycle/1_Data/figure.png': 'png',
  '/ws/3_RiskManagement/AI_Risks/Overfitting.md':
    '---\ntags: [{Name: Overfitting}, {Intent: TechnicalRobustnessSafety_Risk}]\n---\n## Overfitting (Accuracy - Risk)\n\n### Risk analysis\n\n### Risk control\n',
  '/ws/3_RiskManagement/AI_Risks/Bias.md': '---\ntags: [{Name: Bias}, {Intent: DiversityNon-DiscriminationFairness_Risk}]\n---\n## Unfair Bias\n',
  '/ws/Apps/v1/3_RiskManagement/Drift.md': '---\ntags: [{Name: Drift}, {Intent: TechnicalRobustnessSafety_Risk}]\n---\n## A Drift in another tree\n',
};

async function completeIn(path: string, text: string, needle: string, offset = needle.length) {
  const { index } = await buildIndex({ ...files, [path]: text });
  const doc = index.getDocument(path)!;
  return computeCompletions({ index, doc, text, position: positionOf(text, needle, offset), catalogue: altaiCatalogue(), token: neverCancelled });
}

const leafPath = '/ws/2_Lifecycle/1_Data/QG_Leaf.md';

describe('completion: link destinations, front matter and risk links (core)', () => {
  describe('destinationContext', () => {
    it('recognises a destination after `](`, `<` forms, definitions and images', () => {
      assert.deepEqual(destinationContext('see [x](../QG_'), { start: 8, typed: '../QG_', angle: false, image: false });
      assert.deepEqual(destinationContext('see [x](<My Im'), { start: 8, typed: '<My Im', angle: true, image: false });
      assert.deepEqual(destinationContext('> [ref]: ./Spl'), { start: 9, typed: './Spl', angle: false, image: false });
      assert.equal(destinationContext('![plot](fig')?.image, true);
      assert.equal(destinationContext('[x](a(b)c')?.typed, 'a(b)c');
    });

    it('rejects closed links, spaces in bare destinations and footnotes', () => {
      assert.equal(destinationContext('[x](done.md) and more'), undefined);
      assert.equal(destinationContext('[x](a b'), undefined);
      assert.equal(destinationContext('[x](<a> '), undefined);
      assert.equal(destinationContext('[^1]: note'), undefined);
    });
  });

  it('bareDestinationText percent-encodes spaces and angle brackets, and escapes unbalanced parentheses', () => {
    assert.equal(bareDestinationText('../QG_Data_(Lifecycle).md'), '../QG_Data_(Lifecycle).md');
    assert.equal(bareDestinationText('My Images/a<b>.md'), 'My%20Images/a%3Cb%3E.md');
    assert.equal(bareDestinationText('odd(name.md'), 'odd\\(name.md');
  });

  it('formatDestination keeps balanced parentheses bare and wraps spaces or unbalanced ones in <>', () => {
    assert.equal(formatDestination('../QG_Data_(Lifecycle).md'), '../QG_Data_(Lifecycle).md');
    assert.equal(formatDestination('My Images/notes.md'), '<My Images/notes.md>');
    assert.equal(formatDestination('odd(name.md'), '<odd(name.md>');
    assert.equal(formatDestination('a>b.md'), '<a\\>b.md>');
    assert.equal(balancedParentheses(')('), false);
  });

  it('lists folders first (as name/), then Markdown files, relative to the document', async () => {
    const text = '# Leaf\n\n[data](';
    const items = await completeIn(leafPath, text, '](');
    assert.deepEqual(
      items.map((i) => i.newText),
      ['../', 'My%20Images/', 'Split/', 'QG_Data_(Lifecycle).md', 'odd\\(name.md'],
    );
    assert.ok(items.slice(0, 3).every((i) => i.kind === 'folder' && i.retrigger));
    assert.ok(
      items.every((i) => !i.snippet && i.filterText === i.newText),
      'plain text, filtered as inserted',
    );
    assert.deepEqual(items[0].range, { start: { line: 2, character: 7 }, end: { line: 2, character: 7 } });
    assert.equal(items.find((i) => i.label === 'QG_Data_(Lifecycle).md')?.detail, 'QG Data');
  });

  it('continues inside a typed folder, replacing only the segment typed after the last /', async () => {
    const text = '# Leaf\n\n[split](./Split/QG';
    const items = await completeIn(leafPath, text, 'QG', 2);
    assert.deepEqual(
      items.map((i) => i.newText),
      ['QG_Split_(Data).md'],
    );
    assert.deepEqual(items[0].range.start, { line: 2, character: 16 });
    assert.equal(items[0].filterText, 'QG_Split_(Data).md');
    const up = await completeIn(leafPath, '# Leaf\n\n[up](../', '../');
    assert.deepEqual(
      up.map((i) => i.newText),
      ['../', '1_Data/'],
    );
  });

  it('offers image files only in images', async () => {
    const text = '# Leaf\n\n![plot](fi';
    assert.ok((await completeIn(leafPath, text, '](fi')).some((i) => i.label === 'figure.png'));
    assert.ok(!(await completeIn(leafPath, '# Leaf\n\n[plot](fi', '](fi')).some((i) => i.label === 'figure.png'));
  });

  it('offers the anchors of the target after #, and of this document for ](#', async () => {
    const text = '# Leaf\n\n## Own section\n\n[d](QG_Data_(Lifecycle).md#sp) [self](#';
    const target = await completeIn(leafPath, text, '#sp', 3);
    assert.deepEqual(
      target.map((i) => i.newText),
      ['qg-data', 'split-rules', 'legacy'],
    );
    assert.deepEqual(target[1].range, { start: { line: 4, character: 27 }, end: { line: 4, character: 29 } });
    const own = await completeIn(leafPath, text, '(#', 2);
    assert.deepEqual(
      own.map((i) => i.newText),
      ['leaf', 'own-section'],
    );
  });

  it('offers front-matter keys after {, without those already used', async () => {
    const text = '---\ntags: [{Name: QG_Leaf}, {In\n---\n# Leaf\n';
    const items = await completeIn(leafPath, text, '{In');
    assert.deepEqual(
      items.map((i) => i.label),
      ['Intent', 'Problem', 'Solution', 'Applicability', 'Consequences', 'Usage Example'],
    );
    assert.equal(items[0].newText, 'Intent: ');
    assert.deepEqual(items[0].range, { start: positionOf(text, '{In', 1), end: positionOf(text, '{In', 3) });
    assert.match(items[0].documentation!, /Overview/);
  });

  it('offers a whole {Key: } map after `[` or `,` on the tags line', async () => {
    const text = '---\ntags: [{Name: QG_Leaf}, \n---\n';
    const items = await completeIn(leafPath, text, 'QG_Leaf}, ');
    assert.equal(items[0].newText, '{Intent: $0}');
    assert.equal(items[0].snippet, true);
  });

  it('offers values other documents use for the key, most used first', async () => {
    const text = '---\ntags: [{Name: QG_Leaf}, {Intent: \n---\n';
    const items = await completeIn(leafPath, text, '{Intent: ');
    assert.deepEqual(
      items.map((i) => i.label),
      ['Overview', 'TechnicalRobustnessSafety_Risk', 'DiversityNon-DiscriminationFairness_Risk'],
    );
    assert.equal(items[0].detail, 'Intent: used in 2 documents');
    const applicability = await completeIn(leafPath, '---\ntags: [{Applicability: Ta\n---\n', 'Ta');
    assert.deepEqual(
      applicability.map((i) => i.label),
      ['Images', 'Tabular'],
    );
    assert.deepEqual(applicability[0].range, { start: { line: 1, character: 23 }, end: { line: 1, character: 25 } });
  });

  it('knows the front matter from the text, even before it is closed', () => {
    assert.equal(inFrontMatter(['---', 'tags: ['], 1), true);
    assert.equal(inFrontMatter(['---', 'a: b', '---', 'text'], 3), false);
    assert.equal(inFrontMatter(['# Title', 'x'], 1), false);
  });

  it('offers risk links first at a list item in Poses Risk(s), then quality gates', async () => {
    const text = '# Leaf\n\n### 3. Additional Information\n\n- ##### Poses Risk(s)\n    > Which risks?\n\n    - \n';
    const items = await completeIn(leafPath, text, '    - \n', 6);
    assert.deepEqual(
      items.slice(0, 2).map((i) => i.newText),
      ['[Overfitting](../../3_RiskManagement/AI_Risks/Overfitting.md)', '[Unfair Bias](../../3_RiskManagement/AI_Risks/Bias.md)'],
    );
    assert.ok(items[0].sortText < items[2].sortText);
    assert.equal(items[2].description, 'quality gate');
    assert.ok(items.every((i) => i.kind === 'document-link'));
    // Another tree's risk comes after this tree's quality gates.
    const last = items[items.length - 1];
    assert.equal(last.newText, '[A Drift in another tree](../../Apps/v1/3_RiskManagement/Drift.md)');
    assert.ok([...items].sort((a, b) => (a.sortText < b.sortText ? -1 : 1)).pop() === last);
  });

  it('adds a list marker on a bare line, and offers risk documents first as destinations after ](', async () => {
    const text = '# Leaf\n\n##### Implements Risk Control(s)\n\nOv\n\n- [x](\n';
    const bare = await completeIn(leafPath, text, '\nOv', 3);
    assert.equal(bare[0].newText, '- [Overfitting](../../3_RiskManagement/AI_Risks/Overfitting.md)');
    const destination = await completeIn(leafPath, text, '[x](');
    assert.deepEqual(
      destination.slice(0, 2).map((i) => i.newText),
      ['../../3_RiskManagement/AI_Risks/Overfitting.md', '../../3_RiskManagement/AI_Risks/Bias.md'],
    );
    assert.equal(destination[0].description, 'risk');
    assert.equal(destination[2].newText, '../', "only this tree's risks come first");
  });

  it('offers no risk links outside risk sections', async () => {
    assert.deepEqual(await completeIn(leafPath, '# Leaf\n\n## Evaluation\n\n- \n', '- \n', 2), []);
  });

  it('link text of a document: its title without a trailing qualifier', () => {
    assert.equal(linkTextFor(parseDocument('/ws/r.md', '## Overfitting (Accuracy - Risk)\n')), 'Overfitting');
    assert.equal(linkTextFor(parseDocument('/ws/r.md', '## Arrays [1]\n')), 'Arrays \\[1\\]');
  });
});
