import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { assertCountsAddUp, findItem, type CoverageItem } from '../helpers/coverage';
import { copyFixture } from '../helpers/fixtures';
import { fileUri, LspTestClient, uriKey } from '../helpers/lspClient';
import { positionOf } from '../helpers/workspace';

type Item = CoverageItem;
const find = findItem;

const AMLAS_STAGES = [
  'Stage 1: ML safety assurance scoping',
  'Stage 2: ML safety requirements assurance',
  'Stage 3: Data management',
  'Stage 4: Model learning',
  'Stage 5: Model verification',
  'Stage 6: Model deployment',
];

const DATA_QG = '2_Lifecycle/1_Data/1_Requirements/QG_DataRequirements_(Data).md';
const VERIFICATION_QG = '2_Lifecycle/2_Development/1_Verification/QG_Verification_(Development).md';
const TRS = '3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/TechnicalRobustnessSafety.md';
const PATCH = '3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Robustness/AdversarialPatch.md';
const GLARE = '3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Robustness/SensorGlare.md';
const OPAQUE = '3_RiskManagement/AI_Risks/4_Transparency/Explainability/OpaqueStop.md';

describe('protocol: assessment packs over JSON-RPC (packs-sample: packs [altai, amlas] and a pack file)', function () {
  this.timeout(30000);
  let fixture: ReturnType<typeof copyFixture>;
  let client: LspTestClient;
  const path = (rel: string) => join(fixture.root, rel);
  const hover = async (rel: string, needle: string, offset = 1) => {
    const text = readFileSync(path(rel), 'utf8');
    const result = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: fileUri(path(rel)) },
      position: positionOf(text, needle, offset),
    });
    return (result?.contents as MarkupContent | undefined)?.value ?? '';
  };

  before(async () => {
    fixture = copyFixture('packs-sample');
    client = await LspTestClient.start([fixture.root]);
  });
  after(async () => {
    await client.stop();
    fixture.cleanup();
  });

  it('shows one group per enabled pack, AMLAS with its six stages, counts consistent', async () => {
    const [tree] = await client.request<Item[]>('mqg4ai/coverage', {});
    assert.deepEqual(
      tree.children.map((g) => g.label),
      ['Trustworthy AI (ALTAI)', 'AMLAS', 'Site review', 'Lifecycle', 'Risk management', 'System'],
    );
    assertCountsAddUp(tree);
    const amlas = tree.children[1];
    assert.match(amlas.id, /#amlas$/);
    assert.deepEqual(
      amlas.children.map((s) => s.label),
      AMLAS_STAGES,
    );
    assert.deepEqual(
      amlas.children.map((s) => s.description),
      ['AMLAS-1', 'AMLAS-2', 'AMLAS-3', 'AMLAS-4', 'AMLAS-5', 'AMLAS-6'],
    );
    assert.ok(amlas.children.every((s) => s.kind === 'pack-section' && s.children.every((i) => i.kind === 'pack-item')));
    assert.equal(amlas.total, 51, '17 activities and 34 artefacts [A]-[HH]');
    assert.equal(amlas.covered, 7, 'AMLAS-B (cited by its former ID AMLAS-1.2), C, D, E, L, M and Z');
  });

  it('counts citations and links in QGs as evidence; broken links and code spans do not count', async () => {
    const [tree] = await client.request<Item[]>('mqg4ai/coverage', {});
    const item = (id: string) => find(tree.children, (i) => i.kind === 'pack-item' && i.description === id)!;
    const linked = item('AMLAS-M');
    assert.equal(linked.status, 'covered');
    assert.equal(uriKey(linked.uri!), path(DATA_QG), 'the node opens the QG that links the evidence');
    assert.match(linked.detail!, /Evidence linked from .*QG_DataRequirements.* to 1_System\/AI_System\.md/);
    assert.equal(item('AMLAS-L').status, 'covered', 'a link to a heading of the same QG');
    assert.equal(item('AMLAS-Z').status, 'covered', 'a bare [ID] in a QG');
    assert.equal(uriKey(item('AMLAS-Z').uri!), path(VERIFICATION_QG));
    assert.equal(item('AMLAS-B').status, 'covered', 'a bare [ID] in a system document, by its former ID AMLAS-1.2');
    const broken = item('AMLAS-P');
    assert.equal(broken.status, 'open');
    assert.match(broken.detail!, /broken link/);
    assert.equal(item('AMLAS-AA').status, 'open', '`[AMLAS-AA]` in inline code is not a citation');
    const stage = find(tree.children, (i) => i.kind === 'pack-section' && i.description === 'AMLAS-1')!;
    assert.deepEqual([stage.covered, stage.total, stage.status], [4, 9, 'partial'], 'activities 1-2 and artefacts [A]-[G]');
    // A pack that is not enabled is neither shown nor counted, though [SAD.deployment.4] is cited.
    assert.equal(
      find(tree.children, (i) => i.description === 'SAD.deployment.4'),
      undefined,
    );
    // The team's pack file adds its own group.
    const site = tree.children[2];
    assert.deepEqual([site.covered, site.total], [0, 2]);
  });

  it('does not report citations as broken links', async () => {
    for (const rel of ['1_System/AI_System.md', '1_System/Application/Application.md', VERIFICATION_QG]) {
      assert.deepEqual(
        client.diagnosticsFor(path(rel)).filter((d) => String(d.code).startsWith('link.')),
        [],
        rel,
      );
    }
    // Only the evidence link to a file that does not exist is broken.
    assert.deepEqual(
      client
        .diagnosticsFor(path(DATA_QG))
        .filter((d) => String(d.code).startsWith('link.'))
        .map((d) => d.code),
      ['link.missing-file'],
    );
  });

  it('hovers on a citation: the item, its pack, where it is addressed, its crosswalk counterparts', async () => {
    const value = await hover('1_System/Application/Application.md', '[AMLAS-1.2]');
    assert.match(value, /\*\*\\\[B\\\] Description of operating environment of system\*\* `AMLAS-B`/);
    assert.match(value, /AMLAS › Stage 1: ML safety assurance scoping/);
    assert.match(value, /\*\*Former ID\*\*: `AMLAS-1\.2` still counts for this item; cite it as `AMLAS-B`\./, 'the hint towards the new ID');
    assert.match(value, /\*\*Addressed\*\*: cited in 1\\?_System\/Application\/Application\.md:\d+/);
    assert.match(value, /Crosswalk: Where the robot runs/, 'a counterpart from the pack file');
    assert.match(value, /○ `SITE\.floor\.1` Aisle widths measured \(Site review\): open/);
    assert.match(value, /Hawkins/, 'the source is named');
  });

  it('hovers on an ALTAI question: counterparts in other packs with their status', async () => {
    const value = await hover(TRS, 'Did you define risks, risk metrics', 5);
    assert.match(value, /ALTAI question\*\* `TRS\.general-safety\.1`/);
    assert.match(
      value,
      /Crosswalk: Risks defined and assessed continuously\*\* {2}\n_Risk levels per use case and their continuous assessment are the core of the Art\. 9 process/,
      'the rationale under the title',
    );
    assert.match(value, /○ `AMLAS-A` \\\[A\\\] System safety requirements \(AMLAS\): open/);
    assert.match(value, /– `AIACT\.art9\.1` .*\(AI Act\): pack not enabled/);
  });

  it('hovers on a citation of a pack that is not enabled, and shows addressed counterparts', async () => {
    const value = await hover(VERIFICATION_QG, '[SAD.deployment.4]');
    assert.match(value, /\*\*Release AI responsibly\*\* `SAD\.deployment\.4`/);
    assert.match(value, /not enabled in this workspace/);
    assert.match(
      value,
      /✓ `TRS\.resilience-to-attack-and-security\.5` Did you red-team\/pentest the system\? \(ALTAI\): \*\*addressed\*\* \(answered in .*TechnicalRobustnessSafety\.md:\d+\)/,
    );
  });

  it('hovers on an article cited alone and on a whole-article citation [ID.all]', async () => {
    const rel = VERIFICATION_QG;
    const text = `${readFileSync(path(rel), 'utf8')}\nArticle only: [AIACT.art14]. All of it: [AIACT.art9.all]\n`;
    await client.notify('textDocument/didOpen', { textDocument: { uri: fileUri(path(rel)), languageId: 'markdown', version: 1, text } });
    try {
      const at = async (needle: string) => {
        const result = await client.request<Hover | null>('textDocument/hover', {
          textDocument: { uri: fileUri(path(rel)) },
          position: positionOf(text, needle, 2),
        });
        return (result?.contents as MarkupContent | undefined)?.value ?? '';
      };
      const article = await at('[AIACT.art14]');
      assert.match(article, /\*\*Article 14: Human oversight\*\* `AIACT\.art14`/);
      assert.match(article, /0 of 10 item\(s\) below addressed; citing AIACT\.art14 alone covers none of them: cite each, or write \[AIACT\.art14\.all\]/);
      const whole = await at('[AIACT.art9.all]');
      assert.match(whole, /\*\*Article 9: Risk management system\*\* `AIACT\.art9`/);
      assert.match(whole, /`\[AIACT\.art9\.all\]` marks all 15 item\(s\) below `AIACT\.art9` as addressed by this document/);
    } finally {
      await client.notify('textDocument/didClose', { textDocument: { uri: fileUri(path(rel)) } });
    }
  });

  it('hints at a risk without a perspective, not at risks that declare one (any case)', async () => {
    const patch = client.diagnosticsFor(path(PATCH)).filter((d) => d.code === 'risk.missing-perspective');
    assert.equal(patch.length, 1);
    assert.equal(patch[0].severity, 4, 'hint');
    assert.match(patch[0].message, /\{Perspective: Safety\}, \{Perspective: Security\} or \{Perspective: Both\}/);
    for (const rel of [GLARE, OPAQUE])
      assert.deepEqual(
        client.diagnosticsFor(path(rel)).filter((d) => d.code === 'risk.missing-perspective'),
        [],
        rel,
      );
  });

  it('shows per requirement how many risks were looked at from each side', async () => {
    const [tree] = await client.request<Item[]>('mqg4ai/coverage', {});
    const risks = tree.children.find((g) => g.label === 'Risk management')!;
    const node = risks.children.find((c) => c.kind === 'perspectives')!;
    assert.deepEqual([node.covered, node.total], [0, 0], 'informational: counts no leaves');
    assert.deepEqual(
      node.children.map((c) => [c.label, c.perspectives, c.status]),
      [
        ['Technical Robustness and Safety', { safety: 1, security: 0, both: 0, undeclared: 1 }, 'partial'],
        ['Transparency', { safety: 1, security: 0, both: 0, undeclared: 0 }, 'partial'],
      ],
    );
    assert.match(node.children[1].detail!, /Only the safety side was considered/);
  });

  it('completes citations of items the tree does not address yet after `[`', async () => {
    const rel = VERIFICATION_QG;
    const text = `${readFileSync(path(rel), 'utf8')}\nMore evidence: [`;
    await client.notify('textDocument/didOpen', { textDocument: { uri: fileUri(path(rel)), languageId: 'markdown', version: 1, text } });
    const lines = text.split('\n');
    const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: fileUri(path(rel)) },
      position,
      context: { triggerKind: 2, triggerCharacter: '[' },
    });
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('AMLAS-H') && labels.includes('SITE.floor.1'), labels.join(', '));
    assert.ok(!labels.includes('AMLAS-B') && !labels.includes('AMLAS-Z'), 'addressed items are not offered');
    assert.ok(!labels.includes('AMLAS-2.1'), 'former IDs are not offered');
    assert.ok(!labels.some((l) => l.startsWith('TRS.')), 'ALTAI questions only once their code is typed');
    const item = list.items.find((i) => i.label === 'AMLAS-H')!;
    assert.equal((item.textEdit as { newText: string }).newText, 'AMLAS-H]');

    const typed = `${text}TRS.acc`;
    await client.notify('textDocument/didChange', { textDocument: { uri: fileUri(path(rel)), version: 2 }, contentChanges: [{ text: typed }] });
    const more = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: fileUri(path(rel)) },
      position: { line: position.line, character: position.character + 'TRS.acc'.length },
    });
    assert.ok(more.items.length > 0 && more.items.every((i) => i.label.startsWith('TRS.accuracy.')), more.items.map((i) => i.label).join(', '));
    await client.notify('textDocument/didClose', { textDocument: { uri: fileUri(path(rel)) } });
  });

  it('reports an invalid pack file on the file itself and keeps working without it; fixing it brings the pack back', async () => {
    const pack = path('packs/site-review.mqg4ai-pack.json');
    const valid = readFileSync(pack, 'utf8');
    writeFileSync(pack, valid.replace('"id": "SITE.floor.1"', '"id": "not an id"').replace('"attribution"', '"atribution"'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(pack), type: 2 }] });
    const problems = await client.waitForDiagnostics(pack, (d) => d.length > 0);
    assert.ok(problems.every((d) => d.code === 'config.invalid' && d.severity === 1));
    assert.ok(
      problems.some((d) => /needs "attribution"/.test(d.message)),
      problems.map((d) => d.message).join('\n'),
    );
    assert.ok(problems.some((d) => /unknown key "atribution"/.test(d.message)));
    assert.ok(
      problems.some((d) => /not a valid ID/.test(d.message) && d.range.start.line > 0),
      'located at the bad ID',
    );
    await client.idle();
    let [tree] = await client.request<Item[]>('mqg4ai/coverage', {});
    assert.deepEqual(
      tree.children.map((g) => g.label),
      ['Trustworthy AI (ALTAI)', 'AMLAS', 'Lifecycle', 'Risk management', 'System'],
    );

    writeFileSync(pack, '{ "id": ');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(pack), type: 2 }] });
    await client.waitForDiagnostics(pack, (d) => d.length === 1 && /Not valid JSON\/YAML/.test(d[0].message));

    writeFileSync(pack, valid);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(pack), type: 2 }] });
    await client.waitForDiagnostics(pack, (d) => d.length === 0);
    await client.idle();
    [tree] = await client.request<Item[]>('mqg4ai/coverage', {});
    assert.ok(tree.children.some((g) => g.label === 'Site review'));
  });

  it('reports an unknown pack in the configuration at its name', async () => {
    const config = path('.mqg4ai.yaml');
    const original = readFileSync(config, 'utf8');
    writeFileSync(config, original.replace('packs: [altai, amlas]', 'packs: [altai, amlass]'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
    const problems = await client.waitForDiagnostics(config, (d) => d.length > 0);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /Unknown pack "amlass"\. Known packs: altai, secure-ai-dev, amlas, ai-act, site-review/);
    assert.equal(problems[0].range.start.line, 1);
    assert.equal(problems[0].range.start.character, 'packs: [altai, '.length);
    writeFileSync(config, original);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
    await client.waitForDiagnostics(config, (d) => d.length === 0);
  });
});
