// "No code path writes files except user-triggered WorkspaceEdits and explicit exports", at run
// time: a full session on the corpus (the fixture when the corpus is absent) with a preload that
// records every file-system call able to create, change or remove a file
// (test/helpers/recordWrites.cjs). Only the server's cache folder may be written, and every file
// of the workspace keeps its size and modification time. See also test/unit/robustness/writeApis.test.ts.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { featureTour } from '../helpers/featureTour';
import { CORPUS, FIXTURES } from '../helpers/fixtures';
import { LspTestClient } from '../helpers/lspClient';

const PRELOAD = resolve(__dirname, '../helpers/recordWrites.cjs');

function stamps(folder: string): Map<string, string> {
  const result = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      result.set(path, `${stat.isDirectory() ? 'dir' : stat.size}:${stat.mtimeMs}`);
      if (stat.isDirectory()) walk(path);
    }
  };
  walk(folder);
  return result;
}

describe('protocol: a full session writes nothing but the cache (file-system calls recorded)', function () {
  this.timeout(180000);
  let base: string;
  let client: LspTestClient | undefined;
  after(async () => {
    await client?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it('every feature on every document of the corpus: no write outside the storage folder, no file touched', async () => {
    base = mkdtempSync(join(tmpdir(), 'mqg4ai-nowrite-'));
    const source = existsSync(join(CORPUS, 'mqg4ai')) ? join(CORPUS, 'mqg4ai') : join(FIXTURES, 'sample-assessment');
    const ws = join(base, 'ws');
    cpSync(source, ws, { recursive: true });
    const storage = join(base, 'storage');
    const log = join(base, 'writes.log');
    const before = stamps(ws);

    client = await LspTestClient.start([ws], {
      nodeArgs: ['--require', PRELOAD],
      env: { ...process.env, MQG4AI_WRITE_LOG: log },
      initializationOptions: { storagePath: storage, trusted: true },
      settings: { externalLinks: 'syntax' },
    });
    const markdown = [...before.keys()].filter((p) => /\.md$/i.test(p));
    assert.ok(markdown.length > 5);
    for (const path of markdown.slice(0, 40)) await featureTour(client, ws, path, readFileSync(path, 'utf8'));
    await client.stop();
    client = undefined;

    const writes = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : [];
    const outside = writes.filter((w) => !JSON.parse(w.slice(w.indexOf(' ') + 1)).every((p: string) => resolve(p).startsWith(storage)));
    assert.deepEqual(outside, []);
    assert.ok(
      writes.some((w) => w.includes('rename')),
      'the cache was written (atomically), so the recorder works',
    );
    assert.deepEqual(
      [...stamps(ws)].filter(([p, s]) => before.get(p) !== s),
      [],
      'changed or new files in the workspace',
    );
    assert.equal(stamps(ws).size, before.size);
  });
});
