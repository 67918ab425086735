// Crash handling over JSON-RPC: the server is SIGKILLed while it indexes a large generated
// workspace (and, in later rounds, while it may be writing its persistent cache). Started
// again on the same storage folder, it must publish exactly the diagnostics of a clean start,
// and the cache file must never be found half-written (it is written to a temporary file and
// renamed). The client's restart policy (client/src/restartPolicy.ts) is tested in test/unit/client.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { MODEL_FORMAT, readCacheFile } from '../../server/src/workspace/indexCache';
import { FIXTURES } from '../helpers/fixtures';
import { LspTestClient } from '../helpers/lspClient';

const COPIES = 30;

/** Every published diagnostic, by URI, in a comparable form (empty lists left out). */
function snapshot(client: LspTestClient): string[] {
  return [...client.diagnostics]
    .filter(([, d]) => d.length > 0)
    .map(([uri, d]) => `${uri} ${JSON.stringify(d.map((x: Diagnostic) => [x.code, x.severity, x.range, x.message]))}`)
    .sort();
}

/** Each cache file in the folder decodes (every piece's checksum holds), has the current format, and holds paths and contents. */
async function assertCacheIntact(storage: string): Promise<number> {
  if (!existsSync(storage)) return 0;
  const files = readdirSync(storage).filter((f) => f.endsWith('.bin'));
  for (const file of files) {
    const data = await readCacheFile(readFileSync(join(storage, file)));
    assert.equal(data.format, MODEL_FORMAT, file);
    assert.ok(Array.isArray(data.paths) && data.contents.length > 0, file);
  }
  return files.length;
}

describe('protocol: the server killed mid-index recovers (SIGKILL, then a restart)', function () {
  this.timeout(240000);
  let base: string;
  let ws: string;
  let storage: string;

  before(() => {
    base = mkdtempSync(join(tmpdir(), 'mqg4ai-crash-'));
    ws = join(base, 'ws');
    storage = join(base, 'storage');
    for (let i = 0; i < COPIES; i++) cpSync(join(FIXTURES, 'sample-assessment'), join(ws, `copy${String(i).padStart(3, '0')}`), { recursive: true });
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  const killDuringIndexing = async (afterMs: number) => {
    const client = await LspTestClient.start([ws], { waitForIdle: false, initializationOptions: { storagePath: storage } });
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    process.kill(client.pid!, 'SIGKILL');
    client.connection.dispose();
    await new Promise((resolve) => setTimeout(resolve, 100));
  };

  it('restarts to the same diagnostics as a clean start, with an intact cache, after kills at several moments', async () => {
    const started = Date.now();
    const clean = await LspTestClient.start([ws], { initializationOptions: { storagePath: join(base, 'clean-storage') } });
    const cleanMs = Date.now() - started;
    const expected = snapshot(clean);
    const documents = (await clean.idle()).documents;
    await clean.stop();
    assert.ok(documents >= COPIES * 20, String(documents));
    assert.ok(expected.length > COPIES, String(expected.length));
    // The first kill lands well before a cold index could have finished.
    assert.ok(cleanMs > 600, `a clean start took only ${cleanMs} ms: generate more copies`);

    // Killed before anything is written, then at later moments (the cache may be half-way).
    const cacheFiles: number[] = [];
    for (const ms of [150, 600, Math.round(cleanMs * 0.8), Math.round(cleanMs * 1.3), cleanMs * 2]) {
      await killDuringIndexing(ms);
      cacheFiles.push(await assertCacheIntact(storage));
    }
    if (process.env.MQG4AI_DEBUG_CRASH) console.log(`clean start ${cleanMs} ms; cache files after each kill: ${cacheFiles}`);
    assert.equal(cacheFiles[0], 0, 'killed before the first cache write');
    const recovered = await LspTestClient.start([ws], { initializationOptions: { storagePath: storage } });
    try {
      assert.deepEqual(snapshot(recovered), expected);
      assert.equal((await recovered.idle()).documents, documents);
    } finally {
      await recovered.stop();
    }
    assert.equal(await assertCacheIntact(storage), 1);

    // A file changed while the server was down, then a kill during the next index: still right.
    const changed = join(ws, 'copy000/README.md');
    writeFileSync(changed, `${readFileSync(changed, 'utf8')}\n[new broken](nowhere-after-crash.md)\n`);
    await killDuringIndexing(300);
    await assertCacheIntact(storage);
    const again = await LspTestClient.start([ws], { initializationOptions: { storagePath: storage } });
    const fresh = await LspTestClient.start([ws], { initializationOptions: { storagePath: join(base, 'fresh-storage') } });
    try {
      assert.ok(again.diagnosticsFor(changed).some((d) => /nowhere-after-crash/.test(d.message)));
      assert.deepEqual(snapshot(again), snapshot(fresh));
    } finally {
      await again.stop();
      await fresh.stop();
    }
  });
});
