// `mqg4ai check --cache DIR` and `mqg4ai coverage --cache DIR`: the same results with or without
// the cache, cold, warm, from a fresh clone (other paths and mtimes) and from a damaged cache.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireCorpus } from '../helpers/corpus';
import { runCli } from '../helpers/cli';
import { copyFixture, CORPUS } from '../helpers/fixtures';

/** The JSON report without the absolute root (a clone lives elsewhere). */
function checkResult(root: string, ...extra: string[]): { status: number; report: unknown; stderr: string } {
  const run = runCli(['check', root, '--format', 'json', ...extra]);
  const report = JSON.parse(run.stdout) as { root?: string };
  delete report.root;
  return { status: run.status, report, stderr: run.stderr };
}

/** The coverage report as JSON, without what differs between any two runs (date, commit, root). */
function coverageResult(root: string, ...extra: string[]): unknown {
  const run = runCli(['coverage', root, '--format', 'json', ...extra]);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout.split(root).join('<root>'), (key, value: unknown) => (key === 'generated' || key === 'commit' ? undefined : value));
}

describe('cli: --cache DIR', function () {
  this.timeout(180000);
  const cleanups: Array<() => void> = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('check on the sample: identical results without, cold, warm, from a fresh clone and from a damaged cache', () => {
    const fixture = copyFixture('sample-assessment');
    cleanups.push(fixture.cleanup);
    const cache = tempDir('mqg4ai-cli-cache-');
    const plain = checkResult(fixture.root);
    assert.ok((plain.report as { diagnostics: unknown[] }).diagnostics.length > 0, 'the sample has findings to compare');

    const cold = checkResult(fixture.root, '--cache', cache);
    assert.deepEqual(cold, plain);
    const files = readdirSync(cache);
    assert.equal(files.length, 1, `one cache file, nothing half-written: ${files.join(', ')}`);

    const warm = checkResult(fixture.root, '--cache', cache, '--verbose');
    assert.deepEqual({ ...warm, stderr: '' }, { ...plain, stderr: '' });
    assert.match(warm.stderr, /Indexed \d+ files \(\d+ Markdown, 0 parsed\)/);

    // A fresh clone: another folder, new mtimes; its documents are found by content.
    const clone = copyFixture('sample-assessment');
    cleanups.push(clone.cleanup);
    const fresh = checkResult(clone.root, '--cache', cache, '--verbose');
    assert.deepEqual({ ...fresh, stderr: '' }, { ...plain, stderr: '' });
    assert.match(fresh.stderr, /Indexed \d+ files \(\d+ Markdown, 0 parsed\)/);

    writeFileSync(join(cache, files[0]), 'damaged');
    const damaged = checkResult(fixture.root, '--cache', cache, '--verbose');
    assert.deepEqual({ ...damaged, stderr: '' }, { ...plain, stderr: '' });
    assert.match(damaged.stderr, /index cache .* is damaged/);
    assert.doesNotMatch(damaged.stderr, /, 0 parsed\)/);
  });

  it('coverage on the sample: the same report with and without the cache', () => {
    const fixture = copyFixture('sample-assessment');
    cleanups.push(fixture.cleanup);
    const cache = tempDir('mqg4ai-cli-cache-');
    const plain = coverageResult(fixture.root);
    assert.deepEqual(coverageResult(fixture.root, '--cache', cache), plain);
    assert.deepEqual(coverageResult(fixture.root, '--cache', cache), plain);
  });

  it('check on the real corpus: identical results without, cold and warm, and from a copy of it', function () {
    const corpus = join(CORPUS, 'mqg4ai');
    requireCorpus(this, corpus);
    const base = tempDir('mqg4ai-corpus-copy-');
    const copy = join(base, 'mqg4ai');
    cpSync(corpus, copy, { recursive: true });
    const cache = tempDir('mqg4ai-cli-cache-');
    const plain = checkResult(copy);
    assert.ok((plain.report as { diagnostics: unknown[] }).diagnostics.length > 0);
    assert.deepEqual(checkResult(copy, '--cache', cache), plain, 'cold');
    assert.deepEqual(checkResult(copy, '--cache', cache), plain, 'warm');
    const clone = join(base, 'clone');
    cpSync(corpus, clone, { recursive: true });
    assert.deepEqual(checkResult(clone, '--cache', cache), plain, 'a clone elsewhere');
  });

  it('refuses an empty --cache', () => {
    const run = runCli(['check', '.', '--cache', '']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--cache needs a folder/);
  });
});
