// "MQG4AI: New Quality Gate..." end to end in a real VS Code: the file placed in a new numbered
// folder of its stage, filled from the workspace's own templates/, front matter and title filled,
// the link added to the stage's Collection-QG; a missing requirement document from "New Requirement
// Document...". Everything created is removed again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activate, samePath, waitFor, workspaceUri } from './helpers';

const STAGE = '2_Lifecycle/1_Data';
const COLLECTION = `${STAGE}/QG_Data_(Lifecycle).md`;
const TEMPLATE = 'templates/Template_LeafQG.md';

interface Node {
  id: string;
  kind: string;
  uri?: string;
  children: readonly Node[];
}

function findNode(nodes: readonly Node[], predicate: (n: Node) => boolean): Node | undefined {
  for (const node of nodes) {
    if (predicate(node)) return node;
    const inner = findNode(node.children, predicate);
    if (inner) return inner;
  }
  return undefined;
}

describe('new quality-gate documents', () => {
  let templateBefore: string;
  const created: vscode.Uri[] = [];

  before(async () => {
    await activate();
    // The workspace's own template words a prompt its own way: the new gate must carry it.
    templateBefore = fs.readFileSync(workspaceUri(TEMPLATE).fsPath, 'utf8');
    fs.writeFileSync(
      workspaceUri(TEMPLATE).fsPath,
      templateBefore.replace(/^(#### Input Information\n)> .*$/m, '$1> Our own prompt: which inputs, from whom?'),
    );
  });

  after(async () => {
    fs.writeFileSync(workspaceUri(TEMPLATE).fsPath, templateBefore);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    const collection = await vscode.workspace.openTextDocument(workspaceUri(COLLECTION));
    if (collection.isDirty) {
      await vscode.window.showTextDocument(collection);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
  });

  it('creates a Leaf-QG in a new numbered folder of its stage, from the workspace template, linked from the Collection-QG', async () => {
    const file = await vscode.commands.executeCommand<vscode.Uri | undefined>('mqg4ai.newQualityGate', {
      kind: 'leaf-qg',
      folder: workspaceUri(STAGE).toString(),
      newSubfolder: true,
      name: 'Image augmentation',
      linkFromCollection: true,
    });
    const expected = workspaceUri(`${STAGE}/4_ImageAugmentation/QG_ImageAugmentation_(Data).md`);
    created.push(workspaceUri(`${STAGE}/4_ImageAugmentation`));
    assert.ok(file && samePath(file, expected), `created ${file?.path}`);
    const text = fs.readFileSync(expected.fsPath, 'utf8');
    assert.match(text, /\{Name: QG_ImageAugmentation\}/, 'front matter filled');
    assert.match(text, /^## QG ImageAugmentation \(Data\)$/m, 'title filled');
    assert.match(text, /Our own prompt: which inputs, from whom\?/, "the workspace's own template");
    assert.ok(vscode.window.activeTextEditor && samePath(vscode.window.activeTextEditor.document.uri, expected), 'the new gate is shown');
    const collection = await vscode.workspace.openTextDocument(workspaceUri(COLLECTION));
    assert.match(collection.getText(), /^4\. \[QG ImageAugmentation \(Data\)\]\(\.\/4_ImageAugmentation\/QG_ImageAugmentation_\(Data\)\.md\)$/m);
    assert.ok(collection.isDirty, 'the link is an unsaved, undoable edit');
    // The coverage view lists it under its stage.
    const api = await vscode.extensions
      .getExtension<{ coverageTree: { refresh(): Promise<void>; model: { find(id: string): unknown } } }>('mqg4ai.mqg4ai')!
      .activate();
    await waitFor(async () => {
      await api.coverageTree.refresh();
      return api.coverageTree.model.find(expected.path);
    }, 'the new gate in the coverage view');
  });

  it('refuses to overwrite an existing gate', async () => {
    const before = fs.readFileSync(workspaceUri(COLLECTION).fsPath, 'utf8');
    const file = await vscode.commands.executeCommand<vscode.Uri | undefined>('mqg4ai.newQualityGate', {
      kind: 'collection-qg',
      folder: workspaceUri(STAGE).toString(),
      name: 'Data',
    });
    assert.equal(file, undefined);
    assert.equal(fs.readFileSync(workspaceUri(COLLECTION).fsPath, 'utf8'), before);
  });

  it('creates a missing requirement document with its questions (New Requirement Document...)', async () => {
    const file = await vscode.commands.executeCommand<vscode.Uri | undefined>('mqg4ai.newRequirementDocument', { name: 'HumanAgencyOversight' });
    const expected = workspaceUri('3_RiskManagement/AI_Risks/1_HumanAgencyOversight/HumanAgencyOversight.md');
    created.push(workspaceUri('3_RiskManagement/AI_Risks/1_HumanAgencyOversight'));
    assert.ok(file && samePath(file, expected), `created ${file?.path}`);
    const text = fs.readFileSync(expected.fsPath, 'utf8');
    assert.match(text, /\{Name: HumanAgencyOversight\}/);
    assert.match(text, /^##### Human Oversight$/m);
  });

  it('opens the suggestions by itself on the first line of an empty Markdown file (no Ctrl+Space)', async () => {
    const empty = workspaceUri('2_Lifecycle/1_Data/Empty-e2e.md');
    created.push(empty);
    await vscode.workspace.fs.writeFile(empty, new Uint8Array());
    await vscode.window.showTextDocument(empty);
    const api = await vscode.extensions.getExtension<{ emptyFileSuggestions: { offered: ReadonlySet<string> } }>('mqg4ai.mqg4ai')!.activate();
    await waitFor(() => api.emptyFileSuggestions.offered.has(empty.toString()), 'the suggestions to open');
    // A file with text gets nothing.
    const full = workspaceUri(COLLECTION);
    await vscode.window.showTextDocument(full);
    assert.equal(api.emptyFileSuggestions.offered.has(full.toString()), false);
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  it('writes the quality gate a t.b.d. placeholder stands for, in its folder (Create from Template on the placeholder)', async () => {
    const api = await vscode.extensions
      .getExtension<{ coverageTree: { refresh(): Promise<void>; model: { allRoots(): readonly Node[] } } }>('mqg4ai.mqg4ai')!
      .activate();
    await api.coverageTree.refresh();
    const placeholder = findNode(api.coverageTree.model.allRoots(), (n) => n.kind === 'placeholder');
    assert.ok(placeholder?.uri, 'the sample has a t.b.d. placeholder');
    const folder = vscode.Uri.parse(placeholder.uri).path.replace(/\/[^/]*$/, '');
    const file = await vscode.commands.executeCommand<vscode.Uri | undefined>('mqg4ai.coverage.createFromTemplate', placeholder, { name: 'Normalisation' });
    assert.ok(file, 'a gate is created');
    created.push(file);
    assert.equal(file.path, `${folder}/QG_Normalisation_(Data).md`);
    assert.match(fs.readFileSync(file.fsPath, 'utf8'), /^## QG Normalisation \(Data\)$/m);
  });
});
