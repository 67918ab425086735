import assert from 'node:assert/strict';
import { folderDistance } from '../../../server/src/domain/document/names';

// The definition: segments of both paths minus twice the leading segments they share.
function bySegments(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  let common = 0;
  while (common < pa.length && common < pb.length && pa[common] === pb[common]) common++;
  return pa.length + pb.length - 2 * common;
}

describe('folderDistance', () => {
  it('counts the folder steps between two paths', () => {
    assert.equal(folderDistance('/ws/a/QG_X.md', '/ws/a/QG_X.md'), 0);
    assert.equal(folderDistance('/ws/a/QG_X.md', '/ws/a/QG_Y.md'), 2);
    assert.equal(folderDistance('/ws/a/b/QG_X.md', '/ws/a/QG_X.md'), 3);
    // A shared prefix that is not a whole segment is not shared.
    assert.equal(folderDistance('/ws/app/x.md', '/ws/apple/x.md'), 4);
    assert.equal(folderDistance('/ws/a', '/ws/a/b'), 1);
  });

  it('agrees with the segment definition on generated paths', () => {
    const parts = ['', 'a', 'ab', 'b', 'a/b', 'ab/c', '/'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const path = () => Array.from({ length: Math.floor(next() * 5) }, () => (next() < 0.5 ? '/' : '') + parts[Math.floor(next() * parts.length)]).join('');
    for (let i = 0; i < 20_000; i++) {
      const [a, b] = [path(), path()];
      assert.equal(folderDistance(a, b), bySegments(a, b), `${JSON.stringify(a)} ${JSON.stringify(b)}`);
    }
  });
});
