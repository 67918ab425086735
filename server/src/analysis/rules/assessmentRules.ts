import { make, type TraceDiagnostic } from '../../domain/codes';
import { targetOfLink } from '../../workspace/linkStatus';
import { assessmentOf, linksAllowedInto } from '../../workspace/assessments';
import type { DocumentRule } from './rule';

/**
 * `trace.cross-assessment`: a link from a document of one application assessment into
 * another one. Such a trace usually comes from a copied folder or an accepted quick fix and
 * silently ties one version's evidence to another's. Existing or not, the target counts
 * where it points: a broken link into another version is reported for both reasons.
 */
export const crossAssessmentRule: DocumentRule = {
  name: 'cross-assessment',
  // Assessments are detected from the whole folder tree: not before it is listed.
  needs: 'listing',
  check: ({ index, doc }) => {
    const from = assessmentOf(index, doc.path);
    if (!from || from.kind !== 'application') return [];
    const result: TraceDiagnostic[] = [];
    for (const link of doc.links) {
      const target = targetOfLink(index, doc, link);
      if (target.type !== 'local' || target.sameDocument) continue;
      const to = assessmentOf(index, target.path);
      if (!to || linksAllowedInto(index, from, to)) continue;
      result.push(
        make('trace.cross-assessment', {
          message: `Link leads into another assessment, "${to.label}"; this document belongs to "${from.label}". Link within ${from.label} (or allow it under assessments.allowLinksInto).`,
          range: link.destinationRange,
          linkRange: link.range,
          target: link.rawDestination,
          resolvedPath: target.path,
        }),
      );
    }
    return result;
  },
};
