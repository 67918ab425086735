import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { rangeContains } from '../../../server/src/base/range';
import { neverCancelled } from '../../../server/src/base/cancellation';
import type { Engine as LanguageService } from '../../../server/src/engine/engine';
import { buildService, cancelled, positionOf, rangeOf, tuple } from '../helpers';
import { calibration, files, paths } from './fixture';

const applicationDescription = [
  '**Application** (Information block)',
  '`1_System/Application.md`',
  '| Tag | Value |\n| --- | --- |\n| Name | Application |\n| Intent | Overview |\n| Usage Example | a\\|b |',
  'Describes what the system is for.',
].join('\n\n');

describe('service: hover', () => {
  let service: LanguageService;
  before(async () => {
    ({ service } = await buildService(files));
  });

  const hoverAt = (needle: string, offset = 1, token = neverCancelled): Hover | undefined =>
    service.features.hover.provideHover(paths.calibration, positionOf(calibration, needle, offset), token);
  const value = (hover: Hover | undefined) => {
    assert.ok(hover, 'a hover');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    return contents.value;
  };

  it('describes the target document: title, kind, path, non-empty tags (escaped) and summary', () => {
    assert.equal(
      value(hoverAt('../QG_Evaluation')),
      [
        '**QG Evaluation** (Collection-QG)',
        '`2_Lifecycle/2_Development/QG_Evaluation_(Development).md`',
        '| Tag | Value |\n| --- | --- |\n| Name | QG\\_Evaluation\\_(Development) |\n| Intent | Overview |',
        'Collects the evaluation gates.',
      ].join('\n\n'),
    );
  });

  it('leaves out empty tag values', () => {
    assert.doesNotMatch(value(hoverAt('#1-purpose')), /Problem/);
  });

  it('names the section a heading anchor points at', () => {
    assert.equal(value(hoverAt('#1-purpose')), `${applicationDescription}\n\nSection: **1\\. Purpose**`);
  });

  it('an HTML anchor gets the document description without a section', () => {
    assert.equal(value(hoverAt('#legacy-purpose', 2)), applicationDescription);
  });

  it('a same-document anchor describes the document itself with the section', () => {
    assert.match(value(hoverAt('(#notes)', 2)), /^\*\*QG Calibration\*\* \(Leaf-QG\)[\s\S]*\n\nSection: \*\*Notes\*\*$/);
  });

  it('describes a folder through its Collection-QG or README', () => {
    assert.equal(
      value(hoverAt('../Metrics/')),
      '**Folder** `2_Lifecycle/2_Development/Metrics/`\n\n**QG Metrics** (Leaf-QG)\n\n`2_Lifecycle/2_Development/Metrics/QG_Metrics_(Development).md`\n\nback',
    );
    assert.match(value(hoverAt('../Two/')), /^\*\*Folder\*\* `2_Lifecycle\/2_Development\/Two\/`\n\n\*\*Two gates\*\* \(Information block\)/);
  });

  it('a folder without a document shows only the folder', () => {
    assert.equal(value(hoverAt('../Images/)')), '**Folder** `2_Lifecycle/2_Development/Images/`');
  });

  it('a non-Markdown file shows its path', () => {
    assert.equal(value(hoverAt('<../Images/pic', 2)), '**File** `2_Lifecycle/2_Development/Images/pic (1).png`');
  });

  it('a skipped target says why it was not read', () => {
    assert.match(
      value(hoverAt('../../../big.md')),
      /^\*\*big\.md\*\* \(Markdown document\)\n\n`big\.md`\n\n_File is 6\.0 MB, above the 5\.0 MB limit; links in it were not checked\._$/,
    );
  });

  it('external links are not checked, with Markdown escaped', () => {
    assert.equal(value(hoverAt('https://example')), 'External link, not checked: https://example.org/a\\_b');
  });

  it('broken links explain themselves with their code', () => {
    assert.equal(value(hoverAt('./QG_Missing')), '**Broken link** (`link.missing-file`)\n\nFile not found: QG\\_Missing.md.');
    assert.equal(value(hoverAt('#9-gone')), '**Broken link** (`link.missing-anchor`)\n\nHeading not found: \\#9-gone in Application.md.');
    assert.match(value(hoverAt('[Empty]()', 8)), /^\*\*Broken link\*\* \(`link\.empty`\)/);
    assert.match(value(hoverAt('../../../../outside')), /^\*\*Broken link\*\* \(`link\.outside-workspace`\)\n\nLink points outside/);
  });

  it('a broken link’s hover lists what the quick fixes would do, the preferred one marked', async () => {
    const text = '# A\n\nSee [the evaluation](QG_Evaluaton.md).\n';
    const { service: s } = await buildService({ '/ws/a.md': text, '/ws/QG_Evaluation.md': '# Evaluation\n' });
    const hover = s.features.hover.provideHover('/ws/a.md', positionOf(text, 'QG_Evaluaton', 2), neverCancelled, text);
    const shown = (hover!.contents as MarkupContent).value;
    assert.match(shown, /^\*\*Broken link\*\* \(`link\.missing-file`\)/);
    assert.match(shown, /\n\nQuick fixes:\n- .*QG\\_Evaluation\.md.* \(preferred\)/);
  });

  it('the hover range is the link destination when hovering it', () => {
    assert.deepEqual(tuple(hoverAt('../QG_Evaluation')!.range), rangeOf(calibration, '../QG_Evaluation_(Development).md'));
  });

  it('a reference-style link describes its definition\u2019s target', () => {
    assert.equal(value(hoverAt('[Reference style]', 2)), applicationDescription);
  });

  it('the hover range of a reference-style link contains the hovered position', () => {
    const position = positionOf(calibration, '[Reference style]', 2);
    const hover = service.features.hover.provideHover(paths.calibration, position, neverCancelled);
    assert.ok(hover?.range, 'a hover with a range');
    assert.ok(rangeContains(hover.range, position), `range ${JSON.stringify(hover.range)} does not contain ${JSON.stringify(position)}`);
  });

  it('nothing off links, for unknown documents, or when cancelled', () => {
    assert.equal(hoverAt('Calibrates the'), undefined);
    assert.equal(service.features.hover.provideHover('/ws/none.md', { line: 0, character: 0 }, neverCancelled), undefined);
    assert.equal(hoverAt('../QG_Evaluation', 1, cancelled), undefined);
  });
});
