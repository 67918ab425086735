import type { QuotedQuestion } from '../../domain/altai/questionBlocks';
import type { QualityGateDocument } from '../../domain/document/types';
import { checkLink } from '../../workspace/linkStatus';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';

/**
 * Whether a quoted question is addressed (docs/coverage.md): answered, or evidence linked from
 * its own text by a link that resolves. A broken or empty link alone is no evidence; external
 * links are never fetched, so they count.
 */
export function isAddressedWithEvidence(index: WorkspaceIndex, doc: QualityGateDocument, question: QuotedQuestion): boolean {
  if (question.answered) return true;
  if (!question.hasEvidenceLink) return false;
  const last = question.textEnd?.line ?? question.textRange.end.line;
  return doc.links.some((link) => {
    const line = link.range.start.line;
    if (line < question.line || line > last) return false;
    const state = checkLink(index, doc, link).state;
    return state === 'ok' || state === 'external';
  });
}
