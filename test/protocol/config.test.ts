import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { runCli, type CliJsonReport } from '../helpers/cli';
import { copyFixture, FIXTURES } from '../helpers/fixtures';
import { fileUri, LspTestClient } from '../helpers/lspClient';

const summarize = (file: string, diagnostics: Array<Pick<Diagnostic, 'code' | 'severity' | 'range'>>) =>
  diagnostics.map((d) => `${file}:${d.range.start.line} ${d.code} ${d.severity}`).sort();
const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

describe('protocol: team configuration (.mqg4ai.yaml, settings) over JSON-RPC', function () {
  this.timeout(30000);
  let fixture: ReturnType<typeof copyFixture>;
  let client: LspTestClient | undefined;

  beforeEach(() => {
    fixture = copyFixture('team-config');
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fixture.cleanup();
  });

  it('gives the same findings in the editor as `mqg4ai check` on a repo with a committed .mqg4ai.yaml', async () => {
    const cli = JSON.parse(runCli(['check', fixture.root, '--format', 'json']).stdout) as CliJsonReport;
    client = await LspTestClient.start([fixture.root]);
    const fromCli = cli.diagnostics.map((d) => `${d.file}:${d.range.start.line} ${d.code} ${SEVERITY[d.severity]}`).sort();
    const fromServer = ['docs/overview.md', 'docs/purpose.md', 'drafts/ideas.md'].flatMap((f) => summarize(f, client!.diagnosticsFor(join(fixture.root, f))));
    assert.deepEqual(fromServer.sort(), fromCli);

    const expected = JSON.parse(readFileSync(join(FIXTURES, 'team-config/EXPECTED.json'), 'utf8')) as {
      diagnostics: Array<{ file: string; line: number; code: string; severity: string }>;
    };
    assert.deepEqual(fromCli, expected.diagnostics.map((d) => `${d.file}:${d.line - 1} ${d.code} ${SEVERITY[d.severity]}`).sort());
  });

  it('applies a changed configuration file live, without a restart', async () => {
    client = await LspTestClient.start([fixture.root]);
    const overview = join(fixture.root, 'docs/overview.md');
    assert.ok(client.diagnosticsFor(overview).some((d) => d.code === 'link.missing-anchor' && d.severity === 2));
    const config = join(fixture.root, '.mqg4ai.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('link.missing-anchor: warning', 'link.missing-anchor: off'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
    await client.waitForDiagnostics(overview, (d) => !d.some((x) => x.code === 'link.missing-anchor'));
  });

  it('reports an invalid configuration at the bad key, notifies once, and keeps working on the rest', async () => {
    const config = join(fixture.root, '.mqg4ai.yaml');
    writeFileSync(config, 'exclude:\n  - drafts/**\nrules:\n  link.missing-anchor: loud\n  no.such-rule: off\ncolour: blue\n');
    client = await LspTestClient.start([fixture.root]);
    const problems = await client.waitForDiagnostics(config, (d) => d.length > 0);
    assert.deepEqual(problems.map((d) => `${d.code} ${d.range.start.line}`).sort(), ['config.invalid 3', 'config.invalid 4', 'config.invalid 5'].sort());
    assert.ok(problems.some((d) => /Unknown rule code "no\.such-rule"/.test(d.message)));
    assert.ok(problems.some((d) => /Unknown key "colour"/.test(d.message)));
    assert.equal(client.messages.filter((m) => /\.mqg4ai\.yaml has 3 problem/.test(m.message)).length, 1);
    // The invalid `rules` entry is dropped: the anchor problem keeps its default severity; the valid `exclude` still applies.
    assert.ok(client.diagnosticsFor(join(fixture.root, 'docs/overview.md')).some((d) => d.code === 'link.missing-anchor' && d.severity === 1));
    assert.deepEqual(client.diagnosticsFor(join(fixture.root, 'drafts/ideas.md')), []);
  });

  it('reads mqg4ai.* settings, with the project file taking precedence, and re-reads them on change', async () => {
    client = await LspTestClient.start([fixture.root], { settings: { rules: { 'link.missing-anchor': 'error', 'link.missing-file': 'hint' }, exclude: [] } });
    const overview = join(fixture.root, 'docs/overview.md');
    const diags = client.diagnosticsFor(overview);
    assert.ok(
      diags.some((d) => d.code === 'link.missing-anchor' && d.severity === 2),
      'the file says warning: the file wins',
    );
    assert.ok(
      diags.some((d) => d.code === 'link.missing-file' && d.severity === 4),
      'only the settings say something: the settings apply',
    );

    client.settings = { rules: { 'link.missing-file': 'off' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(overview, (d) => !d.some((x) => x.code === 'link.missing-file'));
  });
});
