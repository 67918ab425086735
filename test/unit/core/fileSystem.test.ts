import assert from 'node:assert/strict';
import { InMemoryFileSystem, pathFromUri, uriFromPath } from '../../../server/src/base/fileSystem';
import { OperationCancelled, throwIfCancelled, neverCancelled } from '../../../server/src/base/cancellation';
import { filteredLogger, type LogLevel } from '../../../server/src/base/logger';
import { cancelled, sorted } from '../helpers';

describe('core/workspace/fileSystem: InMemoryFileSystem and URIs', () => {
  const fs = new InMemoryFileSystem({ '/ws/a.md': '# A', '/ws/dir/b.md': 'bb', '/ws/dir/sub/c.png': new Uint8Array([1, 2, 3]) });

  it('stats files with their byte size, folders as directories, nothing as undefined', async () => {
    const a = await fs.stat('/ws/a.md');
    assert.deepEqual({ type: a?.type, size: a?.size }, { type: 'file', size: 3 });
    const c = await fs.stat('/ws/dir/sub/c.png');
    assert.deepEqual({ type: c?.type, size: c?.size }, { type: 'file', size: 3 });
    assert.ok(c!.mtimeMs > a!.mtimeMs, 'each write gets a later modification time');
    assert.deepEqual(await fs.stat('/ws/dir'), { type: 'directory', size: 0, mtimeMs: 0 });
    assert.deepEqual(await fs.stat('/ws/dir/'), { type: 'directory', size: 0, mtimeMs: 0 });
    assert.equal(await fs.stat('/ws/di'), undefined);
    assert.equal(await fs.stat('/ws/none.md'), undefined);
  });

  it('lists a folder one level deep', async () => {
    assert.deepEqual(sorted((await fs.readDirectory('/ws')).map(([n, t]) => `${n}:${t}`)), ['a.md:file', 'dir:directory']);
    assert.deepEqual(sorted((await fs.readDirectory('/ws/dir')).map(([n, t]) => `${n}:${t}`)), ['b.md:file', 'sub:directory']);
  });

  it('reads UTF-8 encoded content and fails with ENOENT for missing files', async () => {
    assert.deepEqual([...(await fs.readFile('/ws/dir/b.md'))], [98, 98]);
    await assert.rejects(fs.readFile('/ws/none.md'), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
  });

  it('delete removes a file or a whole folder, but not a sibling sharing the prefix', async () => {
    const local = new InMemoryFileSystem({ '/ws/dir/x.md': 'x', '/ws/dir2/y.md': 'y', '/ws/dir/sub/z.md': 'z' });
    local.delete('/ws/dir');
    assert.equal(await local.stat('/ws/dir'), undefined);
    assert.equal(await local.stat('/ws/dir/sub/z.md'), undefined);
    assert.deepEqual((await local.stat('/ws/dir2/y.md'))?.size, 1);
  });

  it('round-trips paths with spaces, parentheses and unicode through file URIs', () => {
    const path = '/ws/Images Folder/QG_Größe_(1).md';
    const uri = uriFromPath(path);
    assert.equal(uri, 'file:///ws/Images%20Folder/QG_Gr%C3%B6%C3%9Fe_%281%29.md');
    assert.equal(pathFromUri(uri), path);
  });
});

describe('core/util: cancellation and logging', () => {
  it('throwIfCancelled throws OperationCancelled only when cancelled', () => {
    assert.doesNotThrow(() => throwIfCancelled(neverCancelled));
    assert.throws(
      () => throwIfCancelled(cancelled),
      (e: Error) => e instanceof OperationCancelled && e.name === 'OperationCancelled',
    );
  });

  it('filteredLogger drops lines below the minimum level', () => {
    const seen: Array<[LogLevel, string]> = [];
    const logger = filteredLogger('info', (level, message) => seen.push([level, message]));
    for (const level of ['trace', 'debug', 'info', 'warn', 'error'] as const) logger.log(level, level);
    assert.deepEqual(
      seen.map(([l]) => l),
      ['info', 'warn', 'error'],
    );
  });
});
