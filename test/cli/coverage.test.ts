import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { assertCountsAddUp } from '../helpers/coverage';
import { copyFixture, FIXTURES } from '../helpers/fixtures';

const SAMPLE = join(FIXTURES, 'sample-assessment');

interface JsonReport {
  version: number;
  generated: string;
  commit: string | null;
  root: string;
  summary: {
    trees: number;
    overall: { covered: number; total: number; percent: number };
    groups: Record<string, { covered: number; total: number }>;
    gaps: number;
    brokenTraces: number;
  };
  trees: Array<{
    label: string;
    folder: string;
    covered: number;
    total: number;
    groups: Array<{
      key: string;
      label: string;
      status: string;
      covered: number;
      total: number;
      rows: Array<{ depth: number; label: string; kind: string; covered: number; total: number; file?: string; line?: number }>;
    }>;
    node: Node;
  }>;
  gaps: Array<{ tree: string; group: string; trail: string[]; label: string; kind: string; count: number; file?: string; line?: number; detail?: string }>;
  brokenTraces: Array<{ file: string; line: number; column: number; severity: string; code: string; message: string }>;
}

interface Node {
  id: string;
  kind: string;
  covered: number;
  total: number;
  file?: string;
  children: Node[];
}

function headCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: SAMPLE, encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

