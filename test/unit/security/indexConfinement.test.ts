// The index holds only files of the workspace folders (issue 14, finding 7): a file outside
// them that the editor opens and closes leaves nothing behind, and a folder link that
// appears while the server runs is not followed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryFileSystem, NodeFileSystem, pathFromFsPath } from '../../../server/src/base/fileSystem';
import { WorkspaceIndex, defaultIndexOptions } from '../../../server/src/workspace/workspaceIndex';
import { silentLogger } from '../../../server/src/base/logger';
import { checkWorkspace } from '../../helpers/check';
import { collectFindings } from '../../../server/src/analysis/findings/findings';
import { renderSarif } from '../../../server/src/render/sarif';

describe('security: the index holds only files of the workspace folders', () => {
  it('didOpen + didClose of a file outside the folders leaves nothing in the index', async () => {
    const fs = new InMemoryFileSystem({ '/ws/a.md': '# A\n', '/elsewhere/secret.md': '# Secret\n\nPrivate.\n' });
    const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: ['/ws'] }, silentLogger);
    await index.initialize();
    for (const path of ['/elsewhere/secret.md', '/ws/../elsewhere/secret.md', '/ws2/x.md']) {
      assert.deepEqual([...index.setOpenText(path, '# Secret\n')], [], `open ${path}`);
      assert.equal(index.getDocument(path), undefined);
      assert.equal(index.openText(path), undefined);
      assert.deepEqual([...(await index.closeText(path))], [], `close ${path}`);
      assert.equal(index.getDocument(path), undefined, 'not re-read from disk on close');
      assert.ok(!index.hasFile(path));
    }
    assert.equal(index.documentCount, 1);
    assert.equal(await index.readText('/elsewhere/secret.md'), undefined);
    // Inside, open and close work as before.
    index.setOpenText('/ws/a.md', '# Edited\n');
    assert.equal(index.getDocument('/ws/a.md')?.title, 'Edited');
    await index.closeText('/ws/a.md');
    assert.equal(index.getDocument('/ws/a.md')?.title, 'A');
  });

  (process.platform === 'win32' ? it.skip : it)('a folder link created while running is not walked, nor are files below it', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mqg4ai-index-')));
    try {
      mkdirSync(join(dir, 'ws', 'real'), { recursive: true });
      mkdirSync(join(dir, 'outside', 'deep'), { recursive: true });
      writeFileSync(join(dir, 'ws', 'a.md'), '# A\n');
      writeFileSync(join(dir, 'outside', 'secret.md'), '# Secret\n');
      writeFileSync(join(dir, 'outside', 'deep', 'more.md'), '# More\n');
      const ws = pathFromFsPath(join(dir, 'ws'));
      const index = new WorkspaceIndex(new NodeFileSystem(), { ...defaultIndexOptions, roots: [ws] }, silentLogger);
      await index.initialize();
      const before = index.fileCount;

      symlinkSync(join(dir, 'outside'), join(dir, 'ws', 'ext'));
      assert.deepEqual([...(await index.fileCreated(`${ws}/ext`))], []);
      assert.deepEqual([...(await index.fileCreated(`${ws}/ext/secret.md`))], [], 'a file event below the link');
      assert.deepEqual([...(await index.fileChanged(`${ws}/ext/deep/more.md`))], []);
      assert.equal(index.fileCount, before);
      assert.ok(!index.hasFolder(`${ws}/ext`));
      assert.equal(await index.readText(`${ws}/ext/secret.md`), undefined);

      // An ordinary folder created at run time is still walked.
      mkdirSync(join(dir, 'ws', 'new'));
      writeFileSync(join(dir, 'ws', 'new', 'b.md'), '# B\n');
      await index.fileCreated(`${ws}/new`);
      assert.equal(index.getDocument(`${ws}/new/b.md`)?.title, 'B');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('link.outside-workspace names the path relative to the workspace folder, so SARIF carries no absolute path', async () => {
    const root = '/home/alice/private-projects/ws';
    const fs = new InMemoryFileSystem({ [`${root}/a.md`]: '# A\n\n[x](../../../../../etc/passwd) [y](../sibling/notes.md)\n' });
    const result = await checkWorkspace(fs, root);
    const findings = collectFindings(result);
    const messages = findings.filter((f) => f.diagnostic.code === 'link.outside-workspace').map((f) => f.diagnostic.message);
    assert.deepEqual(messages, [
      'Link points outside the workspace folders (../../../../etc/passwd); it is not read or checked.',
      'Link points outside the workspace folders (../sibling/notes.md); it is not read or checked.',
    ]);
    const sarif = renderSarif(findings, { root, toolVersion: '0' });
    const results = JSON.stringify((JSON.parse(sarif) as { runs: Array<{ results: unknown }> }).runs[0].results);
    assert.ok(!results.includes('/home/alice'), results);
  });
});
