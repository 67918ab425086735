import { altaiCatalogue, type QuestionCatalogue } from '../altai/catalogue';
import type { QualityGateDocument } from '../model/types';
import { documentRules } from '../rules';
import { neverCancelled, type CancellationToken } from '../util/cancellation';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { TraceDiagnostic } from './codes';

/**
 * All diagnostics of one document: every registered rule over the index's
 * current state. Pure: reads no files.
 */
export function computeDocumentDiagnostics(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  token: CancellationToken = neverCancelled,
  catalogue: QuestionCatalogue = altaiCatalogue(),
): TraceDiagnostic[] {
  return documentRules.flatMap((rule) => rule.check({ index, doc, catalogue }, token));
}
