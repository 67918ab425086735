import assert from 'node:assert/strict';
import { CoverageBuilder } from '../../../server/src/analysis/coverage/buildCoverage';
import { compareAssessments } from '../../../server/src/analysis/versionDiff';
import { renderVersionDiff, diffSummary } from '../../../server/src/render/versionDiffReport';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { findAssessment } from '../../../server/src/workspace/assessments';
import type { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';
import { buildIndex } from '../helpers';
import { expected, multiIndex } from './fixture';

async function diffOf(index: WorkspaceIndex, from: string, to: string) {
  return compareAssessments(index, new CoverageBuilder(index, altaiCatalogue()), findAssessment(index, from)!, findAssessment(index, to)!);
}

describe('assessments: version comparison', () => {
  it('compares v1 with v2 of the fixture as EXPECTED.json says', async () => {
    const { index } = await multiIndex();
    assert.deepEqual(await diffOf(index, 'v1_Triage_(Pilot)', 'v2_Triage_(Rollout)'), expected().diff);
  });

  it('the reverse comparison swaps every part', async () => {
    const { index } = await multiIndex();
    const forward = await diffOf(index, 'v1_Triage_(Pilot)', 'v2_Triage_(Rollout)');
    const back = await diffOf(index, 'v2_Triage_(Rollout)', 'v1_Triage_(Pilot)');
    assert.deepEqual(back.documents.added, forward.documents.removed);
    assert.deepEqual(back.documents.removed, forward.documents.added);
    assert.deepEqual(
      back.documents.changed.map((c) => c.path),
      forward.documents.changed.map((c) => c.path),
    );
    assert.deepEqual(back.altai, { answered: forward.altai.unanswered, unanswered: forward.altai.answered });
    assert.deepEqual(back.traces, { fixed: forward.traces.introduced, introduced: forward.traces.fixed });
    assert.deepEqual(back.risks, { added: forward.risks.removed, removed: forward.risks.added });
  });

  it('an assessment compared with itself has no changes', async () => {
    const { index } = await multiIndex();
    const same = await diffOf(index, 'v2_Triage_(Rollout)', 'v2_Triage_(Rollout)');
    assert.deepEqual(
      [same.documents, same.altai, same.traces, same.risks],
      [
        { added: [], removed: [], changed: [] },
        { answered: [], unanswered: [] },
        { fixed: [], introduced: [] },
        { added: [], removed: [] },
      ],
    );
  });

  it('follows a renamed or moved document by its Name or its content, and keeps its broken links matched', async () => {
    const body = (extra: string) =>
      `---\ntags: [{Name: QG_Calib}]\n---\n\n# Calibration\n\nIsotonic mapping fitted on the held-out half.\n\n## Checks\n\nReliability diagram per site.${extra}\n\n[missing](./QG_Nowhere.md)\n`;
    const { index } = await buildIndex({
      '/ws/v1_A/2_Lifecycle/2_Dev/QG_Calib_(Dev).md': body(''),
      '/ws/v1_A/2_Lifecycle/2_Dev/QG_Old_(Dev).md':
        '---\ntags: [{Name: QG_Old}]\n---\n\n# Old\n\nA gate about thresholds, first draft.\nSecond line of the draft.\n',
      '/ws/v2_A/2_Lifecycle/3_Eval/QG_Calibration_(Eval).md': body('\nAdded a line.'),
      '/ws/v2_A/2_Lifecycle/2_Dev/QG_Thresholds_(Dev).md':
        '---\ntags: [{Name: QG_Thresholds}]\n---\n\n# Thresholds\n\nA gate about thresholds, first draft.\nSecond line of the draft.\n',
    });
    const diff = await diffOf(index, 'v1_A', 'v2_A');
    assert.deepEqual(diff.documents.added, []);
    assert.deepEqual(diff.documents.removed, []);
    assert.deepEqual(diff.documents.changed, [
      { path: '2_Lifecycle/2_Dev/QG_Thresholds_(Dev).md', from: '2_Lifecycle/2_Dev/QG_Old_(Dev).md', sections: ['(front matter)', 'Thresholds', 'Old'] },
      { path: '2_Lifecycle/3_Eval/QG_Calibration_(Eval).md', from: '2_Lifecycle/2_Dev/QG_Calib_(Dev).md', sections: ['Checks'] },
    ]);
    assert.deepEqual(diff.traces, { fixed: [], introduced: [] }, 'the moved document still has the same broken link');
  });

  it('a removed risk and an ALTAI answer taken back are reported', async () => {
    const { index } = await multiIndex();
    const back = await diffOf(index, 'v2_Triage_(Rollout)', 'v1_Triage_(Pilot)');
    assert.deepEqual(
      back.risks.removed.map((r) => r.title),
      ['Population shift'],
    );
    assert.deepEqual(back.altai.unanswered, ['TRS.accuracy.3']);
  });
});

describe('render: version comparison as Markdown, JSON and HTML', () => {
  it('JSON is the comparison itself', async () => {
    const { index } = await multiIndex();
    const diff = await diffOf(index, 'v1_Triage_(Pilot)', 'v2_Triage_(Rollout)');
    assert.deepEqual(JSON.parse(renderVersionDiff(diff, 'json')), diff);
  });

  it('Markdown and HTML list every part with counts', async () => {
    const { index } = await multiIndex();
    const diff = await diffOf(index, 'v1_Triage_(Pilot)', 'v2_Triage_(Rollout)');
    assert.equal(
      diffSummary(diff),
      '2 document(s) added, 1 removed, 3 changed; 1 ALTAI question(s) newly answered, 0 no longer answered; 1 broken trace(s) fixed, 1 introduced; 1 risk(s) added, 0 removed',
    );
    const md = renderVersionDiff(diff, 'md');
    assert.match(md, /^# Assessment comparison: v1\\_Triage\\_\(Pilot\) → v2\\_Triage\\_\(Rollout\)$/m);
    assert.match(md, /^### Added \(2\)$/m);
    assert.match(md, /^- `2_Lifecycle\/1_Data\/QG_DataSplit_\(Triage\)\.md`: Dimension 2: Method$/m);
    assert.match(md, /^- `TRS\.accuracy\.3`$/m);
    assert.match(
      md,
      /^- `2_Lifecycle\/4_Maintenance\/QG_Monitoring_\(Triage\)\.md:16`: `\.\.\/2_Development\/QG_Retraining_\(Triage\)\.md` \(link\.missing-file\)$/m,
    );
    const html = renderVersionDiff(diff, 'html');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<h3>Introduced \(1\)<\/h3>/);
    assert.match(html, /Population shift \(<code>3_RiskManagement\/2_TechnicalRobustnessSafety\/Accuracy\/PopulationShift_\(Triage\)\.md<\/code>\)/);
  });

  it('escapes repository strings and stays self-contained', async () => {
    const { index } = await buildIndex({
      '/ws/v1_<b>/2_Lifecycle/QG_A.md': '# A\n\ntext\n',
      '/ws/v2_<b>/2_Lifecycle/QG_A.md': '# A\n\nchanged\n\n## 1 < 2 & "q" *x* | y\n\nz\n',
      '/ws/v2_<b>/2_Lifecycle/QG_`tick`_<img src=x>.md': '# B\n\n[x](./gone_<i>_&amp;.md)\n',
    });
    const diff = await diffOf(index, 'v1_<b>', 'v2_<b>');
    assert.equal(diff.traces.introduced.length, 1, JSON.stringify(diff.traces));
    assert.deepEqual(diff.documents.changed[0].sections, ['A', '1 < 2 & "q" x | y']);
    const html = renderVersionDiff(diff, 'html');
    assert.doesNotMatch(html, /<script|<img|<b>|<i>/);
    assert.match(html, /1 &lt; 2 &amp; &quot;q&quot; x \| y/);
    assert.doesNotMatch(html, /<[^>]*\s(src|href)=/, 'no external resources, no links out');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    const md = renderVersionDiff(diff, 'md');
    assert.doesNotMatch(md.replace(/(`+)[^`][\s\S]*?\1/g, ''), /<b>|<i>/, 'raw HTML only inside code spans');
    assert.match(md, /1 \\< 2 \\& "q" x \\\| y/);
    assert.match(md, /``2_Lifecycle\/QG_`tick`_<img src=x>\.md``/, 'paths are code spans, fenced past their own backticks');
  });
});
