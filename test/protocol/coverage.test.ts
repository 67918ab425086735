import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertCountsAddUp, findItem, type CoverageItem } from '../helpers/coverage';
import { copyFixture } from '../helpers/fixtures';
import { fileUri, LspTestClient, uriKey } from '../helpers/lspClient';

type Item = CoverageItem;
const find = findItem;

describe('protocol: mqg4ai/coverage over JSON-RPC', function () {
  this.timeout(30000);
  let fixture: ReturnType<typeof copyFixture>;
  let client: LspTestClient;

  before(async () => {
    fixture = copyFixture('sample-assessment');
    client = await LspTestClient.start([fixture.root]);
  });
  after(async () => {
    await client.stop();
    fixture.cleanup();
  });

  it('returns one tree with the four groups, counts consistent with their children', async () => {
    const [tree] = await client.request<Item[]>('mqg4ai/coverage', {});
    assert.equal(tree.kind, 'tree');
    assert.deepEqual(
      tree.children.map((g) => g.label),
      ['Trustworthy AI (ALTAI)', 'Lifecycle', 'Risk management', 'System'],
    );
    assertCountsAddUp(tree);
    const altai = tree.children[0];
    assert.equal(
      altai.total,
      133,
      'every catalogue question counts (126 ALTAI + 7 MQG4AI; answer options count with their question, the note not at all), also for requirements the tree lacks',
    );
    const hao = find([altai], (i) => i.label === 'Human Agency and Oversight')!;
    assert.equal(hao.status, 'missing', 'no document at all is a gap, not an unanswered one');
    assert.equal(hao.covered, 0);
    assert.ok(hao.children.every((s) => s.status === 'missing'));
    assert.equal(uriKey(hao.create!.uri), join(fixture.root, '3_RiskManagement/AI_Risks/1_HumanAgencyOversight/HumanAgencyOversight.md'));
    assert.equal(hao.create!.kind, 'requirement');
    assert.equal(altai.status, 'missing', 'the worst actionable state below climbs');
  });

  it('marks answered questions covered and points at their line', async () => {
    const [tree] = await client.request<Item[]>('mqg4ai/coverage', { root: fileUri(fixture.root) });
    const trs = find(tree.children, (i) => i.kind === 'requirement' && i.label === 'Technical Robustness and Safety')!;
    assert.ok(trs.covered > 0 && trs.covered < trs.total, `partial: ${trs.covered}/${trs.total}`);
    const answered = find([trs], (i) => i.kind === 'question' && i.status === 'covered')!;
    assert.equal(uriKey(answered.uri!), join(fixture.root, '3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/TechnicalRobustnessSafety.md'));
    assert.ok(answered.range!.start.line > 0);
  });

  it('shows placeholders as missing, and broken links on the document only', async () => {
    const [tree] = await client.request<Item[]>('mqg4ai/coverage', {});
    const lifecycle = tree.children[1];
    const placeholder = find([lifecycle], (i) => i.kind === 'placeholder')!;
    assert.equal(placeholder.status, 'missing');
    const calibration = find([lifecycle], (i) => i.kind === 'leaf-qg' && i.label.startsWith('QG Calibration'))!;
    assert.equal(calibration.status, 'broken', 'it has a link to a missing file');
    assert.ok(calibration.children.some((s) => s.kind === 'qg-section'));
    const development = find([lifecycle], (i) => i.kind === 'stage' && i.label === 'Development')!;
    assert.notEqual(development.status, 'broken', 'the stage holding it keeps its own state');
    const system = tree.children[3];
    const missingBlock = find([system], (i) => i.kind === 'information-block' && i.description === 'missing')!;
    assert.equal(missingBlock.label, 'Compliance', 'the sample has no Compliance block');
    assert.equal(missingBlock.status, 'missing');
    assert.equal(missingBlock.create?.kind, 'information-block');
    assert.equal(uriKey(missingBlock.create.uri), join(fixture.root, '1_System/Compliance/Compliance.md'));
  });

  it('notifies coverageChanged after an edit and recomputes', async () => {
    const changed = new Promise<void>((resolve) => client.connection.onNotification('mqg4ai/coverageChanged', () => resolve()));
    const path = join(fixture.root, '2_Lifecycle/2_Development/2_Model_Evaluation/QG_Calibration_(BinaryClassification).md');
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(path, 'utf8').replace('./QG_OperatingTreshold_(BinaryClassification).md', './QG_OperatingThreshold_(BinaryClassification).md');
    await client.notify('textDocument/didOpen', { textDocument: { uri: fileUri(path), languageId: 'markdown', version: 1, text } });
    await changed;
    const [tree] = await client.request<Item[]>('mqg4ai/coverage', {});
    const calibration = find(tree.children, (i) => i.kind === 'leaf-qg' && i.label.startsWith('QG Calibration'))!;
    assert.notEqual(calibration.status, 'broken');
  });
});
