import type { QuestionCatalogue } from '../core/altai/catalogue';
import { CoverageBuilder } from '../core/coverage/buildCoverage';
import { collectCoverageReport } from '../core/coverage/collectReport';
import { readGitCommit } from '../core/coverage/gitCommit';
import { renderCoverageReport, suggestedReportName, type ReportFormat } from '../core/coverage/report';
import type { CancellationToken } from '../core/util/cancellation';
import { toFsPath } from '../core/workspace/fileSystem';
import type { WorkspaceIndex } from '../core/workspace/workspaceIndex';

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
    const { trees, diagnostics } = collectCoverageReport(this.index, this.builder, request.rootPath, token);
    const content = renderCoverageReport(
      { root, trees, diagnostics, generatedAt, commit: this.commitOf(root), linkBase: request.linkBasePath ?? root },
      request.format,
    );
    return { content, suggestedName: suggestedReportName(request.format, generatedAt) };
  }
}
