import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { OperationCancelled, neverCancelled } from '../../../server/src/base/cancellation';
import type { Engine as LanguageService } from '../../../server/src/engine/engine';
import { toLspDiagnostic } from '../../../server/src/features/diagnostics/diagnosticsProvider';
import { buildService, cancelled, rangeOf, tuple } from '../helpers';

const docText = [
  '# Doc',
  '',
  '[case](README.md) [anchor](Target%20Dir/QG_T_(View).md#7-scope) [gone](nope.md)',
  '[outside](../outside.md) [ok](Target%20Dir/QG_T_(View).md#2-scope)',
  '',
].join('\n');

describe('service: diagnostics', () => {
  let service: LanguageService;
  before(async () => {
    ({ service } = await buildService({
      '/ws/doc.md': docText,
      '/ws/sub/readme.md': '# r\n',
      '/ws/Target Dir/QG_T_(View).md': '# T\n\n## 2. Scope\n',
      '/ws/broken-yaml.md': '---\ntags: [{Name: X}\n---\n# Y\n',
    }));
  });

  /** Only the diagnostics of the basic rules, by code prefix. */
  const basic = (all: Diagnostic[]) => all.filter((d) => /^(link|frontmatter\.invalid|file)\b/.test(String(d.code)));

  it('maps codes, severities, ranges, source and messages to LSP', () => {
    const result = basic(service.features.diagnostics.provideDiagnostics('/ws/doc.md', neverCancelled));
    assert.deepEqual(
      result.map((d) => [d.code, d.severity, d.source, tuple(d.range)]),
      [
        ['link.missing-file', DiagnosticSeverity.Error, 'mqg4ai', rangeOf(docText, 'README.md')],
        ['link.missing-anchor', DiagnosticSeverity.Error, 'mqg4ai', rangeOf(docText, 'Target%20Dir/QG_T_(View).md#7-scope')],
        ['link.missing-file', DiagnosticSeverity.Error, 'mqg4ai', rangeOf(docText, 'nope.md')],
        ['link.outside-workspace', DiagnosticSeverity.Information, 'mqg4ai', rangeOf(docText, '../outside.md')],
      ],
    );
    assert.equal(result[2].message, 'File not found: nope.md.');
  });

  it('carries the raw target and the suggestion as a file URI, percent-encoded, fragment kept', () => {
    const [caseDiag, anchorDiag, goneDiag] = basic(service.features.diagnostics.provideDiagnostics('/ws/doc.md', neverCancelled));
    assert.deepEqual(caseDiag.data, { target: 'README.md', suggestion: 'file:///ws/sub/readme.md' });
    assert.deepEqual(anchorDiag.data, { target: 'Target%20Dir/QG_T_(View).md#7-scope', suggestion: 'file:///ws/Target%20Dir/QG_T_%28View%29.md#2-scope' });
    assert.deepEqual(goneDiag.data, { target: 'nope.md', suggestion: undefined });
  });

  it('reports front-matter errors with their range', () => {
    const [d] = basic(service.features.diagnostics.provideDiagnostics('/ws/broken-yaml.md', neverCancelled));
    assert.equal(d.code, 'frontmatter.invalid');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 1);
  });

  it('toLspDiagnostic maps every severity', () => {
    const base = { code: 'link.empty' as const, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    assert.deepEqual(
      (['error', 'warning', 'information', 'hint'] as const).map((severity) => toLspDiagnostic({ ...base, severity }).severity),
      [DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information, DiagnosticSeverity.Hint],
    );
    assert.deepEqual(toLspDiagnostic({ ...base, severity: 'error', suggestion: '/ws/a b.md' }).data, { target: undefined, suggestion: 'file:///ws/a%20b.md' });
  });

  it('nothing for unknown documents', () => {
    assert.deepEqual(service.features.diagnostics.provideDiagnostics('/ws/none.md', neverCancelled), []);
  });

  it('a cancelled request throws OperationCancelled instead of returning partial results', () => {
    assert.throws(() => service.features.diagnostics.provideDiagnostics('/ws/doc.md', cancelled), OperationCancelled);
  });

  it('reflects the open text of a document, and the disk again once closed', async () => {
    service.index.setOpenText('/ws/doc.md', '# Doc\n\n[fixed](sub/readme.md)\n');
    try {
      assert.deepEqual(basic(service.features.diagnostics.provideDiagnostics('/ws/doc.md', neverCancelled)), []);
    } finally {
      await service.index.closeText('/ws/doc.md');
    }
    assert.equal(basic(service.features.diagnostics.provideDiagnostics('/ws/doc.md', neverCancelled)).length, 4);
  });
});
