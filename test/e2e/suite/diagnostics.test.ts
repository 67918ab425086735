import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activate,
  codeOf,
  isTraceError,
  mqgDiagnostics,
  readExpected,
  traceErrors,
  waitFor,
  workspaceRoot,
  workspaceUri,
  type ExpectedBrokenLink,
} from './helpers';

function describeDiagnostics(list: readonly vscode.Diagnostic[]): string {
  return list.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`).join('\n') || '(none)';
}

function findBroken(uri: vscode.Uri, link: ExpectedBrokenLink): vscode.Diagnostic | undefined {
  return mqgDiagnostics(uri).find((d) => codeOf(d) === link.code && d.range.start.line === link.line - 1);
}

describe('diagnostics in the Problems panel', () => {
  const expected = readExpected();

  before(async () => {
    await activate();
  });

  for (const link of expected.broken) {
    it(`reports ${link.code} for "${link.destination}" in ${link.file}:${link.line}`, async () => {
      const uri = workspaceUri(link.file);
      const diagnostic = await waitFor(() => findBroken(uri, link), `${link.code} at line ${link.line} of ${link.file}`).catch((error: Error) => {
        throw new Error(`${error.message}\nDiagnostics there:\n${describeDiagnostics(mqgDiagnostics(uri))}`);
      });
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.ok(diagnostic.message.length > 0);
    });
  }

  it('reports no other link or front-matter error in the workspace', async () => {
    const expectedKeys = new Set(expected.broken.map((b) => `${workspaceUri(b.file).fsPath}:${b.line - 1}:${b.code}`));
    for (const f of expected.frontmatter) expectedKeys.add(`${workspaceUri(f.file).fsPath}:${(f.line ?? 1) - 1}:${f.code ?? 'frontmatter.invalid'}`);
    const actual = vscode.languages
      .getDiagnostics()
      .filter(([uri]) => uri.fsPath.startsWith(workspaceRoot()))
      .flatMap(([uri, list]) => list.filter(isTraceError).map((d) => `${uri.fsPath}:${d.range.start.line}:${codeOf(d)}`));
    const unexpected = actual.filter((key) => !expectedKeys.has(key));
    assert.deepEqual(unexpected, [], 'no link or front-matter errors beyond EXPECTED.json');
    assert.equal(actual.length, expectedKeys.size, `one diagnostic per expected problem; got:\n${actual.join('\n')}`);
  });

  it('clears a missing-file diagnostic once the link is fixed with a WorkspaceEdit and saved', async () => {
    const link = expected.broken.find((b) => b.code === 'link.missing-file');
    assert.ok(link, 'EXPECTED.json lists a link.missing-file problem');
    const uri = workspaceUri(link.file);
    const diagnostic = await waitFor(() => findBroken(uri, link), `${link.code} in ${link.file}`);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);

    // The fixture's broken link is a misspelt file name ("Treshold"); its diagnostic names the right one.
    const lineText = document.lineAt(link.line - 1).text;
    const start = lineText.indexOf(link.destination);
    assert.ok(start >= 0, `line ${link.line} contains ${link.destination}`);
    const fixed = link.destination.replace('Treshold', 'Threshold');
    assert.notEqual(fixed, link.destination, 'the fixture link is the misspelt OperatingTreshold one');
    assert.match(diagnostic.message, /QG_OperatingThreshold_\(BinaryClassification\)\.md/, 'the diagnostic suggests the right file');

    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(link.line - 1, start, link.line - 1, start + link.destination.length), fixed);
    assert.equal(await vscode.workspace.applyEdit(edit), true, 'the edit applies');
    assert.equal(await document.save(), true, 'the document saves');

    await waitFor(() => !findBroken(uri, link), `the ${link.code} diagnostic to disappear`).catch((error: Error) => {
      throw new Error(`${error.message}\nDiagnostics there:\n${describeDiagnostics(mqgDiagnostics(uri))}`);
    });
    assert.deepEqual(traceErrors(uri).map(codeOf), [], 'the document has no link errors left');
  });

  it('reports a link broken by an unsaved edit while typing', async () => {
    const relative = '2_Lifecycle/2_Development/2_Model_Evaluation/QG_Calibration_(BinaryClassification).md';
    const uri = workspaceUri(relative);
    const document = await vscode.workspace.openTextDocument(uri);
    const needle = '../1_Model_Training/QG_TrainingSetup_(BinaryClassification).md';
    const offset = document.getText().indexOf(needle);
    assert.ok(offset >= 0);
    const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset + needle.length));
    const broken = needle.replace('TrainingSetup', 'TrainingSetupp');

    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, range, broken);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const line = range.start.line;
    await waitFor(
      () => mqgDiagnostics(uri).find((d) => codeOf(d) === 'link.missing-file' && d.range.start.line === line),
      'a link.missing-file diagnostic for the unsaved edit',
    );

    const undo = new vscode.WorkspaceEdit();
    undo.replace(uri, new vscode.Range(range.start, range.start.translate(0, broken.length)), needle);
    assert.equal(await vscode.workspace.applyEdit(undo), true);
    await waitFor(() => traceErrors(uri).length === 0, 'the diagnostic to go once the edit is undone');
    await document.save();
  });
});
