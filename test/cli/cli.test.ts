import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliJsonReport } from '../helpers/cli';
import { FIXTURES, type ExpectedBroken } from '../helpers/fixtures';
import { makeWorkspace } from '../helpers/workspace';

function expectedOf(name: string): { broken: ExpectedBroken[]; frontmatter?: Array<{ file: string; line: number }> } {
  return JSON.parse(readFileSync(join(FIXTURES, name, 'EXPECTED.json'), 'utf8'));
}

for (const fixture of ['sample-assessment', 'link-forms']) {
  describe(`cli: check over test-fixtures/${fixture}`, function () {
    this.timeout(20000);
    const expected = expectedOf(fixture);
    const result = runCli(['check', join(FIXTURES, fixture), '--format', 'json']);
    const report = JSON.parse(result.stdout) as CliJsonReport;

    it('reports exactly the broken links of EXPECTED.json (file, line of the opening bracket, destination, code)', () => {
      const got = report.diagnostics
        .filter((d) => d.code.startsWith('link.') && d.severity === 'error')
        .map((d) => `${d.file}:${d.link!.start.line + 1} ${d.code} ${d.target}`);
      const want = expected.broken.map((b) => `${b.file}:${b.line} ${b.code} ${b.destination}`);
      assert.deepEqual(got.sort(), want.sort());
    });

    it('reports the front-matter errors of EXPECTED.json, one per broken block', () => {
      const got = report.diagnostics.filter((d) => d.code === 'frontmatter.invalid').map((d) => `${d.file}:${d.range.start.line + 1}`);
      assert.deepEqual(got.sort(), (expected.frontmatter ?? []).map((f) => `${f.file}:${f.line}`).sort());
    });

    it('writes the documented JSON shape and exits 1 because errors were found', () => {
      assert.equal(result.status, 1);
      assert.equal(report.version, 1);
      assert.equal(report.root, join(FIXTURES, fixture));
      assert.ok(report.files > 0);
      for (const d of report.diagnostics) {
        assert.ok(!d.file.startsWith('/'), 'root-relative path');
        assert.match(d.severity, /^(error|warning|information|hint)$/);
        assert.equal(typeof d.range.start.line, 'number');
      }
    });
  });
}

describe('cli: text output and exit codes', function () {
  this.timeout(20000);

  it('prints compiler-style lines with 1-based positions', () => {
    const ws = makeWorkspace({ 'a.md': '# A\n\nSee [b](./b.md) and [c](./c.md).\n', 'b.md': '# B\n' });
    try {
      const result = runCli(['check', ws.root]);
      assert.equal(result.status, 1);
      assert.equal(result.stdout, 'a.md:3:25 error link.missing-file File not found: c.md.\n');
      assert.match(result.stderr, /2 files checked: 1 error/);
    } finally {
      ws.cleanup();
    }
  });

  it('exits 0 when nothing is broken', () => {
    const ws = makeWorkspace({ 'a.md': '# A\n\n[b](b.md#b) [web](https://example.org) [mail](mailto:x@example.org)\n', 'b.md': '# B\n' });
    try {
      const result = runCli(['check'], ws.root);
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.equal(result.stdout, '');
    } finally {
      ws.cleanup();
    }
  });

  it('checks only the given files when several paths are given, resolving against the current folder', () => {
    const ws = makeWorkspace({ 'a.md': '[x](missing.md)\n', 'sub/b.md': '[y](../a.md) [z](nope.md)\n' });
    try {
      const result = runCli(['check', 'sub/b.md', 'a.md', '--format=json'], ws.root);
      const report = JSON.parse(result.stdout) as CliJsonReport;
      assert.deepEqual(report.diagnostics.map((d) => d.file).sort(), ['a.md', 'sub/b.md']);
      assert.equal(report.files, 2);
    } finally {
      ws.cleanup();
    }
  });

  it('exits 2 with a message on usage errors and missing paths', () => {
    assert.equal(runCli([]).status, 2);
    assert.equal(runCli(['lint']).status, 2);
    const badFormat = runCli(['check', '--format', 'xml']);
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /--format must be "text", "json", "sarif" or "junit"/);
    const missing = runCli(['check', '/definitely/not/here']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file or folder/);
    assert.match(runCli(['--help']).stdout, /Usage: mqg4ai check/);
  });
});
