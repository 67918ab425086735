import assert from 'node:assert/strict';
import { OperationCancelled, type CancellationToken } from '../../../server/src/base/cancellation';
import type { LogLevel } from '../../../server/src/base/logger';
import { InMemoryFileSystem } from '../../../server/src/base/fileSystem';
import { defaultIndexOptions, isMarkdownPath, WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';
import { buildIndex, cancelled, sorted } from '../helpers';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('core/workspace/WorkspaceIndex', () => {
  describe('initialize', () => {
    let index: WorkspaceIndex;
    before(async () => {
      ({ index } = await buildIndex({
        '/ws/README.md': '# Readme\n',
        '/ws/notes.markdown': '# Notes\n',
        '/ws/1_System/AI_System.md': '# AI System\n',
        '/ws/1_System/Images Folder/graph (1).png': 'PNG',
        '/ws/2_Lifecycle/1_Data/QG_Data_(Lifecycle).md': '# QG Data\n',
        '/ws/.git/HEAD.md': '# git\n',
        '/ws/node_modules/pkg/README.md': '# pkg\n',
        '/ws/sub/dist/built.md': '# dist\n',
        '/ws/sub/out/deep/o.md': '# out\n',
        '/ws/sub/kept.md': '# kept\n',
        '/outside/x.md': '# outside\n',
      }));
    });

    it('parses every Markdown file (.md and .markdown) of the roots', () => {
      assert.deepEqual(sorted([...index.allDocuments()].map((d) => d.path)), [
        '/ws/1_System/AI_System.md',
        '/ws/2_Lifecycle/1_Data/QG_Data_(Lifecycle).md',
        '/ws/README.md',
        '/ws/notes.markdown',
        '/ws/sub/kept.md',
      ]);
      assert.equal(index.documentCount, 5);
      assert.equal(index.getDocument('/ws/notes.markdown')?.title, 'Notes');
    });

    it('knows non-Markdown files for existence, without documents', () => {
      assert.equal(index.hasFile('/ws/1_System/Images Folder/graph (1).png'), true);
      assert.equal(index.getDocument('/ws/1_System/Images Folder/graph (1).png'), undefined);
      assert.equal(index.fileCount, 6);
    });

    it('knows every folder, including the root, but no excluded ones', () => {
      for (const folder of ['/ws', '/ws/1_System', '/ws/1_System/Images Folder', '/ws/2_Lifecycle', '/ws/2_Lifecycle/1_Data', '/ws/sub']) {
        assert.equal(index.hasFolder(folder), true, folder);
      }
      for (const folder of ['/ws/node_modules', '/ws/.git', '/ws/sub/dist', '/ws/sub/out', '/ws/sub/out/deep', '/outside']) {
        assert.equal(index.hasFolder(folder), false, folder);
      }
      assert.equal(index.hasFolder('/ws/README.md'), false);
      assert.equal(index.hasFile('/ws/1_System'), false);
    });

    it('foldersIn and foldersNamed list known folders', () => {
      assert.deepEqual(sorted(index.foldersIn('/ws')), ['/ws/1_System', '/ws/2_Lifecycle', '/ws/sub']);
      assert.deepEqual(sorted(index.foldersIn('/ws/sub')), []);
      assert.deepEqual(sorted(index.foldersNamed('images folder')), ['/ws/1_System/Images Folder']);
      assert.deepEqual(sorted(index.foldersNamed('node_modules')), []);
    });

    it('skips .git, node_modules, dist and out at any depth', () => {
      for (const p of ['/ws/.git/HEAD.md', '/ws/node_modules/pkg/README.md', '/ws/sub/dist/built.md', '/ws/sub/out/deep/o.md']) {
        assert.equal(index.hasFile(p), false, p);
        assert.equal(index.getDocument(p), undefined, p);
        assert.equal(index.isExcluded(p), true, p);
      }
      assert.equal(index.isExcluded('/ws/sub/kept.md'), false);
      assert.equal(index.isExcluded('/ws/node_modules'), true);
    });

    it('ignores files outside the roots', () => {
      assert.equal(index.hasFile('/outside/x.md'), false);
      assert.equal(index.isExcluded('/outside/x.md'), true);
    });

    it('filesNamed is case-insensitive on the base name; filesIn lists one folder', () => {
      assert.deepEqual(index.filesNamed('readme.md'), ['/ws/README.md']);
      assert.deepEqual(index.filesNamed('nothing.md'), []);
      assert.deepEqual(sorted(index.filesIn('/ws/1_System')), ['/ws/1_System/AI_System.md']);
    });

    it('isMarkdownPath accepts .md and .markdown in any case', () => {
      assert.deepEqual(['a.md', 'a.MD', 'a.markdown', 'a.mdx', 'a.md.txt', 'md'].map(isMarkdownPath), [true, true, true, false, false, false]);
    });
  });

  it('warns about and skips a root that is not a folder', async () => {
    const lines: Array<[LogLevel, string]> = [];
    const fs = new InMemoryFileSystem({ '/ws/a.md': '# A\n', '/file.md': 'x' });
    const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: ['/missing', '/file.md', '/ws'] }, { log: (l, m) => lines.push([l, m]) });
    await index.initialize();
    assert.equal(index.documentCount, 1);
    assert.deepEqual(
      lines.filter(([l]) => l === 'warn').map(([, m]) => m),
      ['Workspace folder /missing is not a readable folder; skipped.', 'Workspace folder /file.md is not a readable folder; skipped.'],
    );
  });

  describe('decoding and skipped files', () => {
    let index: WorkspaceIndex;
    before(async () => {
      ({ index } = await buildIndex(
        {
          '/ws/bom.md': new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('# BOM\n\n[a](b.md)\n')]),
          '/ws/le.md': new Uint8Array([0xff, 0xfe, ...Array.from('# LE\n').flatMap((c) => [c.charCodeAt(0), 0])]),
          '/ws/be.md': new Uint8Array([0xfe, 0xff, ...Array.from('# BE\n').flatMap((c) => [0, c.charCodeAt(0)])]),
          '/ws/binary.md': new Uint8Array([0x23, 0x20, 0x00, 0x01, 0x02]),
          '/ws/big.md': `# Big\n${'x'.repeat(2000)}`,
          '/ws/exact.md': `# Exact\n${'x'.repeat(1000 - 8)}`,
        },
        { maxFileSize: 1000 },
      ));
    });

    it('drops a UTF-8 BOM so positions start at the first real character', () => {
      const doc = index.getDocument('/ws/bom.md')!;
      assert.equal(doc.title, 'BOM');
      assert.deepEqual(doc.headings[0].textRange.start, { line: 0, character: 2 });
      assert.deepEqual(doc.links[0].destinationRange.start, { line: 2, character: 4 });
    });

    it('decodes UTF-16 LE and BE files', () => {
      assert.equal(index.getDocument('/ws/le.md')!.title, 'LE');
      assert.equal(index.getDocument('/ws/be.md')!.title, 'BE');
    });

    it('a binary file named .md becomes a skipped document with a reason', () => {
      const doc = index.getDocument('/ws/binary.md')!;
      assert.equal(doc.skipped, 'File looks binary, not Markdown text; links in it were not checked.');
      assert.equal(doc.kind, 'other');
      assert.equal(doc.title, 'binary.md');
      assert.deepEqual([doc.links, doc.headings], [[], []]);
      assert.equal(index.hasFile('/ws/binary.md'), true);
    });

    it('a file over maxFileSize becomes a skipped document naming the sizes; at the limit it is parsed', () => {
      assert.equal(index.getDocument('/ws/big.md')!.skipped, 'File is 2 KB, above the 1 KB limit; links in it were not checked.');
      assert.equal(index.getDocument('/ws/exact.md')!.skipped, undefined);
      assert.equal(index.getDocument('/ws/exact.md')!.title, 'Exact');
    });

    it('readText decodes from disk and is undefined for missing files', async () => {
      assert.equal(await index.readText('/ws/bom.md'), '# BOM\n\n[a](b.md)\n');
      assert.equal(await index.readText('/ws/le.md'), '# LE\n');
      assert.equal(await index.readText('/ws/none.md'), undefined);
    });
  });

  describe('open documents', () => {
    let index: WorkspaceIndex;
    beforeEach(async () => {
      ({ index } = await buildIndex({
        '/ws/a.md': '# A\n\n[b](b.md#b)\n',
        '/ws/b.md': '# B\n',
        '/ws/c.md': '[b](./b.md)\n',
        '/ws/d.md': '[b](https://x.org/b.md) [self](#d)\n',
      }));
    });

    it('setOpenText overlays the disk content and returns the document and its dependants', async () => {
      const affected = index.setOpenText('/ws/b.md', '# B edited\n');
      assert.deepEqual(sorted(affected), ['/ws/a.md', '/ws/b.md', '/ws/c.md']);
      assert.equal(index.getDocument('/ws/b.md')!.title, 'B edited');
      assert.equal(index.openText('/ws/b.md'), '# B edited\n');
      assert.equal(await index.readText('/ws/b.md'), '# B edited\n');
    });

    it('setOpenText updates the link graph of the edited document', () => {
      index.setOpenText('/ws/c.md', 'no links now\n');
      assert.deepEqual(sorted(index.linkSources('/ws/b.md')), ['/ws/a.md']);
      index.setOpenText('/ws/c.md', '[n](new.md)\n');
      assert.deepEqual(sorted(index.linkSources('/ws/new.md')), ['/ws/c.md']);
    });

    it('disk changes of an open document are ignored until it is closed', async () => {
      index.setOpenText('/ws/b.md', '# Open\n');
      (index as unknown as { fs: InMemoryFileSystem }).fs.write('/ws/b.md', '# Disk\n');
      assert.deepEqual([...(await index.fileChanged('/ws/b.md'))], []);
      assert.equal(index.getDocument('/ws/b.md')!.title, 'Open');
      const affected = await index.closeText('/ws/b.md');
      assert.deepEqual(sorted(affected), ['/ws/a.md', '/ws/b.md', '/ws/c.md']);
      assert.equal(index.getDocument('/ws/b.md')!.title, 'Disk');
      assert.equal(index.openText('/ws/b.md'), undefined);
    });

    it('setOpenText also returns the documents linked before and after the edit', () => {
      const affected = index.setOpenText('/ws/a.md', '# A\n\n[c](c.md) [x](https://x.org) [n](nowhere.md)\n');
      assert.deepEqual(sorted(affected), ['/ws/a.md', '/ws/b.md', '/ws/c.md']);
    });

    it('documentsNamed tracks front-matter Names through edits', () => {
      index.setOpenText('/ws/b.md', '---\ntags: [{Name: QG_Shared}]\n---\n# B\n');
      const affected = index.setOpenText('/ws/c.md', '---\ntags: [{Name: " QG_Shared "}]\n---\n# C\n');
      assert.deepEqual(sorted(index.documentsNamed('QG_Shared')), ['/ws/b.md', '/ws/c.md']);
      assert.ok(affected.has('/ws/b.md'), 'a new namesake is affected');
      const renamed = index.setOpenText('/ws/c.md', '---\ntags: [{Name: QG_Other}]\n---\n# C\n');
      assert.ok(renamed.has('/ws/b.md'), 'the old namesake is affected');
      assert.deepEqual(sorted(index.documentsNamed('QG_Shared')), ['/ws/b.md']);
      assert.deepEqual(sorted(index.documentsNamed('QG_Other')), ['/ws/c.md']);
    });

    it('closeText of a document that is not open changes nothing', async () => {
      assert.deepEqual([...(await index.closeText('/ws/b.md'))], []);
      assert.equal(index.getDocument('/ws/b.md')!.title, 'B');
    });

    it('opening an unsaved new document makes it exist for links', () => {
      const affected = index.setOpenText('/ws/new.md', '# New\n');
      assert.deepEqual(sorted(affected), ['/ws/new.md']);
      assert.equal(index.hasFile('/ws/new.md'), true);
      assert.equal(index.getDocument('/ws/new.md')!.title, 'New');
    });

    it('closing an unsaved document that is not on disk removes it again', async () => {
      index.setOpenText('/ws/c.md', '[n](new.md)\n');
      index.setOpenText('/ws/new.md', '# New\n');
      const affected = await index.closeText('/ws/new.md');
      assert.ok(affected.has('/ws/c.md'), 'the document linking to it is re-validated');
      assert.equal(index.hasFile('/ws/new.md'), false);
      assert.equal(index.getDocument('/ws/new.md'), undefined);
    });

    it('external and same-document links are not graph edges', () => {
      assert.deepEqual(sorted(index.linkSources('/ws/d.md')), []);
      assert.deepEqual([...index.linkSources('https://x.org/b.md')], []);
    });
  });

  describe('file-system events', () => {
    let index: WorkspaceIndex;
    let fs: InMemoryFileSystem;
    beforeEach(async () => {
      ({ index, fs } = await buildIndex({
        '/ws/a.md': '[new](dir/new.md) [folder](newdir/) [deep](newdir/deep/x.md#h) [img](dir/pic.png)\n',
        '/ws/b.md': '[c](dir/c.md) [a](a.md)\n',
        '/ws/dir/c.md': '# C\n\n[b](../b.md)\n',
        '/ws/dir/d.md': '[dir](./) [c](c.md)\n',
        '/ws/e.md': '[dir](dir/) [nothing](zzz.md)\n',
      }));
    });

    it('fileCreated (Markdown): the new document plus documents linking to it or to its folders', async () => {
      fs.write('/ws/dir/new.md', '# New\n');
      assert.deepEqual(sorted(await index.fileCreated('/ws/dir/new.md')), ['/ws/a.md', '/ws/dir/d.md', '/ws/dir/new.md', '/ws/e.md']);
      assert.equal(index.getDocument('/ws/dir/new.md')!.title, 'New');
      assert.deepEqual(index.filesNamed('new.md'), ['/ws/dir/new.md']);
    });

    it('fileCreated (other file): only documents linking to it or its folders', async () => {
      fs.write('/ws/dir/pic.png', 'PNG');
      assert.deepEqual(sorted(await index.fileCreated('/ws/dir/pic.png')), ['/ws/a.md', '/ws/dir/d.md', '/ws/e.md']);
      assert.equal(index.hasFile('/ws/dir/pic.png'), true);
      assert.equal(index.getDocument('/ws/dir/pic.png'), undefined);
    });

    it('fileCreated (folder): walks it, parses its documents, and returns them with their dependants', async () => {
      fs.write('/ws/newdir/deep/x.md', '# H\n\n[a](../../a.md)\n');
      fs.write('/ws/newdir/y.md', '# Y\n');
      fs.write('/ws/newdir/node_modules/z.md', '# Z\n');
      const affected = await index.fileCreated('/ws/newdir');
      assert.deepEqual(sorted(affected), ['/ws/a.md', '/ws/newdir/deep/x.md', '/ws/newdir/y.md']);
      assert.equal(index.hasFolder('/ws/newdir/deep'), true);
      assert.equal(index.hasFile('/ws/newdir/node_modules/z.md'), false);
      assert.deepEqual(sorted(index.linkSources('/ws/a.md')), ['/ws/b.md', '/ws/newdir/deep/x.md']);
    });

    it('fileCreated ignores excluded, outside and vanished paths', async () => {
      fs.write('/ws/node_modules/x.md', 'x');
      assert.deepEqual([...(await index.fileCreated('/ws/node_modules/x.md'))], []);
      assert.deepEqual([...(await index.fileCreated('/elsewhere/x.md'))], []);
      assert.deepEqual([...(await index.fileCreated('/ws/vanished.md'))], []);
      assert.equal(index.hasFile('/ws/node_modules/x.md'), false);
      assert.equal(index.hasFile('/ws/vanished.md'), false);
    });

    it('fileChanged (Markdown): re-parses and returns the document plus dependants', async () => {
      fs.write('/ws/dir/c.md', '# C changed\n');
      assert.deepEqual(sorted(await index.fileChanged('/ws/dir/c.md')), ['/ws/b.md', '/ws/dir/c.md', '/ws/dir/d.md']);
      assert.equal(index.getDocument('/ws/dir/c.md')!.title, 'C changed');
      assert.deepEqual(sorted(index.linkSources('/ws/b.md')), []);
    });

    it('fileChanged of an unknown file acts as a creation', async () => {
      fs.write('/ws/zzz.md', '# Z\n');
      assert.deepEqual(sorted(await index.fileChanged('/ws/zzz.md')), ['/ws/e.md', '/ws/zzz.md']);
      assert.equal(index.hasFile('/ws/zzz.md'), true);
    });

    it('fileChanged of a non-Markdown file affects nothing', async () => {
      fs.write('/ws/dir/pic.png', 'PNG');
      await index.fileCreated('/ws/dir/pic.png');
      fs.write('/ws/dir/pic.png', 'PNG2');
      assert.deepEqual([...(await index.fileChanged('/ws/dir/pic.png'))], []);
    });

    it('fileDeleted (file): removes it and returns its dependants, not itself', () => {
      fs.delete('/ws/dir/c.md');
      assert.deepEqual(sorted(index.fileDeleted('/ws/dir/c.md')), ['/ws/b.md', '/ws/dir/d.md', '/ws/e.md']);
      assert.equal(index.hasFile('/ws/dir/c.md'), false);
      assert.equal(index.getDocument('/ws/dir/c.md'), undefined);
      assert.deepEqual(index.filesNamed('c.md'), []);
      // Its own outgoing links are gone from the graph.
      assert.deepEqual(sorted(index.linkSources('/ws/b.md')), []);
    });

    it('fileDeleted (folder): removes everything below and returns the remaining dependants', () => {
      fs.delete('/ws/dir');
      assert.deepEqual(sorted(index.fileDeleted('/ws/dir')), ['/ws/b.md', '/ws/e.md']);
      assert.equal(index.hasFolder('/ws/dir'), false);
      assert.deepEqual(sorted(index.foldersIn('/ws')), []);
      assert.deepEqual(sorted(index.filesIn('/ws/dir')), []);
      assert.equal(index.hasFile('/ws/dir/c.md'), false);
      assert.equal(index.hasFile('/ws/dir/d.md'), false);
      assert.equal(index.documentCount, 3);
    });

    it('fileDeleted returns only documents, never the folders or files the deleted document linked to', () => {
      // d.md links to its own folder (`./`) and to c.md; a.md links to a picture.
      fs.delete('/ws/dir/d.md');
      const affected = index.fileDeleted('/ws/dir/d.md');
      assert.deepEqual(sorted(affected), ['/ws/dir/c.md', '/ws/e.md']);
      fs.delete('/ws/a.md');
      for (const path of index.fileDeleted('/ws/a.md')) assert.ok(index.getDocument(path), `${path} is not a document`);
    });

    it('fileCreated (file) also returns existing documents the new one links to', async () => {
      fs.write('/ws/dir/new.md', '[b](../b.md)\n');
      assert.deepEqual(sorted(await index.fileCreated('/ws/dir/new.md')), ['/ws/a.md', '/ws/b.md', '/ws/dir/d.md', '/ws/dir/new.md', '/ws/e.md']);
    });

    it('fileCreated (folder) also returns existing documents its new documents link to, like a single file', async () => {
      fs.write('/ws/other/z.md', '[b](../b.md)\n');
      assert.deepEqual(sorted(await index.fileCreated('/ws/other')), ['/ws/b.md', '/ws/other/z.md']);
    });

    it('fileDeleted of an unknown path affects only links to it', () => {
      assert.deepEqual(sorted(index.fileDeleted('/ws/zzz.md')), ['/ws/e.md']);
      assert.deepEqual(sorted(index.fileDeleted('/ws/none')), []);
    });

    it('delete then re-create round-trips the document and its links', async () => {
      fs.delete('/ws/dir/c.md');
      index.fileDeleted('/ws/dir/c.md');
      fs.write('/ws/dir/c.md', '# C again\n\n[b](../b.md)\n');
      await index.fileCreated('/ws/dir/c.md');
      assert.equal(index.getDocument('/ws/dir/c.md')!.title, 'C again');
      assert.deepEqual(sorted(index.linkSources('/ws/b.md')), ['/ws/dir/c.md']);
      assert.deepEqual(index.filesNamed('c.md'), ['/ws/dir/c.md']);
    });
  });

  describe('linkSources', () => {
    it('records links by target path, ignoring fragments, queries and link syntax', async () => {
      const { index } = await buildIndex({
        '/ws/t.md': '# T\n',
        '/ws/a.md': '[x](t.md#t)\n',
        '/ws/b.md': '[x](./t.md?raw=1)\n',
        '/ws/c.md': '[x][r]\n\n[r]: <t.md>\n',
        '/ws/d.md': '![img](t.md)\n',
        '/ws/e.md': '[x](/t.md)\n',
        '/ws/f.md': '[x](T.md)\n',
        '/ws/sub/g.md': '[x](../t.md) [y](..) [z](../sub/)\n',
      });
      assert.deepEqual(sorted(index.linkSources('/ws/t.md')), ['/ws/a.md', '/ws/b.md', '/ws/c.md', '/ws/d.md', '/ws/e.md', '/ws/sub/g.md']);
      assert.deepEqual(sorted(index.linkSources('/ws')), ['/ws/sub/g.md']);
      assert.deepEqual(sorted(index.linkSources('/ws/sub')), ['/ws/sub/g.md']);
    });
  });

  describe('rootFor with nested roots', () => {
    let index: WorkspaceIndex;
    before(async () => {
      ({ index } = await buildIndex(
        {
          '/ws/top.md': '[app](/app/x.md)\n',
          '/ws/app/x.md': '[rooted](/y.md)\n',
          '/ws/app/y.md': '# Y\n',
          '/ws2/z.md': '# Z\n',
        },
        { roots: ['/ws', '/ws/app', '/ws2'] },
      ));
    });

    it('picks the innermost root', () => {
      assert.equal(index.rootFor('/ws/app/x.md'), '/ws/app');
      assert.equal(index.rootFor('/ws/app'), '/ws/app');
      assert.equal(index.rootFor('/ws/top.md'), '/ws');
      assert.equal(index.rootFor('/ws2/z.md'), '/ws2');
      assert.equal(index.rootFor('/ws3/z.md'), undefined);
      assert.equal(index.rootFor('/'), undefined);
    });

    it('resolves /-rooted links against the innermost root', () => {
      assert.deepEqual(sorted(index.linkSources('/ws/app/y.md')), ['/ws/app/x.md']);
      assert.deepEqual(sorted(index.linkSources('/ws/app/x.md')), ['/ws/top.md']);
    });

    it('indexes each document once', () => {
      assert.equal(index.documentCount, 4);
      assert.deepEqual(index.filesNamed('x.md'), ['/ws/app/x.md']);
    });
  });

  describe('cancellation', () => {
    it('initialize throws OperationCancelled for a cancelled token', async () => {
      const fs = new InMemoryFileSystem({ '/ws/a.md': '# A\n' });
      const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: ['/ws'] });
      await assert.rejects(index.initialize(cancelled), OperationCancelled);
    });

    it('initialize stops once the token is cancelled part-way', async () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 100; i++) files[`/ws/f${i}/doc.md`] = `# Doc ${i}\n`;
      const fs = new InMemoryFileSystem(files);
      let checks = 0;
      const token: CancellationToken = {
        get isCancellationRequested() {
          return ++checks > 20;
        },
      };
      const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: ['/ws'] });
      await assert.rejects(index.initialize(token), OperationCancelled);
      assert.ok(index.documentCount < 100, `parsed ${index.documentCount} documents`);
    });
  });
});
