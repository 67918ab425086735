import { posix } from 'node:path';
import { make, type TraceDiagnostic } from '../../domain/codes';
import { reviewOf } from '../review/reviewStatus';
import type { DocumentRule } from './rule';

const FIRST_LINE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * `trace.suspect`: a link whose target changed since the linking document was reviewed
 * (docs/review.md); `review.invalid-stamp`: the document's stamp file cannot be read.
 * Silent for documents nobody stamped.
 */
export const reviewRule: DocumentRule = {
  name: 'review',
  readsUnversionedState: true,
  check: ({ index, doc }) => {
    const review = reviewOf(index, doc);
    const result: TraceDiagnostic[] = [];
    if (review.problem !== undefined) {
      const root = index.rootFor(doc.path) ?? '/';
      result.push(
        make('review.invalid-stamp', {
          message: `The review stamp ${posix.relative(root, review.stampFile ?? '')} cannot be read: ${review.problem}. Mark the document reviewed again to replace it.`,
          range: doc.headings[0]?.textRange ?? FIRST_LINE,
        }),
      );
    }
    const by = review.stamp ? ` by ${review.stamp.reviewedBy} on ${review.stamp.reviewedAt.slice(0, 10)}` : '';
    for (const suspect of review.suspectTraces) {
      const name = posix.basename(suspect.target);
      result.push(
        make('trace.suspect', {
          message:
            suspect.reviewedFingerprint === undefined
              ? `Suspect trace: "${name}" was not part of this document's review${by}. Check the trace, then mark it reviewed.`
              : `Suspect trace: "${name}" changed since this document was reviewed${by}. Hover for what changed; check the trace, then mark it reviewed.`,
          range: suspect.link.destinationRange,
          linkRange: suspect.link.range,
          target: suspect.link.rawDestination,
          resolvedPath: suspect.target,
        }),
      );
    }
    return result;
  },
};
