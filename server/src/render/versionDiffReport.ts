import type { VersionDiff, TraceChange } from '../analysis/versionDiff';
import { escapeHtml } from './htmlReport';
import { escapeMarkdown, markdownCode } from './markdownReport';
import { htmlPageStart } from './htmlPage';

export type VersionDiffFormat = 'md' | 'json' | 'html';

/** Renders a comparison of two assessments; every repository string is escaped for the format. */
export function renderVersionDiff(diff: VersionDiff, format: VersionDiffFormat): string {
  if (format === 'json') return `${JSON.stringify(diff, null, 2)}\n`;
  return format === 'html' ? renderHtml(diff) : renderMarkdown(diff);
}

/** One line per part: how much changed. */
export function diffSummary(diff: VersionDiff): string {
  const { documents: d, altai, traces, risks } = diff;
  return [
    `${d.added.length} document(s) added, ${d.removed.length} removed, ${d.changed.length} changed`,
    `${altai.answered.length} ALTAI question(s) newly answered, ${altai.unanswered.length} no longer answered`,
    `${traces.fixed.length} broken trace(s) fixed, ${traces.introduced.length} introduced`,
    `${risks.added.length} risk(s) added, ${risks.removed.length} removed`,
  ].join('; ');
}

const TITLE = 'Assessment comparison';

// ---- Markdown -----------------------------------------------------------------------------

function renderMarkdown(diff: VersionDiff): string {
  const out: string[] = [];
  const code = (text: string) => markdownCode(text);
  const list = (items: readonly string[], empty: string) => (items.length > 0 ? items.map((i) => `- ${i}`) : [`_${empty}_`]);
  const trace = (t: TraceChange) => `${code(`${t.path}:${t.line}`)}: ${code(t.target)} (${t.code})`;

  out.push(`# ${TITLE}: ${escapeMarkdown(diff.from.label)} → ${escapeMarkdown(diff.to.label)}`, '');
  out.push(`- From: ${escapeMarkdown(diff.from.label)} (${code(diff.from.folder)})`);
  out.push(`- To: ${escapeMarkdown(diff.to.label)} (${code(diff.to.folder)})`);
  out.push(`- Summary: ${escapeMarkdown(diffSummary(diff))}`, '');
  out.push('Paths are relative to each assessment folder.', '');

  out.push('## Documents', '');
  out.push(`### Added (${diff.documents.added.length})`, '', ...list(diff.documents.added.map(code), 'none'), '');
  out.push(`### Removed (${diff.documents.removed.length})`, '', ...list(diff.documents.removed.map(code), 'none'), '');
  out.push(`### Changed (${diff.documents.changed.length})`, '');
  out.push(
    ...list(
      diff.documents.changed.map((c) => {
        const renamed = c.from ? ` (from ${code(c.from)})` : '';
        const sections = c.sections.length > 0 ? `: ${c.sections.map(escapeMarkdown).join('; ')}` : ': moved, content unchanged';
        return `${code(c.path)}${renamed}${sections}`;
      }),
      'none',
    ),
    '',
  );

  out.push('## ALTAI questions', '');
  out.push(`### Newly answered (${diff.altai.answered.length})`, '', ...list(diff.altai.answered.map(code), 'none'), '');
  out.push(`### No longer answered (${diff.altai.unanswered.length})`, '', ...list(diff.altai.unanswered.map(code), 'none'), '');

  out.push('## Broken traces', '');
  out.push(`### Fixed (${diff.traces.fixed.length})`, '', ...list(diff.traces.fixed.map(trace), 'none'), '');
  out.push(`### Introduced (${diff.traces.introduced.length})`, '', ...list(diff.traces.introduced.map(trace), 'none'), '');

  out.push('## Risks', '');
  out.push(
    `### Added (${diff.risks.added.length})`,
    '',
    ...list(
      diff.risks.added.map((r) => `${escapeMarkdown(r.title)} (${code(r.path)})`),
      'none',
    ),
    '',
  );
  out.push(
    `### Removed (${diff.risks.removed.length})`,
    '',
    ...list(
      diff.risks.removed.map((r) => `${escapeMarkdown(r.title)} (${code(r.path)})`),
      'none',
    ),
    '',
  );
  return `${out.join('\n').trimEnd()}\n`;
}

