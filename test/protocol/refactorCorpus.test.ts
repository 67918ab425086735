import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from '../helpers/fixtures';
import { LspTestClient } from '../helpers/lspClient';
import { brokenLinksByCli, EDITOR_CAPABILITIES, moveWithServer } from '../helpers/refactor';
import { requireCorpus } from '../helpers/corpus';

describe('protocol: moving a lifecycle stage of the real MQG4AI corpus', function () {
  this.timeout(120000);
  const corpus = join(CORPUS, 'mqg4ai');
  let base: string;
  let root: string;

  before(function () {
    requireCorpus(this, corpus);
    base = mkdtempSync(join(tmpdir(), 'mqg4ai-corpus-move-'));
    root = join(base, 'mqg4ai');
    cpSync(corpus, root, { recursive: true });
  });

  after(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it('moves MQG4DesignKnowledge/2_Lifecycle/2_Development under Archive/ without a single new broken link', async () => {
    const before = brokenLinksByCli(root);
    const client = await LspTestClient.start([root], { capabilities: EDITOR_CAPABILITIES });
    try {
      const from = join(root, 'MQG4DesignKnowledge/2_Lifecycle/2_Development');
      const to = join(root, 'MQG4DesignKnowledge/2_Lifecycle/Archive/2_Development');
      const edit = await moveWithServer(client, [[from, to]]);
      assert.ok((edit?.documentChanges ?? []).length > 0, 'links to and inside the stage are updated');
    } finally {
      await client.stop();
    }
    const after = brokenLinksByCli(root);
    console.log(`    broken links before: ${before.length}, after: ${after.length}`);
    assert.ok(
      after.length <= before.length,
      `broken links grew from ${before.length} to ${after.length}:\n${after.filter((a) => !before.includes(a)).join('\n')}`,
    );
    // The same broken links, those inside the stage now listed under Archive/.
    const moved = before.map((b) => b.replace('MQG4DesignKnowledge/2_Lifecycle/2_Development/', 'MQG4DesignKnowledge/2_Lifecycle/Archive/2_Development/'));
    assert.deepEqual(after.map(stripDestination).sort(), moved.map(stripDestination).sort());
  });
});

/** `file (code)`: a broken link's destination may be rewritten (it moved along), its file and kind stay. */
function stripDestination(entry: string): string {
  return entry.replace(/: .* \(/, ' (');
}
