import { posix } from 'node:path';
import { coverageReportData, type CoverageReportData, type CoverageReportInput } from '../analysis/coverage/reportData';
import { renderHtml } from './htmlReport';
import { renderMarkdown } from './markdownReport';

/**
 * The reviewer-ready coverage report in one of its formats: the report's data as JSON,
 * or rendered as Markdown or self-contained HTML (docs/coverage.md).
 */

import type { ReportFormat } from '../../../protocol/protocol';

export type { ReportFormat };
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'json'];

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Renders the report in one format. */
export function renderCoverageReport(input: CoverageReportInput, format: ReportFormat): string {
  return renderCoverageReportData(coverageReportData(input), input, format);
}

/** The report from its data, already shaped from `input` (callers that also need the totals shape it once). */
export function renderCoverageReportData(data: CoverageReportData, input: CoverageReportInput, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  const rootName = posix.basename(input.root) || input.root;
  const toRoot = posix.relative(input.linkBase ?? input.root, input.root);
  return format === 'md' ? renderMarkdown(data, rootName, toRoot) : renderHtml(data, rootName, toRoot);
}

/** `mqg4ai-coverage-2025-01-31.html`: the file name offered when saving a report. */
export function suggestedReportName(format: ReportFormat, generatedAt: Date = new Date()): string {
  return `mqg4ai-coverage-${generatedAt.toISOString().slice(0, 10)}.${format}`;
}
