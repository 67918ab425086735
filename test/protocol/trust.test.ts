// Workspace Trust over JSON-RPC (docs/security.md): with initializationOptions.trusted === false
// the server reads no file whose real location is outside the workspace folders (a Markdown
// file, a question pack, reached through a symbolic link), and the repository's project file
// cannot raise the limits; mqg4ai/trustGranted lifts both and re-indexes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';

const BIG = `# Big\n\n<!--\n${`${'x'.repeat(10000)}\n`.repeat(600)}-->\n\n[gone](gone.md)\n`; // 6 MB, quick to parse

describe('protocol: Workspace Trust (untrusted workspaces are limited)', function () {
  this.timeout(60000);
  let base: string;
  let ws: string;
  let client: LspTestClient | undefined;

  before(function () {
    base = mkdtempSync(join(tmpdir(), 'mqg4ai-trust-'));
    ws = join(base, 'repo');
    mkdirSync(join(base, 'home'), { recursive: true });
    mkdirSync(join(ws, 'packs'), { recursive: true });
    writeFileSync(join(base, 'home/private.md'), '# Private notes\n\nThe password is swordfish.\n');
    writeFileSync(join(base, 'home/pack.yaml'), 'id: stolen\ntitle: Not ours\n');
    writeFileSync(join(ws, 'README.md'), '# Readme\n\nSee [the notes](notes.md) and [big](big.md).\n');
    writeFileSync(join(ws, 'big.md'), BIG);
    writeFileSync(join(ws, '.mqg4ai.yaml'), 'limits:\n  maxFileSizeMB: 100\nquestionPacks:\n  - packs/linked.yaml\n');
    try {
      symlinkSync(join(base, 'home/private.md'), join(ws, 'notes.md'));
      symlinkSync(join(base, 'home/pack.yaml'), join(ws, 'packs/linked.yaml'));
    } catch {
      this.skip();
    }
  });
  after(async () => {
    await client?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  const hoverOnNotes = async () => {
    const hover = await client!.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: fileUri(join(ws, 'README.md')) },
      position: { line: 2, character: 8 },
    });
    return JSON.stringify(hover ?? '');
  };

  it('untrusted: the linked private file is listed but not read, and no hover shows it', async () => {
    client = await LspTestClient.start([ws], { initializationOptions: { trusted: false, storagePath: join(base, 'storage') } });
    const notes = client.diagnosticsFor(join(ws, 'notes.md'));
    assert.deepEqual(
      notes.map((d) => d.code),
      ['file.skipped'],
    );
    assert.match(notes[0].message, /leads outside the workspace folders, and is not read in an untrusted workspace/);
    // The link to it is not broken: the file exists.
    assert.ok(!client.diagnosticsFor(join(ws, 'README.md')).some((d) => d.code === 'link.missing-file'));
    assert.ok(!(await hoverOnNotes()).includes('swordfish'));
  });

  it('untrusted: a question pack reached through a link outside is not read, and that is reported', () => {
    const problems = [...client!.diagnostics.values()].flat().filter((d: Diagnostic) => d.code === 'config.invalid');
    assert.ok(
      problems.some((d) => /outside the workspace folders/.test(d.message)),
      JSON.stringify(problems),
    );
    assert.ok(!problems.some((d) => /stolen|Not ours/.test(d.message)));
  });

  it('untrusted: the project file cannot raise the limits (capped at the defaults, logged)', () => {
    const big = client!.diagnosticsFor(join(ws, 'big.md'));
    assert.deepEqual(
      big.map((d) => d.code),
      ['file.skipped'],
    );
    assert.match(big[0].message, /above the 5\.0 MB limit/);
    assert.ok(client!.logs.some((l) => /Untrusted workspace: limits\.maxFileSizeMB 100 \(capped at 5\)/.test(l)));
  });

  it('trust granted: the restrictions are lifted and the workspace is indexed again', async () => {
    await client!.notify('mqg4ai/trustGranted', {});
    await client!.waitForDiagnostics(join(ws, 'big.md'), (d) => d.some((x) => x.code === 'link.missing-file'));
    await client!.idle();
    assert.deepEqual(client!.diagnosticsFor(join(ws, 'notes.md')), []);
    assert.match(await hoverOnNotes(), /Private notes/);
  });

  it('a client that says nothing about trust (another editor) is trusted, as before', async () => {
    const other = await LspTestClient.start([ws]);
    try {
      assert.deepEqual(other.diagnosticsFor(join(ws, 'notes.md')), []);
    } finally {
      await other.stop();
    }
  });
});

describe('protocol: an untrusted workspace keeps its own pack files when its project file is restricted', function () {
  this.timeout(60000);
  let ws: string;
  let client: LspTestClient | undefined;
  const gate = '---\ntags: [{Name: QG_Floor}, {Intent: Site}]\n---\n# QG Floor\n\nThe aisles were measured [SITE.floor.1].\n';
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'mqg4ai-trust-packs-'));
    mkdirSync(join(ws, 'packs'));
    mkdirSync(join(ws, 'Tree/2_Lifecycle'), { recursive: true });
    // A limit the repository may not raise while untrusted, and the team's own pack file inside the repository.
    writeFileSync(join(ws, '.mqg4ai.yaml'), 'limits:\n  maxFileSizeMB: 100\npacks: [altai]\nquestionPacks:\n  - packs/site.mqg4ai-pack.json\n');
    writeFileSync(
      join(ws, 'packs/site.mqg4ai-pack.json'),
      JSON.stringify({
        id: 'site',
        title: 'Site review',
        source: 'Written for this test.',
        attribution: 'Written for this test.',
        items: [{ id: 'SITE.floor', kind: 'stage', title: 'Floor walk', items: [{ id: 'SITE.floor.1', title: 'Aisle widths measured' }] }],
      }),
    );
    writeFileSync(join(ws, 'Tree/2_Lifecycle/QG_Floor.md'), gate);
  });
  after(async () => {
    await client?.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('the pack file still counts in coverage and hovers (Workspace Trust caps the limit, not the packs)', async () => {
    client = await LspTestClient.start([ws], { initializationOptions: { trusted: false } });
    assert.ok(
      client.logs.some((l) => /Untrusted workspace: limits\.maxFileSizeMB 100/.test(l)),
      'the limit was restricted',
    );
    const coverage = JSON.stringify(await client.request('mqg4ai/coverage', {}));
    assert.match(coverage, /Site review/, 'the pack group is in the coverage tree');
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: fileUri(join(ws, 'Tree/2_Lifecycle/QG_Floor.md')) },
      position: { line: 5, character: gate.split('\n')[5].indexOf('SITE') + 2 },
    });
    assert.match(JSON.stringify(hover ?? ''), /Aisle widths measured/);
  });
});
