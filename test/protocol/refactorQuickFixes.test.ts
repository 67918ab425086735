import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol';
import { copyFixture } from '../helpers/fixtures';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { applyAndNotify, brokenLinksByCli, codesByCli, EDITOR_CAPABILITIES } from '../helpers/refactor';
import { makeWorkspace, positionOf } from '../helpers/workspace';

describe('protocol: quick fixes (textDocument/codeAction) applied to fixture copies', function () {
  this.timeout(60000);

  async function session(root: string, cleanup: () => void) {
    const before = brokenLinksByCli(root);
    const client = await LspTestClient.start([root], { capabilities: EDITOR_CAPABILITIES });
    const path = (rel: string) => join(root, rel);
    const read = (rel: string) => readFileSync(path(rel), 'utf8');
    /** Code actions for the published diagnostics of `rel` that overlap `range` (or the whole line of `needle`). */
    const actions = async (rel: string, needle: string, only?: string[]) => {
      const text = read(rel);
      const start = positionOf(text, needle);
      const range: Range = { start, end: positionOf(text, needle, needle.length) };
      const diagnostics: Diagnostic[] = client.diagnosticsFor(path(rel));
      return client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: fileUri(path(rel)) },
        range,
        context: {
          diagnostics: diagnostics.filter((d) => d.range.start.line <= range.end.line && d.range.end.line >= range.start.line),
          ...(only ? { only } : {}),
        },
      });
    };
    return {
      root,
      client,
      before,
      path,
      read,
      actions,
      async close() {
        await client.stop();
        cleanup();
      },
    };
  }
  const fixture = async (name: string) => {
    const copy = copyFixture(name);
    return session(copy.root, copy.cleanup);
  };

  it('a misspelt link: ranked replacements, the best preferred; applying it removes the broken link', async () => {
    const s = await fixture('sample-assessment');
    const rel = '2_Lifecycle/2_Development/2_Model_Evaluation/QG_Calibration_(BinaryClassification).md';
    try {
      const found = await s.actions(rel, './QG_OperatingTreshold_(BinaryClassification).md');
      const fixes = found.filter((a) => a.title.startsWith('Change the link'));
      assert.ok(fixes.length >= 1);
      assert.equal(fixes[0].title, 'Change the link to QG_OperatingThreshold_(BinaryClassification).md');
      assert.equal(fixes[0].isPreferred, true);
      assert.equal(fixes.filter((f) => f.isPreferred).length, 1);
      assert.equal(fixes[0].diagnostics?.[0].code, 'link.missing-file');
      await applyAndNotify(s.client, fixes[0].edit);
      assert.match(s.read(rel), /\[Operating threshold\]\(\.\/QG_OperatingThreshold_\(BinaryClassification\)\.md\)/);
      const after = brokenLinksByCli(s.root);
      assert.deepEqual(
        after,
        s.before.filter((b) => !b.includes('QG_OperatingTreshold')),
      );
    } finally {
      await s.close();
    }
  });

  it('a missing anchor and a case mismatch in link-forms; a missing file created from the Leaf-QG template', async () => {
    const s = await fixture('link-forms');
    try {
      const anchor = (await s.actions('index.md', 'x/b.md#notes-2')).filter((a) => a.title.startsWith('Change the anchor'));
      assert.ok(anchor.length >= 1, 'anchor candidates');
      const readme = (await s.actions('index.md', '(readme.md)')).find((a) => a.isPreferred);
      assert.equal(readme?.title, 'Change the link to README.md');
      await applyAndNotify(s.client, readme!.edit);

      const create = (await s.actions('index.md', './gone.md')).find((a) => a.title === 'Create gone.md from the Leaf-QG template');
      assert.ok(create, 'a create action');
      await applyAndNotify(s.client, create!.edit);
      assert.ok(existsSync(s.path('gone.md')));
      assert.match(s.read('gone.md'), /^---\ntags: \[\{Name: gone\}/);
      const after = brokenLinksByCli(s.root);
      assert.deepEqual(
        after,
        s.before.filter((b) => !b.startsWith('index.md: readme.md') && !b.startsWith('index.md: ./gone.md')),
      );
    } finally {
      await s.close();
    }
  });

  it('front matter with an unbalanced brace is repaired and parses', async () => {
    const s = await fixture('link-forms');
    try {
      const fix = (await s.actions('bad-frontmatter.md', '{Intent: Y]')).find((a) => a.title.startsWith('Fix the front matter'));
      assert.ok(fix, 'a front-matter fix');
      await applyAndNotify(s.client, fix!.edit);
      assert.match(s.read('bad-frontmatter.md'), /^tags: \[\{Name: X\}, \{Intent: Y\}\]$/m);
      assert.ok(!codesByCli(s.root, 'bad-frontmatter.md').includes('frontmatter.invalid'));
    } finally {
      await s.close();
    }
  });

  it('qg.missing-section: inserts the section with its prompt; "fix all" inserts every missing one', async () => {
    const leaf = `---
tags: [{Name: QG_Partial}, {Intent: Demo}]
---

## QG Partial (Demo)

### 1. Interdependency Graph

#### Input Information
> Which inputs does this design decision consume before it can be taken?

Data from the registry.

### 3. Additional Information

#### Risk Management

- ##### Poses Risk(s)
    > Which risks does this decision introduce or increase?

    - none known
`;
    const ws = makeWorkspace({
      'tree/2_Lifecycle/QG_Partial_(Demo).md': leaf,
      'tree/1_System/AI_System.md': '# System\n\n[p](../2_Lifecycle/QG_Partial_(Demo).md)\n',
    });
    const s = await session(ws.root, ws.cleanup);
    const rel = 'tree/2_Lifecycle/QG_Partial_(Demo).md';
    try {
      const missingBefore = codesByCli(s.root, rel).filter((c) => c === 'qg.missing-section').length;
      assert.ok(missingBefore >= 3, `several sections missing (${missingBefore})`);
      const found = await s.actions(rel, 'QG Partial (Demo)');
      const inserts = found.filter((a) => a.title.startsWith('Insert the template section'));
      assert.equal(inserts.length, missingBefore);
      const fixAll = found.find((a) => a.title.startsWith('Fix all missing template sections'));
      assert.ok(fixAll, 'a fix-all action');
      await applyAndNotify(s.client, fixAll!.edit);
      const fixed = s.read(rel);
      assert.deepEqual(
        codesByCli(s.root, rel).filter((c) => c === 'qg.missing-section'),
        [],
      );
      assert.match(fixed, /#### Output Information\n> Which results of this decision are needed elsewhere in the lifecycle\?/);
      assert.ok(fixed.indexOf('### 2. Quality Gate Creation') > fixed.indexOf('#### Output Information'));
      assert.ok(fixed.indexOf('### 2. Quality Gate Creation') < fixed.indexOf('### 3. Additional Information'));
      assert.match(fixed, / {4}- none known/);
    } finally {
      await s.close();
    }
  });

  it('source.fixAll.mqg4ai applies every safe fix of a file in one edit', async () => {
    const s = await fixture('link-forms');
    try {
      const found = await s.actions('index.md', '# Link forms', ['source.fixAll.mqg4ai']);
      assert.equal(found.length, 1);
      assert.equal(found[0].kind, 'source.fixAll.mqg4ai');
      await applyAndNotify(s.client, found[0].edit);
      const after = brokenLinksByCli(s.root);
      assert.ok(after.length < s.before.length, `fewer broken links (${s.before.length} -> ${after.length})`);
      assert.ok(
        after.every((a) => s.before.includes(a)),
        'no new broken link',
      );
      assert.ok(!existsSync(s.path('gone.md')), 'fix all creates no file');
    } finally {
      await s.close();
    }
  });
});
