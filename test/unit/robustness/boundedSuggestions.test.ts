// "Did you mean" searches on hostile repositories: bounded by a budget, never
// quadratic in (headings x broken anchors), (files x broken links) or (titles x links).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  boundedEditDistance,
  distanceLowerBound,
  DOCUMENT_SEARCH_BUDGET,
  editDistance,
  MAX_COMPARED_LENGTH,
  SearchBudget,
} from '../../../server/src/base/editDistance';
import { suggestAnchor } from '../../../server/src/analysis/diagnostics/suggestions';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import { rankAnchorCandidates, rankFileCandidates } from '../../../server/src/features/refactor/linkCandidates';
import { quickFixesFor } from '../../../server/src/features/refactor/quickFixes';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { buildIndex } from '../helpers';
import { fuzzParams } from './fuzzHelpers';
import { growthRatio, MAX_LINEAR_RATIO } from './growth';

/** The most one comparison can charge beyond a nearly spent budget. */
const ONE_COMPARISON = MAX_COMPARED_LENGTH * (2 * MAX_COMPARED_LENGTH + 1) + 2 * MAX_COMPARED_LENGTH + 1;

function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** A document with `n` headings and `n` links to near-miss anchors of this document. */
function anchorsDoc(n: number): string {
  const headings = Array.from({ length: n }, (_, i) => `## Section heading number ${i}\n`).join('');
  const links = Array.from({ length: n }, (_, i) => `[x](#section-heading-numbr-${i}) `).join('');
  return `# T\n\n${headings}\n${links}\n`;
}

describe('robustness: bounded suggestion searches', () => {
  it('the banded distance is the Levenshtein distance up to its cap, and more beyond it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), fc.string({ maxLength: 14 }), fc.nat({ max: 16 }), (a, b, max) => {
        const exact = reference(a, b);
        const bounded = boundedEditDistance(a, b, max);
        if (exact <= max) assert.equal(bounded, exact);
        else assert.ok(bounded > max);
        assert.equal(editDistance(a, b), exact);
        assert.ok(distanceLowerBound(a, b) <= exact);
      }),
      fuzzParams(300),
    );
  });

  it('a distance the budget cannot pay is not computed', () => {
    const budget = new SearchBudget(10);
    assert.equal(boundedEditDistance('abcdefgh', 'abcdefgx', 4, budget), 5);
    assert.ok(budget.exhausted);
  });

  it('an anchor search over 20,000 headings stops at its budget', () => {
    const doc = parseDocument('/ws/a.md', Array.from({ length: 20_000 }, (_, i) => `## Heading ${i}\n`).join(''));
    const budget = new SearchBudget(100_000);
    suggestAnchor(doc, 'heading-x', budget);
    assert.ok(budget.spent <= 100_000 + ONE_COMPARISON, `spent ${budget.spent}`);
    const ranked = new SearchBudget(100_000);
    rankAnchorCandidates(doc, 'heading-x', 3, ranked);
    assert.ok(ranked.spent <= 100_000 + 2 * ONE_COMPARISON, `spent ${ranked.spent}`);
  });

  it('still finds near anchors, renumbered sections and long slugs (cut, not dropped)', () => {
    const long = 'x'.repeat(400);
    const doc = parseDocument('/ws/a.md', `# A\n\n## 7. Scope\n\n## Overview\n\n## ${long}\n`);
    assert.equal(suggestAnchor(doc, 'overveiw'), 'overview');
    assert.equal(suggestAnchor(doc, '2-scope'), '7-scope');
    assert.equal(suggestAnchor(doc, `${long}y`), long);
  });

  it('headings x broken anchors in one document: linear growth', async () => {
    const built = new Map<number, Awaited<ReturnType<typeof buildIndex>>['index']>();
    for (const n of [300, 1200]) built.set(n, (await buildIndex({ '/ws/a.md': anchorsDoc(n) })).index);
    const { ratio, small, large } = growthRatio(
      (n) => built.get(n)!,
      (index) => computeDocumentDiagnostics(index, index.getDocument('/ws/a.md')!),
      300,
    );
    assert.ok(ratio < MAX_LINEAR_RATIO, `4x the input took ${ratio.toFixed(1)}x the time (${small.toFixed(1)} -> ${large.toFixed(1)} ms)`);
  });

  it('files x broken links in quick fixes: the search spends one bounded budget per request', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2000; i++) files[`/ws/d/QG_Document_number_${i}.md`] = `# Quality gate document number ${i}\n`;
    files['/ws/a.md'] = Array.from({ length: 200 }, (_, i) => `[Quality gate document numbr ${i}](d/QG_Document_numbr_${i}.md)\n`).join('');
    const { index } = await buildIndex(files);
    const doc = index.getDocument('/ws/a.md')!;
    const lines = files['/ws/a.md'].split('\n');
    // Without a shared budget: 200 links x 2000 titles x 3 distances.
    const fixes = quickFixesFor(index, doc, lines, { canCreateFiles: false });
    assert.equal(fixes[0].title, 'Change the link to d/QG_Document_number_0.md');
    const budget = new SearchBudget(DOCUMENT_SEARCH_BUDGET);
    for (const link of doc.links.slice(0, 50)) rankFileCandidates(index, doc, `/ws/d/${link.destination.slice(2)}`, link.text, undefined, 5, undefined, budget);
    assert.ok(budget.spent <= DOCUMENT_SEARCH_BUDGET + 4 * ONE_COMPARISON, `spent ${budget.spent}`);
  });
});
