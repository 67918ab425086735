import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../helpers/cli';

/** Git with a fixed identity and fixed dates, so the fixture repository is the same on every run. */
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Fixture Author',
      GIT_AUTHOR_EMAIL: 'author@example.invalid',
      GIT_COMMITTER_NAME: 'Fixture Author',
      GIT_COMMITTER_EMAIL: 'author@example.invalid',
      GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: cwd,
    },
  });
}

const V1 = 'Apps/v1_Demo';
const BIAS = `${V1}/3_RiskManagement/Bias.md`;
const DATA = `${V1}/2_Lifecycle/1_Data/QG_Data.md`;
const MODEL = `${V1}/2_Lifecycle/2_Development/QG_Model.md`;
const SYSTEM = `${V1}/1_System/AI_System.md`;
const V2_DATA = 'Apps/v2_Demo/2_Lifecycle/1_Data/QG_Data.md';

const BIAS_TEXT = '# Bias\n\n## Analysis\n\nThe data may be skewed.\n\n## Mitigation\n\nRe-weight the samples.\n';
const FILES: Record<string, string> = {
  [BIAS]: BIAS_TEXT,
  [DATA]: '# QG Data\n\n## Risks\n\nALTAI:\n> - Did you assess the data for bias?\n\nYes: see [bias](../../3_RiskManagement/Bias.md).\n',
  [MODEL]: '# QG Model\n\nTrained on the [data gate](../1_Data/QG_Data.md).\n',
  [SYSTEM]: '# AI System\n\nKnown risks: [bias](../3_RiskManagement/Bias.md).\n',
  'Apps/v2_Demo/1_System/AI_System.md': '# AI System v2\n',
  'Apps/v2_Demo/3_RiskManagement/Bias.md': '# Bias v2\n',
  // A trace from another assessment: never part of v1's impact.
  [V2_DATA]: '# QG Data v2\n\nOld [bias](../../../v1_Demo/3_RiskManagement/Bias.md).\n',
};

