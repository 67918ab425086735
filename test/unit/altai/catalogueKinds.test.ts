// Issue 18, item 2: the catalogue keeps ALTAI questions, answer options, MQG4AI questions and
// MQG4AI's note apart (kinds stated in server/data/altai.json). Coverage counts questions only,
// hovers name each kind, completion never offers the note.
import assert from 'node:assert/strict';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { CoverageBuilder } from '../../../server/src/analysis/coverage/buildCoverage';
import type { CoverageNode } from '../../../server/src/analysis/coverage/types';
import { HoverProvider } from '../../../server/src/features/hover/hoverProvider';
import { computeCompletions } from '../../../server/src/features/completion/completions';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { buildIndex, positionOf } from '../helpers';

const catalogue = altaiCatalogue();
const q = (id: string) => catalogue.question(id)!.question.text;
const T = '/ws/tree';
const TRA = `${T}/3_RiskManagement/AI_Risks/4_Transparency/Transparency.md`;
const PDG = `${T}/3_RiskManagement/AI_Risks/3_PrivacyDataGovernance/PrivacyDataGovernance.md`;

const transparency = [
  '---',
  'tags: [{Name: Transparency}]',
  '---',
  '# Transparency',
  '',
  '## Traceability',
  '',
  'ALTAI:',
  `> - ${q('TRA.traceability.1')}`,
  `>   - ${q('TRA.traceability.1.4')}`,
  `>     - ${q('TRA.traceability.1.4.1')}`,
  '',
  'Answered: see the monitoring gate.',
  '',
  '## Explainability',
  '',
  'Additional Questions:',
  `> - ${q('TRA.explainability.A1')}`,
  '',
].join('\n');

const privacy = [
  '---',
  'tags: [{Name: PrivacyDataGovernance}]',
  '---',
  '# Privacy and Data Governance',
  '',
  '## Data Governance',
  '',
  'ALTAI:',
  `> - ${q('PDG.data-governance.2')}`,
  `>   - ${q('PDG.data-governance.2.1')}`,
  '',
  'A DPIA was carried out before the pilot.',
  '',
].join('\n');

const find = (node: CoverageNode, predicate: (n: CoverageNode) => boolean): CoverageNode | undefined =>
  predicate(node) ? node : node.children.map((c) => find(c, predicate)).find(Boolean);

async function workspace() {
  const { index } = await buildIndex({ [`${T}/1_System/AI_System.md`]: '# System\n', [TRA]: transparency, [PDG]: privacy });
  return index;
}

describe('ALTAI catalogue kinds: question, option, MQG4AI question, note', () => {
  it('coverage counts questions only: the note is no item, the GDPR measures are options answered with their question', async () => {
    const tree = new CoverageBuilder(await workspace(), catalogue).build(undefined, neverCancelled)[0];
    const ids = (n: CoverageNode): string[] => (n.kind === 'question' ? [n.description ?? ''] : n.children.flatMap(ids));
    const all = ids(find(tree, (n) => n.id === `${T}#altai`)!);
    assert.equal(all.length, 133);
    assert.ok(!all.includes('TRA.traceability.1.4.1'), 'the note is not counted');
    assert.ok(!all.some((id) => /^PDG\.data-governance\.2\.[1-5]$/.test(id)), 'the five measures are options');
    assert.ok(all.includes('PDG.data-governance.2.6') && all.includes('PDG.data-governance.2.7'), 'the two questions after the list still count');
    const measures = find(tree, (n) => n.kind === 'question' && n.description === 'PDG.data-governance.2')!;
    assert.equal(measures.status, 'covered');
    assert.match(measures.detail!, /PDG\.data-governance\.2\.1/);
    const traceability = find(tree, (n) => n.id === `${T}#TRA.traceability`)!;
    assert.equal(traceability.total, 6, 'TRA.traceability.1, 1.1-1.5');
  });

  it('hovers name the kind: ALTAI question, ALTAI answer option, MQG4AI question, MQG4AI note', async () => {
    const index = await workspace();
    const hovers = new HoverProvider(index, catalogue);
    const value = (path: string, text: string, id: string) => {
      const hover = hovers.provideHover(path, positionOf(text, q(id), 3), neverCancelled, text);
      return (hover?.contents as { value: string } | undefined)?.value ?? '';
    };
    assert.match(value(TRA, transparency, 'TRA.traceability.1.4'), /^\*\*ALTAI question\*\* `TRA\.traceability\.1\.4`/);
    assert.match(value(TRA, transparency, 'TRA.explainability.A1'), /^\*\*MQG4AI question\*\* `TRA\.explainability\.A1`/);
    const option = value(PDG, privacy, 'PDG.data-governance.2.1');
    assert.match(option, /^\*\*ALTAI answer option\*\* `PDG\.data-governance\.2\.1`/);
    assert.match(option, /Answer option of \| `PDG\.data-governance\.2`/);
    assert.match(option, /counted with its question `PDG\.data-governance\.2`/);
    const note = value(TRA, transparency, 'TRA.traceability.1.4.1');
    assert.match(note, /^\*\*MQG4AI note\*\* `TRA\.traceability\.1\.4\.1`/);
    assert.match(note, /not an ALTAI question, not counted in coverage/);
    assert.doesNotMatch(note, /ALTAI question\*\*|\*\*Open\*\*|\*\*Addressed\*\*/);
  });

  it('completion in the ALTAI block offers the missing questions and options, never the note', async () => {
    const text = transparency.replace(`>     - ${q('TRA.traceability.1.4.1')}\n`, '> - \n');
    const { index } = await buildIndex({ [TRA]: text });
    const items = computeCompletions({ index, doc: index.getDocument(TRA)!, text, position: positionOf(text, '> - \n', 4), catalogue, token: neverCancelled });
    const offered = items.filter((i) => i.kind === 'question').map((i) => i.description);
    assert.ok(offered.includes('TRA.traceability.1.5'), JSON.stringify(offered));
    assert.ok(!offered.includes('TRA.traceability.1.4.1'), 'the note is not offered');
  });

  it('the ALTAI pack has no item for the note; options are items of kind "answer option"', async () => {
    const { altaiPack, packItems } = await import('../../../server/src/domain/packs/registry');
    const items = new Map([...packItems(altaiPack())].map((e) => [e.item.id, e.item.kind]));
    assert.equal(items.get('TRA.traceability.1.4.1'), undefined);
    assert.equal(items.get('PDG.data-governance.2.1'), 'answer option');
    assert.equal(items.get('TRA.explainability.A1'), 'additional question');
    assert.equal(items.get('TRA.traceability.1.4'), 'question');
  });
});
