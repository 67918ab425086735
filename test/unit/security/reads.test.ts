// Reads on the real disk (issue 14, finding 5): only regular files are read, every read has a
// byte cap and streams (a size of 0 on disk proves nothing), a FIFO never blocks indexing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFileSystem, pathFromFsPath, readRegularFileSync } from '../../../server/src/base/fileSystem';
import { readGitCommit } from '../../../server/src/workspace/gitCommit';
import { WorkspaceIndex, defaultIndexOptions } from '../../../server/src/workspace/workspaceIndex';
import { silentLogger } from '../../../server/src/base/logger';

const posixOnly = process.platform === 'win32' ? describe.skip : describe;

posixOnly('security: reads only regular files, with a byte cap', function () {
  this.timeout(10000);
  let dir: string;
  let ws: string;
  const fs = new NodeFileSystem();
  const p = (name: string) => pathFromFsPath(join(dir, name));

  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'mqg4ai-reads-')));
    ws = p('');
    writeFileSync(join(dir, 'ok.md'), '# OK\n\n[zero](notes.md) [fifo](pipe.md)\n');
    writeFileSync(join(dir, 'big.md'), 'x'.repeat(300_000));
    symlinkSync('/dev/zero', join(dir, 'notes.md'));
    execFileSync('mkfifo', [join(dir, 'fifo.md')]);
    symlinkSync(join(dir, 'fifo.md'), join(dir, 'pipe.md'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a symbolic link to /dev/zero: not listed, absent to stat, refused by readFile at once', async () => {
    assert.equal(await fs.stat(p('notes.md')), undefined);
    assert.ok(!(await fs.readDirectory(ws)).some(([name]) => name === 'notes.md'));
    await assert.rejects(fs.readFile(p('notes.md')), (e: NodeJS.ErrnoException) => e.code === 'ENOTREG');
  });

  it('a FIFO, directly or behind a link: not listed, and readFile returns at once instead of blocking', async () => {
    const names = (await fs.readDirectory(ws)).map(([name]) => name);
    assert.ok(!names.includes('fifo.md') && !names.includes('pipe.md'), names.join());
    await assert.rejects(fs.readFile(p('fifo.md')), (e: NodeJS.ErrnoException) => e.code === 'ENOTREG');
    await assert.rejects(fs.readFile(p('pipe.md')), (e: NodeJS.ErrnoException) => e.code === 'ENOTREG');
  });

  it('every read stops at its cap, also when the size on disk says 0', async () => {
    await assert.rejects(fs.readFile(p('big.md'), 100_000), (e: NodeJS.ErrnoException) => e.code === 'EFBIG');
    assert.equal((await fs.readFile(p('big.md'), 300_000)).byteLength, 300_000);
    assert.equal((await fs.readFile(p('big.md'))).byteLength, 300_000, 'the default cap is generous');
    if (existsSync('/proc/self/status')) {
      // procfs: a regular file whose stat size is 0 but that has content (like a file growing while read).
      assert.ok((await fs.readFile('/proc/self/status')).byteLength > 0, 'streams past the stat size');
      await assert.rejects(fs.readFile('/proc/self/status', 10), (e: NodeJS.ErrnoException) => e.code === 'EFBIG');
    }
  });

  it('indexing a folder with /dev/zero and FIFO links finishes, and indexes the rest', async () => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: [ws], maxFileSize: 200_000 }, silentLogger);
    await index.initialize();
    assert.ok(index.getDocument(p('ok.md')), 'the ordinary document');
    for (const name of ['notes.md', 'fifo.md', 'pipe.md']) assert.ok(!index.hasFile(p(name)), `${name} is not a file of the workspace`);
    assert.match(index.getDocument(p('big.md'))?.skipped ?? '', /above the .* limit/);
    // Reading it again (as a request would) stops at the limit too.
    assert.equal(await index.readText(p('notes.md')), undefined);
    assert.equal(await index.readText(p('big.md')), undefined);
  });

  it('the synchronous reader (git data) has the same rules', () => {
    assert.throws(
      () => readRegularFileSync(join(dir, 'notes.md'), 100),
      (e: NodeJS.ErrnoException) => e.code === 'ENOTREG',
    );
    assert.throws(
      () => readRegularFileSync(join(dir, 'pipe.md'), 100),
      (e: NodeJS.ErrnoException) => e.code === 'ENOTREG',
    );
    assert.throws(
      () => readRegularFileSync(join(dir, 'big.md'), 1000),
      (e: NodeJS.ErrnoException) => e.code === 'EFBIG',
    );
    assert.equal(readRegularFileSync(join(dir, 'big.md'), 300_000).byteLength, 300_000);
    if (existsSync('/proc/self/status')) assert.ok(readRegularFileSync('/proc/self/status', 1_000_000).byteLength > 0, 'grows past a stat size of 0');
  });

  it('a .git file pointing at a folder whose HEAD is /dev/zero or a FIFO: no commit, and no hang', () => {
    for (const target of ['/dev/zero', join(dir, 'fifo.md')]) {
      const repo = mkdtempSync(join(dir, 'repo-'));
      mkdirSync(join(repo, 'gitdata'));
      symlinkSync(target, join(repo, 'gitdata', 'HEAD'));
      writeFileSync(join(repo, '.git'), 'gitdir: gitdata\n');
      assert.equal(readGitCommit(repo), undefined, target);
    }
  });
});
