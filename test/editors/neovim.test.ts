// A second client: headless Neovim's built-in LSP client (Debian's 0.7) drives the bundled server
// on a fixture workspace (issue 19). Skips with a printed reason when `nvim` is absent; under
// CI=true an absent Neovim fails instead (.ci/run installs it).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SERVER_PATH } from '../helpers/lspClient';
import { makeWorkspace } from '../helpers/workspace';

const DRIVER = resolve(__dirname, 'neovim/driver.lua');

function neovimVersion(): string | undefined {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.split('\n')[0] : undefined;
}

interface Report {
  ok: boolean;
  error?: string;
  steps: string[];
  diagnostics: Array<{ code: string; severity: number }>;
  published: string[];
  hover: string;
  definition: string;
  completionByWord: string;
  completionByTextEdit: string;
  fileWatching: string;
  afterCreate: Array<{ code: string }>;
  afterSettings: Array<{ code: string }>;
  coverage: { count: number; first?: string } | string;
}

describe('editors: Neovim (headless, built-in LSP client)', function () {
  this.timeout(240000);
  let report: Report;
  let ws: ReturnType<typeof makeWorkspace>;

  before(async function () {
    const version = neovimVersion();
    if (!version) {
      if (process.env.CI === 'true') throw new Error('Neovim (nvim) is required under CI=true; .ci/run installs it (apt package neovim).');
      console.log('    (skipped: nvim is not installed; `apt-get install neovim` to run the Neovim client test)');
      this.skip();
    }
    ws = makeWorkspace({
      'Tree/1_System/Application.md': '---\ntags: [{Name: Application}, {Intent: Overview}]\n---\n# Application\n\n## 1. Purpose\n\nTriage of chest X-rays.\n',
      'Tree/2_Lifecycle/QG_Gate_(Lifecycle).md':
        '# Gate\n\n- [app](../1_System/Application.md)\n- [anchor](../1_System/Application.md#nowhere)\n- [later](later.md)\n',
      'Tree/3_RiskManagement/README.md': '# Risks\n',
    });
    const out = join(ws.root, '..', `${ws.root.split('/').pop()}-nvim.json`);
    const child = spawn('nvim', ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${DRIVER}`], {
      env: { ...process.env, ROOT: ws.root, SERVER: SERVER_PATH, OUT: out },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const code = await new Promise<number | null>((done) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 200000);
      child.on('exit', (status) => {
        clearTimeout(timer);
        done(status);
      });
    });
    assert.equal(code, 0, `nvim exited with ${code}: ${stderr}`);
    report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    assert.ok(report.ok, `the Neovim driver failed at step ${report.steps.length}: ${report.error}`);
  });

  after(() => ws?.cleanup());

  it('shows the diagnostics on the open buffer, published under the URI Neovim opened, with the settings from initializationOptions applied', () => {
    const codes = report.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('link.missing-file'), JSON.stringify(report.diagnostics));
    assert.equal(report.diagnostics.find((d) => d.code === 'link.missing-anchor')?.severity, 2, 'a warning, as the settings say');
  });

  it('answers hover and definition on a link', () => {
    assert.match(report.hover, /Application/);
    assert.equal(report.definition, join(ws.root, 'Tree/1_System/Application.md'));
  });

  it('completes a path the same whether Neovim inserts the word or applies the textEdit', () => {
    assert.equal(report.completionByWord, 'See [more](../1_System/Application.md');
    assert.equal(report.completionByTextEdit, 'See [more](../1_System/Application.md');
  });

  it('sees a file created on disk (the server watches, Neovim 0.7 does not)', () => {
    assert.equal(report.fileWatching, 'server');
    assert.ok(!report.afterCreate.some((d) => d.code === 'link.missing-file'), JSON.stringify(report.afterCreate));
  });

  it('applies settings pushed with workspace/didChangeConfiguration', () => {
    assert.ok(!report.afterSettings.some((d) => d.code === 'link.missing-anchor'), JSON.stringify(report.afterSettings));
  });

  it('answers mqg4ai/coverage sent with Neovim’s [] params', () => {
    assert.ok(typeof report.coverage === 'object' && report.coverage.count > 0, JSON.stringify(report.coverage));
  });
});
