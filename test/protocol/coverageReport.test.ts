import assert from 'node:assert/strict';
import { join } from 'node:path';
import { copyFixture } from '../helpers/fixtures';
import { fileUri, LspTestClient } from '../helpers/lspClient';

interface ReportResult {
  content: string;
  suggestedName: string;
}

interface JsonReport {
  version: number;
  generated: string;
  commit: string | null;
  root: string;
  summary: {
    trees: number;
    overall: { covered: number; total: number };
    groups: Record<string, { covered: number; total: number }>;
    gaps: number;
    brokenTraces: number;
  };
  trees: Array<{
    label: string;
    covered: number;
    total: number;
    groups: Array<{ key: string; label: string; covered: number; total: number; rows: Array<{ label: string; file?: string }> }>;
    node: { kind: string; children: unknown[] };
  }>;
  gaps: Array<{ group: string; label: string; count: number; file?: string; line?: number }>;
  brokenTraces: Array<{ file: string; line: number; code: string }>;
}

describe('protocol: mqg4ai/coverageReport over JSON-RPC', function () {
  this.timeout(30000);
  let fixture: ReturnType<typeof copyFixture>;
  let client: LspTestClient;

  before(async () => {
    fixture = copyFixture('sample-assessment');
    client = await LspTestClient.start([fixture.root]);
  });
  after(async () => {
    await client.stop();
    fixture.cleanup();
  });

  it('json: the same trees and counts as mqg4ai/coverage, gaps and broken traces, no commit outside git', async () => {
    const report = await client.request<ReportResult>('mqg4ai/coverageReport', { root: fileUri(fixture.root), format: 'json' });
    assert.match(report.suggestedName, /^mqg4ai-coverage-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(report.content) as JsonReport;
    assert.equal(data.version, 1);
    assert.ok(!Number.isNaN(Date.parse(data.generated)), data.generated);
    assert.equal(data.commit, null, 'the scratch copy is not in a git repository');
    const [tree] = await client.request<Array<{ covered: number; total: number; children: Array<{ label: string; covered: number; total: number }> }>>(
      'mqg4ai/coverage',
      {},
    );
    assert.equal(data.trees.length, 1);
    assert.equal(data.trees[0].covered, tree.covered);
    assert.equal(data.trees[0].total, tree.total);
    assert.deepEqual(
      data.trees[0].groups.map((g) => [g.label, g.covered, g.total]),
      tree.children.map((g) => [g.label, g.covered, g.total]),
    );
    assert.deepEqual(
      data.trees[0].groups.map((g) => g.key),
      ['altai', 'lifecycle', 'risks', 'system'],
    );
    assert.equal(data.summary.groups.altai.total, 133);
    assert.equal(data.summary.gaps, tree.total - tree.covered, 'every open leaf is counted once among the gaps');
    assert.equal(
      data.gaps.reduce((n, g) => n + g.count, 0),
      data.summary.gaps,
    );
    assert.ok(data.gaps.some((g) => g.label.includes('t.b.d.') && g.file === '2_Lifecycle/1_Data/3_Preprocessing/t.b.d.md'));
    assert.deepEqual(
      data.brokenTraces.map((t) => `${t.file}:${t.line} ${t.code}`).filter((t) => t.startsWith('2_Lifecycle/2_Development/2_Model_Evaluation/QG_Calibration')),
      ['2_Lifecycle/2_Development/2_Model_Evaluation/QG_Calibration_(BinaryClassification).md:34 link.missing-file'],
    );
    for (const trace of data.brokenTraces) assert.ok(!trace.file.startsWith('/') && !trace.file.startsWith('..'), trace.file);
  });

  it('md: group tables, a gaps list with line links, broken traces', async () => {
    const { content, suggestedName } = await client.request<ReportResult>('mqg4ai/coverageReport', { format: 'md' });
    assert.match(suggestedName, /\.md$/);
    assert.match(content, /^# MQG4AI assessment coverage\n/);
    assert.match(content, /^- Generated: \d{4}-\d{2}-\d{2}T/m);
    for (const group of ['Trustworthy AI \\(ALTAI\\)', 'Lifecycle', 'Risk management', 'System']) {
      assert.match(content, new RegExp(`^### ${group}: \\d+/\\d+ \\(\\d+%\\)\\n\\n\\| Node \\| Covered \\| % \\| Status \\|$`, 'm'), group);
    }
    assert.match(content, /^## Open gaps \(\d+\)$/m);
    assert.match(content, /\]\(3_RiskManagement\/AI_Risks\/4_Transparency\/Transparency\.md#L\d+\)/, 'gaps link to the question line');
    assert.match(content, /^## Broken traces \(5\)$/m);
    assert.match(
      content,
      /\| \[`2_Lifecycle\/3_Deployment\/QG_Deployment_\(Lifecycle\)\.md:17`\]\(2_Lifecycle\/3_Deployment\/QG_Deployment_%28Lifecycle%29\.md#L17\) \| error \| link\.missing-folder \|/,
    );
  });

  it('html: one self-contained page; links relative to the target folder', async () => {
    const target = fileUri(join(fixture.root, 'reports', 'coverage.html'));
    const { content } = await client.request<ReportResult>('mqg4ai/coverageReport', { format: 'html', target });
    assert.match(content, /^<!DOCTYPE html>/);
    assert.match(content, /<style>[\s\S]*@media print[\s\S]*<\/style>/);
    assert.doesNotMatch(content, /<script|<link\b|<img\b|<iframe|https?:\/\//i);
    assert.match(content, /href="\.\.\/2_Lifecycle\/1_Data\/3_Preprocessing\/t\.b\.d\.md"/, 'links lead from reports/ back to the documents');
  });

  it('rejects an unknown format', async () => {
    await assert.rejects(client.request('mqg4ai/coverageReport', { format: 'pdf' }), /format must be/);
  });
});
