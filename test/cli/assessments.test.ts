// The assessment commands of the CLI on the multi-assessment fixture: `assessments`, `diff`,
// and --assessment / per-assessment --min-altai on check and coverage.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliJsonReport } from '../helpers/cli';

const FIXTURE = join(__dirname, '../../test-fixtures/multi-assessment');
const EXPECTED = JSON.parse(readFileSync(join(FIXTURE, 'EXPECTED.json'), 'utf8')) as { assessments: unknown[]; diff: unknown };
const V1 = 'v1_Triage_(Pilot)';
const V2 = 'v2_Triage_(Rollout)';

describe('cli: assessments', function () {
  this.timeout(60000);

  it('lists the assessments as JSON: design knowledge, two versions, a partial folder, each with what it is based on', () => {
    const result = runCli(['assessments', FIXTURE, '--format', 'json']);
    assert.equal(result.status, 0, result.stderr);
    const data = JSON.parse(result.stdout) as { version: number; assessments: unknown[] };
    assert.equal(data.version, 1);
    assert.deepEqual(data.assessments, EXPECTED.assessments);
  });

  it('lists them as text, one line each', () => {
    const result = runCli(['assessments', FIXTURE]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^v2a_Calibration_\(IntraSelection\) .*partial: lifecycle/m);
    assert.match(result.stdout, /^DesignKnowledge .*design knowledge/m);
  });

  it('compares two versions (diff --format json), by ID or by folder', () => {
    const byId = runCli(['diff', FIXTURE, '--from', V1, '--to', V2, '--format', 'json']);
    assert.equal(byId.status, 0, byId.stderr);
    assert.deepEqual(JSON.parse(byId.stdout), EXPECTED.diff);
    const byFolder = runCli(['diff', FIXTURE, '--from', `Applications/${V1}`, '--to', `Applications/${V2}`, '--format', 'json']);
    assert.deepEqual(JSON.parse(byFolder.stdout), EXPECTED.diff);
    assert.match(byId.stderr, /1 ALTAI question\(s\) newly answered/);
  });

  it('renders the comparison as Markdown and self-contained HTML', () => {
    const md = runCli(['diff', FIXTURE, '--from', V1, '--to', V2]);
    assert.match(md.stdout, /^# Assessment comparison/m);
    assert.match(md.stdout, /`TRS\.accuracy\.3`/);
    const html = runCli(['diff', FIXTURE, '--from', V1, '--to', V2, '--format', 'html']);
    assert.match(html.stdout, /^<!DOCTYPE html>/);
    assert.ok(!/<script|https?:\/\//.test(html.stdout.replace(/xmlns="[^"]*"/g, '')), 'no script, no remote resource');
  });

  it('refuses unknown assessments and missing --from/--to (exit 2, naming the known ones)', () => {
    const unknown = runCli(['diff', FIXTURE, '--from', 'v9', '--to', V2]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no assessment "v9" \(known: .*v1_Triage_\(Pilot\)/);
    assert.equal(runCli(['diff', FIXTURE, '--from', V1]).status, 2);
    assert.equal(runCli(['check', FIXTURE, '--assessment', 'v9']).status, 2);
  });

  it('check --assessment reports only that assessment’s documents', () => {
    const result = runCli(['check', FIXTURE, '--assessment', V2, '--format', 'json']);
    const report = JSON.parse(result.stdout) as CliJsonReport;
    assert.equal(report.files, 10, 'the ten documents of v2');
    assert.ok(report.diagnostics.length > 0);
    for (const d of report.diagnostics) assert.ok(d.file.startsWith(`Applications/${V2}/`), d.file);
    const all = JSON.parse(runCli(['check', FIXTURE, '--format', 'json']).stdout) as CliJsonReport;
    assert.ok(
      all.diagnostics.some((d) => d.file.startsWith(`Applications/${V1}/`)),
      'without it, every assessment is checked',
    );
  });

  it('coverage --assessment reports one tree; --min-altai gates each application assessment on its own', () => {
    const one = runCli(['coverage', FIXTURE, '--assessment', V2, '--format', 'json']);
    assert.equal(one.status, 0, one.stderr);
    const report = JSON.parse(one.stdout) as { trees: Array<{ label: string }> };
    assert.equal(report.trees.length, 1);
    const gated = runCli(['coverage', FIXTURE, '--format', 'json', '--min-altai', '1']);
    assert.equal(gated.status, 1, 'v1 answers 1 of 133 questions: below 1%');
    assert.match(gated.stderr, new RegExp(`ALTAI coverage of ${V1.replace(/[()]/g, '\\$&')} 0\\.8% \\(1/133\\) is below`));
    assert.match(gated.stderr, new RegExp(`ALTAI coverage of ${V2.replace(/[()]/g, '\\$&')} 1\\.5% \\(2/133\\) meets`));
    assert.ok(
      !/DesignKnowledge|IntraSelection/.test(
        gated.stderr
          .split('\n')
          .filter((l) => /minimum/.test(l))
          .join('\n'),
      ),
      'the design knowledge and a partial folder without ALTAI are not gated',
    );
    assert.equal(runCli(['coverage', FIXTURE, '--format', 'json', '--min-altai', '1', '--assessment', V2]).status, 0);
  });
});
