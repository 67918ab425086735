// Template sections worded differently from the template (issue 16): a known rewording is the
// section, similar words are the section with a hint, other words are a missing section.
import assert from 'node:assert/strict';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import { missingSections } from '../../../server/src/features/refactor/templateInsert';
import { mergeConfig } from '../../../server/src/config/projectConfig';
import { sectionSimilarity, sectionWords } from '../../../server/src/domain/document/sections';
import { CoverageBuilder } from '../../../server/src/analysis/coverage/buildCoverage';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { neverCancelled } from '../../../server/src/base/cancellation';
import type { CoverageNode } from '../../../server/src/analysis/coverage/types';
import { buildIndex } from '../helpers';
import { filledLeafQg } from './fixtures';

const QG = '/ws/tree/2_Lifecycle/1_Data/QG_Sampling_(Data).md';
const SYSTEM = '/ws/tree/1_System/AI_System.md';

async function check(text: string) {
  const files = { [QG]: text, [SYSTEM]: '# System\n\n[sampling](../2_Lifecycle/1_Data/QG_Sampling_(Data).md)\n' };
  const { index } = await buildIndex(files);
  const doc = index.getDocument(QG)!;
  const diagnostics = computeDocumentDiagnostics(index, doc).filter((d) => d.code.startsWith('qg.'));
  const fixes = missingSections(doc, text.split('\n'), mergeConfig()).map((m) => m.section.heading);
  const tree = new CoverageBuilder(index, altaiCatalogue()).build(undefined, neverCancelled)[0];
  return { diagnostics, fixes, tree };
}

const find = (node: CoverageNode, predicate: (n: CoverageNode) => boolean): CoverageNode | undefined =>
  predicate(node) ? node : node.children.map((c) => find(c, predicate)).find(Boolean);

describe('precision: template sections worded differently', () => {
  it('a Leaf-QG worded as the template has no section finding', async () => {
    const { diagnostics, fixes } = await check(filledLeafQg('QG_Sampling'));
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(fixes, []);
  });

  it('"AI System-specific Information" is the "AI System Information" section: no finding, no insertion, covered', async () => {
    const text = filledLeafQg('QG_Sampling').replace('##### AI System Information', '##### AI System-specific Information');
    const { diagnostics, fixes, tree } = await check(text);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [],
    );
    assert.deepEqual(fixes, [], 'the quick fix must not insert a duplicate');
    const node = find(tree, (n) => n.kind === 'qg-section' && n.label.endsWith('AI System Information'))!;
    assert.equal(node.status, 'covered');
  });

  it('a parenthesised qualifier left out ("Post-Market Monitoring Information") is the same section', async () => {
    const text = filledLeafQg('QG_Sampling').replace('Post-Market Monitoring Information (Maintenance Stage)', 'Post-Market Monitoring Information');
    const { diagnostics, fixes } = await check(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(fixes, []);
  });

  it('similar words ("Output Info") stand for the section, with a qg.section-wording hint on the heading', async () => {
    const text = filledLeafQg('QG_Sampling').replace('#### Output Information', '#### Output Info');
    const { diagnostics, fixes } = await check(text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['qg.section-wording', 'hint']],
    );
    assert.match(diagnostics[0].message, /^Worded differently from the template: "Output Info" stands for the section "Output Information"\.$/);
    const line = text.split('\n').findIndex((l) => l === '#### Output Info');
    assert.equal(diagnostics[0].range.start.line, line);
    assert.deepEqual(fixes, []);
  });

  it('sections under a reworded parent are found under it, not under the namesake elsewhere', async () => {
    // The output "Related QGs" left with its prompt only: reported as empty although its parent reads "Output Info".
    const text = filledLeafQg('QG_Sampling')
      .replace('#### Output Information', '#### Output Info')
      .replace(/(#### Output Info\n[\s\S]*?- ##### Related QGs\n {4}> [^\n]*\n)\n {4}The team wrote this down\.\n/, '$1');
    const { diagnostics } = await check(text);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['qg.empty-section', 'qg.section-wording']);
    assert.match(diagnostics.find((d) => d.code === 'qg.empty-section')!.message, /Output Information › Related QGs/);
  });

  it('other words are a missing section, reported once, with the insertion offered', async () => {
    const text = filledLeafQg('QG_Sampling').replace('#### Dimension 2: Method', '#### Dimension 2: Procedure');
    const { diagnostics, fixes } = await check(text);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['qg.missing-section'],
    );
    assert.match(diagnostics[0].message, /^Missing section "Dimension 2: Method" \(under "2\. Quality Gate Creation/);
    assert.deepEqual(fixes, ['Dimension 2: Method']);
  });

  it('a heading that is another template section never stands for a missing one', async () => {
    const text = filledLeafQg('QG_Sampling').replace(/#### Dimension 2: Method\n> [^\n]*\n\nThe team wrote this down\.\n/, '');
    const { diagnostics, fixes } = await check(text);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['qg.missing-section'],
    );
    assert.deepEqual(fixes, ['Dimension 2: Method']);
  });

  it('normalises words and measures their similarity', () => {
    assert.equal(sectionWords('- ##### AI System-specific Information'.replace(/^- #+ /, '')), 'ai system information');
    assert.equal(sectionWords('Implements Risk Control(s)'), 'implement risk control');
    assert.equal(sectionWords('1. Interdependency Graph'), 'interdependency graph');
    assert.equal(sectionSimilarity('output info', 'output information'), 1);
    assert.ok(sectionSimilarity('post market monitoring', 'post market monitoring information') >= 0.8);
    assert.ok(sectionSimilarity('dimension 2 procedure', 'dimension 2 method') < 0.8);
    assert.ok(sectionSimilarity('evaluation', 'risk evaluation') < 0.8);
  });
});
