import assert from 'node:assert/strict';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { uriFromPath } from '../../../server/src/base/fileSystem';
import type { Engine as LanguageService } from '../../../server/src/engine/engine';
import { buildService, cancelled, positionOf, rangeOf, tuple } from '../helpers';
import { application, calibration, files, paths } from './fixture';

describe('service: definition', () => {
  let service: LanguageService;
  before(async () => {
    ({ service } = await buildService(files));
  });

  /** Definition at `needle` (+ offset) in the Calibration document, as [path-uri, range]. */
  const at = (needle: string, offset = 1, token = neverCancelled) =>
    service.features.definition.provideDefinition(paths.calibration, positionOf(calibration, needle, offset), token).map((l) => [l.uri, tuple(l.range)]);

  it('goes from a link destination to the start of the target file', () => {
    assert.deepEqual(at('../QG_Evaluation_(Development).md'), [[uriFromPath(paths.evaluation), [0, 0, 0, 0]]]);
  });

  it('also works from the link text', () => {
    assert.deepEqual(at('[Evaluation]', 3), [[uriFromPath(paths.evaluation), [0, 0, 0, 0]]]);
  });

  it('goes to the heading a fragment names', () => {
    assert.deepEqual(at('Application.md#1-purpose'), [[uriFromPath(paths.application), rangeOf(application, '### 1. Purpose')]]);
  });

  it('goes to an HTML anchor', () => {
    assert.deepEqual(at('#legacy-purpose', 3), [[uriFromPath(paths.application), rangeOf(application, '<a id="legacy-purpose">')]]);
  });

  it('goes to the start of the file when the anchor does not exist', () => {
    assert.deepEqual(at('#9-gone', 2), [[uriFromPath(paths.application), [0, 0, 0, 0]]]);
  });

  it('goes to a same-document heading', () => {
    assert.deepEqual(at('(#notes)', 2), [[uriFromPath(paths.calibration), rangeOf(calibration, '## Notes')]]);
  });

  it("goes from a folder link to the folder's only QG", () => {
    assert.deepEqual(at('../Metrics/'), [[uriFromPath(paths.metrics), [0, 0, 0, 0]]]);
  });

  it('goes to the README of a folder with several QGs', () => {
    assert.deepEqual(at('../Two/'), [[uriFromPath(paths.twoReadme), [0, 0, 0, 0]]]);
  });

  it('returns nothing for a folder without Markdown', () => {
    assert.deepEqual(at('../Images/)'), []);
  });

  it('goes to a non-Markdown file, with its URI percent-encoded', () => {
    const result = service.features.definition.provideDefinition(paths.calibration, positionOf(calibration, '<../Images/pic', 2), neverCancelled);
    assert.deepEqual(result, [
      { uri: 'file:///ws/2_Lifecycle/2_Development/Images/pic%20%281%29.png', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    ]);
  });

  it('goes through a reference-style link to its definition\u2019s target', () => {
    assert.deepEqual(at('[Reference style][app]', 20), [[uriFromPath(paths.application), [0, 0, 0, 0]]]);
    assert.deepEqual(at('[Reference style]', 3), [[uriFromPath(paths.application), [0, 0, 0, 0]]]);
  });

  it('goes from the definition line itself', () => {
    assert.deepEqual(at('[app]: <', 10), [[uriFromPath(paths.application), [0, 0, 0, 0]]]);
  });

  it('returns nothing for broken, external, empty and outside links', () => {
    assert.deepEqual(at('./QG_Missing.md'), []);
    assert.deepEqual(at('https://example.org'), []);
    assert.deepEqual(at('[Empty]()', 2), []);
    assert.deepEqual(at('../../../../outside.md'), []);
  });

  it('returns nothing off links and for unknown documents', () => {
    assert.deepEqual(at('Calibrates the'), []);
    assert.deepEqual(service.features.definition.provideDefinition('/ws/none.md', { line: 0, character: 0 }, neverCancelled), []);
  });

  it('returns nothing when cancelled', () => {
    assert.deepEqual(at('../QG_Evaluation_(Development).md', 1, cancelled), []);
  });

  it('between two adjacent links, picks the one starting under the position', async () => {
    const text = '[a](x.md)[b](y.md)\n';
    const { service: s } = await buildService({ '/ws/a.md': text, '/ws/x.md': '# X\n', '/ws/y.md': '# Y\n' });
    const definitionAt = (character: number) => s.features.definition.provideDefinition('/ws/a.md', { line: 0, character }, neverCancelled).map((l) => l.uri);
    assert.deepEqual(definitionAt(8), [uriFromPath('/ws/x.md')]); // on `)` of the first link
    assert.deepEqual(definitionAt(9), [uriFromPath('/ws/y.md')]); // on `[` of the second link
    assert.deepEqual(definitionAt(10), [uriFromPath('/ws/y.md')]);
  });

  it('resolves percent-encoded and /-rooted destinations', async () => {
    const text = '[a](/1_System/Application.md#1%2Dpurpose) [b](1_System/Application%2Emd)\n';
    const { service: s } = await buildService({ ...files, '/ws/x.md': text });
    const rooted = s.features.definition.provideDefinition('/ws/x.md', positionOf(text, '/1_System', 1), neverCancelled);
    assert.deepEqual(
      rooted.map((l) => [l.uri, tuple(l.range)]),
      [[uriFromPath(paths.application), rangeOf(application, '### 1. Purpose')]],
    );
    const encoded = s.features.definition.provideDefinition('/ws/x.md', positionOf(text, 'Application%2Emd', 1), neverCancelled);
    assert.deepEqual(
      encoded.map((l) => l.uri),
      [uriFromPath(paths.application)],
    );
  });
});
