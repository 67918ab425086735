import { posix } from 'node:path';
import { uriFromPath } from '../base/fileSystem';
import { plainLine } from '../base/escape';
import { reviewCounts, type AssessmentReviews } from '../analysis/review/reviewReport';
import type { DocumentReview } from '../analysis/review/reviewStatus';
import type { ReviewDocumentInfo, ReviewStatusResult } from '../../../protocol/protocol';

/** One document's review as `review status --format json` and `mqg4ai/reviewStatus` list it. */
function documentInfo(review: DocumentReview, root: string): ReviewDocumentInfo {
  return {
    path: posix.relative(root, review.path),
    uri: uriFromPath(review.path),
    status: review.state,
    reviewedBy: review.stamp?.reviewedBy ?? null,
    reviewedAt: review.stamp?.reviewedAt ?? null,
    suspectTraces: review.suspectTraces.map((s) => ({ line: s.link.range.start.line + 1, target: s.link.rawDestination, targetUri: uriFromPath(s.target) })),
  };
}

/** `mqg4ai/reviewStatus`: every assessment's documents with their status (docs/protocol.md). */
export function reviewStatusData(groups: readonly AssessmentReviews[], root: string): ReviewStatusResult {
  return {
    version: 1,
    root,
    assessments: groups.map((g) => ({
      id: g.assessment?.id ?? null,
      label: g.assessment?.label ?? '(no assessment)',
      documents: g.reviews.map((r) => documentInfo(r, root)),
    })),
  };
}

/** `mqg4ai review status --format json`: `{version, root, documents: [{path, status, reviewedBy, reviewedAt, suspectTraces: [{line, target}]}]}`. */
export function renderReviewStatusJson(groups: readonly AssessmentReviews[], root: string): string {
  const documents = groups
    .flatMap((g) => g.reviews)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((review) => {
      const { path, status, reviewedBy, reviewedAt, suspectTraces } = documentInfo(review, root);
      return { path, status, reviewedBy, reviewedAt, suspectTraces: suspectTraces.map(({ line, target }) => ({ line, target })) };
    });
  return `${JSON.stringify({ version: 1, root, documents }, null, 2)}\n`;
}

/** `mqg4ai review status`: per assessment its counts, then each document that is not reviewed (suspect traces by line). */
export function renderReviewStatusText(groups: readonly AssessmentReviews[], root: string): string {
  const out: string[] = [];
  for (const group of groups) {
    const counts = reviewCounts(group.reviews);
    const label = group.assessment ? `${group.assessment.label} (${group.assessment.relativeFolder})` : '(no assessment)';
    out.push(`${plainLine(label)}: ${counts.reviewed} reviewed, ${counts.suspect} suspect, ${counts.unreviewed} unreviewed`);
    for (const review of group.reviews) {
      const by = review.stamp
        ? ` (reviewed by ${plainLine(review.stamp.reviewedBy)} on ${review.stamp.reviewedAt.slice(0, 10)}${review.changedSinceReview ? ', changed since' : ''})`
        : '';
      const problem = review.problem ? ` (stamp unreadable: ${plainLine(review.problem)})` : '';
      out.push(`  ${review.state.padEnd(10)} ${posix.relative(root, review.path)}${by}${problem}`);
      for (const s of review.suspectTraces)
        out.push(`             line ${s.link.range.start.line + 1}: ${plainLine(s.link.rawDestination)} changed since the review`);
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : 'No documents.\n';
}
