import type { CheckResult } from '../analysis/findings/checkResult';
import type { Finding } from '../analysis/findings/findings';
import { toFsPath } from '../base/fileSystem';
import { plainLine } from '../base/escape';

/**
 * `mqg4ai check --format text|json`. SARIF and JUnit live in server/src/core/report/.
 * Both take the findings of `collectFindings` (compared with a baseline when one is given).
 */

/**
 * Compiler-style lines: `file:line:col severity code message` (1-based line and column),
 * with ` [new]` appended to findings absent from the baseline. Suppressed findings are not printed.
 * Repository strings pass through `plainLine`: one finding per line, never a line a CI runner
 * or terminal would interpret (`::` workflow commands, escape sequences).
 */
export function formatText(findings: readonly Finding[]): string {
  const lines: string[] = [];
  for (const f of findings) {
    if (f.suppressed !== undefined) continue;
    const d = f.diagnostic;
    lines.push(
      plainLine(
        `${plainLine(f.file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${plainLine(d.code)} ${plainLine(d.message)}${f.baseline === 'new' ? ' [new]' : ''}`,
      ),
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The JSON report, version 1, documented in docs/cli.md. Positions are LSP's: 0-based. */
export function formatJson(result: Pick<CheckResult, 'root' | 'files'>, findings: readonly Finding[]): string {
  const entry = (f: Finding) => {
    const d = f.diagnostic;
    return {
      file: f.file,
      range: d.range,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.target !== undefined ? { target: d.target } : {}),
      ...(d.linkRange ? { link: d.linkRange } : {}),
      fingerprint: f.fingerprint,
      ...(f.baseline ? { new: f.baseline === 'new' } : {}),
    };
  };
  const diagnostics = findings.filter((f) => f.suppressed === undefined).map(entry);
  const suppressed = findings.filter((f) => f.suppressed !== undefined).map((f) => ({ ...entry(f), reason: f.suppressed }));
  return `${JSON.stringify({ version: 1, root: toFsPath(result.root), files: result.files, diagnostics, suppressed }, null, 2)}\n`;
}
