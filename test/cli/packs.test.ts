import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliJsonReport } from '../helpers/cli';
import { copyFixture, FIXTURES } from '../helpers/fixtures';

const PACKS = join(FIXTURES, 'packs-sample');

interface Report {
  summary: { groups: Record<string, { covered: number; total: number }> };
  trees: Array<{
    groups: Array<{ key: string; label: string }>;
    perspectives: Array<{ requirement: string; safety: number; security: number; both: number; undeclared: number }>;
  }>;
}

describe('cli: assessment packs', function () {
  this.timeout(30000);

  it('coverage: one group per enabled pack (packs: [altai, amlas] and a pack file) and the perspectives', () => {
    const { status, stdout } = runCli(['coverage', PACKS, '--format', 'json']);
    assert.equal(status, 0);
    const report = JSON.parse(stdout) as Report;
    assert.deepEqual(
      report.trees[0].groups.map((g) => g.key),
      ['altai', 'amlas', 'site-review', 'lifecycle', 'risks', 'system'],
    );
    // 17 activities and 34 artefacts [A]-[HH]; the sample cites 7 artefacts (one by its former ID).
    assert.deepEqual(report.summary.groups.amlas, { covered: 7, total: 51, percent: 13.7 });
    assert.deepEqual(
      report.trees[0].perspectives.map((p) => [p.requirement, p.safety, p.security, p.undeclared]),
      [
        ['Technical Robustness and Safety', 1, 0, 1],
        ['Transparency', 1, 0, 0],
      ],
    );
  });

  it('coverage --pack chooses the packs shown (repeatable, comma-separated), also packs the configuration does not enable', () => {
    const one = JSON.parse(runCli(['coverage', PACKS, '--format', 'json', '--pack', 'amlas']).stdout) as Report;
    assert.deepEqual(
      one.trees[0].groups.map((g) => g.key),
      ['amlas', 'lifecycle', 'risks', 'system'],
    );
    const two = JSON.parse(runCli(['coverage', PACKS, '--format', 'json', '--pack', 'ai-act', '--pack=secure-ai-dev,site-review']).stdout) as Report;
    assert.deepEqual(
      two.trees[0].groups.map((g) => g.key),
      ['ai-act', 'secure-ai-dev', 'site-review', 'lifecycle', 'risks', 'system'],
    );
    assert.deepEqual(two.summary.groups['secure-ai-dev'], { covered: 1, total: 17, percent: 5.9 }, '[SAD.deployment.4] is cited in a QG');
  });

  it('coverage --pack with an unknown pack is a usage error', () => {
    const { status, stderr } = runCli(['coverage', PACKS, '--pack', 'amlass']);
    assert.equal(status, 2);
    assert.match(stderr, /unknown pack "amlass" \(known: altai, secure-ai-dev, amlas, ai-act, site-review\)/);
  });

  it('check: an invalid pack file is an error on the pack file, the rest is checked as usual', () => {
    const fixture = copyFixture('packs-sample');
    try {
      const pack = join(fixture.root, 'packs/site-review.mqg4ai-pack.json');
      writeFileSync(pack, readFileSync(pack, 'utf8').replace('"title": "Floor walk",', '"title": "Floor walk", "colour": "blue",'));
      const { status, stdout } = runCli(['check', fixture.root, '--format', 'json']);
      assert.equal(status, 1);
      const report = JSON.parse(stdout) as CliJsonReport;
      const onPack = report.diagnostics.filter((d) => d.file === 'packs/site-review.mqg4ai-pack.json');
      assert.deepEqual(
        onPack.map((d) => [d.code, d.severity]),
        [['config.invalid', 'error']],
      );
      assert.match(onPack[0].message, /unknown key "colour"/);
      assert.ok(report.diagnostics.some((d) => d.code === 'risk.missing-perspective' && d.severity === 'hint'));
    } finally {
      fixture.cleanup();
    }
  });
});
