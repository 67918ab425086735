import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { altaiCatalogue, isQuestion, type QuestionKind } from '../../../server/src/domain/altai/catalogue';
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
      assert.equal(question.kind === 'mqg4ai-question', /\.A\d+/.test(question.id), `${question.id}: additional questions and only they carry A<n>`);
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

  it('holds 146 entries: 126 ALTAI questions, 12 answer options, 7 MQG4AI questions and 1 note; 133 count as questions', () => {
    assert.equal(questions.length, 146);
    const count = (kind: QuestionKind) => questions.filter((e) => e.question.kind === kind).length;
    assert.deepEqual([count('question'), count('option'), count('mqg4ai-question'), count('note')], [126, 12, 7, 1]);
    assert.equal(questions.filter((e) => isQuestion(e.question)).length, 133);
  });

  it('states each kind in the data: options belong to a question of the same section, the note is the MQG4AI cross-reference', () => {
    for (const { section, question } of questions) {
      if (question.kind !== 'option') continue;
      assert.equal(section.questions.find((q) => q.id === question.parent)?.kind, 'question', question.id);
    }
    assert.deepEqual(
      questions.filter((e) => e.question.kind === 'note').map((e) => [e.question.id, e.question.text.slice(0, 45)]),
      [['TRA.traceability.1.4.1', 'Influenced by Performance Evaluation Metrics ']],
    );
    // The choose-lists' options, all 12, and nothing else.
    assert.deepEqual(
      [...new Set(questions.filter((e) => e.question.kind === 'option').map((e) => e.question.parent))],
      ['HAO.human-oversight.1', 'TRS.resilience-to-attack-and-security.3.2', 'PDG.data-governance.2'],
    );
  });
});

describe('ALTAI catalogue: stable IDs (committed snapshot)', () => {
  const snapshotPath = join(__dirname, 'catalogue-ids.snapshot.json');
  const snapshot = (JSON.parse(readFileSync(snapshotPath, 'utf8')) as { entries: Record<string, { kind: QuestionKind; text: string }> }).entries;
  const current = new Map([...altaiCatalogue().allQuestions()].map((e) => [e.question.id, { kind: e.question.kind, text: e.question.text }]));

  it('keeps every ID with its text and kind: a regeneration that renumbers fails here', () => {
    const problems: string[] = [];
    const byText = new Map([...current].map(([id, entry]) => [entry.text, id]));
    for (const [id, expected] of Object.entries(snapshot)) {
      const found = current.get(id);
      const movedTo = byText.get(expected.text);
      if (!found) problems.push(`${id} is gone${movedTo ? ` (its text is now ${movedTo}: renumbered)` : ''}`);
      else if (found.text !== expected.text)
        problems.push(`${id} now holds other text${movedTo ? ` (its text is now ${movedTo}: renumbered)` : ''}: "${found.text}"`);
      else if (found.kind !== expected.kind) problems.push(`${id} changed kind: ${expected.kind} -> ${found.kind}`);
    }
    for (const id of current.keys()) if (!(id in snapshot)) problems.push(`${id} is new: add it to ${snapshotPath} if deliberate`);
    assert.deepEqual(problems, []);
  });

  it('lists the IDs in catalogue order', () => {
    assert.deepEqual(Object.keys(snapshot), [...current.keys()]);
  });
});
