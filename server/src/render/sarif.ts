import { URI } from 'vscode-uri';
import { DIAGNOSTIC_CODES, type Severity } from '../domain/codes';
import type { Range } from '../base/range';
import { relativeFile, type Finding } from '../analysis/findings/findings';
import { plainLine } from '../base/escape';

/**
 * `mqg4ai check --format sarif`: SARIF 2.1.0 as GitHub code scanning ingests it
 * (github/codeql-action/upload-sarif). One run; every rule code of the registry as a
 * rule (short description = the code's summary); one result per finding with a
 * root-relative location (`uriBaseId: %SRCROOT%`), 1-based line and UTF-16 column, a
 * stable `partialFingerprints` entry, `baselineState` when compared with a baseline,
 * and `suppressions` (kind `inSource`, the comment's reason) for suppressed findings.
 * Messages are single lines without control characters (`plainLine`).
 * Documented in docs/cli.md.
 */

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of our entry in `partialFingerprints` (versioned: a new scheme gets a new key). */
export const FINGERPRINT_KEY = 'mqg4ai/v1';
const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  /** Absolute POSIX path of the checked root (the base of the results' URIs). */
  readonly root: string;
  readonly toolVersion: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** The SARIF log as an object (render with {@link renderSarif}). */
export function sarifLog(findings: readonly Finding[], options: SarifOptions): Record<string, unknown> {
  const codes = Object.keys(DIAGNOSTIC_CODES) as Array<keyof typeof DIAGNOSTIC_CODES>;
  const ruleIndex = new Map<string, number>(codes.map((code, i) => [code, i]));
  const rules = codes.map((code) => {
    const { severity, summary } = DIAGNOSTIC_CODES[code];
    return {
      id: code,
      name: ruleName(code),
      shortDescription: { text: summary },
      fullDescription: { text: summary },
      help: {
        text: `${summary} See docs/rules.md, "${code}", in the mqg4ai repository; silence one finding with <!-- mqg4ai-disable-next-line ${code} -- reason -->.`,
      },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { tags: ['mqg4ai', code.split('.')[0]], severity },
    };
  });

  const results = findings.map((finding) => {
    const d = finding.diagnostic;
    return {
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code) ?? -1,
      level: LEVEL[d.severity],
      message: { text: plainLine(d.message) },
      locations: [{ physicalLocation: physicalLocation(finding.file, d.range) }],
      ...(d.related && d.related.length > 0
        ? {
            relatedLocations: d.related.map((place, id) => ({
              id,
              physicalLocation: physicalLocation(relativeFile(options.root, place.path), place.range),
              message: { text: plainLine(place.message) },
            })),
          }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
      ...(finding.baseline ? { baselineState: finding.baseline } : {}),
      ...(finding.suppressed !== undefined
        ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: plainLine(finding.suppressed || '(no reason given)') }] }
        : {}),
      properties: { severity: d.severity, ...(d.target !== undefined ? { target: d.target } : {}) },
    };
  });

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'mqg4ai', version: options.toolVersion, semanticVersion: options.toolVersion, rules } },
        originalUriBaseIds: {
          [SRCROOT]: { uri: URI.from({ scheme: 'file', path: options.root.endsWith('/') ? options.root : `${options.root}/` }).toString() },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function renderSarif(findings: readonly Finding[], options: SarifOptions): string {
  return `${JSON.stringify(sarifLog(findings, options), null, 2)}\n`;
}

/** An artifact location (root-relative with `%SRCROOT%`, else an absolute file URI) and its region. */
function physicalLocation(file: string, range: Range): Record<string, unknown> {
  const artifactLocation = file.startsWith('/')
    ? { uri: URI.from({ scheme: 'file', path: file }).toString() }
    : { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  return { artifactLocation, region: region(range) };
}

/** LSP range (0-based, end exclusive) to a SARIF region (1-based; endColumn is the column after the end). */
export function region(range: Range): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** `link.missing-file` -> `LinkMissingFile`: SARIF's "name" of a rule. */
function ruleName(code: string): string {
  return code
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
