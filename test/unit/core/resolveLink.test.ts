import assert from 'node:assert/strict';
import { isInside, relativeLinkPath, resolveLinkTarget, safeDecode } from '../../../server/src/syntax/resolveLink';

const from = '/ws/2_Lifecycle/1_Data/QG_Data_(Lifecycle).md';
const resolve = (destination: string) => resolveLinkTarget(from, destination, '/ws');
const local = (path: string, extra: { fragment?: string; sameDocument?: boolean; folderSyntax?: boolean } = {}) => ({
  type: 'local',
  path,
  fragment: extra.fragment,
  sameDocument: extra.sameDocument ?? false,
  folderSyntax: extra.folderSyntax ?? false,
});

/** deepEqual that treats a missing `fragment` like `fragment: undefined`. */
function assertTarget(actual: ReturnType<typeof resolveLinkTarget>, expected: object) {
  assert.deepEqual({ fragment: undefined, ...actual }, { fragment: undefined, ...expected });
}

describe('core/links/resolveLink', () => {
  describe('relative paths', () => {
    it('resolves plain, ./ and ../ paths against the document folder', () => {
      assertTarget(resolve('QG_Sub.md'), local('/ws/2_Lifecycle/1_Data/QG_Sub.md'));
      assertTarget(resolve('./Sub/QG_Sub.md'), local('/ws/2_Lifecycle/1_Data/Sub/QG_Sub.md'));
      assertTarget(resolve('../../1_System/Application.md'), local('/ws/1_System/Application.md'));
      assertTarget(resolve('a/../b/./c.md'), local('/ws/2_Lifecycle/1_Data/b/c.md'));
    });

    it('may climb above the workspace root (checked later as outside)', () => {
      assertTarget(resolve('../../../../../x.md'), local('/x.md'));
    });

    it('keeps parentheses, spaces and unicode of file names', () => {
      assertTarget(resolve('Images Folder/Größe (1).png'), local('/ws/2_Lifecycle/1_Data/Images Folder/Größe (1).png'));
    });
  });

  describe('percent-decoding', () => {
    it('decodes %20, %28/%29 and UTF-8 sequences in the path', () => {
      assertTarget(resolve('My%20File.md'), local('/ws/2_Lifecycle/1_Data/My File.md'));
      assertTarget(resolve('QG_A_%28B%29.md'), local('/ws/2_Lifecycle/1_Data/QG_A_(B).md'));
      assertTarget(resolve('Gr%C3%B6%C3%9Fe.md'), local('/ws/2_Lifecycle/1_Data/Größe.md'));
    });

    it('leaves malformed sequences as written, decoding the valid ones, without throwing', () => {
      assertTarget(resolve('100%25%20done%zz.md'), local('/ws/2_Lifecycle/1_Data/100% done%zz.md'));
      assertTarget(resolve('bad%zz%20x.md'), local('/ws/2_Lifecycle/1_Data/bad%zz x.md'));
      assertTarget(resolve('%E0%A4%A.md'), local('/ws/2_Lifecycle/1_Data/%E0%A4%A.md'));
      assertTarget(resolve('x.md#%zz'), local('/ws/2_Lifecycle/1_Data/x.md', { fragment: '%zz' }));
    });

    it('safeDecode decodes valid runs and keeps invalid ones as written', () => {
      assert.equal(safeDecode('a%20b'), 'a b');
      assert.equal(safeDecode('%E2%82%AC and %zz'), '€ and %zz');
      assert.equal(safeDecode('%ff-%41'), '%ff-A');
      assert.equal(safeDecode('%'), '%');
      assert.equal(safeDecode('50%'), '50%');
    });

    it('an encoded slash becomes a path separator after decoding', () => {
      assertTarget(resolve('a%2Fb.md'), local('/ws/2_Lifecycle/1_Data/a/b.md'));
    });
  });

  describe('fragments and queries', () => {
    it('splits and decodes the fragment', () => {
      assertTarget(resolve('../../1_System/Application.md#1-purpose'), local('/ws/1_System/Application.md', { fragment: '1-purpose' }));
      assertTarget(resolve('x.md#caf%C3%A9'), local('/ws/2_Lifecycle/1_Data/x.md', { fragment: 'café' }));
    });

    it('an empty fragment `x.md#` is the empty string, not undefined', () => {
      assertTarget(resolve('x.md#'), local('/ws/2_Lifecycle/1_Data/x.md', { fragment: '' }));
    });

    it('only the first # starts the fragment', () => {
      assertTarget(resolve('x.md#a#b'), local('/ws/2_Lifecycle/1_Data/x.md', { fragment: 'a#b' }));
    });

    it('strips query strings, keeping the fragment after them', () => {
      assertTarget(resolve('x.md?raw=1'), local('/ws/2_Lifecycle/1_Data/x.md'));
      assertTarget(resolve('x.md?raw=1#frag'), local('/ws/2_Lifecycle/1_Data/x.md', { fragment: 'frag' }));
    });

    it('a bare fragment or query points at the document itself', () => {
      assertTarget(resolve('#notes'), local(from, { fragment: 'notes', sameDocument: true }));
      assertTarget(resolve('?plain=1'), local(from, { sameDocument: true }));
      assertTarget(resolve('#'), local(from, { fragment: '', sameDocument: true }));
    });
  });

  describe('/-rooted paths', () => {
    it('resolve against the root path given', () => {
      assertTarget(resolve('/1_System/AI_System.md'), local('/ws/1_System/AI_System.md'));
      assertTarget(resolveLinkTarget('/ws/app/v0/a/doc.md', '/b.md', '/ws/app/v0'), local('/ws/app/v0/b.md'));
    });

    it('resolve against the file-system root without a root path', () => {
      assertTarget(resolveLinkTarget(from, '/etc/x.md'), local('/etc/x.md'));
    });

    it('`/` alone is the root folder', () => {
      assertTarget(resolve('/'), local('/ws', { folderSyntax: true }));
    });
  });

  describe('external destinations', () => {
    for (const url of [
      'http://example.org/x',
      'https://example.org/x#y',
      'mailto:a@b.org',
      'ftp://host/f',
      'vscode:extension/x.y',
      'file:///etc/passwd',
      'data:text/plain,hi',
      'HTTPS://EXAMPLE.ORG',
      '//cdn.example.org/lib.js',
    ]) {
      it(`${url} is external`, () => {
        assert.deepEqual(resolve(url), { type: 'external', url });
      });
    }

    it('a Windows drive path is not a scheme', () => {
      assertTarget(resolve('C:\\x\\y.md'), local('/ws/2_Lifecycle/1_Data/C:\\x\\y.md'));
      assertTarget(resolve('c:/x.md'), local('/ws/2_Lifecycle/1_Data/c:/x.md'));
    });

    it('a colon later in a relative path is not a scheme', () => {
      assertTarget(resolve('./a:b.md'), local('/ws/2_Lifecycle/1_Data/a:b.md'));
      assertTarget(resolve('1_x:y.md'), local('/ws/2_Lifecycle/1_Data/1_x:y.md'));
    });
  });

  describe('folders and empty destinations', () => {
    it('marks trailing-slash, `.` and `..` destinations as folder syntax and drops the slash', () => {
      assertTarget(resolve('PerformanceMetrics/'), local('/ws/2_Lifecycle/1_Data/PerformanceMetrics', { folderSyntax: true }));
      assertTarget(resolve('.'), local('/ws/2_Lifecycle/1_Data', { folderSyntax: true }));
      assertTarget(resolve('./'), local('/ws/2_Lifecycle/1_Data', { folderSyntax: true }));
      assertTarget(resolve('..'), local('/ws/2_Lifecycle', { folderSyntax: true }));
      assertTarget(resolve('../..'), local('/ws', { folderSyntax: true }));
      assertTarget(resolve('../../'), local('/ws', { folderSyntax: true }));
    });

    it('a folder without trailing slash is not folder syntax', () => {
      assertTarget(resolve('../2_Development'), local('/ws/2_Lifecycle/2_Development'));
    });

    it('keeps the fragment of a folder link', () => {
      assertTarget(resolve('sub/#x'), local('/ws/2_Lifecycle/1_Data/sub', { fragment: 'x', folderSyntax: true }));
    });

    it('empty and blank destinations are empty', () => {
      assert.deepEqual(resolve(''), { type: 'empty' });
      assert.deepEqual(resolve('   '), { type: 'empty' });
    });
  });

  describe('path helpers', () => {
    it('isInside: the folder itself and paths below it, not siblings with a common prefix', () => {
      assert.equal(isInside('/ws', '/ws'), true);
      assert.equal(isInside('/ws/a/b.md', '/ws'), true);
      assert.equal(isInside('/ws2/a.md', '/ws'), false);
      assert.equal(isInside('/anything', '/'), true);
    });

    it('relativeLinkPath spells a link from a document to a target', () => {
      assert.equal(relativeLinkPath('/ws/a/doc.md', '/ws/b/x.md'), '../b/x.md');
      assert.equal(relativeLinkPath('/ws/a/doc.md', '/ws/a/x.md'), 'x.md');
      assert.equal(relativeLinkPath('/ws/a/doc.md', '/ws/a'), '.');
    });
  });
});
