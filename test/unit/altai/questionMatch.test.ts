import assert from 'node:assert/strict';
import { altaiCatalogue, QuestionCatalogue } from '../../../server/src/domain/altai/catalogue';
import { questionKey } from '../../../server/src/domain/altai/questionBlocks';
import { deviationThreshold, editDistance, matchQuestion } from '../../../server/src/domain/altai/questionMatch';

describe('altai/questionMatch: quoted text against the catalogue', () => {
  const catalogue = altaiCatalogue();
  const accuracy3 = catalogue.question('TRS.accuracy.3')!;
  const questions = [...catalogue.allQuestions()];

  describe('editDistance', () => {
    it('counts insertions, deletions and substitutions', () => {
      assert.equal(editDistance('kitten', 'sitting'), 3);
      assert.equal(editDistance('', 'abc'), 3);
      assert.equal(editDistance('same', 'same'), 0);
    });

    it('stops at the bound with bound + 1', () => {
      assert.equal(editDistance('abcdefgh', 'zyxwvuts', 2), 3);
      assert.equal(editDistance('short', 'a much longer text', 4), 5);
    });
  });

  it('allows 7 % of the length, at least 2', () => {
    assert.equal(deviationThreshold(10), 2);
    assert.equal(deviationThreshold(100), 7);
  });

  it('matches exact text regardless of case, curly quotes and final punctuation', () => {
    const match = matchQuestion(catalogue, "did you put in place a series of steps to monitor, and document the AI system's accuracy");
    assert.equal(match?.kind, 'exact');
    assert.equal(match?.entry.question.id, 'TRS.accuracy.3');
  });

  it('matches a typo or a dropped word as close, with the distance', () => {
    const match = matchQuestion(catalogue, 'Did you put in place a series of steps to monitor and document the AI systems accuracy?');
    assert.equal(match?.kind, 'close');
    assert.equal(match?.entry.question.id, accuracy3.question.id);
    assert.equal(match?.distance, 2);
  });

  it('reads an answer written after the full question as an inline answer, not a deviation', () => {
    const match = matchQuestion(catalogue, `${accuracy3.question.text} Yes, monthly reports.`);
    assert.equal(match?.kind, 'answered-inline');
    assert.equal(match?.entry.question.id, 'TRS.accuracy.3');
  });

  it('does not match a question of ones own', () => {
    assert.equal(matchQuestion(catalogue, 'Did you document which GPU the model was trained on?'), undefined);
    assert.equal(matchQuestion(catalogue, ''), undefined);
  });

  it('never confuses two distinct catalogue questions: no catalogue text is within the threshold of another', () => {
    const input = 'Did you put in place measures to continuously assess the quality of the input data to the AI system?';
    const output = 'Did you put in place measures to continuously assess the quality of the output(s) of the AI system?';
    assert.equal(matchQuestion(catalogue, input)?.kind, 'exact');
    assert.equal(matchQuestion(catalogue, output)?.kind, 'exact');
    assert.notEqual(matchQuestion(catalogue, input)?.entry.question.id, matchQuestion(catalogue, output)?.entry.question.id);
    for (const [i, a] of questions.entries()) {
      for (const b of questions.slice(i + 1)) {
        const [ka, kb] = [questionKey(a.question.text), questionKey(b.question.text)];
        if (ka === kb) continue;
        const limit = deviationThreshold(Math.max(ka.length, kb.length));
        assert.ok(editDistance(ka, kb, limit) > limit, `${a.question.id} / ${b.question.id} are too close`);
      }
    }
  });

  it('makes no guess between two equally close questions unless the section decides', () => {
    const small = new QuestionCatalogue({
      source: 's',
      attribution: 'a',
      requirements: [
        {
          id: 'X',
          name: 'X',
          title: 'X',
          definition: '',
          sections: [
            { id: 'X.a', title: 'A', questions: [{ id: 'X.a.1', text: 'Did you test the model on data set A?', kind: 'question' }] },
            { id: 'X.b', title: 'B', questions: [{ id: 'X.b.1', text: 'Did you test the model on data set B?', kind: 'question' }] },
          ],
        },
      ],
    });
    assert.equal(matchQuestion(small, 'Did you test the model on data set C?'), undefined);
    const sectionB = small.requirements[0].sections[1];
    assert.equal(matchQuestion(small, 'Did you test the model on data set C?', { section: sectionB })?.entry.question.id, 'X.b.1');
  });

  it('restricts close matches to the entries of the block the question is quoted in', () => {
    const additional = catalogue.question('TRS.accuracy.A2')!.question.text.replace('metrics', 'metric');
    assert.equal(matchQuestion(catalogue, additional, { block: 'additional' })?.entry.question.id, 'TRS.accuracy.A2');
    assert.equal(matchQuestion(catalogue, additional, { block: 'altai' }), undefined);
  });
});
