// Baseline comparison with many equal findings: nearest-line pairing in O(n log n).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareWithBaseline, createBaseline } from '../../../server/src/analysis/findings/baseline';
import { missingFileFinding } from '../../helpers/check';
import { fuzzParams } from './fuzzHelpers';
import { growthRatio, MAX_LINEAR_RATIO } from './growth';

const finding = (line: number) => missingFileFinding(line);

/** The former all-pairs greedy pairing: which findings (by index) are paired. */
function allPairs(entries: readonly number[], lines: readonly number[]): Set<number> {
  const pairs = entries.flatMap((line, e) => lines.map((l, i) => ({ e, i, distance: Math.abs(l - line) })));
  pairs.sort((a, b) => a.distance - b.distance || a.i - b.i);
  const used = new Set<number>();
  const paired = new Set<number>();
  for (const p of pairs) {
    if (used.has(p.e) || paired.has(p.i)) continue;
    used.add(p.e);
    paired.add(p.i);
  }
  return paired;
}

describe('robustness: baseline comparison', () => {
  it('pairs as the all-pairs greedy does (distinct distances)', () => {
    // Lines that are distinct powers of two have distinct pairwise distances.
    const lines = fc.uniqueArray(fc.integer({ min: 0, max: 24 }), { minLength: 2, maxLength: 14 }).map((ks) => ks.map((k) => 2 ** k));
    fc.assert(
      fc.property(lines, fc.nat(), (all, cut) => {
        const split = 1 + (cut % (all.length - 1));
        const entries = all.slice(0, split);
        const current = all.slice(split);
        if (entries.length >= current.length) return;
        const marked = compareWithBaseline(current.map(finding), createBaseline(entries.map(finding)));
        const expected = allPairs(entries, current);
        assert.deepEqual(
          marked.map((f, i) => (f.baseline === 'unchanged' ? i : -1)).filter((i) => i >= 0),
          [...expected].sort((a, b) => a - b),
        );
      }),
      fuzzParams(300),
    );
  });

  it('thousands of equal findings: n log n, not quadratic', () => {
    const { ratio, small, large } = growthRatio(
      (n) => ({
        current: Array.from({ length: n }, (_, i) => finding(i + 1)),
        baseline: createBaseline(Array.from({ length: n - 1 }, (_, i) => finding(2 * i + 1))),
      }),
      ({ current, baseline }) => compareWithBaseline(current, baseline),
      10_000,
    );
    assert.ok(ratio < MAX_LINEAR_RATIO, `4x the findings took ${ratio.toFixed(1)}x (${small.toFixed(1)} -> ${large.toFixed(1)} ms)`);
  });
});
