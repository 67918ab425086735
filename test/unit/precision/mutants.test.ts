// Behaviour that three one-line bugs once broke without any test noticing (issue 16):
// each test here fails when its bug is put back.
import assert from 'node:assert/strict';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { matchQuestion } from '../../../server/src/domain/altai/questionMatch';
import { CoverageBuilder } from '../../../server/src/analysis/coverage/buildCoverage';
import type { CoverageNode } from '../../../server/src/analysis/coverage/types';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { buildIndex } from '../helpers';

const find = (node: CoverageNode, predicate: (n: CoverageNode) => boolean): CoverageNode | undefined =>
  predicate(node) ? node : node.children.map((c) => find(c, predicate)).find(Boolean);

const T = '/ws/tree';
const gate = (name: string, body: string) => `---\ntags: [{Name: ${name}}, {Intent: Checking}]\n---\n## ${name}\n\n${body}\n`;
const riskDoc = (name: string, control: string) =>
  `---\ntags: [{Name: ${name}}, {Intent: TechnicalRobustnessSafety_Risk}, {Perspective: Safety}]\n---\n## ${name}\n\n#### Risk analysis\nThe sensor drifts.\n\n#### Risk evaluation\nNot acceptable.\n\n#### Risk control\n${control}\n`;

async function codes(files: Record<string, string>, path: string): Promise<string[]> {
  const { index } = await buildIndex(files);
  return computeDocumentDiagnostics(index, index.getDocument(path)!).map((d) => d.code);
}

