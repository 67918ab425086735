import assert from 'node:assert/strict';
import { computeMoveEdits, relocator } from '../../../server/src/features/refactor/moveEdits';
import { buildIndex } from '../helpers';
import { applyChange, brokenLinks, indexOf, moveInMap } from './helpers';

/** Moves in memory the way VS Code does: edits on the old paths first, then the move; returns the new files. */
async function move(files: Record<string, string>, moves: Array<[string, string]>, roots = ['/ws']) {
  const { index } = await buildIndex(files, { roots });
  const before = brokenLinks(index);
  const change = computeMoveEdits(
    index,
    moves.map(([from, to]) => ({ from, to })),
  );
  const after = applyChange(files, change);
  for (const [from, to] of moves) moveInMap(after, from, to);
  const newIndex = (await buildIndex(after, { roots })).index;
  return { files: after, change, before, after: brokenLinks(newIndex) };
}

describe('refactor: link updates for moved files and folders', () => {
  it('relocates paths inside moved folders, innermost move first', () => {
    const relocate = relocator([
      { from: '/ws/a', to: '/ws/b' },
      { from: '/ws/a/x.md', to: '/ws/c/x.md' },
    ]);
    assert.equal(relocate('/ws/a/y.md'), '/ws/b/y.md');
    assert.equal(relocate('/ws/a/x.md'), '/ws/c/x.md');
    assert.equal(relocate('/ws/ab/y.md'), '/ws/ab/y.md');
  });

  it('updates links to a moved file, keeping anchors, titles, angle brackets and ./', async () => {
    const files = {
      '/ws/index.md': '# I\n\n[a](./docs/QG_A_(View).md#top "Title") [b](<docs/QG_A_(View).md>) ![img](docs/pic.png)\n\n[ref]: docs/QG_A_(View).md\n',
      '/ws/docs/QG_A_(View).md': '# Top\n\n[back](../index.md) [self](#top) [pic](pic.png)\n',
      '/ws/docs/pic.png': 'png',
    };
    const result = await move(files, [['/ws/docs/QG_A_(View).md', '/ws/gates/QG_A_(View).md']]);
    assert.equal(
      result.files['/ws/index.md'],
      '# I\n\n[a](./gates/QG_A_(View).md#top "Title") [b](<gates/QG_A_(View).md>) ![img](docs/pic.png)\n\n[ref]: gates/QG_A_(View).md\n',
    );
    assert.equal(result.files['/ws/gates/QG_A_(View).md'], '# Top\n\n[back](../index.md) [self](#top) [pic](../docs/pic.png)\n');
    assert.deepEqual(result.after, result.before);
  });

  it('updates links into a moved folder and relative links out of it; links inside stay as written', async () => {
    const files = {
      '/ws/tree/2_Lifecycle/AI_Lifecycle.md':
        '# L\n\n[dev](2_Development/) [qg](./2_Development/QG_Development_(Lifecycle).md) [leaf](2_Development/1_Train/QG_T.md#x)\n',
      '/ws/tree/2_Lifecycle/2_Development/QG_Development_(Lifecycle).md':
        '# D\n\n[t](1_Train/QG_T.md) [up](../AI_Lifecycle.md) [sys](../../1_System/App.md#purpose)\n',
      '/ws/tree/2_Lifecycle/2_Development/1_Train/QG_T.md': '# T\n\n## X\n\n[d](../QG_Development_(Lifecycle).md) [app](/tree/1_System/App.md)\n',
      '/ws/tree/1_System/App.md': '# App\n\n## Purpose\n\n[dev](../2_Lifecycle/2_Development/) [t](../2_Lifecycle/2_Development/1_Train/QG_T.md)\n',
    };
    const result = await move(files, [['/ws/tree/2_Lifecycle/2_Development', '/ws/tree/2_Lifecycle/Archive/2_Development']]);
    assert.equal(
      result.files['/ws/tree/2_Lifecycle/AI_Lifecycle.md'],
      '# L\n\n[dev](Archive/2_Development/) [qg](./Archive/2_Development/QG_Development_(Lifecycle).md) [leaf](Archive/2_Development/1_Train/QG_T.md#x)\n',
    );
    assert.equal(
      result.files['/ws/tree/2_Lifecycle/Archive/2_Development/QG_Development_(Lifecycle).md'],
      '# D\n\n[t](1_Train/QG_T.md) [up](../../AI_Lifecycle.md) [sys](../../../1_System/App.md#purpose)\n',
    );
    // The root-relative link still resolves from the new place: unchanged.
    assert.equal(result.files['/ws/tree/2_Lifecycle/Archive/2_Development/1_Train/QG_T.md'], files['/ws/tree/2_Lifecycle/2_Development/1_Train/QG_T.md']);
    assert.equal(
      result.files['/ws/tree/1_System/App.md'],
      '# App\n\n## Purpose\n\n[dev](../2_Lifecycle/Archive/2_Development/) [t](../2_Lifecycle/Archive/2_Development/1_Train/QG_T.md)\n',
    );
    assert.deepEqual(result.after, []);
  });

  it('writes a new path with spaces and parentheses validly: %20 where the link used it, else <...>', async () => {
    const files = {
      '/ws/a.md': '[x](sub/QG_X_(V).md) [y](sub/My%20Doc.md) [z](sub/über.md)\n',
      '/ws/sub/QG_X_(V).md': '# X\n',
      '/ws/sub/My Doc.md': '# Doc\n',
      '/ws/sub/über.md': '# Ü\n',
    };
    const result = await move(files, [['/ws/sub', '/ws/New Folder (2)']]);
    assert.equal(result.files['/ws/a.md'], '[x](<New Folder (2)/QG_X_(V).md>) [y](New%20Folder%20(2)/My%20Doc.md) [z](<New Folder (2)/über.md>)\n');
    assert.deepEqual(result.after, []);
  });

  it('updates links from another workspace folder', async () => {
    const files = {
      '/ws/a/x.md': '# X\n',
      '/other/b.md': '[x](../ws/a/x.md)\n',
    };
    const result = await move(files, [['/ws/a/x.md', '/ws/c/x.md']], ['/ws', '/other']);
    assert.equal(result.files['/other/b.md'], '[x](../ws/c/x.md)\n');
  });

  it('follows a rename that only changes the case or the name of a file', async () => {
    const files = { '/ws/a.md': '[b](b.md#x) [again](./b.md)\n', '/ws/b.md': '# X\n' };
    const result = await move(files, [['/ws/b.md', '/ws/B renamed.md']]);
    assert.equal(result.files['/ws/a.md'], '[b](<B renamed.md#x>) [again](<./B renamed.md>)\n');
    assert.deepEqual(result.after, []);
  });

  it('moves several files at once, including links between them', async () => {
    const files = { '/ws/a.md': '[b](b.md)\n', '/ws/b.md': '[a](a.md)\n', '/ws/c.md': '[a](a.md) [b](b.md)\n' };
    const result = await move(files, [
      ['/ws/a.md', '/ws/x/a.md'],
      ['/ws/b.md', '/ws/y/b.md'],
    ]);
    assert.equal(result.files['/ws/x/a.md'], '[b](../y/b.md)\n');
    assert.equal(result.files['/ws/y/b.md'], '[a](../x/a.md)\n');
    assert.equal(result.files['/ws/c.md'], '[a](x/a.md) [b](y/b.md)\n');
  });

  it('returns nothing when no link is affected, or the move is outside the workspace', async () => {
    const index = await indexOf({ '/ws/a.md': '# A\n', '/ws/b.md': '[web](https://example.org)\n' });
    assert.equal(computeMoveEdits(index, [{ from: '/ws/a.md', to: '/ws/z.md' }]).isEmpty, true);
    assert.equal(computeMoveEdits(index, [{ from: '/elsewhere/a.md', to: '/ws/z.md' }]).isEmpty, true);
  });
});
