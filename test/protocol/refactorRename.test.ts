import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { copyFixture } from '../helpers/fixtures';
import { fileUri, LspTestClient, uriKey } from '../helpers/lspClient';
import { applyAndNotify, brokenLinksByCli, EDITOR_CAPABILITIES } from '../helpers/refactor';
import { positionOf } from '../helpers/workspace';

describe('protocol: rename (prepareRename + rename) over JSON-RPC', function () {
  this.timeout(60000);

  /** A fresh copy and server per test: each rename changes files. */
  async function session(fixture: string, settings?: Record<string, unknown>, capabilities: Record<string, unknown> = EDITOR_CAPABILITIES) {
    const copy = copyFixture(fixture);
    const before = brokenLinksByCli(copy.root);
    const client = await LspTestClient.start([copy.root], { capabilities, settings });
    const path = (rel: string) => join(copy.root, rel);
    const read = (rel: string) => readFileSync(path(rel), 'utf8');
    const at = (rel: string, needle: string, offset = 1) => ({ textDocument: { uri: fileUri(path(rel)) }, position: positionOf(read(rel), needle, offset) });
    return {
      root: copy.root,
      client,
      before,
      path,
      read,
      at,
      prepare: (rel: string, needle: string, offset?: number) =>
        client.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', at(rel, needle, offset)),
      rename: (rel: string, needle: string, newName: string, offset?: number) =>
        client.request<WorkspaceEdit | null>('textDocument/rename', { ...at(rel, needle, offset), newName }),
      async close() {
        await client.stop();
        copy.cleanup();
      },
    };
  }

  it('prepares a heading rename with the heading text, and refuses plain text', async () => {
    const s = await session('link-forms');
    try {
      const prepared = await s.prepare('x/b.md', '## Notes', 4);
      assert.equal(prepared?.placeholder, 'Notes');
      assert.deepEqual(prepared?.range, { start: positionOf(s.read('x/b.md'), 'Notes'), end: positionOf(s.read('x/b.md'), 'Notes', 5) });
      const plain = await s.prepare('x/b.md', 'First notes section', 3);
      assert.equal(plain, null);
    } finally {
      await s.close();
    }
  });

  it('renames the first of two "## Notes": #notes and #notes-1 links keep pointing at their own heading', async () => {
    const s = await session('link-forms');
    try {
      await applyAndNotify(s.client, await s.rename('x/b.md', '## Notes', 'Early Notes', 4));
      const b = s.read('x/b.md');
      assert.match(b, /^## Early Notes$/m);
      assert.match(b, /\[the second notes\]\(#notes\)/);
      const index = s.read('index.md');
      assert.match(index, /\[first notes\]\(x\/b\.md#early-notes\),\n\[second notes\]\(x\/b\.md#notes\)/);
      // The link that was broken (#notes-2) stays broken, pointing at nothing as before.
      assert.deepEqual(brokenLinksByCli(s.root), s.before);
    } finally {
      await s.close();
    }
  });

  it('renames the heading a link anchor names, from the link, with unicode and percent-encoded anchors', async () => {
    const s = await session('link-forms');
    try {
      const prepared = await s.prepare('index.md', '#2-risk--control-überblick', 3);
      assert.equal(prepared?.placeholder, '2. Risk & Control: Überblick');
      await applyAndNotify(s.client, await s.rename('index.md', '#2-risk--control-überblick', '2. Risiko & Kontrolle: Übersicht', 3));
      assert.match(s.read('x/b.md'), /^## 2\. Risiko & Kontrolle: Übersicht$/m);
      const index = s.read('index.md');
      assert.match(index, /\[unicode\]\(x\/b\.md#2-risiko--kontrolle-übersicht\)/);
      assert.match(index, /\[unicode encoded\]\(x\/b\.md#2-risiko--kontrolle-%C3%BCbersicht\)/);
      assert.deepEqual(brokenLinksByCli(s.root), s.before);
    } finally {
      await s.close();
    }
  });

  it('renames a heading with same-document links and a reference definition', async () => {
    const s = await session('link-forms');
    try {
      await applyAndNotify(s.client, await s.rename('a.md', '## X', 'Cross', 3));
      assert.match(s.read('index.md'), /\[good\]: \.\/a\.md#cross/);
      assert.match(s.read('sub/c.md'), /\[a\]\(\.\.\/a\.md#cross\)/);
      await applyAndNotify(s.client, await s.rename('index.md', '## Some Heading', 'Any Heading', 4));
      assert.match(s.read('index.md'), /\[top\]\(#any-heading\)/);
      assert.match(s.read('a.md'), /\[index\]\(\.\/index\.md#any-heading\)/);
      assert.deepEqual(brokenLinksByCli(s.root), s.before);
    } finally {
      await s.close();
    }
  });

  it('renames a QG Name and its file QG_<Name>_(<View>).md, updating every link to it', async () => {
    const rel = '2_Lifecycle/2_Development/2_Model_Evaluation/QG_Calibration_(BinaryClassification).md';
    const newRel = '2_Lifecycle/2_Development/2_Model_Evaluation/QG_TemperatureScaling_(BinaryClassification).md';
    const s = await session('sample-assessment');
    try {
      const prepared = await s.prepare(rel, 'QG_Calibration}', 3);
      assert.equal(prepared?.placeholder, 'QG_Calibration');
      const edit = await s.rename(rel, 'QG_Calibration}', 'QG_TemperatureScaling', 3);
      const ops = (edit?.documentChanges ?? []).filter((c) => 'kind' in c).map((c) => c.kind === 'rename' && { from: uriKey(c.oldUri), to: uriKey(c.newUri) });
      assert.deepEqual(ops, [{ from: s.path(rel), to: s.path(newRel) }]);
      assert.equal('kind' in edit!.documentChanges![edit!.documentChanges!.length - 1], true, 'the file is renamed after the text edits');
      await applyAndNotify(s.client, edit);
      assert.ok(existsSync(s.path(newRel)) && !existsSync(s.path(rel)));
      assert.match(s.read(newRel), /\{Name: QG_TemperatureScaling\}/);
      assert.match(
        s.read('2_Lifecycle/2_Development/1_Model_Training/QG_TrainingSetup_(BinaryClassification).md'),
        /QG_TemperatureScaling_\(BinaryClassification\)\.md/,
      );
      const expected = s.before.map((b) => b.replace(rel, newRel)).sort();
      assert.deepEqual(brokenLinksByCli(s.root), expected);
    } finally {
      await s.close();
    }
  });

  it('renames only the Name when mqg4ai.rename.renameFileWithName is false or the client cannot rename files', async () => {
    const rel = '2_Lifecycle/2_Development/2_Model_Evaluation/QG_Calibration_(BinaryClassification).md';
    const s = await session('sample-assessment', { rename: { renameFileWithName: false } });
    try {
      const edit = await s.rename(rel, 'QG_Calibration}', 'QG_Scaling', 3);
      assert.deepEqual(
        (edit?.documentChanges ?? []).filter((c) => 'kind' in c),
        [],
      );
      assert.equal(edit?.documentChanges?.length, 1);
    } finally {
      await s.close();
    }
    const plain = await session('sample-assessment', undefined, {});
    try {
      const edit = await plain.rename(rel, 'QG_Calibration}', 'QG_Scaling', 3);
      assert.equal(edit?.documentChanges, undefined);
      assert.deepEqual(Object.keys(edit?.changes ?? {}).map(uriKey), [plain.path(rel)]);
    } finally {
      await plain.close();
    }
  });

  it('answers a refused rename with an error message', async () => {
    const s = await session('link-forms');
    try {
      await assert.rejects(s.rename('x/b.md', '## Notes', '', 4), /heading name must be one non-empty line/);
    } finally {
      await s.close();
    }
  });
});
