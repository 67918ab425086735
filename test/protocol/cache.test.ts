import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyFixture } from '../helpers/fixtures';
import { LspTestClient } from '../helpers/lspClient';

const summary = (client: LspTestClient, root: string, files: string[]) =>
  files.flatMap((f) => client.diagnosticsFor(join(root, f)).map((d) => `${f}:${d.range.start.line} ${d.code}`)).sort();

describe('protocol: persistent cache between sessions', function () {
  this.timeout(40000);
  let fixture: ReturnType<typeof copyFixture>;
  let storage: string;
  let client: LspTestClient | undefined;
  const files = [
    '2_Lifecycle/3_Deployment/QG_Deployment_(Lifecycle).md',
    '2_Lifecycle/1_Data/1_Acquisition/QG_ImageAcquisition_(Data).md',
    '1_System/Application/Application.md',
  ];

  beforeEach(() => {
    fixture = copyFixture('sample-assessment');
    storage = mkdtempSync(join(tmpdir(), 'mqg4ai-storage-'));
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fixture.cleanup();
    rmSync(storage, { recursive: true, force: true });
  });

  const session = async () => {
    client = await LspTestClient.start([fixture.root], { initializationOptions: { storagePath: storage } });
    const result = { diagnostics: summary(client, fixture.root, files), logs: client.logs.join('\n') };
    await client.stop();
    client = undefined;
    return result;
  };

  it('writes a cache, and a second session with nothing changed publishes the same diagnostics from it', async () => {
    const first = await session();
    assert.equal(readdirSync(storage).filter((f) => f.endsWith('.bin')).length, 1, 'one cache file in the storage folder');
    const second = await session();
    assert.deepEqual(second.diagnostics, first.diagnostics);
    assert.match(second.logs, /Diagnostics of \d+ documents taken from the cache/);
  });

  it('leaves the cache file as it is when a session changed nothing, and rewrites it after a change', async () => {
    await session();
    const [cacheFile] = readdirSync(storage).filter((f) => f.endsWith('.bin'));
    const written = statSync(join(storage, cacheFile), { bigint: true });
    await session();
    const kept = statSync(join(storage, cacheFile), { bigint: true });
    assert.equal(kept.mtimeNs, written.mtimeNs, 'the unchanged warm session did not write the file again');
    const changed = join(fixture.root, files[0]);
    writeFileSync(changed, `${readFileSync(changed, 'utf8')}\nOne more line.\n`);
    await session();
    const rewritten = statSync(join(storage, cacheFile), { bigint: true });
    assert.notEqual(rewritten.mtimeNs, written.mtimeNs, 'a session after a change writes the cache again');
  });

  it('does not trust the cache for a file changed between sessions', async () => {
    await session();
    const changed = join(fixture.root, files[0]);
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('../4_Maintenance/', '../3_Deployment/'));
    const second = await session();
    assert.doesNotMatch(second.logs, /taken from the cache/);
    assert.ok(!second.diagnostics.some((d) => d.startsWith(`${files[0]}:`) && d.endsWith('link.missing-folder')), second.diagnostics.join('\n'));
  });

  it('starts cold, without complaint, from a corrupt cache file', async () => {
    await session();
    const [cacheFile] = readdirSync(storage).filter((f) => f.endsWith('.bin'));
    writeFileSync(join(storage, cacheFile), 'not a cache');
    const second = await session();
    assert.ok(second.diagnostics.some((d) => d.endsWith('link.missing-folder')));
    assert.doesNotMatch(second.logs, /taken from the cache/);
  });
});
