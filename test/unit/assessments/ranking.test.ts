import assert from 'node:assert/strict';
import { rankFileCandidates, rankFolderCandidates } from '../../../server/src/features/refactor/linkCandidates';
import { quickFixesFor } from '../../../server/src/features/refactor/quickFixes';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import { suggestFile, suggestFolder } from '../../../server/src/analysis/diagnostics/suggestions';
import { DK, V1, V2, multiIndex } from './fixture';

const FROM = `${V2}/2_Lifecycle/2_Development/QG_Extra_(Triage).md`;
const lines = (text: string) => text.split('\n');

/** A v2 document whose link names the label review, which v2 removed and v1 still has. */
const extra = (destination: string) => ({ [FROM]: `# Extra\n\n[label review](${destination})\n` });

describe("assessments: quick fixes and suggestions prefer the linking document's own assessment", () => {
  it('ranks a weaker candidate of the same assessment above an exact namesake in another version', async () => {
    const { index } = await multiIndex({
      ...extra('../1_Data/QG_LabelReview_(Triage).md'),
      [`${V2}/3_RiskManagement/notes/old/QG_LabelCheck_(Triage).md`]: '# Label check\n',
    });
    const missing = `${V2}/2_Lifecycle/1_Data/QG_LabelReview_(Triage).md`;
    const ranked = rankFileCandidates(index, index.getDocument(FROM)!, missing, 'label review', undefined, 20);
    assert.ok(ranked[0].path.startsWith(`${V2}/`), ranked[0].path);
    assert.equal(ranked[0].assessment, undefined, 'same assessment: no mark');
    const at = ranked.findIndex((c) => c.path === `${V1}/2_Lifecycle/1_Data/QG_LabelReview_(Triage).md`);
    const v1 = ranked[at];
    assert.ok(
      ranked.some((c) => c.path.endsWith('QG_LabelCheck_(Triage).md') && c.score < v1.score),
      'the namesake scores higher by name alone',
    );
    assert.ok(
      ranked.slice(0, at).every((c) => c.path.startsWith(`${V2}/`)),
      'every own candidate first',
    );
    assert.deepEqual(v1.assessment, { relation: 'other', label: 'v1_Triage_(Pilot)' });

    const fixes = quickFixesFor(index, index.getDocument(FROM)!, lines(index.openText(FROM) ?? ''), {
      canCreateFiles: false,
      maxCandidates: 20,
      codes: ['link.missing-file'],
    });
    // No own candidate is a clear winner (the first one is an unrelated gate): preferring it would
    // let the editor's Auto Fix plant a wrong trace, so none is preferred.
    assert.ok(fixes[0].title.includes('QG_DataSplit_(Triage).md'), fixes[0].title);
    assert.deepEqual(
      fixes.filter((f) => f.isPreferred).map((f) => f.title),
      [],
    );
    const other = fixes.find((f) => f.title.includes('v1_Triage_(Pilot)/2_Lifecycle/1_Data/QG_LabelReview_(Triage).md'))!;
    assert.match(other.title, / \(in another assessment: v1_Triage_\(Pilot\)\)$/);
    assert.equal(other.isPreferred, false);
    assert.equal(other.safe, false);
  });

  it('a target only another application has is offered, marked, never preferred and never applied by fix-all', async () => {
    const { index } = await multiIndex(extra('../1_Data/QG_LabelReview_(Triage).md'));
    const doc = index.getDocument(FROM)!;
    const fixes = quickFixesFor(index, doc, [], { canCreateFiles: false, codes: ['link.missing-file'] });
    const toV1 = fixes.filter((f) => f.title.includes('v1_Triage_(Pilot)'));
    assert.ok(toV1.length >= 1);
    for (const fix of toV1) {
      assert.match(fix.title, /\(in another assessment: v1_Triage_\(Pilot\)\)/);
      assert.equal(fix.isPreferred, false);
      assert.equal(fix.safe, false);
    }
    assert.ok(!fixes.some((f) => f.isPreferred && f.title.includes('v1_')));

    const [diagnostic] = computeDocumentDiagnostics(index, doc).filter((d) => d.code === 'link.missing-file');
    assert.equal(diagnostic.suggestion, undefined, 'never the suggestion a client would apply');
    assert.match(
      diagnostic.message,
      /Did you mean ".*v1_Triage_\(Pilot\)\/2_Lifecycle\/1_Data\/QG_LabelReview_\(Triage\)\.md" \(in another assessment: v1_Triage_\(Pilot\)\)\?/,
    );
  });

  it('"Did you mean" prefers a near spelling in the same assessment over a namesake in another version', async () => {
    const { index } = await multiIndex({
      ...extra('../1_Data/QG_LabelReview_(Triage).md'),
      [`${V2}/2_Lifecycle/1_Data/QG_LabelReviews_(Triage).md`]: '# Label reviews\n',
    });
    assert.equal(suggestFile(index, `${V2}/2_Lifecycle/1_Data/QG_LabelReview_(Triage).md`, FROM), `${V2}/2_Lifecycle/1_Data/QG_LabelReviews_(Triage).md`);
    const [diagnostic] = computeDocumentDiagnostics(index, index.getDocument(FROM)!).filter((d) => d.code === 'link.missing-file');
    assert.equal(diagnostic.suggestion, `${V2}/2_Lifecycle/1_Data/QG_LabelReviews_(Triage).md`);
    assert.doesNotMatch(diagnostic.message, /another assessment/);
  });

  it('the design knowledge is an allowed target: marked as such, ranked after the own assessment, not labelled as another assessment', async () => {
    const { index } = await multiIndex(extra('./QG_DataSplit_(Data).md'));
    const ranked = rankFileCandidates(index, index.getDocument(FROM)!, `${V2}/2_Lifecycle/2_Development/QG_DataSplit_(Data).md`, 'data split', undefined);
    const firstDk = ranked.findIndex((c) => c.path.startsWith(DK));
    const lastOwn = ranked.map((c) => c.path.startsWith(V2)).lastIndexOf(true);
    assert.ok(firstDk >= 0 && lastOwn >= 0 && lastOwn < firstDk, JSON.stringify(ranked));
    assert.deepEqual(ranked[firstDk].assessment, { relation: 'allowed', label: 'DesignKnowledge' });
    const fixes = quickFixesFor(index, index.getDocument(FROM)!, [], { canCreateFiles: false, codes: ['link.missing-file'] });
    assert.ok(fixes.every((f) => !f.title.includes('in another assessment: DesignKnowledge')));
    assert.ok(fixes[0].title.includes('QG_DataSplit_(Triage).md'), fixes[0].title);
    // The design knowledge's exact namesake competes with it: no clear winner, so nothing is preferred.
    assert.ok(
      fixes.every((f) => f.isPreferred === f.safe && !f.safe),
      fixes.map((f) => `${f.isPreferred} ${f.title}`).join('\n'),
    );
  });

  it('a clear winner in the own assessment is preferred and safe; every preferred fix is a safe one', async () => {
    const { index } = await multiIndex(extra('../2_Development/QG_ModelChoise_(Triage).md'));
    const fixes = quickFixesFor(index, index.getDocument(FROM)!, [], { canCreateFiles: false, codes: ['link.missing-file'] });
    const preferred = fixes.filter((f) => f.isPreferred);
    assert.equal(preferred.length, 1, fixes.map((f) => `${f.isPreferred} ${f.title}`).join('\n'));
    assert.equal(preferred[0].title, 'Change the link to QG_ModelChoice_(Triage).md');
    assert.equal(preferred[0].safe, true);
    assert.ok(fixes.every((f) => f.isPreferred === f.safe));
  });

  it('folder candidates and folder suggestions follow the same order', async () => {
    const { index } = await multiIndex({
      ...extra('../4_Maintenanc/'),
      [`${V1}/2_Lifecycle/4_Maintenance/QG_Old_(Triage).md`]: '# Old\n',
    });
    // v2 has 4_Maintenance too; v1's copy must not come first, even when nearer by name.
    const ranked = rankFolderCandidates(index, `${V2}/2_Lifecycle/4_Maintenanc`, 5, FROM);
    assert.equal(ranked[0].path, `${V2}/2_Lifecycle/4_Maintenance`);
    assert.ok(ranked.every((c, i) => i === 0 || c.assessment?.relation !== undefined || ranked[i - 1].assessment === undefined));
    const sameNameElsewhere = rankFolderCandidates(index, `${V2}/2_Lifecycle/3_Deployment/4_Maintenance`, 5, FROM);
    assert.equal(sameNameElsewhere[0].path, `${V2}/2_Lifecycle/4_Maintenance`);
    assert.deepEqual(sameNameElsewhere.find((c) => c.path.startsWith(V1))?.assessment, { relation: 'other', label: 'v1_Triage_(Pilot)' });
    assert.equal(suggestFolder(index, `${V2}/2_Lifecycle/3_Deployment/4_Maintenance`, FROM), `${V2}/2_Lifecycle/4_Maintenance`);
  });
});
