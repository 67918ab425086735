import type { TraceDiagnostic } from '../../domain/codes';
import { computeDocumentDiagnostics } from '../diagnostics/documentDiagnostics';
import { isInside } from '../../syntax/resolveLink';
import { throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import type { CoverageBuilder } from './buildCoverage';
import { isBrokenTrace, treeFolder, type ReportFileDiagnostics } from './reportData';
import type { CoverageNode } from './types';
import { documentsOfAssessment, type Assessment } from '../../workspace/assessments';

/**
 * What a coverage report needs from the index: the coverage trees under `scope` (all by
 * default) and the broken traces of the documents inside them, in path order. The
 * diagnostics are computed (under the index's configuration) unless `diagnosticsOf`
 * gives those of an earlier check.
 */
export function collectCoverageReport(
  index: WorkspaceIndex,
  builder: CoverageBuilder,
  scope: string | undefined,
  token: CancellationToken,
  diagnosticsOf: (path: string) => readonly TraceDiagnostic[] = (path) => {
    const doc = index.getDocument(path);
    return doc ? computeDocumentDiagnostics(index, doc, token) : [];
  },
): { trees: CoverageNode[]; diagnostics: ReportFileDiagnostics[] } {
  const trees = builder.build(scope, token);
  const folders = trees.map(treeFolder);
  const documents = [...index.allDocuments()]
    .filter((doc) => folders.some((folder) => isInside(doc.path, folder)))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const diagnostics: ReportFileDiagnostics[] = [];
  for (const doc of documents) {
    throwIfCancelled(token);
    const broken = diagnosticsOf(doc.path).filter(isBrokenTrace);
    if (broken.length > 0) diagnostics.push({ path: doc.path, diagnostics: broken });
  }
  return { trees, diagnostics };
}

/**
 * `collectCoverageReport` for one assessment: its tree (see `CoverageBuilder.buildAssessment`)
 * and the broken traces of its own documents, in path order.
 */
export function collectAssessmentReport(
  index: WorkspaceIndex,
  builder: CoverageBuilder,
  assessment: Assessment,
  token: CancellationToken,
  diagnosticsOf: (path: string) => readonly TraceDiagnostic[] = (path) => {
    const doc = index.getDocument(path);
    return doc ? computeDocumentDiagnostics(index, doc, token) : [];
  },
): { trees: CoverageNode[]; diagnostics: ReportFileDiagnostics[] } {
  const trees = [builder.buildAssessment(assessment, token)];
  const diagnostics: ReportFileDiagnostics[] = [];
  for (const doc of documentsOfAssessment(index, assessment).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    throwIfCancelled(token);
    const broken = diagnosticsOf(doc.path).filter(isBrokenTrace);
    if (broken.length > 0) diagnostics.push({ path: doc.path, diagnostics: broken });
  }
  return { trees, diagnostics };
}
