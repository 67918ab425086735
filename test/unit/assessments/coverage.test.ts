import assert from 'node:assert/strict';
import { CoverageBuilder } from '../../../server/src/analysis/coverage/buildCoverage';
import { altaiPercent, assessmentCoverage, coverageByAssessment } from '../../../server/src/analysis/coverage/assessmentCoverage';
import { collectAssessmentReport } from '../../../server/src/analysis/coverage/collectReport';
import type { CoverageNode } from '../../../server/src/analysis/coverage/types';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { findAssessment } from '../../../server/src/workspace/assessments';
import { DK, V1, V2, V2A, multiIndex } from './fixture';

function* walk(node: CoverageNode): Generator<CoverageNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

async function setUp() {
  const { index } = await multiIndex();
  return { index, builder: new CoverageBuilder(index, altaiCatalogue()) };
}

describe('assessments: coverage per assessment', () => {
  it('covers each version on its own: its documents only, its own ALTAI answers', async () => {
    const { index, builder } = await setUp();
    const v1 = assessmentCoverage(index, builder, findAssessment(index, 'v1_Triage_(Pilot)')!, neverCancelled);
    const v2 = assessmentCoverage(index, builder, findAssessment(index, 'v2_Triage_(Rollout)')!, neverCancelled);
    for (const [coverage, folder, other] of [
      [v1, V1, V2],
      [v2, V2, V1],
    ] as const) {
      const paths = [...walk(coverage.tree)].map((n) => n.path).filter((p): p is string => !!p);
      assert.ok(paths.length > 0);
      assert.ok(
        paths.every((p) => p.startsWith(`${folder}/`)),
        `${folder}: ${paths.filter((p) => !p.startsWith(folder))}`,
      );
      assert.ok(!paths.some((p) => p.startsWith(other) || p.startsWith(DK)));
    }
    assert.equal(v1.totals!.groups.altai.covered, 1);
    assert.equal(v2.totals!.groups.altai.covered, 2, 'one more question answered in v2, not 1 + 2');
    assert.equal(v1.totals!.groups.altai.total, v2.totals!.groups.altai.total, 'each against the whole catalogue');
    assert.equal(altaiPercent(v2), v2.totals!.groups.altai.percent);
    assert.equal(v2.tree.label, 'v2_Triage_(Rollout)');
    const risks = [...walk(v2.tree)]
      .filter((n) => n.kind === 'risk')
      .map((n) => n.label)
      .sort();
    assert.deepEqual(risks, ['Missed urgent case', 'Population shift']);
  });

  it('the design knowledge is a catalogue: what it offers, counted as nothing', async () => {
    const { index, builder } = await setUp();
    const dk = assessmentCoverage(index, builder, findAssessment(index, 'DesignKnowledge')!, neverCancelled);
    assert.equal(dk.totals, undefined);
    assert.deepEqual(dk.catalogue, { qualityGates: 2, risks: 1, requirementDocuments: 1, questionsQuoted: 3 });
    assert.equal(altaiPercent(dk), undefined);
    for (const node of walk(dk.tree)) {
      assert.equal(node.total, 0, node.id);
      assert.notEqual(node.status, 'open', node.id);
    }
    assert.match(dk.tree.description!, /^catalogue: 2 QG\(s\), 1 risk\(s\), 1 requirement document\(s\)$/);
  });

  it('a partial snapshot is measured on the blocks it holds: its lifecycle stages at its root', async () => {
    const { index, builder } = await setUp();
    const partial = assessmentCoverage(index, builder, findAssessment(index, 'v2a_Calibration_(IntraSelection)')!, neverCancelled);
    assert.deepEqual(
      partial.tree.children.map((g) => g.label),
      ['Lifecycle'],
    );
    assert.deepEqual(
      partial.tree.children[0].children.map((s) => s.label),
      ['Data', 'Development'],
    );
    assert.deepEqual(Object.keys(partial.totals!.groups), ['lifecycle']);
    assert.equal(partial.totals!.total, partial.totals!.groups.lifecycle.total);
  });

  it('lists every assessment, applications first, none summed with another', async () => {
    const { index, builder } = await setUp();
    const all = coverageByAssessment(index, builder, neverCancelled);
    assert.deepEqual(
      all.map((c) => c.assessment.id),
      ['v1_Triage_(Pilot)', 'v2_Triage_(Rollout)', 'v2a_Calibration_(IntraSelection)', 'DesignKnowledge'],
    );
    assert.deepEqual(
      all.map((c) => !!c.totals),
      [true, true, true, false],
    );
    const only = coverageByAssessment(index, builder, neverCancelled, (a) => a.folder === V2A);
    assert.deepEqual(
      only.map((c) => c.assessment.folder),
      [V2A],
    );
  });

  it('collects the report data of one assessment: its tree and the broken traces of its own documents', async () => {
    const { index, builder } = await setUp();
    const report = collectAssessmentReport(index, builder, findAssessment(index, 'v2_Triage_(Rollout)')!, neverCancelled);
    assert.equal(report.trees.length, 1);
    assert.deepEqual(
      report.diagnostics.map((f) => [f.path.slice(V2.length + 1), f.diagnostics.map((d) => d.target)]),
      [['2_Lifecycle/4_Maintenance/QG_Monitoring_(Triage).md', ['../2_Development/QG_Retraining_(Triage).md']]],
    );
    const v1 = collectAssessmentReport(index, builder, findAssessment(index, 'v1_Triage_(Pilot)')!, neverCancelled);
    assert.deepEqual(
      v1.diagnostics.map((f) => f.path.slice(V1.length + 1)),
      ['2_Lifecycle/2_Development/QG_ModelChoice_(Triage).md'],
    );
  });
});
