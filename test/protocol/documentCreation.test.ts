// mqg4ai/createDocument and mqg4ai/completeDocument over JSON-RPC: the server computes the
// WorkspaceEdit (file, content, the Collection-QG's new link), the client applies it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompleteDocumentResult, CreateDocumentResult } from '../../protocol/protocol';
import { altaiCatalogue } from '../../server/src/domain/altai/catalogue';
import { copyFixture } from '../helpers/fixtures';
import { fileUri, LspTestClient, uriKey } from '../helpers/lspClient';

interface TextEditWire {
  range: { start: { line: number; character: number } };
  newText: string;
}
type Change = { kind: 'create'; uri: string } | { textDocument: { uri: string }; edits: TextEditWire[] };

const changes = (result: { edit: unknown }): Change[] => (result.edit as { documentChanges: Change[] }).documentChanges;
const textFor = (result: { edit: unknown }, path: string): string =>
  changes(result)
    .filter((c): c is Extract<Change, { textDocument: unknown }> => 'textDocument' in c && uriKey(c.textDocument.uri) === path)
    .flatMap((c) => c.edits.map((e) => e.newText))
    .join('');

describe('protocol: creating and completing documents from their templates', function () {
  this.timeout(30000);
  let fixture: ReturnType<typeof copyFixture>;
  let client: LspTestClient;

  before(async () => {
    fixture = copyFixture('sample-assessment');
    // The workspace's own Leaf-QG template words a prompt differently from ours: it must win.
    const template = join(fixture.root, 'templates/Template_LeafQG.md');
    writeFileSync(
      template,
      readFileSync(template, 'utf8').replace(/^#### Input Information\n> .*$/m, '#### Input Information\n> Our team asks: which inputs?'),
    );
    // A requirement document with one of its two sections: "Insert the Questions" adds the other.
    const auditability = altaiCatalogue().requirements.find((r) => r.id === 'ACC')!.sections[0];
    writeFileSync(
      join(fixture.root, '3_RiskManagement/AI_Risks/Accountability.md'),
      `---\ntags: [{Name: Accountability}]\n---\n\n##### ${auditability.title}\nALTAI:\n${auditability.questions.map((q) => `> - ${q.text}`).join('\n')}\n`,
    );
    // A Leaf-QG with only its first section.
    writeFileSync(
      join(fixture.root, '2_Lifecycle/1_Data/QG_Short_(Data).md'),
      '---\ntags: [{Name: QG_Short}]\n---\n\n## QG Short (Data)\n\n### 1. Interdependency Graph\n',
    );
    client = await LspTestClient.start([fixture.root], {
      capabilities: { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } } },
    });
  });
  after(async () => {
    await client.stop();
    fixture.cleanup();
  });

  it("creates a Leaf-QG from the workspace's template, front matter and title filled, linked from its Collection-QG", async () => {
    const target = join(fixture.root, '2_Lifecycle/1_Data/4_Augmentation/QG_Augmentation_(Data).md');
    const result = await client.request<CreateDocumentResult>('mqg4ai/createDocument', { kind: 'leaf-qg', target: fileUri(target), linkFromCollection: true });
    const [create] = changes(result);
    assert.ok('kind' in create && create.kind === 'create' && uriKey(create.uri) === target, 'the file creation comes first');
    const text = textFor(result, target);
    assert.match(text, /\{Name: QG_Augmentation\}/);
    assert.match(text, /^## QG Augmentation \(Data\)$/m);
    assert.match(text, /Our team asks: which inputs\?/, "the workspace's own template");
    assert.equal(uriKey(result.template), join(fixture.root, 'templates/Template_LeafQG.md'));
    const collection = join(fixture.root, '2_Lifecycle/1_Data/QG_Data_(Lifecycle).md');
    assert.equal(uriKey(result.collection!), collection);
    assert.equal(
      textFor(result, collection),
      '\n4. [QG Augmentation (Data)](./4_Augmentation/QG_Augmentation_(Data).md)',
      'numbered on, `./` as the list writes it',
    );
  });

  it('creates a missing requirement document with every question block of the catalogue', async () => {
    const target = join(fixture.root, '3_RiskManagement/AI_Risks/1_HumanAgencyOversight/HumanAgencyOversight.md');
    const result = await client.request<CreateDocumentResult>('mqg4ai/createDocument', { kind: 'requirement', target: fileUri(target) });
    const text = textFor(result, target);
    assert.match(text, /\{Name: HumanAgencyOversight\}/);
    assert.match(text, /^##### Human Agency and Autonomy$/m);
    assert.match(text, /^##### Human Oversight$/m);
    const hao = altaiCatalogue().requirements.find((r) => r.id === 'HAO')!;
    assert.equal(text.match(/^> +- /gm)?.length, hao.sections.flatMap((s) => s.questions).length, 'every catalogue entry of the requirement, quoted');
    assert.equal(result.template, 'built-in');
  });

  it('refuses a file that exists, and a kind it does not know', async () => {
    const existing = join(fixture.root, '2_Lifecycle/1_Data/QG_Data_(Lifecycle).md');
    await assert.rejects(client.request('mqg4ai/createDocument', { kind: 'leaf-qg', target: fileUri(existing) }), /exists already/);
    await assert.rejects(client.request('mqg4ai/createDocument', { kind: 'poem', target: fileUri(join(fixture.root, 'x.md')) }), /kind must be one of/);
  });

  it('inserts the question blocks a requirement document lacks, and nothing when it has them all', async () => {
    const path = join(fixture.root, '3_RiskManagement/AI_Risks/Accountability.md');
    const result = await client.request<CompleteDocumentResult | null>('mqg4ai/completeDocument', { uri: fileUri(path) });
    assert.ok(result);
    assert.equal(result.summary, '1 question block(s)');
    const inserted = textFor(result, path);
    assert.deepEqual(inserted.match(/^#{4,5} .*$/gm), ['#### Overview Requirements Accountability', '##### Risk Management']);
    assert.ok(!inserted.includes('Auditability'));
    const complete = join(fixture.root, '3_RiskManagement/AI_Risks/4_Transparency/Transparency.md');
    assert.equal(await client.request('mqg4ai/completeDocument', { uri: fileUri(complete) }), null);
  });

  it('inserts the template sections a Leaf-QG lacks, where the missing-section quick fix puts them', async () => {
    const path = join(fixture.root, '2_Lifecycle/1_Data/QG_Short_(Data).md');
    const result = await client.request<CompleteDocumentResult | null>('mqg4ai/completeDocument', { uri: fileUri(path) });
    assert.ok(result);
    assert.match(result.summary, /^\d+ template section\(s\)$/);
    const inserted = textFor(result, path);
    assert.match(inserted, /^#### Input Information$/m);
    assert.doesNotMatch(inserted, /^### 1\. Interdependency Graph$/m, 'what is there stays as it is');
  });
});
