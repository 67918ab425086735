import assert from 'node:assert/strict';
import { DIAGNOSTIC_CODES, type TraceDiagnostic } from '../../../server/src/domain/codes';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import { diagnoseLink, displayPath } from '../../../server/src/analysis/diagnostics/linkDiagnostics';
import { OperationCancelled } from '../../../server/src/base/cancellation';
import type { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';
import { buildIndex, cancelled, rangeOf, tuple } from '../helpers';

const docText = [
  '---',
  'tags: [{Name: QG_Doc}]',
  '---',
  '# Doc',
  '',
  '- [ok](QG_Data_(Lifecycle).md) [web](https://example.org) [folder](../b/) [self](#doc)',
  '- [case](../readme.md)',
  '- [renumbered](../README.md#7-scope)',
  '- [unrelated anchor](../README.md#nothing-like-it-at-all)',
  '- [view](QG_Data.md)',
  '- [moved](../b/Other.md)',
  '- [typo](../c/Similr.md)',
  '- [unknown](zz.md)',
  '- [own anchor](#missing-here)',
  '- [outside](../../outside.md)',
  '- [empty]()',
  '- [no folder](../missingdir/)',
  '- [near folder](../c/sub)',
  '- [big](../big.md#whatever)',
  '- [image](pic.png#frag) [folder frag](../b/#x)',
  '- [multi',
  '  line](<../gone folder/y.md>)',
  '',
  '[ref]: ./nowhere.md "t"',
  '',
].join('\n');

/** The diagnostics of the basic rules (links, front matter, skipped files); other rules are tested elsewhere. */
const basic = (all: TraceDiagnostic[]) => all.filter((d) => /^(link|frontmatter\.invalid|file)\b/.test(d.code));

describe('core/diagnostics/linkDiagnostics', () => {
  let index: WorkspaceIndex;
  let diagnostics: TraceDiagnostic[];
  const byTarget = (target: string) => {
    const found = diagnostics.filter((d) => d.target === target);
    assert.equal(found.length, 1, `one diagnostic for ${target}, got ${found.length}`);
    return found[0];
  };

  before(async () => {
    ({ index } = await buildIndex(
      {
        '/ws/a/doc.md': docText,
        '/ws/a/pic.png': 'PNG',
        '/ws/a/QG_Data_(Lifecycle).md': '# QG Data\n',
        '/ws/README.md': '# Readme\n\n## 2. Scope\n',
        '/ws/b/keep.md': '# Keep\n',
        '/ws/d/Other.md': '# Other in d\n',
        '/ws/c/Similar.md': '# Similar\n',
        '/ws/c/sub2/x.md': 'x',
        '/ws/big.md': `# Big\n${'x'.repeat(5000)}`,
        '/ws/bad.md': '---\ntags: [{Name: X}, {Intent: Overview}\n---\n# Bad\n\n[broken](nowhere.md)\n',
      },
      { maxFileSize: 4000 },
    ));
    diagnostics = basic(computeDocumentDiagnostics(index, index.getDocument('/ws/a/doc.md')!));
  });

  it('reports exactly the broken links, in document order', () => {
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.target]),
      [
        ['link.missing-file', '../readme.md'],
        ['link.missing-anchor', '../README.md#7-scope'],
        ['link.missing-anchor', '../README.md#nothing-like-it-at-all'],
        ['link.missing-file', 'QG_Data.md'],
        ['link.missing-file', '../b/Other.md'],
        ['link.missing-file', '../c/Similr.md'],
        ['link.missing-file', 'zz.md'],
        ['link.missing-anchor', '#missing-here'],
        ['link.outside-workspace', '../../outside.md'],
        ['link.empty', ''],
        ['link.missing-folder', '../missingdir/'],
        ['link.missing-folder', '../c/sub'],
        ['link.missing-file', '<../gone folder/y.md>'],
        ['link.missing-file', './nowhere.md'],
      ],
    );
  });

  it('uses each code’s default severity', () => {
    for (const d of diagnostics) assert.equal(d.severity, DIAGNOSTIC_CODES[d.code].severity, d.code);
    assert.equal(byTarget('../../outside.md').severity, 'information');
    assert.equal(byTarget('zz.md').severity, 'error');
  });

  it('ranges cover exactly the destination; linkRange the whole link', () => {
    const d = byTarget('../readme.md');
    assert.deepEqual(tuple(d.range), rangeOf(docText, '../readme.md'));
    assert.deepEqual(tuple(d.linkRange), rangeOf(docText, '[case](../readme.md)'));
    const multi = byTarget('<../gone folder/y.md>');
    assert.deepEqual(tuple(multi.range), rangeOf(docText, '<../gone folder/y.md>'));
    assert.deepEqual(multi.linkRange?.start, { line: rangeOf(docText, '[multi')[0], character: 2 });
    const def = byTarget('./nowhere.md');
    assert.deepEqual(tuple(def.range), rangeOf(docText, './nowhere.md'));
  });

  it('an empty link covers its `()` (a zero-width range is invisible in the editor) and names the link text', () => {
    const d = byTarget('');
    const at = rangeOf(docText, '[empty]()');
    assert.deepEqual(tuple(d.range), [at[0], at[1] + 7, at[0], at[1] + 9]);
    assert.equal(d.message, 'Empty link: "empty" leads nowhere; write its destination.');
    assert.equal(d.resolvedPath, undefined);
  });

  it('missing file: message leading with the file name and a relative "did you mean", then where it was looked for', () => {
    const d = byTarget('../readme.md');
    assert.equal(d.message, 'File not found: readme.md. Did you mean "../README.md"? Looked for ../readme.md.');
    assert.equal(d.resolvedPath, '/ws/readme.md');
    assert.equal(d.suggestion, '/ws/README.md');
  });

  it('missing file: suggests the other view of a QG and a near spelling', () => {
    assert.equal(byTarget('QG_Data.md').message, 'File not found: QG_Data.md. Did you mean "QG_Data_(Lifecycle).md"?');
    assert.equal(byTarget('QG_Data.md').suggestion, '/ws/a/QG_Data_(Lifecycle).md');
    assert.equal(byTarget('../c/Similr.md').message, 'File not found: Similr.md. Did you mean "../c/Similar.md"? Looked for ../c/Similr.md.');
  });

  it('missing file: suggests a file of the same name in another folder', () => {
    const d = byTarget('../b/Other.md');
    assert.equal(d.message, 'File not found: Other.md. Did you mean "../d/Other.md"? Looked for ../b/Other.md.');
    assert.equal(d.suggestion, '/ws/d/Other.md');
  });

  it('missing file: no suggestion for an unrelated name, and no "did you mean" text', () => {
    const d = byTarget('zz.md');
    assert.equal(d.message, 'File not found: zz.md.');
    assert.equal(d.suggestion, undefined);
  });

  it('missing file: spaces in the resolved path are shown decoded', () => {
    assert.equal(byTarget('<../gone folder/y.md>').resolvedPath, '/ws/gone folder/y.md');
    assert.equal(byTarget('<../gone folder/y.md>').message, 'File not found: y.md. Looked for ../gone folder/y.md.');
  });

  it('missing anchor: renumbered section suggested; unrelated not', () => {
    const renumbered = byTarget('../README.md#7-scope');
    assert.equal(renumbered.message, 'Heading not found: #7-scope in README.md. Did you mean "#2-scope" (heading "2. Scope")?');
    assert.equal(renumbered.resolvedPath, '/ws/README.md#7-scope');
    assert.equal(renumbered.suggestion, '/ws/README.md#2-scope');
    const unrelated = byTarget('../README.md#nothing-like-it-at-all');
    assert.equal(unrelated.message, 'Heading not found: #nothing-like-it-at-all in README.md.');
    assert.equal(unrelated.suggestion, undefined);
  });

  it('missing anchor in the document itself says "this document"', () => {
    const d = byTarget('#missing-here');
    assert.match(d.message, /^Heading not found: #missing-here in this document\./);
    assert.equal(d.resolvedPath, '/ws/a/doc.md#missing-here');
  });

  it('missing folder: message with trailing slash suggestion', () => {
    assert.equal(byTarget('../missingdir/').message, 'Folder not found: missingdir/. Looked for ../missingdir/.');
    const near = byTarget('../c/sub');
    assert.equal(near.message, 'Folder not found: sub/. Did you mean "../c/sub2/"? Looked for ../c/sub/.');
    assert.equal(near.suggestion, '/ws/c/sub2');
  });

  it('outside the workspace: information naming the path relative to the workspace folder, never the absolute one', () => {
    const d = byTarget('../../outside.md');
    assert.equal(d.message, 'Link points outside the workspace folders (../outside.md); it is not read or checked.');
    assert.equal(d.resolvedPath, '/outside.md');
  });

  it('nothing for ok links, external links, skipped targets, fragments on images and folders', () => {
    const targets = new Set(diagnostics.map((d) => d.target));
    for (const fine of ['QG_Data_(Lifecycle).md', 'https://example.org', '../b/', '#doc', '../big.md#whatever', 'pic.png#frag', '../b/#x']) {
      assert.equal(targets.has(fine), false, fine);
    }
  });

  it('frontmatter.invalid at the YAML error, and link checks still run', () => {
    const d = basic(computeDocumentDiagnostics(index, index.getDocument('/ws/bad.md')!));
    assert.deepEqual(
      d.map((x) => x.code),
      ['frontmatter.invalid', 'link.missing-file'],
    );
    assert.equal(d[0].severity, 'error');
    assert.match(d[0].message, /^Front matter is not valid YAML: Flow sequence/);
    assert.deepEqual(d[0].range.start, { line: 1, character: 36 });
    assert.equal(d[0].target, undefined);
  });

  it('file.skipped for a file over the size limit, at the document start', () => {
    const d = basic(computeDocumentDiagnostics(index, index.getDocument('/ws/big.md')!));
    assert.equal(d.length, 1);
    assert.equal(d[0].code, 'file.skipped');
    assert.equal(d[0].severity, 'warning');
    assert.match(d[0].message, /above the .* limit; links in it were not checked\.$/);
    assert.deepEqual(tuple(d[0].range), [0, 0, 0, 0]);
  });

  it('diagnoseLink accepts a precomputed status', () => {
    const doc = index.getDocument('/ws/a/doc.md')!;
    const link = doc.links.find((l) => l.rawDestination === 'zz.md')!;
    assert.equal(diagnoseLink(index, doc, link, { state: 'ok', path: '/ws/a/zz.md', isFolder: false }), undefined);
    assert.equal(diagnoseLink(index, doc, link, { state: 'external' }), undefined);
    assert.equal(diagnoseLink(index, doc, link)?.code, 'link.missing-file');
  });

  it('throws OperationCancelled when cancelled while checking links', () => {
    assert.throws(() => computeDocumentDiagnostics(index, index.getDocument('/ws/a/doc.md')!, cancelled), OperationCancelled);
  });

  it('displayPath is relative to the path’s own root, outside every root relative to the first (never absolute)', () => {
    assert.equal(displayPath(index, '/ws/a/doc.md'), 'a/doc.md');
    assert.equal(displayPath(index, '/ws'), '.');
    assert.equal(displayPath(index, '/elsewhere/x.md'), '../elsewhere/x.md');
  });

  it('the basic codes have their documented severities; every code has a severity and a summary', () => {
    assert.deepEqual(
      ['link.missing-file', 'link.missing-folder', 'link.missing-anchor', 'link.empty', 'link.outside-workspace', 'frontmatter.invalid', 'file.skipped'].map(
        (code) => DIAGNOSTIC_CODES[code as keyof typeof DIAGNOSTIC_CODES].severity,
      ),
      ['error', 'error', 'error', 'error', 'information', 'error', 'warning'],
    );
    for (const [code, info] of Object.entries(DIAGNOSTIC_CODES)) {
      assert.ok(['error', 'warning', 'information', 'hint'].includes(info.severity), code);
      assert.ok(info.summary.length > 10, code);
    }
  });
});

describe('core/diagnostics/linkDiagnostics: suggestions never point back at the document', () => {
  it('a link to a same-named file elsewhere does not suggest the linking document', async () => {
    const { index } = await buildIndex({
      '/ws/a/QG_X.md': '# X\n\n[moved](../b/QG_X.md)\n',
    });
    const [d] = basic(computeDocumentDiagnostics(index, index.getDocument('/ws/a/QG_X.md')!));
    assert.equal(d.code, 'link.missing-file');
    assert.equal(d.suggestion, undefined);
    assert.equal(d.message, 'File not found: QG_X.md. Looked for ../b/QG_X.md.');
  });

  it('an unrelated short anchor gets no "did you mean"', async () => {
    const { index } = await buildIndex({ '/ws/a.md': '# Own\n\n[api](#api)\n' });
    const [d] = basic(computeDocumentDiagnostics(index, index.getDocument('/ws/a.md')!));
    assert.equal(d.code, 'link.missing-anchor');
    assert.equal(d.message, 'Heading not found: #api in this document.');
  });
});
