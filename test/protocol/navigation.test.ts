import assert from 'node:assert/strict';
import type { DocumentLink, DocumentSymbol, Hover, Location, MarkupContent, WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient, uriKey } from '../helpers/lspClient';
import { makeWorkspace, positionOf } from '../helpers/workspace';

const leaf = `---
tags: [{Name: QG_Calibration}, {Intent: ConfidenceCalibration}, {Problem: }]
---
## QG Calibration (Binary Classification)

Calibrates the scores so that a 0.8 means eight in ten.

### 1. Interdependency Graph

- [Evaluation stage](../QG_Evaluation_(Development).md)
- [Purpose](../../../1_System/Application.md#1-purpose)
- [Sibling folder](../Metrics/)
- [Reference style][app]
- [Same document](#notes)
- [Broken](./QG_Missing.md)
- [Web](https://example.org)

## Notes

[app]: <../../../1_System/Application.md> "Application"
`;

const application = `---
tags: [{Name: Application}, {Intent: Overview}]
---
## Application

Describes what the system is for and who uses it.

### 1. Purpose

Triage of chest X-rays.

<a id="legacy-purpose"></a>
`;

describe('protocol: navigation over JSON-RPC', function () {
  this.timeout(30000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: LspTestClient;
  let leafPath: string;
  let appPath: string;

  before(async () => {
    ws = makeWorkspace({
      '1_System/Application.md': application,
      '2_Lifecycle/2_Development/QG_Evaluation_(Development).md':
        '---\ntags: [{Name: QG_Evaluation}, {Intent: Overview}]\n---\n# QG Evaluation\n\n[Calibration](./Calibration/QG_Calibration_(Binary).md)\n',
      '2_Lifecycle/2_Development/Calibration/QG_Calibration_(Binary).md': leaf,
      '2_Lifecycle/2_Development/Metrics/QG_Metrics_(Development).md': '# QG Metrics\n\n[back](../Calibration/QG_Calibration_(Binary).md#notes)\n',
      'README.md': '# Readme\n\n[purpose](1_System/Application.md#1-purpose) [app](./1_System/Application.md)\n',
    });
    leafPath = ws.path('2_Lifecycle/2_Development/Calibration/QG_Calibration_(Binary).md');
    appPath = ws.path('1_System/Application.md');
    client = await LspTestClient.start([ws.root]);
  });

  after(async () => {
    await client.stop();
    ws.cleanup();
  });

  const at = (path: string, text: string, needle: string, offset = 1) => ({ textDocument: { uri: fileUri(path) }, position: positionOf(text, needle, offset) });

  describe('definition', () => {
    it('goes from a link to the target file', async () => {
      const [loc] = await client.request<Location[]>('textDocument/definition', at(leafPath, leaf, '../QG_Evaluation'));
      assert.equal(uriKey(loc.uri), ws.path('2_Lifecycle/2_Development/QG_Evaluation_(Development).md'));
      assert.equal(loc.range.start.line, 0);
    });

    it('goes to the heading an anchor names', async () => {
      const [loc] = await client.request<Location[]>('textDocument/definition', at(leafPath, leaf, '#1-purpose'));
      assert.equal(uriKey(loc.uri), appPath);
      assert.equal(loc.range.start.line, positionOf(application, '### 1. Purpose').line);
    });

    it("goes from a folder link to the folder's Collection-QG", async () => {
      const [loc] = await client.request<Location[]>('textDocument/definition', at(leafPath, leaf, '../Metrics/'));
      assert.equal(uriKey(loc.uri), ws.path('2_Lifecycle/2_Development/Metrics/QG_Metrics_(Development).md'));
    });

    it("goes through a reference-style link to its definition's target", async () => {
      const [loc] = await client.request<Location[]>('textDocument/definition', at(leafPath, leaf, '[Reference style][app]', 3));
      assert.equal(uriKey(loc.uri), appPath);
    });

    it('resolves same-document anchors', async () => {
      const [loc] = await client.request<Location[]>('textDocument/definition', at(leafPath, leaf, '(#notes)', 2));
      assert.equal(uriKey(loc.uri), leafPath);
      assert.equal(loc.range.start.line, positionOf(leaf, '## Notes').line);
    });

    it('returns nothing for a broken link or outside links', async () => {
      assert.deepEqual(await client.request('textDocument/definition', at(leafPath, leaf, './QG_Missing.md')), []);
      assert.deepEqual(await client.request('textDocument/definition', at(leafPath, leaf, 'Calibrates the')), []);
    });
  });

  describe('references', () => {
    it('on a heading: every link to it across the workspace', async () => {
      const refs = await client.request<Location[]>('textDocument/references', {
        ...at(appPath, application, '1. Purpose'),
        context: { includeDeclaration: false },
      });
      assert.deepEqual(refs.map((r) => uriKey(r.uri)).sort(), [leafPath, ws.path('README.md')].sort());
    });

    it("on a document's title (H1, sole top heading or front-matter Name): every link to the document, not to its sections", async () => {
      const evaluation = ws.path('2_Lifecycle/2_Development/QG_Evaluation_(Development).md');
      const onH1 = await client.request<Location[]>('textDocument/references', {
        textDocument: { uri: fileUri(evaluation) },
        position: { line: 3, character: 4 },
        context: { includeDeclaration: false },
      });
      assert.deepEqual(
        onH1.map((r) => `${uriKey(r.uri)}:${r.range.start.line}`),
        [`${leafPath}:${positionOf(leaf, '../QG_Evaluation').line}`],
      );
      const toDocument = [`${leafPath}:${positionOf(leaf, '[app]: <').line}`, `${ws.path('README.md')}:2`].sort();
      for (const needle of ['## Application', '{Name: Application}']) {
        const refs = await client.request<Location[]>('textDocument/references', {
          ...at(appPath, application, needle, needle.indexOf('Application') + 2),
          context: { includeDeclaration: false },
        });
        assert.deepEqual(refs.map((r) => `${uriKey(r.uri)}:${r.range.start.line}`).sort(), toDocument, needle);
      }
      const withDeclaration = await client.request<Location[]>('textDocument/references', {
        ...at(appPath, application, '## Application', 4),
        context: { includeDeclaration: true },
      });
      assert.deepEqual(withDeclaration[0], { uri: fileUri(appPath), range: { start: { line: 3, character: 3 }, end: { line: 3, character: 14 } } });
    });

    it('on a heading with includeDeclaration: the heading too', async () => {
      const refs = await client.request<Location[]>('textDocument/references', { ...at(leafPath, leaf, '## Notes', 4), context: { includeDeclaration: true } });
      const places = refs.map((r) => `${uriKey(r.uri)}:${r.range.start.line}`).sort();
      assert.deepEqual(
        places,
        [
          `${leafPath}:${positionOf(leaf, '## Notes').line}`,
          `${leafPath}:${positionOf(leaf, '(#notes)').line}`,
          `${ws.path('2_Lifecycle/2_Development/Metrics/QG_Metrics_(Development).md')}:2`,
        ].sort(),
      );
    });

    it('elsewhere in a document: every link to the document, including reference definitions', async () => {
      const refs = await client.request<Location[]>('textDocument/references', {
        ...at(appPath, application, 'Triage of'),
        context: { includeDeclaration: false },
      });
      const sources = refs.map((r) => `${uriKey(r.uri)}:${r.range.start.line}`).sort();
      assert.deepEqual(
        sources,
        [
          `${leafPath}:${positionOf(leaf, '../../../1_System/Application.md#1-purpose').line}`,
          `${leafPath}:${positionOf(leaf, '[app]: <').line}`,
          `${ws.path('README.md')}:2`,
          `${ws.path('README.md')}:2`,
        ].sort(),
      );
    });
  });

  describe('hover', () => {
    it('shows the target title, kind, tags and first paragraph', async () => {
      const hover = await client.request<Hover>('textDocument/hover', at(leafPath, leaf, '#1-purpose'));
      const text = (hover.contents as MarkupContent).value;
      assert.match(text, /\*\*Application\*\* \(Information block\)/);
      assert.match(text, /\| Intent \| Overview \|/);
      assert.match(text, /Describes what the system is for/);
      assert.match(text, /Section: \*\*1\\?\. Purpose\*\*/);
      assert.deepEqual(hover.range, {
        start: positionOf(leaf, '../../../1_System/Application.md#1-purpose'),
        end: positionOf(leaf, '../../../1_System/Application.md#1-purpose', '../../../1_System/Application.md#1-purpose'.length),
      });
    });

    it('says why a link is broken', async () => {
      const hover = await client.request<Hover>('textDocument/hover', at(leafPath, leaf, './QG_Missing.md'));
      const text = (hover.contents as MarkupContent).value;
      assert.match(text, /Broken link/);
      assert.match(text, /link\.missing-file/);
      assert.match(text, /QG\\?_Missing\.md/);
    });

    it('describes a folder through its Collection-QG, and nothing off links', async () => {
      const hover = await client.request<Hover>('textDocument/hover', at(leafPath, leaf, '../Metrics/'));
      assert.match((hover.contents as MarkupContent).value, /Folder.*Metrics[\s\S]*QG Metrics/);
      assert.equal(await client.request('textDocument/hover', at(leafPath, leaf, 'Calibrates the')), null);
    });
  });

  describe('document links, symbols and workspace symbols', () => {
    it('lists clickable targets for working links, with anchors as line fragments', async () => {
      const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: fileUri(leafPath) } });
      const targets = links.map((l) =>
        l.target!.startsWith('file:') ? `${uriKey(l.target!)}${l.target!.includes('#') ? `#${l.target!.split('#')[1]}` : ''}` : l.target,
      );
      assert.deepEqual(
        targets.sort(),
        [
          ws.path('2_Lifecycle/2_Development/QG_Evaluation_(Development).md'),
          `${appPath}#L${positionOf(application, '### 1. Purpose').line + 1}`,
          ws.path('2_Lifecycle/2_Development/Metrics/QG_Metrics_(Development).md'),
          `${leafPath}#L${positionOf(leaf, '## Notes').line + 1}`,
          'https://example.org',
          appPath,
        ].sort(),
      );
    });

    it('outlines headings as nested symbols', async () => {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: fileUri(leafPath) } });
      assert.deepEqual(
        symbols.map((s) => s.name),
        ['QG Calibration (Binary Classification)', 'Notes'],
      );
      assert.deepEqual(
        symbols[0].children!.map((s) => s.name),
        ['1. Interdependency Graph'],
      );
    });

    it('finds titles, QG names and headings across the workspace', async () => {
      const byName = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'QG_Calibration' });
      assert.ok(byName.some((s) => s.name === 'QG_Calibration' && uriKey((s.location as Location).uri) === leafPath));
      const byHeading = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'purpose' });
      assert.ok(byHeading.some((s) => s.name === '1. Purpose' && uriKey((s.location as Location).uri) === appPath));
      const byTitle = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'qg evaluation' });
      assert.ok(byTitle.some((s) => s.name === 'QG Evaluation'));
    });
  });
});
