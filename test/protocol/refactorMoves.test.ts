import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { InitializeResult, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { copyFixture } from '../helpers/fixtures';
import { fileUri, LspTestClient, SERVER_PATH } from '../helpers/lspClient';
import { brokenLinksByCli, EDITOR_CAPABILITIES, moveWithServer } from '../helpers/refactor';

/** A scratch copy of a fixture with a running server over it. */
async function session(fixture: string, extra: Record<string, string> = {}, settings?: Record<string, unknown>) {
  const copy = copyFixture(fixture);
  for (const [rel, text] of Object.entries(extra)) writeFileSync(join(copy.root, rel), text);
  const before = brokenLinksByCli(copy.root);
  const client = await LspTestClient.start([copy.root], { capabilities: EDITOR_CAPABILITIES, settings });
  const read = (rel: string) => readFileSync(join(copy.root, rel), 'utf8');
  return {
    root: copy.root,
    client,
    before,
    read,
    path: (rel: string) => join(copy.root, rel),
    async close() {
      await client.stop();
      copy.cleanup();
    },
  };
}

describe('protocol: link updates when files and folders move (workspace/willRenameFiles)', function () {
  this.timeout(60000);

  it('announces willRename for every file and folder, rename with prepare, and source.fixAll.mqg4ai', async () => {
    const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    try {
      const init = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: EDITOR_CAPABILITIES });
      assert.deepEqual(init.capabilities.workspace?.fileOperations?.willRename?.filters, [
        { scheme: 'file', pattern: { glob: '**/*', matches: 'file' } },
        { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } },
      ]);
      assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
      const codeActions = init.capabilities.codeActionProvider;
      assert.ok(typeof codeActions === 'object' && codeActions.codeActionKinds?.includes('source.fixAll.mqg4ai'));
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('a renamed file keeps the way each link was written: ../2_Development/2_Model_Evaluation/... stays that long (issue 21)', async () => {
    const collection = '2_Lifecycle/2_Development/QG_Development_(Lifecycle).md';
    const original = readFileSync(join('test-fixtures/sample-assessment', collection), 'utf8');
    const detour = `${original}\nSee also [calibration](../2_Development/2_Model_Evaluation/QG_Calibration_(BinaryClassification).md) and [the same](<../2_Development/2_Model_Evaluation/QG_Calibration_(BinaryClassification).md#purpose>).\n`;
    const s = await session('sample-assessment', { [collection]: detour });
    try {
      const from = s.path('2_Lifecycle/2_Development/2_Model_Evaluation/QG_Calibration_(BinaryClassification).md');
      const to = s.path('2_Lifecycle/2_Development/2_Model_Evaluation/QG_Calibration_(Binary).md');
      await moveWithServer(s.client, [[from, to]]);
      const text = s.read(collection);
      assert.match(text, /\[calibration\]\(\.\.\/2_Development\/2_Model_Evaluation\/QG_Calibration_\(Binary\)\.md\)/);
      assert.match(text, /\[the same\]\(<\.\.\/2_Development\/2_Model_Evaluation\/QG_Calibration_\(Binary\)\.md#purpose>\)/);
      assert.match(text, /\[Calibration\]\(\.\/2_Model_Evaluation\/QG_Calibration_\(Binary\)\.md\)/, '`./` kept');
      assert.doesNotMatch(text, /\]\(<?2_Model_Evaluation\//, 'no link lost its ../2_Development/ or ./');
    } finally {
      await s.close();
    }
  });

  it('a file whose name has spaces, moved to a name with parentheses: %20 stays %20, <...> stays, the reference definition too', async () => {
    const s = await session('link-forms');
    try {
      const edit = await moveWithServer(s.client, [[s.path('My Doc.md'), s.path('docs/My Renamed Doc (v2).md')]]);
      assert.ok(edit?.documentChanges?.length, 'an edit is returned');
      const index = s.read('index.md');
      assert.match(index, /\[my doc\]\(docs\/My%20Renamed%20Doc%20\(v2\)\.md\)/);
      assert.match(index, /Angle brackets: \[my doc\]\(<docs\/My Renamed Doc \(v2\)\.md>\)/);
      assert.match(index, /\[spaced\]: <docs\/My Renamed Doc \(v2\)\.md> "The doc with a space"/);
      assert.deepEqual(brokenLinksByCli(s.root), s.before);
    } finally {
      await s.close();
    }
  });

  it('a file with parentheses in its name: plain, escaped and percent-encoded spellings are each kept', async () => {
    const s = await session('link-forms');
    try {
      await moveWithServer(s.client, [[s.path('QG_Name_(View).md'), s.path('sub/QG_Name_(View).md')]]);
      const index = s.read('index.md');
      assert.match(index, /\[view\]\(sub\/QG_Name_\(View\)\.md\), \[view section\]\(sub\/QG_Name_\(View\)\.md#view-section\)/);
      assert.match(index, /\[escaped\]\(sub\/QG_Name_\\\(View\\\)\.md\), \[encoded\]\(sub\/QG_Name_%28View%29\.md\)/);
      assert.deepEqual(brokenLinksByCli(s.root), s.before);
    } finally {
      await s.close();
    }
  });

  it('a folder moved under a unicode name with a space: links in, links out, folder links and anchors', async () => {
    const s = await session('link-forms');
    try {
      await moveWithServer(s.client, [[s.path('x'), s.path('archiv/ältere x')]]);
      const index = s.read('index.md');
      assert.match(index, /\[b in a folder\]\(<archiv\/ältere x\/b\.md>\)/);
      assert.match(index, /\[unicode encoded\]\(<archiv\/ältere x\/b\.md#2-risk--control-%C3%BCberblick>\)/);
      const c = s.read('sub/c.md');
      assert.match(c, /\[x folder\]\(<\.\.\/archiv\/ältere x>\), \[x folder with slash\]\(<\.\.\/archiv\/ältere x\/>\)/);
      assert.match(c, /\[legacy anchor\]\(<\.\.\/archiv\/ältere x\/b\.md#legacy>\)/);
      assert.match(s.read('archiv/ältere x/b.md'), /Back to \[A\]\(\.\.\/\.\.\/a\.md\) and to \[the second notes\]\(#notes-1\)/);
      // The one broken anchor into the folder moved along; nothing else changed.
      assert.deepEqual(brokenLinksByCli(s.root), s.before.map((b) => b.replace('x/b.md#notes-2', '<archiv/ältere x/b.md#notes-2>')).sort());
    } finally {
      await s.close();
    }
  });

  it('an image folder: image links with and without angle brackets and ./', async () => {
    const s = await session('link-forms');
    try {
      await moveWithServer(s.client, [[s.path('img'), s.path('assets/images')]]);
      const index = s.read('index.md');
      assert.match(index, /!\[dot\]\(assets\/images\/dot\.png\)\{width=800 height=\} and !\[dot\]\(<\.\/assets\/images\/dot\.png>\)/);
      assert.match(s.read('sub/c.md'), /!\[dot\]\(\.\.\/assets\/images\/dot\.png\)/);
      // The missing image stays missing, now at the new place: no new broken link.
      assert.deepEqual(brokenLinksByCli(s.root).length, s.before.length);
    } finally {
      await s.close();
    }
  });

  it('a whole lifecycle stage moved to another parent, with links from another tree', async () => {
    const other =
      '---\ntags: [{Name: QG_Other}, {Intent: Overview}]\n---\n# Other tree\n\n- [Calibration](<../sample-assessment/2_Lifecycle/2_Development/2_Model_Evaluation/QG_Calibration_(BinaryClassification).md#1-interdependency-graph>)\n- [Stage](../sample-assessment/2_Lifecycle/2_Development/)\n';
    const copy = copyFixture('sample-assessment');
    const otherRoot = join(copy.root, '..', 'other-tree');
    mkdirSync(otherRoot, { recursive: true });
    writeFileSync(join(otherRoot, 'QG_Other.md'), other);
    const before = brokenLinksByCli(copy.root);
    const client = await LspTestClient.start([copy.root, otherRoot], { capabilities: EDITOR_CAPABILITIES });
    try {
      const from = join(copy.root, '2_Lifecycle/2_Development');
      const to = join(copy.root, '2_Lifecycle/Archive/2_Development');
      const edit = await moveWithServer(client, [[from, to]]);
      const touched = (edit?.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : ''));
      assert.ok(touched.includes(fileUri(join(otherRoot, 'QG_Other.md'))), 'the other tree is updated');
      assert.match(
        readFileSync(join(otherRoot, 'QG_Other.md'), 'utf8'),
        /<\.\.\/sample-assessment\/2_Lifecycle\/Archive\/2_Development\/2_Model_Evaluation\/QG_Calibration_\(BinaryClassification\)\.md#1-interdependency-graph>/,
      );
      assert.match(readFileSync(join(otherRoot, 'QG_Other.md'), 'utf8'), /\[Stage\]\(\.\.\/sample-assessment\/2_Lifecycle\/Archive\/2_Development\/\)/);
      const after = brokenLinksByCli(copy.root);
      // The same broken links as before, the ones inside the stage now under Archive/.
      assert.deepEqual(after, before.map((b) => b.replace('2_Lifecycle/2_Development/', '2_Lifecycle/Archive/2_Development/')).sort());
      assert.deepEqual(brokenLinksByCli(otherRoot), []);
    } finally {
      await client.stop();
      copy.cleanup();
    }
  });

  it('answers null when nothing links to the moved file, and honours updateOnFileMove: never', async () => {
    const s = await session('link-forms', {}, { links: { updateOnFileMove: 'never' } });
    try {
      const edit = await s.client.request<WorkspaceEdit | null>('workspace/willRenameFiles', {
        files: [{ oldUri: fileUri(s.path('a.md')), newUri: fileUri(s.path('z.md')) }],
      });
      assert.equal(edit, null);
      s.client.settings = { links: { updateOnFileMove: 'always' } };
      const again = await s.client.request<WorkspaceEdit | null>('workspace/willRenameFiles', {
        files: [{ oldUri: fileUri(s.path('a.md')), newUri: fileUri(s.path('z.md')) }],
      });
      assert.ok(again?.documentChanges?.length);
      const none = await s.client.request<WorkspaceEdit | null>('workspace/willRenameFiles', {
        files: [{ oldUri: fileUri(s.path('README.md')), newUri: fileUri(s.path('README2.md')) }],
      });
      assert.equal(none, null, 'README.md is only linked through a case mismatch, and its own link stays right');
    } finally {
      await s.close();
    }
  });

  it('falls back to a plain changes map for clients without documentChanges', async () => {
    const copy = copyFixture('link-forms');
    const client = await LspTestClient.start([copy.root]);
    try {
      const edit = await client.request<WorkspaceEdit | null>('workspace/willRenameFiles', {
        files: [{ oldUri: fileUri(join(copy.root, 'a.md')), newUri: fileUri(join(copy.root, 'sub/a.md')) }],
      });
      assert.equal(edit?.documentChanges, undefined);
      assert.ok(edit?.changes && Object.keys(edit.changes).length > 0);
    } finally {
      await client.stop();
      copy.cleanup();
    }
  });
});
