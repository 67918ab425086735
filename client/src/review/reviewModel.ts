// The "Review" group of each assessment in the coverage view (docs/review.md): suspect traces,
// unreviewed documents, reviewed documents, from `mqg4ai/reviewStatus`. Free of `vscode`, so plain
// mocha can test it; client/src/review/reviewFeature.ts hooks it into the coverage view.
import type { CoverageItem, ReviewDocumentInfo, ReviewStatusResult } from '../../../protocol/protocol';

type Group = ReviewStatusResult['assessments'][number];

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

function documentItem(prefix: string, doc: ReviewDocumentInfo): CoverageItem {
  const by = doc.reviewedBy ? `Reviewed by ${doc.reviewedBy} on ${doc.reviewedAt?.slice(0, 10) ?? '?'}` : 'No review stamp';
  return {
    id: `${prefix}:${doc.path}`,
    label: basename(doc.path),
    kind: 'group',
    status: doc.status === 'reviewed' ? 'covered' : doc.status === 'suspect' ? 'partial' : 'open',
    covered: doc.status === 'reviewed' ? 1 : 0,
    total: 1,
    description: doc.path,
    detail: doc.status === 'unreviewed' && doc.reviewedBy ? `${by}; changed since.` : `${by}.`,
    uri: doc.uri,
    children: [],
  };
}

/** The Review group of one assessment's documents; `key` keeps its node IDs apart from other assessments'. */
export function reviewGroup(key: string, group: Group): CoverageItem {
  const prefix = `review:${key}`;
  const suspect = group.documents.filter((d) => d.status === 'suspect');
  const unreviewed = group.documents.filter((d) => d.status === 'unreviewed');
  const reviewed = group.documents.filter((d) => d.status === 'reviewed');
  const traces: CoverageItem[] = suspect.flatMap((doc) =>
    doc.suspectTraces.map((trace) => ({
      id: `${prefix}:suspect:${doc.path}:${trace.line}:${trace.target}`,
      label: `${basename(doc.path)} → ${basename(trace.target.split('#')[0])}`,
      kind: 'group' as const,
      status: 'partial' as const,
      covered: 0,
      total: 1,
      description: `line ${trace.line}`,
      detail: `${trace.target} changed since ${doc.path} was reviewed. Hover the link for the change; mark the trace reviewed from its quick fixes.`,
      uri: doc.uri,
      range: { start: { line: trace.line - 1, character: 0 }, end: { line: trace.line - 1, character: 0 } },
      children: [],
    })),
  );
  const part = (id: string, label: string, items: CoverageItem[], status: CoverageItem['status'], detail: string): CoverageItem => ({
    id: `${prefix}:${id}`,
    label,
    kind: 'group',
    status: items.length === 0 ? 'covered' : status,
    covered: status === 'covered' ? items.length : 0,
    total: items.length,
    description: String(items.length),
    detail,
    children: items,
  });
  const total = group.documents.length;
  return {
    id: prefix,
    label: 'Review',
    kind: 'group',
    status: suspect.length > 0 ? 'partial' : reviewed.length === total ? 'covered' : reviewed.length > 0 ? 'partial' : 'open',
    covered: reviewed.length,
    total,
    description: `${reviewed.length}/${total} reviewed${suspect.length > 0 ? `, ${suspect.length} with suspect traces` : ''}`,
    detail:
      'Review stamps of this assessment (docs/review.md): documents whose trace targets changed since their review, documents never reviewed or changed since, and reviewed documents.',
    children: [
      part('suspect', 'Suspect traces', traces, 'partial', 'Links whose target changed since the linking document was reviewed.'),
      part(
        'unreviewed',
        'Unreviewed documents',
        unreviewed.map((d) => documentItem(`${prefix}:unreviewed`, d)),
        'open',
        'No review stamp, or changed since the review.',
      ),
      part(
        'reviewed',
        'Reviewed',
        reviewed.map((d) => documentItem(`${prefix}:reviewed`, d)),
        'covered',
        'Unchanged since the review, and so are their trace targets.',
      ),
    ],
  };
}

/**
 * The coverage trees with a Review group appended to each: with one tree per assessment
 * (`assessmentIds[i]` for `items[i]`), each gets its assessment's group; otherwise the first tree
 * gets one group for every document.
 */
export function withReviewGroups(items: readonly CoverageItem[], assessmentIds: readonly string[] | undefined, status: ReviewStatusResult): CoverageItem[] {
  if (items.length === 0) return [...items];
  if (assessmentIds && assessmentIds.length > 0) {
    return items.map((item, i) => {
      const group = status.assessments.find((g) => g.id === assessmentIds[i]);
      return group && group.documents.length > 0 ? { ...item, children: [...item.children, reviewGroup(group.id ?? 'none', group)] } : item;
    });
  }
  const all: Group = { id: null, label: 'All documents', documents: status.assessments.flatMap((g) => g.documents) };
  if (all.documents.length === 0) return [...items];
  const [first, ...rest] = items;
  return [{ ...first, children: [...first.children, reviewGroup('all', all)] }, ...rest];
}
