import assert from 'node:assert/strict';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { definitionAt, GLOSSARY, normalizeTerm, TAG_KEYS, tagKeyMeaning, termPattern } from '../../../server/src/domain/glossary/glossary';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { buildIndex } from '../helpers';

const catalogue = altaiCatalogue();

describe('glossary: built-in terms, tag keys and workspace definitions', () => {
  it('holds at least twenty terms, each with a definition and a source, no name claimed twice', () => {
    assert.ok(GLOSSARY.length >= 20, String(GLOSSARY.length));
    const names = new Map<string, string>();
    for (const entry of GLOSSARY) {
      assert.ok(entry.definition.length > 40, entry.term);
      assert.ok(entry.source.length > 5, entry.term);
      for (const name of [entry.term, ...entry.aliases]) {
        const key = normalizeTerm(name);
        assert.ok(!names.has(key), `${name} is claimed by ${names.get(key)} and ${entry.term}`);
        names.set(key, entry.term);
      }
    }
    for (const wanted of [
      'Leaf-QG',
      'Collection-QG',
      'Information Block',
      'Risk Control',
      'Post-Market Monitoring',
      'Human-in-the-Loop',
      'Human-on-the-Loop',
      'Human-in-Command',
      'Quality Gate',
      'Interdependency Graph',
      'Risk Analysis',
      'Risk Evaluation',
    ]) {
      assert.ok(names.has(normalizeTerm(wanted)), wanted);
    }
  });

  it('follows MQG4AI and the AI Act: QGs manage information, Art. 3(12) and Art. 6(1) wording, Threat and Vulnerability next to Hazard', () => {
    const term = (name: string) => GLOSSARY.find((t) => t.term === name)!;
    assert.doesNotMatch(term('Quality Gate').definition, /must be passed/, 'a QG is no pass/fail checkpoint in MQG4AI');
    assert.match(term('Quality Gate').definition, /information management/);
    assert.match(term('Intended Purpose').source, /Art\. 3\(12\)/);
    assert.match(
      term('Intended Purpose').definition,
      /instructions for use, in promotional or sales material and statements, and in the technical documentation/,
    );
    assert.match(term('High-Risk AI System').source, /Art\. 6\(1\)/);
    assert.match(term('High-Risk AI System').definition, /third-party conformity assessment/);
    assert.match(term('Threat').definition, /poisoning/);
    assert.match(term('Vulnerability').definition, /weakness .* that a threat can exploit/);
    assert.match(term('Hazard').definition, /threats and vulnerabilities/);
    for (const key of TAG_KEYS) assert.ok(key.source && key.source.length > 10, `${key.key}: a source`);
    const intent = tagKeyMeaning('Intent')!.meaning;
    assert.match(intent, /on a `QG_` file a Collection-QG, elsewhere/, 'Overview does not mark only Collection-QGs');
  });

  it('explains the seven front-matter keys of the design-pattern schema, case-insensitively', () => {
    assert.deepEqual(
      TAG_KEYS.map((k) => k.key),
      ['Name', 'Intent', 'Problem', 'Solution', 'Applicability', 'Consequences', 'Usage Example'],
    );
    assert.equal(tagKeyMeaning('usage example')?.key, 'Usage Example');
    assert.equal(tagKeyMeaning('Owner'), undefined);
  });

  it('termPattern matches hyphen/space variants and plurals, never inside a longer word', () => {
    const find = (name: string, text: string) => [...text.matchAll(termPattern(name))].map((m) => m[0]);
    assert.deepEqual(find('Human-in-the-Loop', 'a human in the loop and a Human-in-the-Loop'), ['human in the loop', 'Human-in-the-Loop']);
    assert.deepEqual(find('Leaf-QG', 'two Leaf-QGs'), ['Leaf-QGs']);
    assert.deepEqual(find('Societal and Environmental Well-being', 'Societal and Environmental Wellbeing'), ['Societal and Environmental Wellbeing']);
    assert.deepEqual(find('QG', 'QGX or Leaf-QG'), []);
  });

  const at = async (files: Record<string, string>, path: string, lineText: string, needle: string) => {
    const { index } = await buildIndex(files);
    const doc = index.getDocument(path)!;
    return definitionAt(index, catalogue, doc, 0, lineText, lineText.indexOf(needle) + 1, neverCancelled);
  };

  it('finds the longest term under the cursor and its built-in definition', async () => {
    const hit = await at({ '/ws/a.md': '# A\n' }, '/ws/a.md', 'Each Leaf-QG records a risk control measure.', 'control');
    assert.equal(hit?.term, 'Risk Control');
    assert.deepEqual(hit?.range, { start: { line: 0, character: 23 }, end: { line: 0, character: 43 } });
    assert.equal(hit?.source.type, 'glossary');
    assert.equal((await at({ '/ws/a.md': '# A\n' }, '/ws/a.md', 'Each Leaf-QG records', 'Leaf'))?.term, 'Leaf-QG');
    assert.equal(await at({ '/ws/a.md': '# A\n' }, '/ws/a.md', 'Nothing to see here', 'see'), undefined);
  });

  it('gives requirement names and titles the catalogue definition', async () => {
    const hit = await at({ '/ws/a.md': '# A\n' }, '/ws/a.md', 'Name: TechnicalRobustnessSafety', 'Technical');
    assert.equal(hit?.requirement?.id, 'TRS');
    assert.equal(hit?.definition, catalogue.requirements[1].definition);
    assert.equal(hit?.source.type, 'requirement');
  });

  it('lets a workspace `Definition X` section win over the built-in text, and defines new terms', async () => {
    const files = {
      '/ws/a.md': '# A\n',
      '/ws/req/TRS.md': '# TRS\n\n### Definition Technical Robustness and Safety\nOur own words on robustness.\n\n- and a list\n\n### Next\nnot part of it\n',
      '/ws/gloss.md': '# Glossary\n\n## Definition: Golden Set\nThe frozen test data.\n\n## Definition Human-in-the-Loop\nA clinician confirms every result.\n',
    };
    const trs = await at(files, '/ws/a.md', 'see Technical Robustness and Safety', 'Robustness');
    assert.equal(trs?.definition, 'Our own words on robustness. and a list');
    assert.equal(trs?.source.type, 'workspace');
    assert.equal(trs?.overrides?.type, 'requirement');
    assert.equal(trs?.requirement?.id, 'TRS');
    const golden = await at(files, '/ws/a.md', 'the golden set is frozen', 'golden');
    assert.equal(golden?.term, 'Golden Set');
    assert.deepEqual(golden?.source, { type: 'workspace', path: '/ws/gloss.md', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 25 } } });
    const hitl = await at(files, '/ws/a.md', 'HITL review', 'HITL');
    assert.equal(hitl?.definition, 'A clinician confirms every result.');
    assert.equal(hitl?.overrides?.type, 'glossary');
  });

  it('parseDocument keeps definitions: the text up to the next heading, only for `Definition` headings', () => {
    const doc = parseDocument(
      '/ws/x.md',
      '# Definitions\n\n### Definition of Risk Control\n> quoted part\n\nplain part\n\n#### Deeper\nno\n\n### Defined terms\nnot one\n',
    );
    assert.deepEqual(
      doc.definitions?.map((d) => [d.term, d.text, d.range.start.line]),
      [['Risk Control', 'quoted part plain part', 2]],
    );
  });
});
