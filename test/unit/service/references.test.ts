import assert from 'node:assert/strict';
import type { Location } from 'vscode-languageserver-types';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { uriFromPath } from '../../../server/src/base/fileSystem';
import type { Engine as LanguageService } from '../../../server/src/engine/engine';
import { buildService, cancelled, positionOf, rangeOf } from '../helpers';
import { application, calibration, evaluation, files, metrics, paths, readme } from './fixture';

const texts: Record<string, string> = {
  [uriFromPath(paths.application)]: application,
  [uriFromPath(paths.calibration)]: calibration,
  [uriFromPath(paths.evaluation)]: evaluation,
  [uriFromPath(paths.metrics)]: metrics,
  [uriFromPath(paths.readme)]: readme,
};

/** A location as `file-name:covered text`, readable and exact. */
function show(location: Location): string {
  const text = texts[location.uri];
  assert.ok(text, `unexpected uri ${location.uri}`);
  const lines = text.split('\n');
  const { start, end } = location.range;
  assert.equal(start.line, end.line, 'single-line range');
  return `${decodeURIComponent(location.uri.split('/').pop()!)}:${lines[start.line].slice(start.character, end.character)}`;
}

describe('service: references', () => {
  let service: LanguageService;
  before(async () => {
    ({ service } = await buildService(files));
  });

  const refs = (path: string, text: string, needle: string, offset = 1, includeDeclaration = false, token = neverCancelled) =>
    service.features.references.provideReferences(path, positionOf(text, needle, offset), includeDeclaration, token);

  it('on a heading: every link to its slug across the workspace, however spelled', () => {
    const result = refs(paths.application, application, '### 1. Purpose', 5);
    assert.deepEqual(result.map(show).sort(), [
      'QG_Calibration_(Binary).md:../../../1_System/Application.md#1-purpose',
      'README.md:1_System/Application.md#1%2Dpurpose',
      'README.md:1_System/Application.md#1-purpose',
    ]);
  });

  it('on a heading with includeDeclaration: the heading text first', () => {
    const result = refs(paths.application, application, '### 1. Purpose', 5, true);
    assert.deepEqual(result[0], { uri: uriFromPath(paths.application), range: toRange(rangeOf(application, '1. Purpose')) });
    assert.equal(result.length, 4);
  });

  it('on a heading: includes same-document links to it', () => {
    const result = refs(paths.calibration, calibration, '## Notes', 4);
    assert.deepEqual(result.map(show).sort(), [
      'QG_Calibration_(Binary).md:#notes',
      'QG_Metrics_(Development).md:../Calibration/QG_Calibration_(Binary).md#notes',
    ]);
  });

  it("on the document's title heading or its front-matter Name: the links to the document, not those to its sections", () => {
    const onTitle = refs(paths.application, application, '## Application', 4).map(show).sort();
    assert.ok(onTitle.length > 0 && onTitle.every((l) => !l.includes('#')), onTitle.join('\n'));
    assert.deepEqual(refs(paths.application, application, 'Name: Application', 7).map(show).sort(), onTitle);
    assert.deepEqual(refs(paths.application, application, '## Application', 4, true)[0], {
      uri: uriFromPath(paths.application),
      range: { start: { line: 3, character: 3 }, end: { line: 3, character: 14 } },
    });
  });

  it('on a heading nobody links to: nothing (or only the declaration)', () => {
    assert.deepEqual(refs(paths.calibration, calibration, '### 1. Interdependency Graph', 5), []);
    assert.equal(refs(paths.calibration, calibration, '### 1. Interdependency Graph', 5, true).length, 1);
  });

  it('on a link with a fragment: every link to the same heading', () => {
    const result = refs(paths.readme, readme, '1_System/Application.md#1-purpose');
    assert.equal(result.length, 3);
    assert.ok(result.map(show).includes('QG_Calibration_(Binary).md:../../../1_System/Application.md#1-purpose'));
  });

  it('on a link without a fragment: every link to that document, any fragment, including definitions', () => {
    const result = refs(paths.readme, readme, './1_System/Application.md');
    assert.deepEqual(result.map(show).sort(), [
      'QG_Calibration_(Binary).md:../../../1_System/Application.md#1-purpose',
      'QG_Calibration_(Binary).md:../../../1_System/Application.md#9-gone',
      'QG_Calibration_(Binary).md:../../../1_System/Application.md#legacy-purpose',
      'QG_Calibration_(Binary).md:<../../../1_System/Application.md>',
      'README.md:./1_System/Application.md',
      'README.md:1_System/Application.md#1%2Dpurpose',
      'README.md:1_System/Application.md#1-purpose',
    ]);
  });

  it('anywhere else in a document: every link to the document', () => {
    const result = refs(paths.application, application, 'Triage of');
    assert.equal(result.length, 7);
    const calibrationLinks = result.filter((l) => l.uri === uriFromPath(paths.calibration));
    assert.equal(calibrationLinks.length, 4);
  });

  it('on a reference-style link: links to its definition\u2019s target', () => {
    const result = refs(paths.calibration, calibration, '[Reference style][app]', 3);
    assert.equal(result.length, 7);
  });

  it('on a folder link: every link to that folder', () => {
    const result = refs(paths.calibration, calibration, '../Metrics/');
    assert.deepEqual(result.map(show), ['QG_Calibration_(Binary).md:../Metrics/']);
  });

  it('on an external or empty link: nothing', () => {
    assert.deepEqual(refs(paths.calibration, calibration, 'https://example.org'), []);
    assert.deepEqual(refs(paths.calibration, calibration, '[Empty]()', 8), []);
  });

  it('ranges are the destinations of the referring links', () => {
    const [loc] = refs(paths.calibration, calibration, '../Metrics/');
    assert.deepEqual(loc.range, toRange(rangeOf(calibration, '../Metrics/')));
  });

  it('nothing for an unknown document or when cancelled', () => {
    assert.deepEqual(service.features.references.provideReferences('/ws/none.md', { line: 0, character: 0 }, true, neverCancelled), []);
    assert.deepEqual(refs(paths.application, application, '### 1. Purpose', 5, true, cancelled), []);
    assert.deepEqual(refs(paths.readme, readme, './1_System/Application.md', 1, false, cancelled), []);
  });
});

function toRange([sl, sc, el, ec]: [number, number, number, number]) {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}
