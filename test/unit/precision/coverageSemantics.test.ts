// Coverage semantics of docs/coverage.md (issue 16): evidence is an answer or a link that resolves;
// suffix-named system documents of application versions are present.
import assert from 'node:assert/strict';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { CoverageBuilder } from '../../../server/src/analysis/coverage/buildCoverage';
import type { CoverageNode } from '../../../server/src/analysis/coverage/types';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { buildIndex } from '../helpers';

const T = '/ws/tree';
const REQ = `${T}/3_RiskManagement/AI_Risks/4_Transparency/Transparency.md`;
const Q = 'Did you put in place measures that address the traceability of the AI system during its entire lifecycle?';

const find = (node: CoverageNode, predicate: (n: CoverageNode) => boolean): CoverageNode | undefined =>
  predicate(node) ? node : node.children.map((c) => find(c, predicate)).find(Boolean);

async function coverage(files: Record<string, string>): Promise<CoverageNode> {
  const { index } = await buildIndex({ [`${T}/1_System/AI_System.md`]: '# System\n\nA triage assistant.\n', ...files });
  return new CoverageBuilder(index, altaiCatalogue()).build(undefined, neverCancelled)[0];
}

const requirement = (question: string) => `---\ntags: [{Name: Transparency}]\n---\n# Transparency\n\n## Traceability\n\nALTAI:\n> - ${question}\n`;
const question = (tree: CoverageNode) => find(tree, (n) => n.kind === 'question' && n.description === 'TRA.traceability.1')!;

describe('precision: coverage semantics', () => {
  it('a question whose only evidence is a broken link is open, and says why', async () => {
    const tree = await coverage({ [REQ]: requirement(Q.replace('traceability', '[traceability](../../../2_Lifecycle/TraceLog.md)')) });
    assert.equal(question(tree).status, 'open');
    assert.match(question(tree).detail!, /does not resolve/);
  });

  it('an empty link is no evidence either', async () => {
    const tree = await coverage({ [REQ]: requirement(Q.replace('traceability', '[traceability]()')) });
    assert.equal(question(tree).status, 'open');
  });

  it('a link that resolves is evidence', async () => {
    const tree = await coverage({
      [REQ]: requirement(Q.replace('traceability', '[traceability](../../../2_Lifecycle/TraceLog.md)')),
      [`${T}/2_Lifecycle/TraceLog.md`]: '# Trace log\n\nEvery model version with its data snapshot.\n',
    });
    assert.equal(question(tree).status, 'covered');
  });

  it('an answer is evidence, with or without a link', async () => {
    const tree = await coverage({ [REQ]: `${requirement(Q)}\nEach release records its data snapshot and model hash.\n` });
    assert.equal(question(tree).status, 'covered');
  });

  it('suffix-named system documents (AI_System_(<Application>).md, Compliance_(<Application>).md) are present', async () => {
    const { index } = await buildIndex({
      [`${T}/1_System/AI_System_(Triage).md`]: '# AI system\n\nA triage assistant.\n',
      [`${T}/1_System/Compliance/Compliance_(Triage).md`]: '# Compliance\n\nMDR class IIa.\n',
      [`${T}/1_System/Application/Application.md`]: '# Application\n\nEmergency rooms.\n',
    });
    const tree = new CoverageBuilder(index, altaiCatalogue()).build(undefined, neverCancelled)[0];
    const system = find(tree, (n) => n.id === `${T}#system`)!;
    const missing = system.children
      .filter((n) => n.description === 'missing')
      .map((n) => n.label)
      .sort();
    assert.deepEqual(missing, ['Documentation', 'Stakeholder']);
    assert.equal(find(system, (n) => n.id === `${T}/1_System/AI_System_(Triage).md`)?.status, 'covered');
  });
});

describe('precision: options of a choose-list', () => {
  const HAO = `${T}/3_RiskManagement/AI_Risks/1_HumanAgencyOversight/HumanAgencyOversight.md`;
  const parent = 'Please determine whether the AI system (choose as many as appropriate):';
  const doc = (lines: string[]) =>
    `---\ntags: [{Name: HumanAgencyOversight}]\n---\n# Human agency and oversight\n\n## Human Oversight\n\nALTAI:\n${lines.join('\n')}\n`;
  const node = (tree: CoverageNode, id: string) => find(tree, (n) => n.kind === 'question' && n.description === id);

  it('counts the options with their question, not as questions', async () => {
    const tree = await coverage({ [HAO]: doc([`> - ${parent}`]) });
    assert.equal(node(tree, 'HAO.human-oversight.1')?.total, 1);
    assert.equal(node(tree, 'HAO.human-oversight.1.2'), undefined, 'an option is no leaf of its own');
    assert.equal(find(tree, (n) => n.id === `${T}#altai`)!.total, 133);
  });

  it('is answered by any option', async () => {
    const catalogueText = altaiCatalogue()
      .requirements.flatMap((r) => r.sections.flatMap((s) => s.questions))
      .find((q) => q.id === 'HAO.human-oversight.1.2')!.text;
    assert.ok(catalogueText.startsWith('Is overseen by a Human-in-the-Loop'), 'the fixture quotes the catalogue option');
    const tree = await coverage({ [HAO]: doc([`> - ${parent}`, `>     - ${catalogueText}`, '', 'Yes: a nurse confirms every alarm before it is escalated.']) });
    const question = node(tree, 'HAO.human-oversight.1')!;
    assert.equal(question.status, 'covered');
    assert.match(question.detail!, /HAO\.human-oversight\.1\.2/);
  });

  it('is answered by the parent itself', async () => {
    const tree = await coverage({ [HAO]: doc([`> - ${parent}`, '', 'It is overseen by a human in command; it does not learn after release.']) });
    assert.equal(node(tree, 'HAO.human-oversight.1')!.status, 'covered');
  });

  it('stays open when neither the parent nor an option is addressed', async () => {
    const tree = await coverage({ [HAO]: doc([`> - ${parent}`]) });
    assert.equal(node(tree, 'HAO.human-oversight.1')!.status, 'open');
  });
});