// ---- HTML: one self-contained page, no scripts, no external resources --------------------------------

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; max-width: 960px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 28px; } h3 { font-size: 1em; margin-bottom: 4px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa; padding: 1px 4px; border-radius: 4px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; } dl.meta dt { font-weight: 600; }
ul { padding-left: 20px; margin: 4px 0 12px; } li { margin: 2px 0; }
.none { color: #59636e; font-style: italic; }
.added { color: #1a7f37; } .removed { color: #cf222e; }
@media (prefers-color-scheme: dark) { body { color: #e6edf3; background: #0d1117; } code { background: #161b22; } .none { color: #8d96a0; } }
@media print { body { padding: 0; max-width: none; } h2, h3 { break-after: avoid; } li { break-inside: avoid; } }
`;

function renderHtml(diff: VersionDiff): string {
  const e = escapeHtml;
  const code = (text: string) => `<code>${e(text)}</code>`;
  const list = (items: readonly string[], cls = '') =>
    items.length > 0 ? `<ul${cls ? ` class="${cls}"` : ''}>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '<p class="none">none</p>';
  const trace = (t: TraceChange) => `${code(`${t.path}:${t.line}`)}: ${code(t.target)} (${e(t.code)})`;
  const section = (id: string, title: string, parts: Array<[string, readonly string[], string?]>) => [
    `<section id="${id}">`,
    `<h2>${e(title)}</h2>`,
    ...parts.flatMap(([heading, items, cls]) => [`<h3>${e(heading)} (${items.length})</h3>`, list(items, cls)]),
    '</section>',
  ];

  const out = [
    ...htmlPageStart(`${e(TITLE)}: ${e(diff.from.label)} → ${e(diff.to.label)}`, CSS),
    `<h1>${e(TITLE)}: ${e(diff.from.label)} → ${e(diff.to.label)}</h1>`,
    '<dl class="meta">',
    `<dt>From</dt><dd>${e(diff.from.label)} (${code(diff.from.folder)})</dd>`,
    `<dt>To</dt><dd>${e(diff.to.label)} (${code(diff.to.folder)})</dd>`,
    `<dt>Summary</dt><dd>${e(diffSummary(diff))}</dd>`,
    '</dl>',
    '<p>Paths are relative to each assessment folder.</p>',
    ...section('documents', 'Documents', [
      ['Added', diff.documents.added.map(code), 'added'],
      ['Removed', diff.documents.removed.map(code), 'removed'],
      [
        'Changed',
        diff.documents.changed.map(
          (c) =>
            `${code(c.path)}${c.from ? ` (from ${code(c.from)})` : ''}${c.sections.length > 0 ? `: ${c.sections.map(e).join('; ')}` : ': moved, content unchanged'}`,
        ),
      ],
    ]),
    ...section('altai', 'ALTAI questions', [
      ['Newly answered', diff.altai.answered.map(code), 'added'],
      ['No longer answered', diff.altai.unanswered.map(code), 'removed'],
    ]),
    ...section('traces', 'Broken traces', [
      ['Fixed', diff.traces.fixed.map(trace), 'added'],
      ['Introduced', diff.traces.introduced.map(trace), 'removed'],
    ]),
    ...section('risks', 'Risks', [
      ['Added', diff.risks.added.map((r) => `${e(r.title)} (${code(r.path)})`)],
      ['Removed', diff.risks.removed.map((r) => `${e(r.title)} (${code(r.path)})`)],
    ]),
    '</body>',
    '</html>',
  ];
  return `${out.join('\n')}\n`;
}
