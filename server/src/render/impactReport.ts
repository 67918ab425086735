import { posix } from 'node:path';
import { URI } from 'vscode-uri';
import { markdownCode, markdownText, plainLine } from '../base/escape';
import type { ImpactReport } from '../analysis/review/impact';
import { SARIF_SCHEMA_URI } from './sarif';

export type ImpactFormat = 'md' | 'json' | 'sarif';
export const IMPACT_FORMATS: readonly ImpactFormat[] = ['md', 'json', 'sarif'];

const rel = (report: ImpactReport, path: string) => posix.relative(report.root, path);

/** `mqg4ai impact --format json` (docs/cli.md): paths relative to the root, lines 1-based. */
export function impactJson(report: ImpactReport): Record<string, unknown> {
  return {
    version: 1,
    since: report.since,
    commit: report.commit,
    root: report.root,
    depth: report.depth,
    changes: report.changes.map((c) => ({
      path: rel(report, c.path),
      status: c.status,
      ...(c.from !== undefined ? { from: rel(report, c.from) } : {}),
      title: c.title,
      assessment: c.assessment?.id ?? null,
      sections: c.sections,
      impacted: c.impacted.map((d) => ({
        path: rel(report, d.path),
        title: d.title,
        depth: d.depth,
        via: rel(report, d.via),
        places: d.places.map((p) => ({ line: p.line + 1, destination: p.destination, section: p.section ?? null, questions: p.questions })),
      })),
    })),
  };
}

/**
 * `mqg4ai impact --format md`: made to be posted as a pull-request comment. Per changed document
 * its changed sections and a table of what traces to it; every repository string escaped.
 */
export function renderImpactMarkdown(report: ImpactReport): string {
  const impacted = new Set(report.changes.flatMap((c) => c.impacted.map((d) => d.path)));
  const out = [
    `## MQG4AI change impact since ${markdownCode(report.since)} (${markdownCode(report.commit.slice(0, 12))})`,
    '',
    report.changes.length === 0
      ? 'No quality-gate Markdown document changed.'
      : `${report.changes.length} document(s) changed; ${impacted.size} document(s) trace to them (up to ${report.depth} link(s) away, within each assessment).`,
  ];
  for (const change of report.changes) {
    const from = change.from !== undefined ? ` from ${markdownCode(rel(report, change.from))}` : '';
    const assessment = change.assessment ? ` · assessment ${markdownText(change.assessment.label)}` : '';
    out.push('', `### ${markdownCode(rel(report, change.path))} (${change.status}${from})${assessment}`, '');
    if (change.sections.length > 0) out.push(`Changed sections: ${change.sections.map((s) => markdownText(s)).join(', ')}`, '');
    if (change.impacted.length === 0) {
      out.push('Nothing traces to it.');
      continue;
    }
    out.push('| Traces to it | Depth | Where | Questions there |', '| --- | --- | --- | --- |');
    for (const doc of change.impacted) {
      const where = doc.places.map((p) => `line ${p.line + 1}${p.section ? ` (${markdownText(p.section)})` : ''}`).join('; ');
      const via = doc.depth > 1 ? ` via ${markdownCode(posix.basename(doc.via), true)}` : '';
      const questions = [...new Set(doc.places.flatMap((p) => p.questions))].map((q) => markdownText(shorten(q))).join('<br>');
      out.push(`| ${markdownCode(rel(report, doc.path), true)} ${markdownText(doc.title)} | ${doc.depth}${via} | ${where} | ${questions} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

function shorten(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * `mqg4ai impact --format sarif`: one `impact.changed` note per changed document and one
 * `impact.traces-to-change` note on every link of a document that traces to a change.
 */
export function renderImpactSarif(report: ImpactReport, toolVersion: string): string {
  const location = (path: string, line: number) => ({
    physicalLocation: {
      artifactLocation: { uri: rel(report, path).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
      region: { startLine: line + 1 },
    },
  });
  const results: unknown[] = [];
  for (const change of report.changes) {
    const sections = change.sections.length > 0 ? ` (sections: ${change.sections.join(', ')})` : '';
    results.push({
      ruleId: 'impact.changed',
      ruleIndex: 0,
      level: 'note',
      message: {
        text: plainLine(`${rel(report, change.path)} ${change.status} since ${report.since}${sections}; ${change.impacted.length} document(s) trace to it.`),
      },
      locations: [location(change.path, 0)],
    });
    for (const doc of change.impacted)
      for (const place of doc.places)
        results.push({
          ruleId: 'impact.traces-to-change',
          ruleIndex: 1,
          level: 'note',
          message: {
            text: plainLine(
              `Traces to ${doc.depth === 1 ? '' : `${rel(report, doc.via)}, which traces to `}${rel(report, change.path)}, ${change.status} since ${report.since}${sections}: check this trace.`,
            ),
          },
          locations: [location(doc.path, place.line)],
        });
  }
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mqg4ai',
            version: toolVersion,
            semanticVersion: toolVersion,
            rules: [
              {
                id: 'impact.changed',
                name: 'ImpactChanged',
                shortDescription: { text: 'A quality-gate document changed since the ref.' },
                defaultConfiguration: { level: 'note' },
              },
              {
                id: 'impact.traces-to-change',
                name: 'ImpactTracesToChange',
                shortDescription: { text: 'A link traces (directly or through other documents) to a document changed since the ref.' },
                defaultConfiguration: { level: 'note' },
              },
            ],
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: URI.from({ scheme: 'file', path: report.root.endsWith('/') ? report.root : `${report.root}/` }).toString() },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
