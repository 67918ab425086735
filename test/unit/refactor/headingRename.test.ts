import assert from 'node:assert/strict';
import { computeHeadingRename, renameTargetAt, RenameRefused } from '../../../server/src/features/refactor/headingRename';
import { computeNameRename, fileNameForName } from '../../../server/src/features/refactor/nameRename';
import { positionOf } from '../helpers';
import { applyChange, brokenLinks, indexOf } from './helpers';

const b = `# B

## Notes

First.

## Notes

Second. Back to [the second](#notes-1) and [the first](#notes).

## 2. Risk & Control: Überblick
`;
const a = `# A

[first](x/b.md#notes) [second](x/b.md#notes-1) [encoded](x/b.md#2-risk--control-%C3%BCberblick)
[plain](<x/b.md#2-risk--control-überblick>) [doc](x/b.md)

[ref]: x/b.md#notes-1 "Second notes"
`;

describe('refactor: renaming headings', () => {
  const files = { '/ws/a.md': a, '/ws/x/b.md': b };

  it('finds the heading under the cursor, and the heading a link anchor names', async () => {
    const index = await indexOf(files);
    const doc = index.getDocument('/ws/x/b.md')!;
    const onHeading = renameTargetAt(index, doc, b, positionOf(b, '## Notes', 4), () => undefined);
    assert.equal(onHeading?.kind, 'heading');
    assert.equal(onHeading?.placeholder, 'Notes');
    const docA = index.getDocument('/ws/a.md')!;
    const onAnchor = renameTargetAt(index, docA, a, positionOf(a, '#notes-1', 3), () => b);
    assert.equal(onAnchor?.kind, 'heading');
    assert.equal(onAnchor?.kind === 'heading' && onAnchor.path, '/ws/x/b.md');
    assert.equal(onAnchor?.kind === 'heading' && onAnchor.headingIndex, 2);
    assert.deepEqual(onAnchor?.range, { start: positionOf(a, 'notes-1'), end: positionOf(a, 'notes-1', 7) });
    assert.equal(
      renameTargetAt(index, docA, a, positionOf(a, 'x/b.md#notes)', 1), () => b),
      undefined,
      'the path part is not a rename target',
    );
    const gone = '[x](x/b.md#gone)\n';
    const withGone = await indexOf({ ...files, '/ws/c.md': gone });
    assert.throws(() => renameTargetAt(withGone, withGone.getDocument('/ws/c.md')!, gone, positionOf(gone, 'gone', 1), () => b), RenameRefused);
  });

  it('renames the first of two equal headings: #notes and #notes-1 shift and every link follows its heading', async () => {
    const index = await indexOf(files);
    const change = computeHeadingRename(index, '/ws/x/b.md', b, 1, 'Remarks');
    const after = applyChange(files, change);
    assert.match(after['/ws/x/b.md'], /^## Remarks$/m);
    assert.match(after['/ws/x/b.md'], /\[the second\]\(#notes\) and \[the first\]\(#remarks\)/);
    assert.match(after['/ws/a.md'], /\[first\]\(x\/b\.md#remarks\) \[second\]\(x\/b\.md#notes\)/);
    assert.match(after['/ws/a.md'], /\[ref\]: x\/b\.md#notes "Second notes"/);
    assert.deepEqual(brokenLinks(await indexOf(after)), []);
  });

  it('renames a heading to a duplicate: the renamed one becomes -1 when it comes second', async () => {
    const index = await indexOf(files);
    const change = computeHeadingRename(index, '/ws/x/b.md', b, 3, 'Notes');
    const after = applyChange(files, change);
    assert.match(after['/ws/a.md'], /x\/b\.md#notes-2\)/);
    assert.match(after['/ws/a.md'], /<x\/b\.md#notes-2>/);
    assert.deepEqual(brokenLinks(await indexOf(after)), []);
  });

  it('keeps percent-encoded anchors encoded and literal unicode literal', async () => {
    const index = await indexOf(files);
    const after = applyChange(files, computeHeadingRename(index, '/ws/x/b.md', b, 3, '3. Kontrolle: Übersicht'));
    assert.match(after['/ws/a.md'], /\[encoded\]\(x\/b\.md#3-kontrolle-%C3%BCbersicht\)/);
    assert.match(after['/ws/a.md'], /\[plain\]\(<x\/b\.md#3-kontrolle-übersicht>\)/);
    assert.deepEqual(brokenLinks(await indexOf(after)), []);
  });

  it('refuses an empty or multi-line name', async () => {
    const index = await indexOf(files);
    assert.throws(() => computeHeadingRename(index, '/ws/x/b.md', b, 1, '  '), RenameRefused);
    assert.throws(() => computeHeadingRename(index, '/ws/x/b.md', b, 1, 'a\n# b'), RenameRefused);
  });
});

describe('refactor: renaming a front-matter Name', () => {
  const leaf =
    '---\ntags: [{Name: QG_Calibration}, {Intent: X}]\n---\n# QG Calibration\n\n[self](<QG_Calibration_(Binary Classification).md#qg-calibration>)\n';
  const files = {
    '/ws/2_Dev/QG_Calibration_(Binary Classification).md': leaf,
    '/ws/index.md': '[cal](<2_Dev/QG_Calibration_(Binary Classification).md>) [enc](2_Dev/QG_Calibration_%28Binary%20Classification%29.md#qg-calibration)\n',
  };

  it('spells the new file name QG_<Name>_(<View>).md, keeping the view', () => {
    assert.equal(fileNameForName('QG_Calibration_(Binary).md', 'QG_Scaling'), 'QG_Scaling_(Binary).md');
    assert.equal(fileNameForName('QG_Calibration_(Binary).md', 'Scaling'), 'QG_Scaling_(Binary).md');
    assert.equal(fileNameForName('QG_Calibration_(Binary).md', 'QG_Scaling_(Other)'), 'QG_Scaling_(Binary).md');
    assert.equal(fileNameForName('QG_Data.md', 'QG_Datenqualität'), 'QG_Datenqualität.md');
    assert.equal(fileNameForName('NoisyLabels.md', 'Noisy Labels'), 'Noisy Labels.md');
    assert.equal(fileNameForName('QG_A.md', 'a/b'), undefined);
  });

  it('renames the Name, the file, and every link to the file', async () => {
    const index = await indexOf(files);
    const { change, newPath } = computeNameRename(index, '/ws/2_Dev/QG_Calibration_(Binary Classification).md', leaf, 'QG_Scaling', { renameFile: true });
    assert.equal(newPath, '/ws/2_Dev/QG_Scaling_(Binary Classification).md');
    const ops = change.fileOperations();
    assert.deepEqual(ops, [{ kind: 'rename', from: '/ws/2_Dev/QG_Calibration_(Binary Classification).md', to: newPath }]);
    const after = applyChange(files, change);
    assert.match(after[newPath!], /\{Name: QG_Scaling\}/);
    assert.match(after[newPath!], /\[self\]\(<QG_Scaling_\(Binary Classification\)\.md#qg-calibration>\)/);
    assert.equal(
      after['/ws/index.md'],
      '[cal](<2_Dev/QG_Scaling_(Binary Classification).md>) [enc](2_Dev/QG_Scaling_%28Binary%20Classification%29.md#qg-calibration)\n',
    );
    assert.deepEqual(brokenLinks(await indexOf(after)), []);
  });

  it('renames only the Name when asked to, or when the file was not named after it', async () => {
    const index = await indexOf(files);
    const { change } = computeNameRename(index, '/ws/2_Dev/QG_Calibration_(Binary Classification).md', leaf, 'QG_Scaling', { renameFile: false });
    assert.equal(change.fileOperations().length, 0);
    assert.equal(change.editCount, 1);
    const other = { '/ws/Other.md': '---\ntags: [{Name: QG_Calibration}]\n---\n# X\n' };
    const { change: second } = computeNameRename(await indexOf(other), '/ws/Other.md', other['/ws/Other.md'], 'QG_Y', { renameFile: true });
    assert.equal(second.fileOperations().length, 0);
  });

  it('refuses a Name that would break the front matter', async () => {
    const index = await indexOf(files);
    assert.throws(() => computeNameRename(index, '/ws/2_Dev/QG_Calibration_(Binary Classification).md', leaf, 'A}, {B', { renameFile: true }), RenameRefused);
  });
});
