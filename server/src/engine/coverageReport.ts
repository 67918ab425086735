import { posix } from 'node:path';
import { collectReviews, reportReviews } from '../analysis/review/reviewReport';
import type { CancellationToken } from '../base/cancellation';
import type { QuestionCatalogue } from '../domain/altai/catalogue';
import { CoverageBuilder } from '../analysis/coverage/buildCoverage';
import { collectAssessmentReport, collectCoverageReport } from '../analysis/coverage/collectReport';
import { documentsOfAssessment, type Assessment } from '../workspace/assessments';
import { coverageReportData, type CoverageReportData, type ReportFileSuppressed } from '../analysis/coverage/reportData';
import { computeDocumentFindings, type DocumentFindings } from '../analysis/diagnostics/documentDiagnostics';
import { isInside } from '../syntax/resolveLink';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { renderCoverageReportData, suggestedReportName, type ReportFormat } from '../render/coverageReport';

/** What to report: the same request from the CLI (`mqg4ai coverage`) and the editor (`mqg4ai/coverageReport`). */
export interface CoverageReportRequest {
  readonly format: ReportFormat;
  /** Report only the trees under (or around) this folder; all by default. */
  readonly rootPath?: string;
  /** Folder the report will be saved in: its links are made relative to it (default: the root). */
  readonly linkBasePath?: string;
  /** Report this assessment only (its own documents; a partial one on the blocks it holds). */
  readonly assessment?: Assessment;
  /** Show these packs' groups instead of the ones the configuration enables. */
  readonly packs?: readonly string[];
  readonly now?: Date;
}

export interface CoverageReportResult {
  readonly content: string;
  readonly suggestedName: string;
  /** The report's totals, for a one-line summary and coverage gates. */
  readonly summary: CoverageReportData['summary'];
}

/** A request named packs nobody knows. */
export class UnknownPackError extends Error {
  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
  ) {
    super(`unknown pack ${unknown.map((id) => `"${id}"`).join(', ')} (known: ${known.join(', ')})`);
  }
}

/**
 * Builds and renders the coverage report over the index: coverage trees, broken traces and
 * accepted deviations from one pass of the rules per document (or the findings of an
 * earlier check, `findingsOf`), the git commit of the root.
 */
export function buildCoverageReport(
  index: WorkspaceIndex,
  catalogue: QuestionCatalogue,
  request: CoverageReportRequest,
  token: CancellationToken,
  commitOf: (folder: string) => string | undefined,
  findingsOf?: (path: string) => DocumentFindings,
): CoverageReportResult {
  const builder = new CoverageBuilder(index, catalogue, request.packs && request.packs.length > 0 ? { packs: request.packs } : {});
  const unknown = (request.packs ?? []).filter((id) => !builder.packs().pack(id));
  if (unknown.length > 0)
    throw new UnknownPackError(
      unknown,
      builder.packs().available.map((p) => p.id),
    );
  const root = request.rootPath ?? index.roots[0] ?? '/';
  const generatedAt = request.now ?? new Date();
  const findings = new Map<string, DocumentFindings>();
  const findingsFor = (path: string): DocumentFindings => {
    let found = findings.get(path);
    if (!found) {
      const doc = index.getDocument(path);
      found = findingsOf?.(path) ?? (doc ? computeDocumentFindings(index, doc, token) : { diagnostics: [], suppressed: [] });
      findings.set(path, found);
    }
    return found;
  };
  const { assessment } = request;
  const { trees, diagnostics } = assessment
    ? collectAssessmentReport(index, builder, assessment, token, (path) => findingsFor(path).diagnostics)
    : collectCoverageReport(index, builder, request.rootPath, token, (path) => findingsFor(path).diagnostics);
  const inAssessment = assessment ? new Set(documentsOfAssessment(index, assessment).map((d) => d.path)) : undefined;
  const suppressed: ReportFileSuppressed[] = [...index.allDocuments()]
    .filter((doc) => request.rootPath === undefined || isInside(doc.path, request.rootPath))
    .filter((doc) => !inAssessment || inAssessment.has(doc.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((doc) => ({ path: doc.path, suppressed: findingsFor(doc.path).suppressed }))
    .filter((file) => file.suppressed.length > 0);
  // Review status per assessment, only where someone stamped a document (docs/review.md).
  const reviewGroups =
    [...index.reviews.documents()].length > 0 ? collectReviews(index, request.rootPath ? [request.rootPath] : undefined, token, assessment) : [];
  const reviews = reviewGroups.length > 0 ? reportReviews(reviewGroups, (path) => posix.relative(root, path)) : undefined;
  const input = { root, trees, diagnostics, suppressed, generatedAt, commit: commitOf(root), linkBase: request.linkBasePath ?? root, reviews };
  const data = coverageReportData(input);
  return {
    content: renderCoverageReportData(data, input, request.format),
    suggestedName: suggestedReportName(request.format, generatedAt),
    summary: data.summary,
  };
}
