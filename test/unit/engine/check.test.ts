import assert from 'node:assert/strict';
import { OperationCancelled } from '../../../server/src/base/cancellation';
import { InMemoryFileSystem } from '../../../server/src/base/fileSystem';
import { checkWorkspace } from '../../helpers/check';
import { cancelled } from '../helpers';

const files = {
  '/ws/b/two.md': '# Two\n\n[gone](gone.md)\n',
  '/ws/a/one.md': '# One\n\n[gone](nope/)\n',
  '/ws/a/fine.md': '# Fine\n\n[one](one.md)\n',
  '/ws/c/other.txt': 'not markdown',
};

describe('engine: check', () => {
  it('checks every document of the root, reporting only those with diagnostics, sorted by path', async () => {
    const result = await checkWorkspace(new InMemoryFileSystem(files), '/ws');
    assert.equal(result.root, '/ws');
    assert.equal(result.files, 3);
    assert.deepEqual(
      result.reports.map((r) => [r.path, r.relativePath, r.diagnostics.filter((d) => d.code.startsWith('link.')).map((d) => d.code)]),
      [
        ['/ws/a/one.md', 'a/one.md', ['link.missing-folder']],
        ['/ws/b/two.md', 'b/two.md', ['link.missing-file']],
      ],
    );
  });

  it('limits the check to the given scope but resolves links against the whole root', async () => {
    const result = await checkWorkspace(new InMemoryFileSystem(files), '/ws', { scope: ['/ws/a'] });
    assert.equal(result.files, 2);
    assert.deepEqual(
      result.reports.map((r) => r.relativePath),
      ['a/one.md'],
    );
  });

  it('accepts several scopes, files and folders alike', async () => {
    const result = await checkWorkspace(new InMemoryFileSystem(files), '/ws', { scope: ['/ws/a/fine.md', '/ws/b'] });
    assert.equal(result.files, 2);
    assert.deepEqual(
      result.reports.map((r) => r.relativePath),
      ['b/two.md'],
    );
  });

  it('honours cancellation', async () => {
    await assert.rejects(checkWorkspace(new InMemoryFileSystem(files), '/ws', { token: cancelled }), OperationCancelled);
  });
});
