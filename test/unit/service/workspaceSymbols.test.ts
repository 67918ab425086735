import assert from 'node:assert/strict';
import { SymbolKind, type Location, type WorkspaceSymbol } from 'vscode-languageserver-types';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { uriFromPath } from '../../../server/src/base/fileSystem';
import type { Engine as LanguageService } from '../../../server/src/engine/engine';
import { fuzzyMatcher } from '../../../server/src/features/symbols/workspaceSymbolProvider';
import { buildService, cancelled, tuple } from '../helpers';
import { files, paths } from './fixture';

const brief = (s: WorkspaceSymbol) => [s.name, s.kind, s.containerName];
const location = (s: WorkspaceSymbol) => s.location as Location;

describe('service: workspace symbols', () => {
  let service: LanguageService;
  before(async () => {
    ({ service } = await buildService({
      ...files,
      '/ws/3_RiskManagement/NoHeading.md': '---\ntags: [{Name: UnfaithfulExplanations}, {Intent: Transparency_Risk}]\n---\nText only.\n',
      '/ws/plain.md': 'No heading, no name.\n',
    }));
  });
  const query = (q: string, token = neverCancelled) => service.features.workspaceSymbols.provideWorkspaceSymbols(q, token);

  it('finds a document by its title, as a File in its kind', () => {
    const result = query('QG Calibration').filter((s) => s.kind === SymbolKind.File);
    assert.deepEqual(result.map(brief), [['QG Calibration', SymbolKind.File, 'Leaf-QG']]);
    assert.deepEqual(tuple(location(result[0]).range), [3, 3, 3, 17]);
  });

  it('finds a QG by its front-matter Name when it differs from the title, as a Module', () => {
    const result = query('QG_Calibration');
    assert.deepEqual(result.map(brief), [['QG_Calibration', SymbolKind.Module, 'Leaf-QG: QG Calibration']]);
    assert.equal(location(result[0]).uri, uriFromPath(paths.calibration));
  });

  it('finds headings other than the title, contained in their document', () => {
    const result = query('1. purpose');
    assert.deepEqual(result.map(brief), [['1. Purpose', SymbolKind.String, 'Application']]);
    assert.deepEqual(tuple(location(result[0]).range), [7, 4, 7, 14]);
  });

  it('matches case-insensitive subsequences, ignoring spaces in the query', () => {
    assert.ok(query('qgcal').some((s) => s.name === 'QG Calibration'));
    assert.ok(query('QG   Eval').some((s) => s.name === 'QG Evaluation'));
    assert.deepEqual(query('zzzz'), []);
  });

  it('a document without headings is found by its Name title once, at the document start', () => {
    const result = query('Unfaithful');
    assert.deepEqual(result.map(brief), [['UnfaithfulExplanations', SymbolKind.File, 'Risk document']]);
    assert.deepEqual(tuple(location(result[0]).range), [0, 0, 0, 0]);
  });

  it('a document without headings or Name is found by its file name', () => {
    assert.deepEqual(query('plain.md').map(brief), [['plain.md', SymbolKind.File, 'Markdown document']]);
  });

  it('an empty query lists every title, distinct Name and further heading', () => {
    const names = query('').map((s) => s.name);
    for (const expected of [
      'Application',
      '1. Purpose',
      'QG Evaluation',
      'QG_Evaluation_(Development)',
      'QG Calibration',
      'QG_Calibration',
      '1. Interdependency Graph',
      'Notes',
      'QG Metrics',
      'Readme',
      'big.md',
    ]) {
      assert.ok(names.includes(expected), expected);
    }
    // Application's Name equals its title: listed once.
    assert.equal(names.filter((n) => n === 'Application').length, 1);
  });

  it('returns at most 1000 symbols', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => `## Heading ${i}\n`).join('\n');
    const { service: s } = await buildService({ '/ws/many.md': `# Many\n\n${many}` });
    assert.equal(s.features.workspaceSymbols.provideWorkspaceSymbols('heading', neverCancelled).length, 1000);
  });

  it('nothing when cancelled', () => {
    assert.deepEqual(query('', cancelled), []);
  });

  it('fuzzyMatcher: ordered subsequence, case-insensitive', () => {
    const m = fuzzyMatcher('RiAn');
    assert.equal(m('Risk analysis'), true);
    assert.equal(m('anRi'), false);
    assert.equal(fuzzyMatcher('')('anything'), true);
    assert.equal(fuzzyMatcher('aa')('a'), false);
  });
});
