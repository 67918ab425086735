// Report output confinement (issue 14, finding 1): `report.output` from a project file may
// only name a file inside the repository; a command-line --output is the user's choice.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveReportOutput } from '../../../server/src/config/reportOutput';

describe('security: report output from a project file stays inside the repository', () => {
  let dir: string;
  let repo: string;
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'mqg4ai-output-')));
    repo = join(dir, 'repo');
    mkdirSync(join(repo, 'reports'), { recursive: true });
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', '.bashrc'), 'original');
    writeFileSync(join(repo, 'reports', 'old.md'), 'old report');
    if (process.platform !== 'win32') {
      symlinkSync(join(dir, 'elsewhere'), join(repo, 'out'));
      symlinkSync(join(dir, 'elsewhere', '.bashrc'), join(repo, 'report.md'));
      symlinkSync(join(repo, 'reports'), join(repo, 'inside-link'));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts relative paths inside the repository, also new subfolders and `..` that stays inside', () => {
    assert.deepEqual(resolveReportOutput(repo, 'coverage.md'), { ok: true, path: join(repo, 'coverage.md') });
    assert.deepEqual(resolveReportOutput(repo, 'reports/old.md'), { ok: true, path: join(repo, 'reports', 'old.md') });
    assert.deepEqual(resolveReportOutput(repo, 'reports/../c.html'), { ok: true, path: join(repo, 'c.html') });
    assert.deepEqual(resolveReportOutput(repo, 'new/dir/c.md'), { ok: true, path: join(repo, 'new', 'dir', 'c.md') });
    assert.deepEqual(resolveReportOutput(repo, '..report.md'), { ok: true, path: join(repo, '..report.md') });
  });

  it('refuses `..` escapes and absolute paths with a clear error', () => {
    for (const value of [
      '../elsewhere/.bashrc',
      'reports/../../elsewhere/x.md',
      '..',
      '.',
      '/etc/passwd',
      join(dir, 'elsewhere', '.bashrc'),
      'C:\\Windows\\x.md',
      '\\\\server\\share\\x.md',
      '',
      'a\0b',
    ]) {
      const result = resolveReportOutput(repo, value);
      assert.equal(result.ok, false, value);
      assert.match(
        (result as { error: string }).error,
        /^report\.output ".*" in the project file .*; give --output on the command line to write elsewhere\.$/,
        value,
      );
    }
    assert.match((resolveReportOutput(repo, '../x.md') as { error: string }).error, /leads outside the repository/);
    assert.match((resolveReportOutput(repo, '/tmp/x.md') as { error: string }).error, /absolute path/);
  });

  (process.platform === 'win32' ? it.skip : it)('refuses a folder link leading out, and a symbolic link as the file itself', () => {
    assert.match((resolveReportOutput(repo, 'out/.bashrc') as { error: string }).error, /through a symbolic link/);
    assert.match((resolveReportOutput(repo, 'out/new/x.md') as { error: string }).error, /through a symbolic link/);
    assert.match((resolveReportOutput(repo, 'report.md') as { error: string }).error, /is a symbolic link/);
    assert.deepEqual(resolveReportOutput(repo, 'inside-link/x.md'), { ok: true, path: join(repo, 'inside-link', 'x.md') }, 'a link that stays inside is fine');
    assert.match((resolveReportOutput(repo, 'reports') as { error: string }).error, /not a regular file/);
  });

  it('an error message carries no control characters from the project file', () => {
    const result = resolveReportOutput(repo, '/x\n::error::forged\u001b[31m');
    assert.equal(result.ok, false);
    // eslint-disable-next-line no-control-regex -- control characters are what this matches
    assert.doesNotMatch((result as { error: string }).error, /[\n\u001b]/);
  });
});
