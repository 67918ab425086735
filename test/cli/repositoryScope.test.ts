// Issue 15, item 4 on the command line: `mqg4ai check some/subfolder` inside a git repository
// checks links leaving the subfolder in the repository, as the language server does.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli, type CliJsonReport } from '../helpers/cli';

describe('cli: check a subfolder of a git repository', function () {
  this.timeout(60000);
  let base: string;
  let repo: string;

  before(function () {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'mqg4ai-cli-repo-')));
    repo = join(base, 'repo');
    const write = (rel: string, text: string) => {
      mkdirSync(dirname(join(repo, rel)), { recursive: true });
      writeFileSync(join(repo, rel), text);
    };
    try {
      execFileSync('git', ['init', '-q', repo], { stdio: 'ignore' });
    } catch {
      mkdirSync(join(repo, '.git'), { recursive: true }); // no git on this machine: the folder is what counts
    }
    write('MQG4Application/v1_Triage/1_System/Data.md', '# Data\n\n## Data sources\n');
    write(
      'MQG4Application/v2_Triage/README.md',
      '# V2\n\n[ok](../v1_Triage/1_System/Data.md#data-sources)\n\n[gone](../v1_Triage/1_System/Gone.md)\n\n[far](../../../outside.md)\n',
    );
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('from the repository root as working folder, with a relative subfolder: sibling links checked, paths relative to the subfolder', () => {
    const result = runCli(['check', 'MQG4Application/v2_Triage', '--format', 'json'], repo);
    const report = JSON.parse(result.stdout) as CliJsonReport;
    assert.deepEqual(
      report.diagnostics.map((d) => [d.file, d.code, d.severity, d.message]),
      [
        ['README.md', 'link.missing-file', 'error', 'File not found: Gone.md. Looked for ../v1_Triage/1_System/Gone.md.'],
        [
          'README.md',
          'link.outside-workspace',
          'information',
          'Link points outside the workspace folders and their git repository (../../../outside.md); it is not read or checked.',
        ],
      ],
    );
    assert.equal(result.status, 1, 'an error fails the check');
    assert.ok(!JSON.stringify(report.diagnostics).includes(base), 'no absolute parent path in a finding');
    const text = runCli(['check', 'MQG4Application/v2_Triage'], repo);
    assert.match(text.stdout, /README\.md:5:\d+ error .*Gone\.md/);
    assert.ok(!text.stdout.includes(base), 'no absolute parent path in the text output');
  });
});