describe('cli: mqg4ai coverage', function () {
  this.timeout(30000);

  describe('--format json', () => {
    let report: JsonReport;
    before(() => {
      const result = runCli(['coverage', SAMPLE, '--format', 'json']);
      assert.equal(result.status, 0, result.stderr);
      report = JSON.parse(result.stdout) as JsonReport;
    });

    it('has the header: version, ISO date, the commit of the repository', () => {
      assert.equal(report.version, 1);
      assert.match(report.generated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const head = headCommit();
      if (head) assert.equal(report.commit, head, 'the fixture lives in this git repository');
      assert.equal(report.root, SAMPLE);
    });

    it('has one tree with the four groups and counts that add up', () => {
      assert.equal(report.summary.trees, 1);
      const [tree] = report.trees;
      assert.equal(tree.folder, '.');
      assert.deepEqual(
        tree.groups.map((g) => g.label),
        ['Trustworthy AI (ALTAI)', 'Lifecycle', 'Risk management', 'System'],
      );
      assert.equal(
        tree.covered,
        tree.groups.reduce((n, g) => n + g.covered, 0),
      );
      assert.equal(
        tree.total,
        tree.groups.reduce((n, g) => n + g.total, 0),
      );
      assert.deepEqual(report.summary.overall, { covered: tree.covered, total: tree.total, percent: Math.round((1000 * tree.covered) / tree.total) / 10 });
      assert.equal(report.summary.groups.altai.total, 133);
      assertCountsAddUp(tree.node);
      assert.equal(tree.node.kind, 'tree');
    });

    it('has table rows per group: ALTAI requirements and sections, lifecycle QGs, risks, system blocks', () => {
      const [altai, lifecycle, risks, system] = report.trees[0].groups;
      assert.deepEqual(
        altai.rows.filter((r) => r.depth === 0).map((r) => r.kind),
        Array(7).fill('requirement'),
      );
      assert.ok(altai.rows.every((r) => r.kind === 'requirement' || r.kind === 'section'));
      assert.ok(
        lifecycle.rows.some((r) => r.kind === 'leaf-qg' && r.file === '2_Lifecycle/2_Development/2_Model_Evaluation/QG_Calibration_(BinaryClassification).md'),
      );
      assert.ok(lifecycle.rows.some((r) => r.kind === 'placeholder'));
      assert.ok(risks.rows.length > 0 && risks.rows.every((r) => r.kind === 'risk'));
      assert.ok(system.rows.some((r) => r.label === 'Compliance' && r.covered === 0 && r.file === undefined));
    });

    it('lists open gaps with files relative to the root and 1-based lines', () => {
      assert.equal(
        report.gaps.reduce((n, g) => n + g.count, 0),
        report.summary.gaps,
      );
      assert.equal(report.summary.gaps, report.trees[0].total - report.trees[0].covered);
      const missing = report.gaps.find((g) => g.label === 'Human Agency and Oversight');
      assert.ok(missing, 'a requirement without a document is one gap');
      assert.equal(missing.count, 19);
      assert.equal(missing.file, undefined);
      const question = report.gaps.find((g) => g.kind === 'question' && g.line !== undefined);
      assert.ok(question, 'an unanswered quoted question points at its line');
      const lines = readFileSync(join(SAMPLE, question.file!), 'utf8').split('\n');
      assert.match(lines[question.line! - 1], /^>/, 'the line is the quoted question');
    });

    it('lists the broken traces of the fixture', () => {
      const expected = JSON.parse(readFileSync(join(SAMPLE, 'EXPECTED.json'), 'utf8')) as { broken: Array<{ file: string; line: number; code: string }> };
      const traces = report.brokenTraces.map((t) => `${t.file}:${t.line} ${t.code}`);
      for (const b of expected.broken) assert.ok(traces.includes(`${b.file}:${b.line} ${b.code}`), `${b.file}:${b.line} ${b.code} in ${traces.join(', ')}`);
      assert.equal(report.summary.brokenTraces, report.brokenTraces.length);
    });
  });

  it('--format md (the default) has the header, the group tables, gaps and broken traces', () => {
    const result = runCli(['coverage', SAMPLE]);
    assert.equal(result.status, 0, result.stderr);
    const md = result.stdout;
    assert.match(md, /^# MQG4AI assessment coverage$/m);
    assert.match(md, /^- Generated: \d{4}-\d{2}-\d{2}T[\d:.]+Z$/m);
    assert.match(md, /^- Commit: /m);
    assert.match(md, /^## Summary\n\n\| Tree \| Group \| Covered \| % \| Status \|$/m);
    for (const group of ['Trustworthy AI \\(ALTAI\\)', 'Lifecycle', 'Risk management', 'System']) {
      assert.match(
        md,
        new RegExp(`^### ${group}: \\d+/\\d+ \\(\\d+%\\)\\n\\n\\| Node \\| Covered \\| % \\| Status \\|\\n\\| --- \\| ---: \\| ---: \\| --- \\|$`, 'm'),
        group,
      );
    }
    assert.match(
      md,
      /^\| \[Technical Robustness and Safety\]\(3_RiskManagement\/AI_Risks\/2_TechnicalRobustnessSafety\/TechnicalRobustnessSafety\.md\) .*\| \d+\/38 \| \d+% \| partial \|$/m,
    );
    assert.match(md, /^## Open gaps \(\d+\)$/m);
    assert.match(md, /^- \*\*Human Agency and Oversight\*\* \(missing\) — no document, 19 open — /m);
    assert.match(md, /^- \*\*.+\*\* .*— \[`t\.b\.d\.md`\]\(2_Lifecycle\/1_Data\/3_Preprocessing\/t\.b\.d\.md\)/m);
    assert.match(md, /^## Broken traces \(\d+\)\n\n\| Location \| Severity \| Code \| Message \|$/m);
    assert.match(
      md,
      /\[`2_Lifecycle\/2_Development\/2_Model_Evaluation\/QG_Calibration_\(BinaryClassification\)\.md:34`\]\(2_Lifecycle\/2_Development\/2_Model_Evaluation\/QG_Calibration_%28BinaryClassification%29\.md#L34\) \| error \| link\.missing-file \|/,
    );
    assert.match(result.stderr, /1 tree\(s\), ALTAI \d+\/133/);
  });

  it('--format html is one self-contained page that prints', () => {
    const result = runCli(['coverage', SAMPLE, '--format=html']);
    assert.equal(result.status, 0, result.stderr);
    const html = result.stdout;
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(html, /<meta charset="utf-8">/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    assert.match(html, /<style>[\s\S]*@media print[\s\S]*<\/style>/);
    assert.doesNotMatch(html, /<script/i, 'no scripts');
    assert.doesNotMatch(html, /<link\b/i, 'no external stylesheet');
    assert.doesNotMatch(html, /(src|href)\s*=\s*["']?(https?:)?\/\//i, 'no network resources');
    assert.doesNotMatch(html, /url\(/i, 'no CSS resources');
    assert.equal((html.match(/<table>/g) ?? []).length, 1 + 4 + 1 + 1, 'summary, four groups, risk perspectives, broken traces');
    assert.match(html, /<section id="gaps">/);
    assert.match(html, /<section id="broken-traces">/);
    assert.match(html, /href="2_Lifecycle\/2_Development\/2_Model_Evaluation\/QG_Calibration_%28BinaryClassification%29\.md#L34"/);
    assert.match(html, /<\/html>\n$/);
  });

  describe('--output', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'mqg4ai-coverage-cli-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('writes the file, nothing on stdout, links relative to the file', () => {
      const output = join(dir, 'report.md');
      const result = runCli(['coverage', SAMPLE, '--output', output]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /written to /);
      const md = readFileSync(output, 'utf8');
      const link = /\]\(([^)]*2_Lifecycle\/3_Deployment\/QG_Deployment_%28Lifecycle%29\.md)#L17\)/.exec(md);
      assert.ok(link, 'the broken trace links to its document');
      assert.ok(existsSync(join(dir, decodeURIComponent(link[1]))), `${link[1]} resolves from ${dir}`);
    });

    it('fails with 2 when the file cannot be written', () => {
      const result = runCli(['coverage', SAMPLE, '--output', join(dir, 'missing', 'report.md')]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /cannot write/);
    });
  });

  it('applies the project configuration like check: a rule turned off is no broken trace', () => {
    const fixture = copyFixture('sample-assessment');
    try {
      writeFileSync(join(fixture.root, '.mqg4ai.yaml'), 'rules:\n  link.missing-file: off\n');
      const result = runCli(['coverage', fixture.root, '--format', 'json']);
      assert.equal(result.status, 0, result.stderr);
      const codes = (JSON.parse(result.stdout) as JsonReport).brokenTraces.map((t) => t.code);
      assert.ok(codes.includes('link.missing-folder'));
      assert.ok(!codes.includes('link.missing-file'), codes.join(', '));
      const explicit = runCli(['coverage', SAMPLE, '--format', 'json', '--config', join(fixture.root, '.mqg4ai.yaml')]);
      assert.equal(explicit.status, 0, explicit.stderr);
      assert.ok(!(JSON.parse(explicit.stdout) as JsonReport).brokenTraces.some((t) => t.code === 'link.missing-file'), '--config FILE');
    } finally {
      fixture.cleanup();
    }
  });

  it('exits 2 on usage errors', () => {
    assert.equal(runCli(['coverage', SAMPLE, '--format', 'pdf']).status, 2);
    assert.equal(runCli(['coverage', SAMPLE, '--bogus']).status, 2);
    assert.equal(runCli(['coverage', SAMPLE, SAMPLE]).status, 2);
    assert.equal(runCli(['coverage', join(SAMPLE, 'README.md')]).status, 2, 'a file is not a folder');
    assert.equal(runCli(['coverage', join(SAMPLE, 'no-such-folder')]).status, 2);
    assert.equal(runCli(['coverage', SAMPLE, '--output']).status, 2);
    assert.equal(runCli(['coverage', SAMPLE, '--config']).status, 2);
  });

  it('prints its usage, and the main usage lists both commands', () => {
    const own = runCli(['coverage', '--help']);
    assert.equal(own.status, 0);
    assert.match(own.stdout, /Usage: mqg4ai coverage \[PATH\] \[--format md\|html\|json\] \[--output FILE\]/);
    const main = runCli(['--help']);
    assert.match(main.stdout, /Usage: mqg4ai check/);
    assert.match(main.stdout, /mqg4ai coverage \[PATH\]/);
  });

  it('reports no trees for a folder without quality gates (exit 0)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqg4ai-coverage-empty-'));
    try {
      const result = runCli(['coverage', dir, '--format', 'json']);
      assert.equal(result.status, 0, result.stderr);
      const report = JSON.parse(result.stdout) as JsonReport;
      assert.equal(report.trees.length, 0);
      assert.equal(report.summary.gaps, 0);
      assert.match(runCli(['coverage', dir]).stdout, /No MQG4AI quality-gate tree/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
