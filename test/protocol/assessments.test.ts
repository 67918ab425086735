// Assessments over JSON-RPC on a copy of the multi-assessment fixture: the list, one
// assessment's coverage, the comparison of two versions, and quick fixes that never point
// into another application version as their preferred choice.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import type { AssessmentsResult, CompareAssessmentsResult, CoverageItem } from '../../protocol/protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';

const FIXTURE = join(__dirname, '../../test-fixtures/multi-assessment');
const EXPECTED = JSON.parse(readFileSync(join(FIXTURE, 'EXPECTED.json'), 'utf8')) as { assessments: unknown[]; diff: unknown };
const V1 = 'v1_Triage_(Pilot)';
const V2 = 'v2_Triage_(Rollout)';

/** A copy of the fixture, with `files` added, served by a fresh server. */
function servedCopy(files: (root: string) => Record<string, string> = () => ({})) {
  const state: { root: string; client?: LspTestClient } = { root: '' };
  before(async () => {
    state.root = mkdtempSync(join(tmpdir(), 'mqg4ai-assessments-'));
    cpSync(FIXTURE, state.root, { recursive: true });
    for (const [path, text] of Object.entries(files(state.root))) writeFileSync(path, text);
    state.client = await LspTestClient.start([state.root]);
  });
  after(async () => {
    await state.client?.stop();
    rmSync(state.root, { recursive: true, force: true });
  });
  return state;
}

describe('protocol: assessments', function () {
  this.timeout(60000);
  const served = servedCopy();
  const client = () => served.client;

  it('mqg4ai/assessments lists the design knowledge, both versions and the partial folder', async () => {
    const result = await client()!.request<AssessmentsResult>('mqg4ai/assessments', {});
    assert.deepEqual(result.assessments, EXPECTED.assessments);
  });

  it('mqg4ai/coverage with an assessment gives that assessment’s tree only', async () => {
    const all = await client()!.request<CoverageItem[]>('mqg4ai/coverage', {});
    const one = await client()!.request<CoverageItem[]>('mqg4ai/coverage', { assessment: V2 });
    assert.equal(one.length, 1);
    assert.ok(all.length > 1);
    const unknown = await client()!
      .request('mqg4ai/coverage', { assessment: 'v9' })
      .catch((e: Error) => e);
    assert.ok(unknown instanceof Error && /unknown assessment "v9"/.test(unknown.message), String(unknown));
  });

  it('mqg4ai/compareAssessments gives the comparison the CLI gives', async () => {
    const json = await client()!.request<CompareAssessmentsResult>('mqg4ai/compareAssessments', { from: V1, to: V2, format: 'json' });
    assert.deepEqual(JSON.parse(json.content), EXPECTED.diff);
    assert.match(json.summary, /1 risk\(s\) added/);
    const md = await client()!.request<CompareAssessmentsResult>('mqg4ai/compareAssessments', { from: V1, to: V2, format: 'md' });
    assert.match(md.content, /^# Assessment comparison/m);
  });
});

describe('protocol: fixes stay in the linking document’s assessment', function () {
  this.timeout(60000);
  const EXTRA = '# Extra\n\n[label review](../1_Data/QG_LabelReview_(Triage).md)\n';
  const extraIn = (root: string) => join(root, `Applications/${V2}/2_Lifecycle/2_Development/QG_Extra_(Triage).md`);
  // A v2 gate still links to the label review, which v2 removed and v1 still has.
  const served = servedCopy((root) => ({ [extraIn(root)]: EXTRA }));
  const client = () => served.client;
  const extra = () => extraIn(served.root);

  it('the quick fixes of a broken link in v2 prefer a v2 target; the v1 namesake is marked and not preferred', async () => {
    const uri = fileUri(extra());
    const diagnostics: Diagnostic[] = client()!
      .diagnosticsFor(extra())
      .filter((d) => d.code === 'link.missing-file');
    assert.equal(diagnostics.length, 1);
    // "Did you mean" may name the v1 file, but says where it is and offers nothing to apply.
    assert.match(diagnostics[0].message, /\(in another assessment: v1_Triage_\(Pilot\)\)/);
    assert.equal((diagnostics[0].data as { suggestion?: string }).suggestion, undefined);
    await client()!.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: EXTRA } });
    const actions = await client()!.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics, only: ['quickfix'] },
    });
    const intoV1 = actions.filter((a) => a.title.includes(`${V1}/`));
    assert.ok(intoV1.length > 0, actions.map((a) => a.title).join('\n'));
    for (const action of intoV1) {
      assert.match(action.title, /in another assessment: v1_Triage_\(Pilot\)/);
      assert.notEqual(action.isPreferred, true);
    }
    const preferred = actions.filter((a) => a.isPreferred);
    for (const action of preferred) assert.doesNotMatch(action.title, /v1_Triage|another assessment/);
  });

  it('a broken link with no clear winner gets no preferred fix (Auto Fix must not plant a guess)', async () => {
    // The fixture's v2 monitoring gate links to a retraining gate nobody wrote; the nearest names
    // in v2 are other gates (model choice, ...), and the v1/v2a candidates are other assessments.
    const path = join(served.root, `Applications/${V2}/2_Lifecycle/4_Maintenance/QG_Monitoring_(Triage).md`);
    const uri = fileUri(path);
    await client()!.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(path, 'utf8') } });
    const diagnostics = (await client()!.waitForDiagnostics(path, (ds) => ds.some((d) => d.code === 'link.missing-file'))).filter(
      (d) => d.code === 'link.missing-file' && /QG_Retraining/.test(d.message),
    );
    assert.equal(diagnostics.length, 1);
    const actions = await client()!.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics, only: ['quickfix'] },
    });
    assert.ok(
      actions.some((a) => a.title.startsWith('Change the link to')),
      actions.map((a) => a.title).join('\n'),
    );
    assert.deepEqual(
      actions.filter((a) => a.isPreferred).map((a) => a.title),
      [],
    );
  });
});
