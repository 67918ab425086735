import assert from 'node:assert/strict';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { uriFromPath } from '../../../server/src/base/fileSystem';
import type { Engine as LanguageService } from '../../../server/src/engine/engine';
import { buildService, cancelled, positionOf, rangeOf, tuple } from '../helpers';
import { application, calibration, files, paths } from './fixture';

describe('service: document links', () => {
  let service: LanguageService;
  before(async () => {
    ({ service } = await buildService(files));
  });

  const links = () => service.features.documentLinks.provideDocumentLinks(paths.calibration, neverCancelled);
  const linkFor = (destination: string) => links().find((l) => tuple(l.range)!.join() === rangeOf(calibration, destination).join());

  it('lists exactly the working links, in document order, with their targets', () => {
    const purposeLine = positionOf(application, '### 1. Purpose').line + 1;
    const anchorLine = positionOf(application, '<a id=').line + 1;
    const notesLine = positionOf(calibration, '## Notes').line + 1;
    assert.deepEqual(
      links().map((l) => l.target),
      [
        uriFromPath(paths.evaluation),
        `${uriFromPath(paths.application)}#L${purposeLine}`,
        `${uriFromPath(paths.application)}#L${anchorLine}`,
        uriFromPath(paths.metrics),
        uriFromPath(paths.twoReadme),
        `${uriFromPath(paths.calibration)}#L${notesLine}`,
        'https://example.org/a_b',
        'file:///ws/2_Lifecycle/2_Development/Images/pic%20%281%29.png',
        uriFromPath(paths.big),
        uriFromPath(paths.application),
      ],
    );
  });

  it('ranges cover exactly the destinations, angle brackets included', () => {
    assert.ok(linkFor('../QG_Evaluation_(Development).md'));
    assert.ok(linkFor('<../Images/pic (1).png>'));
    assert.ok(linkFor('<../../../1_System/Application.md>'));
  });

  it('folder links open the folder document, with a tooltip naming it', () => {
    assert.deepEqual(linkFor('../Metrics/'), { range: linkFor('../Metrics/')!.range, target: uriFromPath(paths.metrics), tooltip: 'Open QG Metrics' });
    assert.equal(linkFor('../Two/')!.tooltip, 'Open Two gates');
  });

  it('no link for broken, missing-anchor, empty, outside links or folders without a document', () => {
    for (const destination of ['./QG_Missing.md', '../../../1_System/Application.md#9-gone', '../../../../outside.md', '../Images/']) {
      assert.equal(linkFor(destination), undefined, destination);
    }
    assert.equal(
      links().some((l) => l.range.start.line === positionOf(calibration, '[Empty]()').line),
      false,
    );
  });

  it('no link for `[x](<>)`', async () => {
    const { service: s } = await buildService({ '/ws/a.md': '[x](<>) [y](a.md)\n' });
    assert.deepEqual(
      s.features.documentLinks.provideDocumentLinks('/ws/a.md', neverCancelled).map((l) => tuple(l.range)),
      [[0, 12, 0, 16]],
    );
  });

  it('mailto autolinks link to their URL with scheme', async () => {
    const { service: s } = await buildService({ '/ws/a.md': '<me@example.org> www.example.com\n' });
    assert.deepEqual(
      s.features.documentLinks.provideDocumentLinks('/ws/a.md', neverCancelled).map((l) => l.target),
      ['mailto:me@example.org'],
    );
  });

  it('nothing for unknown documents or when cancelled', () => {
    assert.deepEqual(service.features.documentLinks.provideDocumentLinks('/ws/none.md', neverCancelled), []);
    assert.deepEqual(service.features.documentLinks.provideDocumentLinks(paths.calibration, cancelled), []);
  });
});
