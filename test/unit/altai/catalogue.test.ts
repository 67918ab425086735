import assert from 'node:assert/strict';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { REQUIREMENT_NAMES } from '../../../server/src/domain/document/documentKind';

describe('ALTAI catalogue: integrity of the shipped data', () => {
  const catalogue = altaiCatalogue();
  const questions = [...catalogue.allQuestions()];

  it('has the seven requirements in ALTAI order, each with a title, a definition and sections', () => {
    assert.deepEqual(
      catalogue.requirements.map((r) => r.name),
      [...REQUIREMENT_NAMES],
    );
    assert.deepEqual(
      catalogue.requirements.map((r) => r.id),
      ['HAO', 'TRS', 'PDG', 'TRA', 'DNF', 'SEW', 'ACC'],
    );
    for (const r of catalogue.requirements) {
      assert.ok(r.title.length > 5 && r.definition.length > 100, r.name);
      assert.ok(r.sections.length > 0, r.name);
    }
  });

  it('names its source and attribution', () => {
    assert.match(catalogue.data.source, /High-Level Expert Group/);
    assert.match(catalogue.data.attribution, /ALTAI, 2020/);
  });

  it('gives every question a unique, well-formed ID under its section', () => {
    const ids = questions.map((e) => e.question.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const { requirement, section, question } of questions) {
      assert.ok(section.id.startsWith(`${requirement.id}.`), section.id);
      assert.match(question.id.slice(section.id.length), /^\.(A?\d+)(\.\d+)*$/, question.id);
      assert.equal(question.origin === 'mqg4ai', /\.A\d+/.test(question.id), `${question.id}: additional questions and only they carry A<n>`);
    }
  });

  it('links sub-questions to a parent that comes earlier in the same section', () => {
    for (const { section, question } of questions) {
      if (!question.parent) continue;
      const index = section.questions.indexOf(question);
      const parentIndex = section.questions.findIndex((q) => q.id === question.parent);
      assert.ok(parentIndex >= 0 && parentIndex < index, `${question.id} -> ${question.parent}`);
      assert.ok(question.id.startsWith(`${question.parent}.`));
    }
  });

  it('holds plain question text: no Markdown link syntax, no doubled spaces, not empty', () => {
    for (const { question } of questions) {
      assert.ok(question.text.length > 3, question.id);
      assert.doesNotMatch(question.text, /\]\(|\s{2}|^\s|\s$/, question.id);
    }
  });

  it('finds questions by text regardless of quotes, case and final punctuation', () => {
    const [entry] = catalogue.findByText("did you put in place a series of steps to monitor, and document the AI system's accuracy");
    assert.equal(entry.question.id, 'TRS.accuracy.3');
    assert.equal(entry.section.title, 'Accuracy');
    assert.equal(catalogue.requirementFor('HumanAgencyOversight_(TBE_Segmentation)')?.id, 'HAO');
    assert.equal(catalogue.requirementFor('QG_Data'), undefined);
  });

  it("counts 146 questions, of which 7 are the methodology's additional questions", () => {
    assert.equal(questions.length, 146);
    assert.equal(questions.filter((e) => e.question.origin === 'mqg4ai').length, 7);
  });
});
