import { DIAGNOSTIC_CODES, make, type TraceDiagnostic } from './codes';
import type { QualityGateDocument, Suppression } from './document/types';

/** `mqg4ai-disable-next-line` / `-file` right after `<!--` (sticky: tried at one offset). */
const DIRECTIVE = /\s*mqg4ai-disable(-next-line|-file)\b/y;

/**
 * Reads `<!-- mqg4ai-disable-next-line code[, code] -- reason -->` and
 * `<!-- mqg4ai-disable-file code -- reason -->` from an HTML comment's text.
 * Without codes, every code is meant. `line` is the comment's last line.
 * A scan, not one regex over the block: thousands of unclosed comments in one
 * HTML block must cost linear time.
 */
export function readSuppressions(html: string, startLine: number, lineOf: (offset: number) => number): Suppression[] {
  const result: Suppression[] = [];
  let from = 0;
  for (;;) {
    const open = html.indexOf('<!--', from);
    if (open < 0) break;
    DIRECTIVE.lastIndex = open + 4;
    const directive = DIRECTIVE.exec(html);
    if (!directive) {
      from = open + 1;
      continue;
    }
    const bodyStart = DIRECTIVE.lastIndex;
    const close = html.indexOf('-->', bodyStart);
    // No `-->` after this one: none after any later opening either.
    if (close < 0) break;
    const body = html.slice(bodyStart, close);
    const separator = body.indexOf('--');
    const codesText = separator >= 0 ? body.slice(0, separator) : body;
    const reason = separator >= 0 ? body.slice(separator + 2).trim() : '';
    const endLine = startLine + lineOf(close + 3);
    result.push({
      scope: directive[1] === '-file' ? 'file' : 'next-line',
      codes: codesText.split(/[\s,]+/).filter(Boolean),
      reason: reason || undefined,
      line: startLine + lineOf(open),
      appliesToLine: endLine + 1,
    });
    from = close + 3;
  }
  return result;
}

/** The suppression silencing `diagnostic` in `doc`, if any (a suppression without a reason still silences). */
export function suppressionFor(doc: QualityGateDocument, diagnostic: TraceDiagnostic): Suppression | undefined {
  if (diagnostic.code.startsWith('suppression.')) return undefined;
  return doc.suppressions.find(
    (s) =>
      (s.codes.length === 0 || s.codes.includes(diagnostic.code)) &&
      (s.scope === 'file' || s.appliesToLine === (diagnostic.linkRange ?? diagnostic.range).start.line),
  );
}

/** `suppression.missing-reason` and `suppression.unknown-code` for a document's comments. */
export function checkSuppressions(doc: QualityGateDocument): TraceDiagnostic[] {
  const result: TraceDiagnostic[] = [];
  for (const s of doc.suppressions) {
    const range = { start: { line: s.line, character: 0 }, end: { line: s.line, character: 0 } };
    if (!s.reason)
      result.push(
        make('suppression.missing-reason', { message: 'Say why this finding is accepted: `<!-- mqg4ai-disable-next-line <code> -- <reason> -->`.', range }),
      );
    for (const code of s.codes) {
      if (!(code in DIAGNOSTIC_CODES)) result.push(make('suppression.unknown-code', { message: `"${code}" is not a rule code.`, range }));
    }
  }
  return result;
}
