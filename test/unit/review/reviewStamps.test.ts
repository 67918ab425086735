import assert from 'node:assert/strict';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { contentFingerprint, reviewBlocks, reviewText } from '../../../server/src/domain/review/fingerprint';
import { parseStampFile, renderStampFile, StampFileError } from '../../../server/src/domain/review/stampFile';
import { planReviewMark } from '../../../server/src/analysis/review/markReviewed';
import { reviewOf } from '../../../server/src/analysis/review/reviewStatus';
import { changedSectionNames, reviewDiff } from '../../../server/src/analysis/review/reviewDiff';
import { buildService } from '../helpers';
import type { Engine } from '../../../server/src/engine/engine';
import type { InMemoryFileSystem } from '../../../server/src/base/fileSystem';

const QG = '/ws/QG_Data.md';
const RISK = '/ws/risks/Bias.md';
const QG_TEXT = '# QG Data\n\nCites the [bias risk](risks/Bias.md) and [again](risks/Bias.md#mitigation).\n';
const RISK_TEXT = '# Bias\n\n## Analysis\n\nThe data  may be\nskewed.\n\n## Mitigation\n\nRe-weight the samples.\n';

async function workspace(): Promise<{ service: Engine; fs: InMemoryFileSystem }> {
  return buildService({ [QG]: QG_TEXT, [RISK]: RISK_TEXT, '/ws/Other.md': '# Other\n' });
}

/** Marks documents reviewed and applies the plan to the memory file system, as the editor or CLI would. */
async function mark(service: Engine, fs: InMemoryFileSystem, paths: string[], trace?: string): Promise<string[]> {
  const plan = await planReviewMark(service.index, paths, { by: 'Ada', at: '2026-12-01T10:00:00.000Z', trace }, neverCancelled);
  assert.deepEqual(plan.refused, []);
  for (const write of plan.writes) {
    fs.write(write.path, write.text);
    await service.fileChanged(write.path, write.previous === undefined ? 'created' : 'changed');
  }
  return plan.writes.map((w) => w.path);
}

async function edit(service: Engine, fs: InMemoryFileSystem, path: string, text: string): Promise<void> {
  fs.write(path, text);
  await service.fileChanged(path, 'changed');
}

const codes = (service: Engine, path: string) => service.features.diagnostics.provideDiagnostics(path, neverCancelled).map((d) => d.code);

