// The CLI on hostile repositories (docs/security.md): a project file cannot make it write
// outside the repository, and a closed pipe ends the output, not the process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_PATH, runCli } from '../helpers/cli';

describe('cli: a hostile repository', function () {
  this.timeout(60000);
  let base: string;
  let repo: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'mqg4ai-cli-hostile-'));
    repo = join(base, 'repo');
    mkdirSync(join(repo, 'Tree/2_Lifecycle'), { recursive: true });
    writeFileSync(join(repo, 'Tree/2_Lifecycle/QG_A.md'), '# A\n\n[gone](gone.md)\n');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  for (const output of ['../outside.md', join(tmpdir(), 'mqg4ai-absolute-target.md')]) {
    it(`report.output ${output.startsWith('..') ? 'leading out of' : 'absolute, outside'} the repository is refused; nothing is written`, () => {
      writeFileSync(join(repo, '.mqg4ai.yaml'), `report:\n  output: ${JSON.stringify(output)}\n`);
      const target = output.startsWith('..') ? join(base, 'outside.md') : output;
      rmSync(target, { force: true });
      const result = runCli(['coverage', repo]);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /report\.output .* in the project file (leads outside the repository|is an absolute path)/);
      assert.equal(existsSync(target), false);
    });
  }

  it('report.output inside the repository is written; --output from the user may write anywhere', () => {
    writeFileSync(join(repo, '.mqg4ai.yaml'), 'report:\n  output: reports/coverage.md\n');
    mkdirSync(join(repo, 'reports'));
    assert.equal(runCli(['coverage', repo]).status, 0);
    assert.match(readFileSync(join(repo, 'reports/coverage.md'), 'utf8'), /^# /);
    const elsewhere = join(base, 'mine.md');
    assert.equal(runCli(['coverage', repo, '--output', elsewhere]).status, 0);
    assert.ok(existsSync(elsewhere));
  });

  it('a link destination with %0A and %1B forges no line, escape or workflow command in the text output', () => {
    writeFileSync(join(repo, 'Tree/2_Lifecycle/QG_A.md'), '# A\n\n[x](gone%0A::error%20file=x::forged%1B[31m.md)\n');
    const result = runCli(['check', repo]);
    const lines = result.stdout.split('\n').filter(Boolean);
    // One line per finding, each starting with its file: the decoded line break stays inside its line.
    assert.ok(
      lines.every((l) => l.startsWith('Tree/2_Lifecycle/QG_A.md:')),
      result.stdout,
    );
    assert.equal(lines.filter((l) => l.includes('link.missing-file')).length, 1);
    assert.ok(!result.stdout.includes('\u001b'), 'no terminal escape');
  });

  it('piped into a reader that stops early (| head -1): no EPIPE crash, the real exit code', () => {
    for (let i = 0; i < 400; i++) writeFileSync(join(repo, `Tree/2_Lifecycle/QG_${i}.md`), `# Q ${i}\n\n[gone](gone-${i}.md)\n`);
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${CLI_PATH}" check "${repo}" | head -1`], { encoding: 'utf8' });
    assert.equal(run.stdout.split('\n').filter(Boolean).length, 1);
    assert.doesNotMatch(run.stderr, /EPIPE|Error:/);
    assert.equal(run.status, 1, 'the findings still fail the check');
  });
});
