import type { QuestionCatalogue } from '../domain/altai/catalogue';
import { CoverageBuilder } from '../analysis/coverage/buildCoverage';
import { collectCoverageReport } from '../analysis/coverage/collectReport';
import { readGitCommit } from '../workspace/gitCommit';
import { renderCoverageReport, suggestedReportName, type ReportFileSuppressed, type ReportFormat } from './coverageReport';
import { computeDocumentFindings, type DocumentFindings } from '../analysis/diagnostics/documentDiagnostics';
import { isInside } from '../syntax/resolveLink';
import type { CancellationToken } from '../base/cancellation';
import { toFsPath } from '../workspace/fileSystem';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

export interface CoverageReportRequest {
  readonly format: ReportFormat;
  /** Report only the trees under (or around) this folder; all by default. */
  readonly rootPath?: string;
  /** Folder the report will be saved in: its links are made relative to it (default: the root). */
  readonly linkBasePath?: string;
  readonly now?: Date;
}

export interface CoverageReportResult {
  readonly content: string;
  readonly suggestedName: string;
}

/** The `mqg4ai/coverageReport` request: the coverage report rendered as md, html or json. */
export class CoverageReportProvider {
  private readonly builder: CoverageBuilder;

  constructor(
    private readonly index: WorkspaceIndex,
    catalogue: QuestionCatalogue,
    /** The git commit of a folder (an absolute POSIX path); reads .git by default. */
    private readonly commitOf: (folder: string) => string | undefined = (folder) => readGitCommit(toFsPath(folder)),
  ) {
    this.builder = new CoverageBuilder(index, catalogue);
  }

  provideReport(request: CoverageReportRequest, token: CancellationToken): CoverageReportResult {
    const root = request.rootPath ?? this.index.roots[0] ?? '/';
    const generatedAt = request.now ?? new Date();
    // One pass of the rules per document gives both the broken traces and the accepted deviations.
    const findings = new Map<string, DocumentFindings>();
    const findingsOf = (path: string): DocumentFindings => {
      let found = findings.get(path);
      if (!found) {
        const doc = this.index.getDocument(path);
        found = doc ? computeDocumentFindings(this.index, doc, token) : { diagnostics: [], suppressed: [] };
        findings.set(path, found);
      }
      return found;
    };
    const { trees, diagnostics } = collectCoverageReport(this.index, this.builder, request.rootPath, token, (path) => findingsOf(path).diagnostics);
    const suppressed: ReportFileSuppressed[] = [...this.index.allDocuments()]
      .filter((doc) => request.rootPath === undefined || isInside(doc.path, request.rootPath))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((doc) => ({ path: doc.path, suppressed: findingsOf(doc.path).suppressed }))
      .filter((file) => file.suppressed.length > 0);
    const content = renderCoverageReport(
      { root, trees, diagnostics, suppressed, generatedAt, commit: this.commitOf(root), linkBase: request.linkBasePath ?? root },
      request.format,
    );
    return { content, suggestedName: suggestedReportName(request.format, generatedAt) };
  }
}
