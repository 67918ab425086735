// Pack schema checks that cannot go quadratic: no ajv uniqueItems over item IDs
// (80k IDs took 37 s), capped array sizes, capped problem lists.
import assert from 'node:assert/strict';
import { parsePackText } from '../../../server/src/config/loadPacks';
import { growthRatio, MAX_LINEAR_RATIO } from './growth';

const pack = (
  crosswalk: unknown[],
  items: unknown[] = [
    { id: 'OUR.a', title: 'A' },
    { id: 'OUR.b', title: 'B' },
  ],
) => JSON.stringify({ id: 'ours', title: 'Ours', source: 'Us', attribution: 'Us', items, crosswalk });

describe('robustness: pack loading', () => {
  it('a crosswalk entry listing an item twice is a problem (checked without uniqueItems)', () => {
    const { pack: loaded, problems } = parsePackText('/ws/p.json', pack([{ items: ['OUR.a', 'OUR.b', 'OUR.a'] }]));
    assert.ok(loaded);
    assert.deepEqual(
      problems.map((p) => p.message),
      ['Crosswalk: the item "OUR.a" is listed twice in this entry.'],
    );
  });

  it('a crosswalk entry of 80,000 IDs is refused by its size, in linear time', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `OUR.x${i}`);
    const { problems } = parsePackText('/ws/p.json', pack([{ items: ids(80_000) }]));
    assert.deepEqual(
      problems.map((p) => p.message),
      ['Pack file: crosswalk.0.items must NOT have more than 1000 items.'],
    );
    const { ratio, small, large } = growthRatio(
      (n) => pack([{ items: ids(n) }]),
      (text) => parsePackText('/ws/p.json', text),
      5000,
    );
    assert.ok(ratio < MAX_LINEAR_RATIO, `4x the IDs took ${ratio.toFixed(1)}x (${small.toFixed(1)} -> ${large.toFixed(1)} ms)`);
  });

  it('a YAML pack with thousands of keys: duplicate keys found in linear time (the yaml library checks every pair)', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `key${i}: ${i}`).join('\n');
    const duplicated = parsePackText('/ws/p.yaml', `id: a\n${keys(100)}\nid: b\n`);
    assert.deepEqual(
      duplicated.problems.map((p) => [p.message, p.range.start.line]),
      [['Not valid JSON/YAML: Map keys must be unique', 101]],
    );
    const { ratio, small, large } = growthRatio(keys, (text) => parsePackText('/ws/p.yaml', text), 2500);
    assert.ok(ratio < MAX_LINEAR_RATIO, `4x the keys took ${ratio.toFixed(1)}x (${small.toFixed(1)} -> ${large.toFixed(1)} ms)`);
  });

  it('many crosswalk entries of equal IDs: linear, problems capped at 50 plus a count', () => {
    const entries = (n: number) => Array.from({ length: n }, () => ({ items: Array.from({ length: 20 }, () => 'OUR.a') }));
    const { problems } = parsePackText('/ws/p.json', pack(entries(500)));
    assert.equal(problems.length, 51);
    assert.equal(problems[50].message, 'Pack file: 9450 more problem(s), not listed one by one.');
    const { ratio, small, large } = growthRatio(
      (n) => pack(entries(n)),
      (text) => parsePackText('/ws/p.json', text),
      100,
    );
    assert.ok(ratio < MAX_LINEAR_RATIO, `4x the entries took ${ratio.toFixed(1)}x (${small.toFixed(1)} -> ${large.toFixed(1)} ms)`);
  });

  it('10,001 top-level items are refused by their number', () => {
    const items = Array.from({ length: 10_001 }, (_, i) => ({ id: `OUR.i${i}`, title: 'x' }));
    const { problems } = parsePackText('/ws/p.json', pack([], items));
    assert.deepEqual(
      problems.map((p) => p.message),
      ['Pack file: items must NOT have more than 10000 items.'],
    );
  });
});
