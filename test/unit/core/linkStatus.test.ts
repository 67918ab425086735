import assert from 'node:assert/strict';
import { checkLink, checkTarget, type LinkStatus } from '../../../server/src/workspace/linkStatus';
import { resolveLinkTarget } from '../../../server/src/syntax/resolveLink';
import type { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';
import { buildIndex } from '../helpers';

describe('core/links/linkStatus', () => {
  let index: WorkspaceIndex;
  const from = '/ws/a/doc.md';
  const check = (destination: string, source = from): LinkStatus => checkTarget(index, resolveLinkTarget(source, destination, index.rootFor(source)));

  before(async () => {
    ({ index } = await buildIndex(
      {
        '/ws/a/doc.md': '# Doc\n\n## Own Section\n',
        '/ws/README.md': '# Readme\n\n## 2. Scope\n\n<a id="legacy"></a>\n',
        '/ws/a/pic.png': 'PNG',
        '/ws/a/QG_A_(B).md': '# QG A\n',
        '/ws/a/My File.md': '# Mine\n',
        '/ws/b/sub/x.md': '# X\n',
        '/ws/big.md': `# Big\n${'x'.repeat(300)}`,
        '/ws/binary.md': new Uint8Array([0x23, 0x00, 0x01]),
        '/ws/node_modules/pkg/README.md': '# Pkg\n',
      },
      { maxFileSize: 200 },
    ));
  });

  describe('ok', () => {
    it('an existing file', () => {
      assert.deepEqual(check('QG_A_(B).md'), { state: 'ok', path: '/ws/a/QG_A_(B).md', fragment: undefined, isFolder: false });
    });

    it('percent-encoded and angle-bracket forms of the same file', () => {
      assert.deepEqual(check('My%20File.md'), { state: 'ok', path: '/ws/a/My File.md', fragment: undefined, isFolder: false });
      assert.deepEqual(check('QG_A_%28B%29.md'), { state: 'ok', path: '/ws/a/QG_A_(B).md', fragment: undefined, isFolder: false });
    });

    it('an existing heading slug or HTML anchor', () => {
      assert.deepEqual(check('../README.md#2-scope'), { state: 'ok', path: '/ws/README.md', fragment: '2-scope', isFolder: false });
      assert.deepEqual(check('../README.md#legacy'), { state: 'ok', path: '/ws/README.md', fragment: 'legacy', isFolder: false });
      assert.deepEqual(check('#own-section'), { state: 'ok', path: from, fragment: 'own-section', isFolder: false });
    });

    it('an empty fragment is not checked', () => {
      assert.deepEqual(check('../README.md#'), { state: 'ok', path: '/ws/README.md', fragment: '', isFolder: false });
    });

    it('a fragment on a non-Markdown file is ignored', () => {
      assert.deepEqual(check('pic.png#page=2'), { state: 'ok', path: '/ws/a/pic.png', fragment: 'page=2', isFolder: false });
    });

    it('existing folders, with or without trailing slash, `.` and `..`', () => {
      assert.deepEqual(check('../b/'), { state: 'ok', path: '/ws/b', isFolder: true });
      assert.deepEqual(check('../b'), { state: 'ok', path: '/ws/b', isFolder: true });
      assert.deepEqual(check('.'), { state: 'ok', path: '/ws/a', isFolder: true });
      assert.deepEqual(check('..'), { state: 'ok', path: '/ws', isFolder: true });
    });

    it('a fragment on a folder is ignored', () => {
      assert.deepEqual(check('../b/sub/#nothing'), { state: 'ok', path: '/ws/b/sub', isFolder: true });
    });

    it('a skipped target (too large or binary) gets no missing-anchor', () => {
      assert.deepEqual(check('../big.md#no-such'), { state: 'ok', path: '/ws/big.md', fragment: 'no-such', isFolder: false });
      assert.deepEqual(check('../binary.md#no-such'), { state: 'ok', path: '/ws/binary.md', fragment: 'no-such', isFolder: false });
    });
  });

  describe('broken', () => {
    it('missing-file for a path with an extension', () => {
      assert.deepEqual(check('QG_Missing.md'), { state: 'missing-file', path: '/ws/a/QG_Missing.md' });
      assert.deepEqual(check('gone.png'), { state: 'missing-file', path: '/ws/a/gone.png' });
    });

    it('is case-sensitive: readme.md is not README.md', () => {
      assert.deepEqual(check('../readme.md'), { state: 'missing-file', path: '/ws/readme.md' });
    });

    it('a file written with a trailing slash is a missing folder', () => {
      assert.deepEqual(check('QG_A_(B).md/'), { state: 'missing-folder', path: '/ws/a/QG_A_(B).md' });
    });

    it('missing-folder for trailing slash or no extension', () => {
      assert.deepEqual(check('../nope/'), { state: 'missing-folder', path: '/ws/nope' });
      assert.deepEqual(check('../b/subdir'), { state: 'missing-folder', path: '/ws/b/subdir' });
    });

    it('a dot inside a folder name does not make it an extension', () => {
      assert.deepEqual(check('../v1.2/x'), { state: 'missing-folder', path: '/ws/v1.2/x' });
    });

    it('missing-anchor on an existing Markdown file, case-sensitively', () => {
      assert.deepEqual(check('../README.md#7-scope'), { state: 'missing-anchor', path: '/ws/README.md', fragment: '7-scope' });
      assert.deepEqual(check('../README.md#2-Scope'), { state: 'missing-anchor', path: '/ws/README.md', fragment: '2-Scope' });
      assert.deepEqual(check('#nope'), { state: 'missing-anchor', path: from, fragment: 'nope' });
    });

    it('missing file wins over a fragment', () => {
      assert.deepEqual(check('gone.md#x'), { state: 'missing-file', path: '/ws/a/gone.md' });
    });

    it('files in excluded folders are unknown', () => {
      assert.deepEqual(check('../node_modules/pkg/README.md'), { state: 'missing-file', path: '/ws/node_modules/pkg/README.md' });
    });
  });

  describe('not checked', () => {
    it('external links', () => {
      assert.deepEqual(check('https://example.org/x.md'), { state: 'external' });
      assert.deepEqual(check('mailto:x@y.org'), { state: 'external' });
    });

    it('empty destinations', () => {
      assert.deepEqual(check(''), { state: 'empty' });
    });

    it('paths outside every root', () => {
      // No git repository around the workspace folder: nothing beyond it is checked.
      assert.deepEqual(check('../../outside.md'), { state: 'outside', path: '/outside.md', beyond: 'none' });
      assert.deepEqual(check('../../ws2/x.md'), { state: 'outside', path: '/ws2/x.md', beyond: 'none' });
    });
  });

  it('checkLink resolves a parsed link of a document against its root', () => {
    const doc = index.getDocument('/ws/a/doc.md')!;
    const link = {
      syntax: 'inline' as const,
      rawDestination: '/README.md#2-scope',
      destination: '/README.md#2-scope',
      destinationRange: zero,
      range: zero,
      text: 'r',
    };
    assert.deepEqual(checkLink(index, doc, link), { state: 'ok', path: '/ws/README.md', fragment: '2-scope', isFolder: false });
  });
});

const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
