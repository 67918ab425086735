import assert from 'node:assert/strict';
import {
  decodedPath,
  fragmentSpan,
  linkPathBetween,
  pathStyleOf,
  rewriteDestinationFragment,
  rewriteDestinationPath,
  splitDestination,
} from '../../../server/src/features/refactor/destinationText';

describe('refactor: destination spelling', () => {
  it('splits a destination into angle brackets, path, query and fragment', () => {
    assert.deepEqual(splitDestination('<My Doc.md?x=1#top>'), { angle: true, path: 'My Doc.md', query: '?x=1', fragment: '#top', pathOffset: 1 });
    assert.deepEqual(splitDestination('#notes'), { angle: false, path: '', query: '', fragment: '#notes', pathOffset: 0 });
    assert.deepEqual(splitDestination('a.md#x?y'), { angle: false, path: 'a.md', query: '', fragment: '#x?y', pathOffset: 0 });
  });

  it('reads the style of a path', () => {
    const style = pathStyleOf(splitDestination('./My%20Doc_%28View%29.md'));
    assert.equal(style.dotSlash, true);
    assert.equal(style.encodeSpaces, true);
    assert.equal(style.encodeParens, true);
    assert.equal(pathStyleOf(splitDestination('QG_Name_\\(View\\).md')).escapeParens, true);
    assert.equal(pathStyleOf(splitDestination('x/%C3%BCber.md')).encodeNonAscii, true);
    assert.equal(pathStyleOf(splitDestination('/1_System/x.md')).rooted, true);
    assert.equal(pathStyleOf(splitDestination('../sub/')).trailingSlash, true);
  });

  describe('rewriteDestinationPath keeps how the link was written', () => {
    const cases: Array<[string, string, string, boolean?]> = [
      ['a.md', 'sub/a.md', 'sub/a.md'],
      ['./a.md', 'sub/a.md', './sub/a.md'],
      ['./a.md', '../a.md', '../a.md'],
      ['a.md#x', '../a.md', '../a.md#x'],
      ['a.md?plain=1#x', 'b/a.md', 'b/a.md?plain=1#x'],
      ['<a.md>', 'New Folder/a.md', '<New Folder/a.md>'],
      ['My%20Doc.md', 'Other Folder/My Doc.md', 'Other%20Folder/My%20Doc.md'],
      ['a.md', 'New Folder/a.md', '<New Folder/a.md>'],
      ['QG_Name_(View).md', 'x/QG_Name_(View).md', 'x/QG_Name_(View).md'],
      ['QG_Name_\\(View\\).md', 'x/QG_Name_(View).md', 'x/QG_Name_\\(View\\).md'],
      ['QG_Name_%28View%29.md', 'x/QG_Name_(View).md', 'x/QG_Name_%28View%29.md'],
      ['a.md', 'x/smile).md', '<x/smile).md>'],
      ['x/%C3%BCber.md', 'y/über.md', 'y/%C3%BCber.md'],
      ['x/über.md', 'y/über.md', 'y/über.md'],
      ['a.md', 'x/50%.md', 'x/50%25.md'],
      ['a.md', 'x/C#.md', 'x/C%23.md'],
      ['../sub/', '../../sub', '../../sub/', true],
      ['./', '.', './', true],
      ['sub', '../sub', '../sub', true],
      ['/1_System/a.md', '/Archive/1_System/a.md', '/Archive/1_System/a.md'],
    ];
    for (const [raw, newPath, expected, isFolder] of cases) {
      it(`${raw} -> ${newPath} is written ${expected}`, () => {
        assert.equal(rewriteDestinationPath(raw, newPath, isFolder ?? false), expected);
      });
    }

    it('decodes back to the new path', () => {
      for (const [raw, newPath] of [
        ['My%20Doc.md', 'Other Folder/My Doc.md'],
        ['a.md', 'x/50%.md'],
        ['QG_Name_\\(View\\).md', 'x/QG_Name_(View).md'],
        ['a.md', 'New Folder/a (1).md'],
      ]) {
        assert.equal(decodedPath(rewriteDestinationPath(raw, newPath)), newPath);
      }
    });
  });

  it('rewrites only the fragment, encoding it like the old one', () => {
    assert.equal(rewriteDestinationFragment('x/b.md#notes', 'remarks'), 'x/b.md#remarks');
    assert.equal(rewriteDestinationFragment('<My Doc.md#notes>', 'notes-1'), '<My Doc.md#notes-1>');
    assert.equal(rewriteDestinationFragment('x/b.md#2-risk--control-%C3%BCberblick', '3-überblick'), 'x/b.md#3-%C3%BCberblick');
    assert.equal(rewriteDestinationFragment('x/b.md#2-risk--control-überblick', '3-überblick'), 'x/b.md#3-überblick');
    assert.equal(rewriteDestinationFragment('#a', 'b'), '#b');
  });

  it('locates the fragment in the raw destination', () => {
    assert.deepEqual(fragmentSpan('<a b.md#top>'), { start: 8, end: 11 });
    assert.equal(fragmentSpan('a.md'), undefined);
  });

  it('computes the path between two files, rooted when asked', () => {
    assert.equal(linkPathBetween('/ws/a/b.md', '/ws/c/d.md', false, '/ws'), '../c/d.md');
    assert.equal(linkPathBetween('/ws/a/b.md', '/ws/c/d.md', true, '/ws'), '/c/d.md');
    assert.equal(linkPathBetween('/ws/a/b.md', '/ws/a', false, '/ws'), '.');
  });
});
