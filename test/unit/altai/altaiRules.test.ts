import assert from 'node:assert/strict';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { parseQuestionBlocks } from '../../../server/src/domain/altai/questionBlocks';
import { replacementKeepingLinks } from '../../../server/src/features/refactor/questionFix';
import { DIAGNOSTIC_CODES } from '../../../server/src/domain/codes';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { altaiQuestionRule } from '../../../server/src/analysis/rules/altaiRules';
import { documentRules } from '../../../server/src/analysis/rules';
import { templateSectionOf } from '../../../server/src/domain/templates/templateHeading';
import { cancelled, buildIndex } from '../helpers';
import { neverCancelled } from '../../../server/src/base/cancellation';

const catalogue = altaiCatalogue();
const q = (id: string) => catalogue.question(id)!.question.text;

async function check(text: string, path = '/ws/TechnicalRobustnessSafety.md') {
  const { index } = await buildIndex({ [path]: text });
  return altaiQuestionRule.check({ index, doc: index.getDocument(path)!, catalogue, config: index.config }, neverCancelled);
}

describe('altai rules: deviating and duplicated questions', () => {
  it('registers both codes with their default severities and the rule in the registry', () => {
    assert.equal(DIAGNOSTIC_CODES['altai.question-deviates'].severity, 'hint');
    assert.equal(DIAGNOSTIC_CODES['altai.duplicate-question'].severity, 'warning');
    assert.ok(documentRules.includes(altaiQuestionRule));
  });

  it('reports a question a few characters off the catalogue, over its whole text, with the replacement', async () => {
    const text = `##### Accuracy\nALTAI:\n> - ${q('TRS.accuracy.1')}\n> - Did you put in place a series of steps to monitor and document\n> the AI systems accuracy?\n`;
    const [d, ...rest] = await check(text);
    assert.deepEqual(rest, []);
    assert.equal(d.code, 'altai.question-deviates');
    assert.equal(d.severity, 'hint');
    assert.deepEqual(d.range, { start: { line: 3, character: 4 }, end: { line: 4, character: 26 } });
    assert.equal(d.replacement, q('TRS.accuracy.3'));
    assert.equal(d.questionId, 'TRS.accuracy.3');
    assert.ok(d.message.includes(q('TRS.accuracy.3')));
  });

  it('is silent on exact quotes (any case, quotes, final punctuation), inline answers, own questions and Additional Questions', async () => {
    const text = [
      '##### Accuracy',
      'ALTAI:',
      `> - ${q('TRS.accuracy.3').toUpperCase().replace('’', "'")}`,
      `> - ${q('TRS.accuracy.1')} Yes: misdiagnosis.`,
      '> - Did you log which GPU trained the model?',
      'Additional Questions:',
      `> - ${q('TRS.accuracy.A2').replace('metrics', 'metric')}`,
    ].join('\n');
    assert.deepEqual(await check(text), []);
  });

  it('reports the second quote of a question, pointing at the first', async () => {
    const text = `##### Accuracy\nALTAI:\n> - ${q('TRS.accuracy.1')}\n\n##### General Safety\nALTAI:\n> - ${q('TRS.accuracy.1')}?\n`;
    const [d] = await check(text);
    assert.equal(d.code, 'altai.duplicate-question');
    assert.equal(d.severity, 'warning');
    assert.equal(d.range.start.line, 6);
    assert.deepEqual(d.related, [
      {
        path: '/ws/TechnicalRobustnessSafety.md',
        range: { start: { line: 2, character: 4 }, end: { line: 2, character: 4 + q('TRS.accuracy.1').length } },
        message: 'First quote of TRS.accuracy.1',
      },
    ]);
  });

  it('honours cancellation', async () => {
    const { index } = await buildIndex({ '/ws/a.md': `## Accuracy\nALTAI:\n> - ${q('TRS.accuracy.1')}\n` });
    assert.throws(() => altaiQuestionRule.check({ index, doc: index.getDocument('/ws/a.md')!, catalogue, config: index.config }, cancelled), /cancelled/);
  });

  describe('replacementKeepingLinks', () => {
    it('puts each link back around the same words of the catalogue text', () => {
      assert.equal(
        replacementKeepingLinks(
          'Could a low level of acuracy of the AI system have critical, adversarial or damaging [consequences](../x.md)?',
          q('TRS.accuracy.1'),
        ),
        'Could a low level of accuracy of the AI system have critical, adversarial or damaging [consequences](../x.md)?',
      );
    });

    it('appends links whose words the catalogue lacks, and returns the plain text without links', () => {
      assert.equal(
        replacementKeepingLinks('Did you red-team the [system](a.md) [(report)](b_(1).md)', 'Did you red-team/pentest the system?'),
        'Did you red-team/pentest the [system](a.md)? ([(report)](b_(1).md))',
      );
      assert.equal(replacementKeepingLinks('Did you red-team the sytem', 'Did you red-team/pentest the system?'), 'Did you red-team/pentest the system?');
    });
  });

  describe('question block parsing used by the rule', () => {
    it('records where a multi-line question ends, and ignores an empty `> -` being typed', () => {
      const [block] = parseQuestionBlocks('ALTAI:\n> - first part\n> second part\n> -\n> - next\n');
      assert.deepEqual(
        block.questions.map((x) => [x.text, x.textEnd]),
        [
          ['first part second part', { line: 2, character: 13 }],
          ['next', undefined],
        ],
      );
    });
  });

  describe('templateSectionOf', () => {
    const leaf = '# QG X\n\n### 1. Interdependency Graph\n#### Input Information\n- ##### Related QGs\n#### Output Information\n- ##### Related QGs\n';
    it('tells repeated template headings apart by the headings above', () => {
      const doc = parseDocument('/ws/QG_X.md', leaf);
      const [input, output] = doc.headings.filter((h) => h.text === 'Related QGs');
      assert.deepEqual(templateSectionOf(doc, input)?.section.parents, ['1. Interdependency Graph', 'Input Information']);
      assert.deepEqual(templateSectionOf(doc, output)?.section.parents, ['1. Interdependency Graph', 'Output Information']);
      assert.match(templateSectionOf(doc, output)!.section.prompt!, /later quality gates/);
    });

    it('matches a risk heading that continues `Risk:`; nothing for other kinds', () => {
      const risk = parseDocument('/ws/r.md', '---\ntags: [{Intent: Transparency_Risk}]\n---\n## R\n#### Risk: Drift\n');
      assert.equal(templateSectionOf(risk, risk.headings[1])?.section.heading, 'Risk:');
      const other = parseDocument('/ws/notes.md', '# Notes\n## Related QGs\n');
      assert.equal(templateSectionOf(other, other.headings[1]), undefined);
    });
  });
});
