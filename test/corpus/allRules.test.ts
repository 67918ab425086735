import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliJsonReport } from '../helpers/cli';
import { CORPUS } from '../helpers/fixtures';
import { requireCorpus } from '../helpers/corpus';

/** Broken-link findings are checked against the ground truth by brokenLinks.test.ts. */
const BROKEN = new Set(['link.missing-file', 'link.missing-folder', 'link.missing-anchor', 'link.empty']);

interface Expected {
  findings: Array<{ file: string; line: number; code: string; target?: string }>;
  review: Record<string, string>;
}

describe('corpus: every rule on the real MQG4AI repository, against hand-reviewed findings', function () {
  this.timeout(60000);
  const corpus = join(CORPUS, 'mqg4ai');
  const expected = JSON.parse(readFileSync(join(__dirname, 'expected-findings.json'), 'utf8')) as Expected;

  before(function () {
    requireCorpus(this, corpus);
  });

  it('reports exactly the reviewed findings of every other rule: a new one is a false alarm until reviewed', function () {
    const report = JSON.parse(runCli(['check', corpus, '--format', 'json']).stdout) as CliJsonReport;
    const key = (f: { file: string; line: number; code: string; target?: string }) =>
      `${f.file}:${f.line} ${f.code}${f.target !== undefined ? ` ${f.target}` : ''}`;
    const got = report.diagnostics
      .filter((d) => !BROKEN.has(d.code))
      .map((d) => key({ file: d.file, line: d.range.start.line + 1, code: d.code, target: d.target }))
      .sort();
    assert.deepEqual(got, expected.findings.map(key).sort());
  });

  it('has a review note for every code among the expected findings', () => {
    for (const code of new Set(expected.findings.map((f) => f.code))) assert.ok(expected.review[code], code);
  });

  it('keeps the false alarms of issue 16 away', function () {
    const report = JSON.parse(runCli(['check', corpus, '--format', 'json']).stdout) as CliJsonReport;
    const codesIn = (suffix: string) => report.diagnostics.filter((d) => d.file.endsWith(suffix)).map((d) => d.code);
    assert.ok(!codesIn('QG_ConfusionMatrix_(ClassificationPerformanceMetrics).md').includes('qg.missing-section'), 'reworded "AI System-specific Information"');
    assert.deepEqual(
      report.diagnostics.filter((d) => d.code === 'trace.risk-link-target'),
      [],
      'links to a risk lacking its analysis',
    );
    assert.ok(
      codesIn(
        'v0_MQG4DK/3_RiskManagement/AI_Risks/5_DiversityNon-DiscriminationFairness/StakeholderParticipation/LackofDomainExpertsCollaborationMechanisms.md',
      ).includes('risk.missing-section'),
    );
  });
});
