import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, firstHeading, headingLine, hoverText, positionOf, samePath, targetRange, targetUri, workspaceUri } from './helpers';

const CALIBRATION = '2_Lifecycle/2_Development/2_Model_Evaluation/QG_Calibration_(BinaryClassification).md';
const TRAINING = '2_Lifecycle/2_Development/1_Model_Training/QG_TrainingSetup_(BinaryClassification).md';
const APPLICATION = '1_System/Application/Application.md';
const CONCEPTUALIZATION = '2_Lifecycle/0_Conceptualization/QG_Conceptualization_(Lifecycle).md';

describe('navigation through the language server', () => {
  let calibration: vscode.TextDocument;

  before(async () => {
    await activate();
    calibration = await vscode.workspace.openTextDocument(workspaceUri(CALIBRATION));
    await vscode.window.showTextDocument(calibration);
  });

  it('goes to the definition of a relative link in another document', async () => {
    const position = positionOf(calibration, '../1_Model_Training/QG_TrainingSetup', 5);
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      calibration.uri,
      position,
    );
    assert.ok(locations.length > 0, 'a definition is returned');
    assert.ok(
      locations.some((l) => samePath(targetUri(l), workspaceUri(TRAINING))),
      `a definition is in ${TRAINING}; got ${locations.map((l) => targetUri(l).fsPath).join(', ')}`,
    );
  });

  it('goes to the heading an anchor names', async () => {
    const position = positionOf(calibration, 'Application.md#1-purpose', 3);
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      calibration.uri,
      position,
    );
    const target = locations.find((l) => samePath(targetUri(l), workspaceUri(APPLICATION)));
    assert.ok(target, `a definition is in ${APPLICATION}`);
    assert.equal(targetRange(target).start.line, headingLine(APPLICATION, /^1\. Purpose/));
  });

  it('shows the target document title on hover over a link', async () => {
    const position = positionOf(calibration, '../1_Model_Training/QG_TrainingSetup', 5);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', calibration.uri, position);
    const text = hoverText(hovers);
    const title = firstHeading(TRAINING);
    assert.ok(text.includes(title), `the hover names "${title}"; got:\n${text}`);
    assert.ok(text.includes('TrainingSetup'), 'the hover shows the target path or tags');
  });

  it('explains a broken link on hover', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri(CONCEPTUALIZATION));
    const position = positionOf(document, 'Application.md#7-scope', 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hoverText(hovers);
    assert.match(text, /Broken link/);
    assert.match(text, /link\.missing-anchor/);
  });

  it('provides document links that resolve to the target files', async () => {
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', calibration.uri);
    assert.ok(links.length >= 4, `several links are returned (${links.length})`);
    assert.ok(
      links.some((l) => l.target && samePath(l.target, workspaceUri(TRAINING))),
      `a document link targets ${TRAINING}; got ${links.map((l) => l.target?.toString()).join(', ')}`,
    );
  });

  it('lists the headings as document symbols', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', calibration.uri);
    const names: string[] = [];
    const walk = (list: vscode.DocumentSymbol[]) => list.forEach((s) => (names.push(s.name), walk(s.children ?? [])));
    walk(symbols);
    assert.ok(
      names.some((n) => n.includes('QG Calibration')),
      `the title is a symbol; got ${names.join(' | ')}`,
    );
    assert.ok(
      names.some((n) => n.includes('Interdependency Graph')),
      'a section heading is a symbol',
    );
  });

  it('finds documents through workspace symbols', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Calibration');
    assert.ok(
      symbols.some((s) => samePath(s.location.uri, workspaceUri(CALIBRATION))),
      `a symbol in ${CALIBRATION}; got ${symbols.map((s) => s.name).join(' | ')}`,
    );
  });

  it('finds the links to a heading as references', async () => {
    const application = await vscode.workspace.openTextDocument(workspaceUri(APPLICATION));
    const line = headingLine(APPLICATION, /^1\. Purpose/);
    const position = new vscode.Position(line, application.lineAt(line).text.indexOf('Purpose') + 1);
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', application.uri, position);
    assert.ok(
      references.some((r) => samePath(r.uri, workspaceUri(CALIBRATION))),
      `the Calibration QG links to "1. Purpose"; got ${references.map((r) => r.uri.fsPath).join(', ')}`,
    );
  });
});
