// The Problems panel follows the active assessment (mqg4ai.problems.scope): over JSON-RPC on a
// copy of the multi-assessment fixture, documents of other assessments get their diagnostics
// cleared, open documents keep theirs, and the workspace scope publishes everything.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileUri, LspTestClient } from '../helpers/lspClient';

const FIXTURE = join(__dirname, '../../test-fixtures/multi-assessment');
const V1 = 'v1_Triage_(Pilot)';
const V2 = 'v2_Triage_(Rollout)';
/** Broken link in v1 only (v2 fixed it). */
const V1_MODEL = `Applications/${V1}/2_Lifecycle/2_Development/QG_ModelChoice_(Triage).md`;
/** Broken link introduced in v2. */
const V2_MONITORING = `Applications/${V2}/2_Lifecycle/4_Maintenance/QG_Monitoring_(Triage).md`;
const DK_RISK = 'DesignKnowledge/3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Accuracy/UnderestimatedError.md';

const broken = (d: Array<{ code?: unknown }>) => d.some((x) => x.code === 'link.missing-file');
const riskSection = (d: Array<{ code?: unknown }>) => d.some((x) => x.code === 'risk.missing-section');
const empty = (d: unknown[]) => d.length === 0;

function copy(): string {
  const root = mkdtempSync(join(tmpdir(), 'mqg4ai-scope-'));
  cpSync(FIXTURE, root, { recursive: true });
  return root;
}

describe('protocol: problems follow the active assessment', function () {
  this.timeout(60000);
  let root: string;
  let client: LspTestClient;
  const at = (relative: string) => join(root, relative);

  before(async () => {
    root = copy();
    client = await LspTestClient.start([root]);
  });
  after(async () => {
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes every assessment while none is active (nothing is hidden before the user chooses)', () => {
    assert.ok(broken(client.diagnosticsFor(at(V1_MODEL))));
    assert.ok(broken(client.diagnosticsFor(at(V2_MONITORING))));
    assert.ok(riskSection(client.diagnosticsFor(at(DK_RISK))));
  });

  it('with v2 active (the default scope, two applications) clears the other assessments and keeps v2', async () => {
    await client.notify('mqg4ai/activeAssessmentChanged', { assessment: V2 });
    await client.waitForDiagnostics(at(V1_MODEL), empty);
    await client.waitForDiagnostics(at(DK_RISK), empty);
    assert.ok(broken(client.diagnosticsFor(at(V2_MONITORING))));
  });

  it('an open document of another assessment gets its diagnostics, and loses them when closed', async () => {
    const uri = fileUri(at(V1_MODEL));
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(at(V1_MODEL), 'utf8') } });
    await client.waitForDiagnostics(at(V1_MODEL), broken);
    await client.notify('textDocument/didClose', { textDocument: { uri } });
    await client.waitForDiagnostics(at(V1_MODEL), empty);
    assert.ok(broken(client.diagnosticsFor(at(V2_MONITORING))));
  });

  it('switching to v1 publishes v1 and clears v2', async () => {
    await client.notify('mqg4ai/activeAssessmentChanged', { assessment: V1 });
    await client.waitForDiagnostics(at(V1_MODEL), broken);
    await client.waitForDiagnostics(at(V2_MONITORING), empty);
  });

  it('mqg4ai.problems.scope: workspace publishes every document again', async () => {
    client.settings = { problems: { scope: 'workspace' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(at(V2_MONITORING), broken);
    await client.waitForDiagnostics(at(DK_RISK), riskSection);
    assert.ok(broken(client.diagnosticsFor(at(V1_MODEL))));
  });

  it('null means no active assessment: nothing is hidden', async () => {
    client.settings = {};
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.notify('mqg4ai/activeAssessmentChanged', { assessment: null });
    await client.idle();
    await client.waitForDiagnostics(at(V2_MONITORING), broken);
    await client.waitForDiagnostics(at(V1_MODEL), broken);
  });
});

describe('protocol: the mqg4ai.activeAssessment setting alone scopes the problems (editors without the extension)', function () {
  this.timeout(60000);
  let root: string;
  let client: LspTestClient | undefined;
  const at = (relative: string) => join(root, relative);

  beforeEach(() => {
    root = copy();
  });
  afterEach(async () => {
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('an assessment ID: only its documents are published from the start', async () => {
    client = await LspTestClient.start([root], { settings: { activeAssessment: V2 } });
    assert.ok(broken(client.diagnosticsFor(at(V2_MONITORING))));
    assert.deepEqual(client.diagnosticsFor(at(V1_MODEL)), []);
    assert.deepEqual(client.diagnosticsFor(at(DK_RISK)), []);
  });

  it('with problems.scope workspace the active assessment hides nothing', async () => {
    client = await LspTestClient.start([root], { settings: { activeAssessment: V2, problems: { scope: 'workspace' } } });
    assert.ok(broken(client.diagnosticsFor(at(V1_MODEL))));
    assert.ok(broken(client.diagnosticsFor(at(V2_MONITORING))));
  });

  it('auto: the scope follows the document last opened', async () => {
    client = await LspTestClient.start([root], { settings: { activeAssessment: 'auto' } });
    assert.ok(broken(client.diagnosticsFor(at(V1_MODEL))));
    const uri = fileUri(at(V2_MONITORING));
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(at(V2_MONITORING), 'utf8') } });
    await client.waitForDiagnostics(at(V1_MODEL), empty);
    assert.ok(broken(client.diagnosticsFor(at(V2_MONITORING))));
  });
});