function write(repo: string, path: string, text: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

function commitAll(repo: string, message: string): string {
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD').trim();
}

function json<T>(result: { status: number; stdout: string; stderr: string }): T {
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as T;
}

interface StatusJson {
  version: number;
  root: string;
  documents: Array<{
    path: string;
    status: string;
    reviewedBy: string | null;
    reviewedAt: string | null;
    suspectTraces: Array<{ line: number; target: string }>;
  }>;
}

describe('mqg4ai review and mqg4ai impact over a fixture git repository', function () {
  this.timeout(120_000);
  let repo: string;
  let first: string;

  before(function () {
    try {
      execFileSync('git', ['--version']);
    } catch {
      console.log('    (skipped: git is not installed)');
      this.skip();
    }
    repo = mkdtempSync(join(tmpdir(), 'mqg4ai-review-'));
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.name', 'Repo Reviewer');
    git(repo, 'config', 'user.email', 'reviewer@example.invalid');
    for (const [path, text] of Object.entries(FILES)) write(repo, path, text);
    first = commitAll(repo, 'Assessment v1 and v2');
  });

  after(() => {
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it('review mark stamps documents (by --by, else the git user); review status lists them, paths relative to PATH', () => {
    const marked = runCli(['review', 'mark', DATA, '--by', 'Ada Lovelace'], repo);
    assert.equal(marked.status, 0, marked.stderr);
    const stamp = readFileSync(join(repo, '.mqg4ai/reviews', `${DATA}.yaml`), 'utf8');
    assert.match(stamp, /^reviewedBy: "Ada Lovelace"$/m);
    assert.match(stamp, new RegExp(`^ {2}"${BIAS.replace(/[.]/g, '\\.')}": "[0-9a-f]{16}"$`, 'm'));
    assert.equal(runCli(['review', 'mark', SYSTEM, MODEL], repo).status, 0);
    assert.match(readFileSync(join(repo, '.mqg4ai/reviews', `${SYSTEM}.yaml`), 'utf8'), /^reviewedBy: "Repo Reviewer"$/m);

    const status = json<StatusJson>(runCli(['review', 'status', V1, '--format', 'json'], repo));
    assert.equal(status.version, 1);
    assert.deepEqual(
      status.documents.map((d) => [d.path, d.status, d.reviewedBy]),
      [
        ['1_System/AI_System.md', 'reviewed', 'Repo Reviewer'],
        ['2_Lifecycle/1_Data/QG_Data.md', 'reviewed', 'Ada Lovelace'],
        ['2_Lifecycle/2_Development/QG_Model.md', 'reviewed', 'Repo Reviewer'],
        ['3_RiskManagement/Bias.md', 'unreviewed', null],
      ],
    );
    commitAll(repo, 'Reviews');
  });

  it('impact over two commits: changed documents with their sections, what traces to them within the assessment, to --depth', () => {
    write(repo, MODEL, '# QG Model\n\nTrained on the [data gate](../1_Data/QG_Data.md), with early stopping.\n');
    commitAll(repo, 'Model gate');
    write(repo, BIAS, BIAS_TEXT.replace('Re-weight the samples.', 'Drop the outliers.'));
    commitAll(repo, 'New mitigation');

    interface ImpactJson {
      since: string;
      commit: string;
      changes: Array<{
        path: string;
        status: string;
        sections: string[];
        assessment: string | null;
        impacted: Array<{ path: string; depth: number; via: string; places: Array<{ line: number; section: string | null; questions: string[] }> }>;
      }>;
    }
    const report = json<ImpactJson>(runCli(['impact', '--since', first, '--format', 'json'], repo));
    assert.equal(report.commit, first);
    assert.deepEqual(
      report.changes.map((c) => [c.path, c.status, c.sections, c.assessment]),
      [
        [MODEL, 'modified', ['QG Model'], 'Apps/v1_Demo'],
        [BIAS, 'modified', ['Mitigation'], 'Apps/v1_Demo'],
      ],
    );
    const bias = report.changes[1];
    assert.deepEqual(
      bias.impacted.map((d) => [d.path, d.depth, d.via]),
      [
        [SYSTEM, 1, BIAS],
        [DATA, 1, BIAS],
        [MODEL, 2, DATA],
      ],
      'v2 links to it too, but from another assessment',
    );
    assert.deepEqual(bias.impacted[1].places, [
      { line: 8, destination: '../../3_RiskManagement/Bias.md', section: 'Risks', questions: ['Did you assess the data for bias?'] },
    ]);

    const shallow = json<ImpactJson>(runCli(['impact', '--since', first, '--format', 'json', '--depth', '1'], repo));
    assert.deepEqual(
      shallow.changes[1].impacted.map((d) => d.path),
      [SYSTEM, DATA],
    );
    // Scoped to a folder: paths relative to it.
    const scoped = json<ImpactJson>(runCli(['impact', V1, '--since', 'HEAD~1', '--format', 'json'], repo));
    assert.deepEqual(
      scoped.changes.map((c) => c.path),
      ['3_RiskManagement/Bias.md'],
    );

    const md = runCli(['impact', '--since', first], repo);
    assert.equal(md.status, 0, md.stderr);
    assert.match(md.stdout, /^## MQG4AI change impact since `[0-9a-f]{40}`/);
    assert.match(md.stdout, /### `Apps\/v1_Demo\/3_RiskManagement\/Bias\.md` \(modified\) · assessment v1\\_Demo\n\nChanged sections: Mitigation/);
    assert.match(md.stdout, /\| `Apps\/v1_Demo\/2_Lifecycle\/2_Development\/QG_Model\.md` QG Model \| 2 via `QG_Data\.md` \| line 3/);

    const sarif = json<{
      version: string;
      runs: Array<{
        results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>;
      }>;
    }>(runCli(['impact', '--since', first, '--format', 'sarif'], repo));
    assert.equal(sarif.version, '2.1.0');
    const traces = sarif.runs[0].results
      .filter((r) => r.ruleId === 'impact.traces-to-change')
      .map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`);
    assert.ok(traces.includes(`${DATA}:8`), traces.join(', '));
  });

  it('the edited target makes the trace suspect in review status and check (--fail-on warning gates on it); mark clears it', () => {
    const status = json<StatusJson>(runCli(['review', 'status', '--format', 'json'], repo));
    const data = status.documents.find((d) => d.path === DATA)!;
    assert.equal(data.status, 'suspect');
    assert.deepEqual(data.suspectTraces, [{ line: 8, target: '../../3_RiskManagement/Bias.md' }]);
    // The model gate changed after its review: unreviewed (its own change), not suspect.
    assert.equal(status.documents.find((d) => d.path === MODEL)!.status, 'unreviewed');
    const text = runCli(['review', 'status', V1], repo);
    assert.match(text.stdout, /v1_Demo \(Apps\/v1_Demo\): 0 reviewed, 2 suspect, 2 unreviewed/);
    assert.match(
      text.stdout,
      /suspect {4}2_Lifecycle\/1_Data\/QG_Data\.md \(reviewed by Ada Lovelace on \d{4}-\d\d-\d\d\)\n {13}line 8: \.\.\/\.\.\/3_RiskManagement\/Bias\.md changed since the review/,
    );

    const check = runCli(['check', '--format', 'json', '--fail-on', 'warning'], repo);
    assert.equal(check.status, 1);
    const suspects = (JSON.parse(check.stdout) as { diagnostics: Array<{ file: string; code: string }> }).diagnostics.filter((d) => d.code === 'trace.suspect');
    assert.deepEqual(
      suspects.map((d) => d.file),
      [SYSTEM, DATA],
    );

    // The coverage report shows the review status of the assessment, with its suspect traces.
    const report = runCli(['coverage', '--assessment', 'Apps/v1_Demo', '--format', 'md'], repo);
    assert.equal(report.status, 0, report.stderr);
    assert.match(report.stdout, /## Review status\n[\s\S]*\| v1\\_Demo \| 0 \| 2 \| 2 \|/);
    assert.match(report.stdout, /- `Apps\/v1_Demo\/2_Lifecycle\/1_Data\/QG_Data\.md` line 8: `\.\.\/\.\.\/3_RiskManagement\/Bias\.md`/);
    assert.equal(runCli(['review', 'mark', DATA, '--by', 'Ada Lovelace'], repo).status, 0);
    const again = json<StatusJson>(runCli(['review', 'status', '--format', 'json'], repo));
    assert.equal(again.documents.find((d) => d.path === DATA)!.status, 'reviewed');
    git(repo, 'checkout', '-q', '--', '.');
    git(repo, 'clean', '-qfd');
  });

  it('two independent stamps on two branches merge without conflict (snapshots of the same text included)', () => {
    git(repo, 'checkout', '-q', '-b', 'review-a');
    assert.equal(runCli(['review', 'mark', DATA, '--by', 'A'], repo).status, 0);
    commitAll(repo, 'A reviews the data gate');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'checkout', '-q', '-b', 'review-b');
    // B marks documents whose reviews store some of the same texts as A's (the edited risk's).
    assert.equal(runCli(['review', 'mark', SYSTEM, MODEL, '--by', 'B'], repo).status, 0);
    commitAll(repo, 'B reviews the system and model gates');
    const snapshotsA = git(repo, 'ls-tree', '--name-only', 'review-a', '.mqg4ai/snapshots/').split('\n');
    const snapshotsB = git(repo, 'ls-tree', '--name-only', 'review-b', '.mqg4ai/snapshots/').split('\n');
    const base = git(repo, 'ls-tree', '--name-only', 'main', '.mqg4ai/snapshots/').split('\n');
    assert.ok(
      snapshotsA.some((s) => s !== '' && !base.includes(s) && snapshotsB.includes(s)),
      'both branches add an identical snapshot file',
    );
    git(repo, 'merge', '-q', '--no-edit', 'review-a');
    assert.equal(git(repo, 'status', '--porcelain'), '');
    const status = json<StatusJson>(runCli(['review', 'status', V1, '--format', 'json'], repo));
    assert.deepEqual(
      status.documents.filter((d) => d.status === 'reviewed').map((d) => [d.path, d.reviewedBy]),
      [
        ['1_System/AI_System.md', 'B'],
        ['2_Lifecycle/1_Data/QG_Data.md', 'A'],
        ['2_Lifecycle/2_Development/QG_Model.md', 'B'],
      ],
    );
    assert.ok(readdirSync(join(repo, '.mqg4ai/reviews/Apps/v1_Demo/2_Lifecycle')).length === 2);
  });

  it('says what is wrong: an unknown ref, a missing --since, a file that is not a document', () => {
    const unknown = runCli(['impact', '--since', 'no-such-branch'], repo);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown git ref "no-such-branch"/);
    const missing = runCli(['impact'], repo);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--since GIT_REF is required/);
    write(repo, 'notes.txt', 'x');
    const notDocument = runCli(['review', 'mark', 'notes.txt', '--by', 'A'], repo);
    assert.equal(notDocument.status, 1);
    assert.match(notDocument.stderr, /not marked: .*notes\.txt: not an indexed Markdown document/);
    assert.ok(!existsSync(join(repo, '.mqg4ai/reviews/notes.txt.yaml')));
  });
});
