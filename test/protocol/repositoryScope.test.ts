// Issue 15, item 4 over JSON-RPC: the workspace folder is one application version inside a git
// repository. Trusted, links into a sibling version are checked there (existence and anchors,
// read-only); untrusted, they stay unchecked; a link leaving the repository is information.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';

const README = [
  '# Version 2',
  '',
  '- [v1 data](../v1_Triage/1_System/Data.md)',
  '- [v1 anchor](../v1_Triage/1_System/Data.md#data-sources)',
  '- [v1 folder](../v1_Triage/1_System/)',
  '- [broken file](../v1_Triage/1_System/Gone.md)',
  '- [broken anchor](../v1_Triage/1_System/Data.md#no-such-heading)',
  '- [beyond the repository](../../../outside.md)',
  '',
].join('\n');

/** Severity numbers of LSP: 1 error, 3 information. */
const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.code, d.severity, d.range.start.line]);

describe('protocol: links beyond the workspace folder, inside its git repository', function () {
  this.timeout(60000);
  let base: string;
  let repo: string;
  let ws: string;
  let client: LspTestClient | undefined;

  before(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'mqg4ai-repo-scope-')));
    repo = join(base, 'repo');
    ws = join(repo, 'MQG4Application', 'v2_Triage');
    const write = (path: string, text: string) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    };
    write(join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    write(join(repo, 'MQG4Application', 'v1_Triage', '1_System', 'Data.md'), '# Data\n\n## Data sources\n\n[broken in v1](nowhere.md)\n');
    write(join(ws, 'README.md'), README);
    write(join(base, 'outside.md'), '# Outside\n');
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('trusted: existing targets and anchors in the sibling version are fine, broken ones are errors, beyond the repository is information', async () => {
    client = await LspTestClient.start([ws], { initializationOptions: { trusted: true } });
    assert.deepEqual(summary(client.diagnosticsFor(join(ws, 'README.md'))), [
      ['link.missing-file', 1, 5],
      ['link.missing-anchor', 1, 6],
      ['link.outside-workspace', 3, 7],
    ]);
    // The sibling's document is a look-up, not a document of this workspace: nothing is published for it.
    assert.deepEqual(
      [...client.publishedUris].filter((uri) => !uri.includes('v2_Triage')),
      [],
    );
    const messages = client.diagnosticsFor(join(ws, 'README.md')).map((d) => d.message);
    assert.ok(!messages.some((m) => m.includes(base)), 'no absolute path in a message');
  });

  it('trusted: a link typed into an open document is judged once the repository is looked at', async () => {
    client = await LspTestClient.start([ws], { initializationOptions: { trusted: true } });
    const uri = fileUri(join(ws, 'README.md'));
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: README } });
    await client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: '# Version 2\n\n[typed](../v1_Triage/1_System/Data.md#typo)\n' }],
    });
    const diagnostics = await client.waitForDiagnostics(join(ws, 'README.md'), (d) =>
      d.some((x) => x.code === 'link.missing-anchor' && x.range.start.line === 2),
    );
    assert.deepEqual(summary(diagnostics), [['link.missing-anchor', 1, 2]]);
  });

  it("untrusted: today's confinement; every link leaving the folder is link.outside-workspace at information", async () => {
    client = await LspTestClient.start([ws], { initializationOptions: { trusted: false } });
    const diagnostics = client.diagnosticsFor(join(ws, 'README.md'));
    assert.deepEqual(
      summary(diagnostics),
      [2, 3, 4, 5, 6, 7].map((line) => ['link.outside-workspace', 3, line]),
    );
    assert.match(
      diagnostics[0].message,
      /\(\.\.\/v1_Triage\/1_System\/Data\.md\), into the git repository around them; it is checked there once the workspace is trusted/,
    );
  });
});
