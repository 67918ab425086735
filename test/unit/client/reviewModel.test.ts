import assert from 'node:assert/strict';
import type { CoverageItem, ReviewStatusResult } from '../../../protocol/protocol';
import { reviewGroup, withReviewGroups } from '../../../client/src/review/reviewModel';

const doc = (path: string, status: 'reviewed' | 'unreviewed' | 'suspect', traces: Array<{ line: number; target: string }> = []) => ({
  path,
  uri: `file:///ws/${path}`,
  status,
  reviewedBy: status === 'unreviewed' ? null : 'Ada',
  reviewedAt: status === 'unreviewed' ? null : '2026-12-01T10:00:00.000Z',
  suspectTraces: traces.map((t) => ({ ...t, targetUri: `file:///ws/${t.target}` })),
});

const STATUS: ReviewStatusResult = {
  version: 1,
  root: '/ws',
  assessments: [
    {
      id: 'v1',
      label: 'v1',
      documents: [doc('v1/QG_A.md', 'suspect', [{ line: 8, target: 'Risk.md' }]), doc('v1/QG_B.md', 'reviewed'), doc('v1/QG_C.md', 'unreviewed')],
    },
    { id: 'v2', label: 'v2', documents: [doc('v2/QG_A.md', 'reviewed')] },
  ],
};

const tree = (id: string): CoverageItem => ({ id, label: id, kind: 'tree', status: 'open', covered: 0, total: 1, children: [] });

describe('client: the Review group of the coverage view (client/src/review/reviewModel.ts)', () => {
  it('lists suspect traces (opening the link line), unreviewed and reviewed documents, with counts', () => {
    const group = reviewGroup('v1', STATUS.assessments[0]);
    assert.equal(group.label, 'Review');
    assert.equal(group.description, '1/3 reviewed, 1 with suspect traces');
    assert.equal(group.status, 'partial');
    assert.deepEqual(
      group.children.map((c) => [c.label, c.description, c.children.map((x) => x.label)]),
      [
        ['Suspect traces', '1', ['QG_A.md → Risk.md']],
        ['Unreviewed documents', '1', ['QG_C.md']],
        ['Reviewed', '1', ['QG_B.md']],
      ],
    );
    const trace = group.children[0].children[0];
    assert.equal(trace.uri, 'file:///ws/v1/QG_A.md');
    assert.deepEqual(trace.range?.start, { line: 7, character: 0 });
    assert.equal(new Set([group, ...group.children, ...group.children.flatMap((c) => c.children)].map((i) => i.id)).size, 7, 'IDs are unique');
  });

  it('one group per assessment tree, or one for all documents on the first tree', () => {
    const byAssessment = withReviewGroups([tree('a'), tree('b')], ['v2', 'v1'], STATUS);
    assert.deepEqual(
      byAssessment.map((t) => t.children.map((c) => [c.id, c.covered, c.total])),
      [[['review:v2', 1, 1]], [['review:v1', 1, 3]]],
    );
    const single = withReviewGroups([tree('a'), tree('b')], undefined, STATUS);
    assert.deepEqual(
      single.map((t) => t.children.map((c) => [c.id, c.total])),
      [[['review:all', 4]], []],
    );
    assert.deepEqual(withReviewGroups([], undefined, STATUS), []);
  });
});