describe('precision: killing the mutants of issue 16', () => {
  describe('coverage: an empty link is broken evidence (buildCoverage)', () => {
    it('marks a Leaf-QG whose only link is [text]() broken', async () => {
      const qg = `${T}/2_Lifecycle/1_Data/QG_Cleaning_(Data).md`;
      const { index } = await buildIndex({
        [`${T}/1_System/AI_System.md`]: '# System\n\nA triage assistant.\n',
        [qg]: gate(
          'QG_Cleaning',
          '### 1. Interdependency Graph\n\n#### Input Information\n\n- ##### Related QGs\n    The raw export, see [the export log]().\n',
        ),
      });
      const tree = new CoverageBuilder(index, altaiCatalogue()).build(undefined, neverCancelled)[0];
      const node = find(tree, (n) => n.id === qg)!;
      assert.equal(node.status, 'broken');
      assert.match(node.detail!, /1 broken link/);
      const lifecycle = find(tree, (n) => n.id === `${T}#lifecycle`)!;
      assert.notEqual(lifecycle.status, 'broken', 'broken links stay on the document: the group keeps its own state');
      assert.equal(lifecycle.status, lifecycle.covered === lifecycle.total ? 'covered' : lifecycle.covered > 0 ? 'partial' : 'open');
    });

    it('does not mark the same Leaf-QG broken once the link leads somewhere', async () => {
      const qg = `${T}/2_Lifecycle/1_Data/QG_Cleaning_(Data).md`;
      const { index } = await buildIndex({
        [`${T}/1_System/AI_System.md`]: '# System\n\nA triage assistant.\n',
        [qg]: gate(
          'QG_Cleaning',
          '### 1. Interdependency Graph\n\n#### Input Information\n\n- ##### Related QGs\n    The raw export, see [the system](../../1_System/AI_System.md).\n',
        ),
      });
      const tree = new CoverageBuilder(index, altaiCatalogue()).build(undefined, neverCancelled)[0];
      assert.notEqual(find(tree, (n) => n.id === qg)!.status, 'broken');
    });
  });

  describe('ALTAI: an inline answer must start at a word boundary (questionMatch)', () => {
    const catalogue = altaiCatalogue();

    it('does not take a longer word after a catalogue question for an inline answer', () => {
      // The catalogue question ends "...over-rely on the AI system?"; "systems of" continues its last word.
      const ownQuestion = 'Did you put in place procedures to avoid that end-users over-rely on the AI systems of their suppliers?';
      assert.equal(matchQuestion(catalogue, ownQuestion), undefined);
    });

    it('still reads an answer after the full question, punctuation or space first', () => {
      const answered = 'Did you put in place procedures to avoid that end-users over-rely on the AI system? Yes: a second reader signs off.';
      assert.equal(matchQuestion(catalogue, answered)?.kind, 'answered-inline');
      assert.equal(matchQuestion(catalogue, answered)?.entry.question.id, 'HAO.human-agency-and-autonomy.3.1');
    });
  });

  describe('traceability: folder links count where the rules say so (traceabilityRules)', () => {
    const risk = `${T}/3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Drift.md`;
    const system = `${T}/1_System/AI_System.md`;
    const a = `${T}/2_Lifecycle/1_Data/QG_Alpha_(Data).md`;
    const b = `${T}/2_Lifecycle/2_Model/QG_Beta_(Model).md`;
    const base = (): Record<string, string> => ({
      [system]: '# System\n\nA triage assistant. [drift](../3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Drift.md)\n',
    });

    it('trace.uncontrolled-risk: a link from Risk control to a document that is no QG does not control the risk', async () => {
      const files = { ...base(), [risk]: riskDoc('Drift', '- [the system](../../../1_System/AI_System.md)') };
      assert.ok((await codes(files, risk)).includes('trace.uncontrolled-risk'));
    });

    it('trace.uncontrolled-risk: a link from Risk control to a QG folder controls the risk', async () => {
      const files = { ...base(), [a]: gate('QG_Alpha', 'Cleans data.'), [risk]: riskDoc('Drift', '- [data stage](../../../2_Lifecycle/1_Data/)') };
      assert.ok(!(await codes(files, risk)).includes('trace.uncontrolled-risk'));
    });

    it('trace.one-way: a link back to the folder of the gate counts as listing it', async () => {
      const related = (target: string) => `### 1. Interdependency Graph\n\n#### Input Information\n\n- ##### Related QGs\n    - [other](${target})\n`;
      const files = { ...base(), [a]: gate('QG_Alpha', related('../2_Model/QG_Beta_(Model).md')), [b]: gate('QG_Beta', related('../1_Data/')) };
      assert.ok(!(await codes(files, a)).includes('trace.one-way'));
      files[b] = gate('QG_Beta', related('../../1_System/AI_System.md'));
      assert.ok((await codes(files, a)).includes('trace.one-way'), 'no link back at all');
    });

    it('trace.risk-link-target: a folder under Poses Risk(s) is not judged, a file that is no risk is', async () => {
      const poses = (target: string) => `### 3. Additional Information\n\n#### Risk Management\n\n- ##### Poses Risk(s)\n    - [risk](${target})\n`;
      const files = {
        ...base(),
        [risk]: riskDoc('Drift', '- [a](../../../2_Lifecycle/1_Data/QG_Alpha_(Data).md)'),
        [a]: gate('QG_Alpha', poses('../../3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/')),
      };
      assert.ok(!(await codes(files, a)).includes('trace.risk-link-target'));
      files[a] = gate('QG_Alpha', poses('../../1_System/AI_System.md'));
      assert.ok((await codes(files, a)).includes('trace.risk-link-target'));
    });

    it('doc.orphan: a gate reached through a link to its folder is not an orphan', async () => {
      const files: Record<string, string> = { ...base(), [a]: gate('QG_Alpha', 'Cleans data.') };
      files[system] += '\n[data stage](../2_Lifecycle/1_Data/)\n';
      assert.ok(!(await codes(files, a)).includes('doc.orphan'));
      files[system] = '# System\n\nA triage assistant.\n';
      assert.ok((await codes(files, a)).includes('doc.orphan'));
    });

    it('link.placeholder: a link to a t.b.d. file is reported, a link to its folder is not', async () => {
      const files: Record<string, string> = { ...base(), [`${T}/2_Lifecycle/3_Later/t.b.d.md`]: 't.b.d.\n' };
      files[system] += '\n[later](../2_Lifecycle/3_Later/t.b.d.md) [later stage](../2_Lifecycle/3_Later/)\n';
      assert.deepEqual(
        (await codes(files, system)).filter((c) => c === 'link.placeholder'),
        ['link.placeholder'],
      );
    });
  });
});
