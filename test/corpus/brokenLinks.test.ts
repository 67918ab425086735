import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliJsonReport } from '../helpers/cli';
import { CORPUS } from '../helpers/fixtures';
import { requireCorpus } from '../helpers/corpus';

const STATUS_TO_CODE: Record<string, string> = {
  'missing-file': 'link.missing-file',
  'missing-folder': 'link.missing-folder',
  'missing-anchor': 'link.missing-anchor',
  'empty-destination': 'link.empty',
};

describe('corpus: the real MQG4AI repository', function () {
  this.timeout(60000);
  const corpus = join(CORPUS, 'mqg4ai');
  const expectedPath = join(CORPUS, 'expected/broken-links.json');

  before(function () {
    requireCorpus(this, corpus, expectedPath);
  });

  it('reports exactly the broken links of the ground truth: same file, line, destination and kind', function () {
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as {
      broken: Array<{ file: string; line: number; column: number; destination: string; status: string }>;
    };
    const result = runCli(['check', corpus, '--format', 'json']);
    assert.equal(result.status, 1, `exit status 1 expected (errors found); stderr: ${result.stderr}`);
    const report = JSON.parse(result.stdout) as CliJsonReport;

    const linkDiagnostics = report.diagnostics.filter((d) => d.code.startsWith('link.') && d.severity === 'error');
    const got = linkDiagnostics.map((d) => `${d.file}:${d.link!.start.line + 1}:${d.link!.start.character + 1} ${d.code} ${d.target}`).sort();
    const want = expected.broken.map((b) => `${b.file}:${b.line}:${b.column} ${STATUS_TO_CODE[b.status]} ${b.destination}`).sort();
    assert.deepEqual(got, want);
    assert.equal(report.files, 119);
  });

  it('reports no front-matter errors and no skipped files on the real documents', function () {
    const report = JSON.parse(runCli(['check', corpus, '--format', 'json']).stdout) as CliJsonReport;
    assert.deepEqual(
      report.diagnostics.filter((d) => d.code === 'frontmatter.invalid' || d.code === 'file.skipped'),
      [],
    );
  });
});
