import type { CheckResult } from '../core/checkWorkspace';
import { toFsPath } from '../core/workspace/fileSystem';

/** Compiler-style lines: `file:line:col severity code message` (1-based line and column). */
export function formatText(result: CheckResult): string {
  const lines: string[] = [];
  for (const report of result.reports) {
    for (const d of report.diagnostics) {
      lines.push(`${report.relativePath}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The JSON report, version 1, documented in docs/cli.md. Positions are LSP's: 0-based. */
export function formatJson(result: CheckResult): string {
  const diagnostics = result.reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      file: report.relativePath,
      range: d.range,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.target !== undefined ? { target: d.target } : {}),
      ...(d.linkRange ? { link: d.linkRange } : {}),
    })),
  );
  return `${JSON.stringify({ version: 1, root: toFsPath(result.root), files: result.files, diagnostics }, null, 2)}\n`;
}