describe('review stamps (docs/review.md)', () => {
  it('fingerprints ignore whitespace, line endings and re-wrapping, but not words', () => {
    const base = contentFingerprint('# T\n\nOne two\nthree.\n\n- a\n- b\n');
    assert.equal(contentFingerprint('# T\r\n\r\n\r\n  One   two three.  \n\n- a\n-   b'), base);
    assert.notEqual(contentFingerprint('# T\n\nOne two\nfour.\n\n- a\n- b\n'), base);
    // List items stay separate blocks: joining two items is a change.
    assert.notEqual(contentFingerprint('# T\n\nOne two three.\n\n- a - b\n'), base);
    assert.deepEqual(reviewBlocks('---\nName: X\nTags: y\n---\n# H\ntext\nmore\n'), ['---', 'Name: X', 'Tags: y', '---', '# H', 'text more']);
  });

  it('the diff since review compares the snapshot block by block: only the changed sections show', () => {
    const reviewed = reviewText('# Gate\n\n#### Input\n> Which inputs?\n\nLabelled images.\n\n#### Output\n> Which outputs?\n\nA model.\n');
    const diff = reviewDiff(reviewed, '# Gate\n\n#### Input\n> Which inputs?\n\nLabelled   images.\n\n#### Output\n> Which outputs?\n\nA model and a log.\n');
    assert.deepEqual(changedSectionNames(diff), ['Output']);
    assert.deepEqual(
      diff.sections[0].lines.map((l) => `${l.kind} ${l.text}`),
      ['removed A model.', 'added A model and a log.'],
    );
  });

  it('stamp files round-trip, with sorted traces and quoted strings; bad ones say what is wrong', () => {
    const stamp = {
      reviewedBy: 'Ada "A." L',
      reviewedAt: '2026-12-01T10:00:00.000Z',
      fingerprint: '0123456789abcdef',
      traces: { 'b: x.md': 'fedcba9876543210', 'a.md': '00000000000000ff' },
    };
    const text = renderStampFile('QG.md', stamp);
    assert.ok(text.indexOf('"a.md"') < text.indexOf('"b: x.md"'), text);
    assert.deepEqual(parseStampFile(text), stamp);
    assert.throws(() => parseStampFile('reviewedBy: x\nreviewedAt: 2026-01-01\nfingerprint: 12ab\n'), StampFileError);
    assert.throws(() => parseStampFile('<<<<<<< HEAD\nreviewedBy: x\n'), /YAML|mapping/);
  });

  it('a suspect trace appears after the target changes and clears after "mark reviewed"', async () => {
    const { service, fs } = await workspace();
    assert.equal(reviewOf(service.index, service.index.getDocument(QG)!).state, 'unreviewed');
    const written = await mark(service, fs, [QG]);
    // One stamp, and one snapshot per distinct text (the document and its one target).
    assert.deepEqual(
      written.filter((p) => p.includes('/reviews/')),
      ['/ws/.mqg4ai/reviews/QG_Data.md.yaml'],
    );
    assert.equal(written.filter((p) => p.includes('/snapshots/')).length, 2);
    assert.equal(reviewOf(service.index, service.index.getDocument(QG)!).state, 'reviewed');
    assert.ok(!codes(service, QG).includes('trace.suspect'));

    // Whitespace only: still reviewed.
    await edit(service, fs, RISK, RISK_TEXT.replace('The data  may be\nskewed.', 'The data may be skewed.   '));
    assert.ok(!codes(service, QG).includes('trace.suspect'));

    await edit(service, fs, RISK, RISK_TEXT.replace('Re-weight the samples.', 'Drop the outliers.'));
    const suspects = service.features.diagnostics.provideDiagnostics(QG, neverCancelled).filter((d) => d.code === 'trace.suspect');
    assert.equal(suspects.length, 2, 'both links to the changed risk');
    assert.equal(suspects[0].severity, 2);
    assert.match(suspects[0].message, /"Bias\.md" changed since this document was reviewed by Ada on 2026-12-01/);
    const review = reviewOf(service.index, service.index.getDocument(QG)!);
    assert.equal(review.state, 'suspect');

    // The reviewed text is stored: the diff names the section that changed.
    const snapshot = await service.index.readText(`/ws/.mqg4ai/snapshots/${review.suspectTraces[0].reviewedFingerprint}.txt`);
    const diff = reviewDiff(snapshot!, (await service.index.readText(RISK))!);
    assert.deepEqual(changedSectionNames(diff), ['Mitigation']);
    assert.deepEqual(
      diff.sections[0].lines.map((l) => `${l.kind} ${l.text}`),
      ['removed Re-weight the samples.', 'added Drop the outliers.'],
    );

    await mark(service, fs, [QG], RISK);
    assert.equal(reviewOf(service.index, service.index.getDocument(QG)!).state, 'reviewed');
    assert.ok(!codes(service, QG).includes('trace.suspect'));
  });

  it('a document changed since its stamp is unreviewed; its new links are not suspect, its changed targets are', async () => {
    const { service, fs } = await workspace();
    await mark(service, fs, [QG]);
    await edit(service, fs, QG, `${QG_TEXT}\nAlso [other](Other.md).\n`);
    let review = reviewOf(service.index, service.index.getDocument(QG)!);
    assert.equal(review.state, 'unreviewed');
    assert.equal(review.changedSinceReview, true);
    assert.deepEqual(review.suspectTraces, []);
    await edit(service, fs, RISK, '# Bias\n\nRewritten.\n');
    review = reviewOf(service.index, service.index.getDocument(QG)!);
    assert.deepEqual(
      review.suspectTraces.map((s) => s.target),
      [RISK, RISK],
    );
  });

  it('an unreadable stamp is review.invalid-stamp on the document, which counts as unreviewed', async () => {
    const { service, fs } = await workspace();
    fs.write('/ws/.mqg4ai/reviews/QG_Data.md.yaml', 'reviewedBy: Ada\n<<<<<<< HEAD\n');
    await service.fileChanged('/ws/.mqg4ai/reviews/QG_Data.md.yaml', 'created');
    const found = service.features.diagnostics.provideDiagnostics(QG, neverCancelled).filter((d) => d.code === 'review.invalid-stamp');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /\.mqg4ai\/reviews\/QG_Data\.md\.yaml cannot be read: not valid YAML/);
    assert.equal(reviewOf(service.index, service.index.getDocument(QG)!).state, 'unreviewed');
    // Deleting the stamp file forgets the stamp.
    fs.delete('/ws/.mqg4ai/reviews/QG_Data.md.yaml');
    await service.fileChanged('/ws/.mqg4ai/reviews/QG_Data.md.yaml', 'deleted');
    assert.ok(!codes(service, QG).includes('review.invalid-stamp'));
    assert.equal(service.index.reviews.get(QG), undefined);
  });

  it('trace.suspect is configurable like every rule (rules: trace.suspect: off)', async () => {
    const { service, fs } = await workspace();
    await mark(service, fs, [QG]);
    await edit(service, fs, RISK, '# Bias\n\nChanged.\n');
    assert.ok(codes(service, QG).includes('trace.suspect'));
    fs.write('/ws/.mqg4ai.yaml', 'rules:\n  trace.suspect: "off"\n');
    await service.configure();
    assert.ok(!codes(service, QG).includes('trace.suspect'));
  });

  it('stamps present when the workspace is indexed are loaded with it', async () => {
    const { service, fs } = await workspace();
    await mark(service, fs, [QG]);
    const files: Record<string, string> = {};
    for (const path of ['/ws/QG_Data.md', '/ws/risks/Bias.md', '/ws/.mqg4ai/reviews/QG_Data.md.yaml']) files[path] = (await service.index.readText(path))!;
    files[RISK] = '# Bias\n\nChanged.\n';
    const { service: again } = await buildService(files);
    assert.equal(reviewOf(again.index, again.index.getDocument(QG)!).state, 'suspect');
  });
});
