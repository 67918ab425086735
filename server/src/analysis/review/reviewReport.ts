import { throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import { isInside } from '../../syntax/resolveLink';
import { assessmentOf, type Assessment } from '../../workspace/assessments';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { reviewOf, type DocumentReview } from './reviewStatus';

/** The reviews of one assessment's documents (or of the documents in no assessment). */
export interface AssessmentReviews {
  readonly assessment?: Assessment;
  readonly reviews: readonly DocumentReview[];
}

/**
 * The review status of every checked, parsed document inside `scope` (every workspace folder by
 * default), grouped by assessment (applications and design knowledge in folder order, documents
 * in no assessment last); only `only`'s documents when given.
 */
export function collectReviews(index: WorkspaceIndex, scope: readonly string[] | undefined, token: CancellationToken, only?: Assessment): AssessmentReviews[] {
  const groups = new Map<string | undefined, { assessment?: Assessment; reviews: DocumentReview[] }>();
  const docs = [...index.allDocuments()].filter(
    (doc) => !doc.skipped && index.isChecked(doc.path) && (!scope || scope.some((s) => doc.path === s || isInside(doc.path, s))),
  );
  docs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const doc of docs) {
    throwIfCancelled(token);
    const assessment = assessmentOf(index, doc.path);
    if (only && assessment?.id !== only.id) continue;
    let group = groups.get(assessment?.id);
    if (!group) groups.set(assessment?.id, (group = { assessment, reviews: [] }));
    group.reviews.push(reviewOf(index, doc));
  }
  return [...groups.values()].sort((a, b) => (!a.assessment ? 1 : !b.assessment ? -1 : a.assessment.folder < b.assessment.folder ? -1 : 1));
}

/** How many documents of each status. */
export function reviewCounts(reviews: readonly DocumentReview[]): { reviewed: number; suspect: number; unreviewed: number } {
  const counts = { reviewed: 0, suspect: 0, unreviewed: 0 };
  for (const review of reviews) counts[review.state]++;
  return counts;
}

/** An assessment's review status as the coverage report lists it (paths relative to the report's root). */
export interface ReportReviews {
  readonly assessment: string | null;
  readonly label: string;
  readonly reviewed: number;
  readonly suspect: number;
  readonly unreviewed: number;
  /** Documents with suspect traces: each trace's 1-based line and destination as written. */
  readonly suspectDocuments: ReadonlyArray<{ readonly file: string; readonly traces: ReadonlyArray<{ readonly line: number; readonly target: string }> }>;
}

/** The review part of the coverage report: counts per assessment and the suspect traces. */
export function reportReviews(groups: readonly AssessmentReviews[], relative: (path: string) => string): ReportReviews[] {
  return groups.map((group) => ({
    assessment: group.assessment?.id ?? null,
    label: group.assessment?.label ?? '(no assessment)',
    ...reviewCounts(group.reviews),
    suspectDocuments: group.reviews
      .filter((r) => r.state === 'suspect')
      .map((r) => ({ file: relative(r.path), traces: r.suspectTraces.map((s) => ({ line: s.link.range.start.line + 1, target: s.link.rawDestination })) })),
  }));
}
