import { reviewSectionHtml } from './reviewSection';
import type { CoverageStatus } from '../analysis/coverage/types';
import type { CoverageReportData, ReportLocation } from '../analysis/coverage/reportData';
import { NO_REASON } from '../analysis/coverage/reportData';
import { htmlText as escapeHtml } from '../base/escape';
import { gapWhat, groupGaps, href, locationText, openCount, percentText, PERSPECTIVE_STATUS, STATUS_TEXT } from './reportText';
import { htmlPageStart } from './htmlPage';

/** The coverage report as self-contained HTML (docs/coverage.md). */

/** Kept under its report name for callers of this module. */
export { escapeHtml };

function htmlLink(text: string, location: ReportLocation, toRoot: string): string {
  const target = href(location, toRoot);
  return target ? `<a href="${escapeHtml(target)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

function statusBadge(status: CoverageStatus): string {
  return `<span class="status status-${status}">${STATUS_TEXT[status]}</span>`;
}

function progress(covered: number, total: number): string {
  const width = total > 0 ? Math.round((1000 * covered) / total) / 10 : 0;
  return `<span class="bar" aria-hidden="true"><span style="width:${width}%"></span></span> ${percentText(covered, total)}`;
}

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa;
  --covered: #1a7f37; --partial: #9a6700; --open: #59636e; --broken: #cf222e; }
* { box-sizing: border-box; }
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); margin: 0 auto; padding: 24px; max-width: 1100px; }
h1 { font-size: 1.8em; margin: 0 0 8px; }
h2 { font-size: 1.35em; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1em; margin: 20px 0 6px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 16px; color: var(--muted); }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.92em; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; width: 1%; }
td.st, th.st { white-space: nowrap; width: 1%; }
.mono { overflow-wrap: anywhere; } th.loc, td.loc { width: 38%; } td, li { overflow-wrap: anywhere; } td > code { white-space: nowrap; }
tr.total td { font-weight: 600; }
td.depth-1 { padding-left: 24px; } td.depth-2 { padding-left: 40px; } td.depth-3 { padding-left: 56px; } td.depth-4 { padding-left: 72px; } td.depth-5 { padding-left: 88px; }
.muted { color: var(--muted); }
a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
.status { display: inline-block; padding: 0 6px; border-radius: 8px; border: 1px solid currentColor; font-size: 0.85em; white-space: nowrap; }
.status-covered { color: var(--covered); } .status-partial { color: var(--partial); } .status-open { color: var(--open); } .status-missing { color: var(--broken); font-weight: 600; } .status-broken { color: var(--broken); font-weight: 600; }
.bar { display: inline-block; width: 64px; height: 8px; border: 1px solid var(--line); border-radius: 4px; background: #fff; vertical-align: middle; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--covered); }
ul.gaps { padding-left: 20px; margin: 4px 0 12px; } ul.gaps li { margin: 2px 0; }
@media print {
  @page { margin: 14mm; }
  body { font-size: 9.5pt; padding: 0; max-width: none; }
  a { color: inherit; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  .bar, .bar > span, .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

export function renderHtml(data: CoverageReportData, rootName: string, toRoot: string): string {
  const out: string[] = [];
  const counts = (c: { covered: number; total: number }) => `${c.covered}/${c.total}`;
  out.push(
    ...htmlPageStart(`${escapeHtml(data.title)}: ${escapeHtml(rootName)}`, CSS),
    `<h1>${escapeHtml(data.title)}</h1>`,
    '<dl class="meta">',
    `<dt>Folder</dt><dd>${escapeHtml(rootName)}</dd>`,
    `<dt>Generated</dt><dd><time datetime="${escapeHtml(data.generated)}">${escapeHtml(data.generated)}</time></dd>`,
    `<dt>Commit</dt><dd>${data.commit ? `<code>${escapeHtml(data.commit)}</code>` : 'not in a git repository'}</dd>`,
    `<dt>Overall</dt><dd>${counts(data.summary.overall)} (${percentText(data.summary.overall.covered, data.summary.overall.total)}), ${data.summary.gaps} open gap(s), ${data.summary.brokenTraces} broken trace(s)</dd>`,
    '</dl>',
  );

  out.push('<section id="summary">', '<h2>Summary</h2>');
  if (data.trees.length === 0) {
    out.push(
      '<p>No MQG4AI quality-gate tree (a folder holding <code>1_System</code>, <code>2_Lifecycle</code> or <code>3_RiskManagement</code>) was found.</p>',
    );
  } else {
    out.push(
      '<table>',
      '<thead><tr><th>Tree</th><th>Group</th><th class="num">Covered</th><th class="num">%</th><th class="st">Status</th></tr></thead>',
      '<tbody>',
    );
    for (const tree of data.trees) {
      for (const group of tree.groups) {
        out.push(
          `<tr><td>${escapeHtml(tree.label)}</td><td>${escapeHtml(group.label)}</td><td class="num">${counts(group)}</td><td class="num">${progress(group.covered, group.total)}</td><td class="st">${statusBadge(group.status)}</td></tr>`,
        );
      }
      out.push(
        `<tr class="total"><td>${escapeHtml(tree.label)}</td><td>All groups</td><td class="num">${counts(tree)}</td><td class="num">${progress(tree.covered, tree.total)}</td><td class="st">${statusBadge(tree.status)}</td></tr>`,
      );
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</section>');

  for (const tree of data.trees) {
    out.push('<section class="tree">', `<h2>Coverage: ${escapeHtml(tree.label)}</h2>`);
    if (tree.folder !== '.') out.push(`<p class="muted">Folder: ${escapeHtml(tree.folder)}</p>`);
    for (const group of tree.groups) {
      out.push(`<h3>${escapeHtml(group.label)}: ${counts(group)} (${percentText(group.covered, group.total)})</h3>`);
      if (group.rows.length === 0) {
        out.push('<p class="muted">Nothing to cover in this group yet.</p>');
        continue;
      }
      out.push('<table>', '<thead><tr><th>Node</th><th class="num">Covered</th><th class="num">%</th><th class="st">Status</th></tr></thead>', '<tbody>');
      for (const row of group.rows) {
        const description = row.description ? ` <span class="muted">(${escapeHtml(row.description)})</span>` : '';
        out.push(
          `<tr><td class="depth-${Math.min(row.depth, 5)}">${htmlLink(row.label, row, toRoot)}${description}</td><td class="num">${counts(row)}</td><td class="num">${progress(row.covered, row.total)}</td><td class="st">${statusBadge(row.status)}</td></tr>`,
        );
      }
      out.push('</tbody>', '</table>');
    }
    if (tree.perspectives.length > 0) {
      out.push('<h3>Safety and security perspectives of risks</h3>', '<table>');
      out.push(
        '<thead><tr><th>Requirement</th><th class="num">Safety</th><th class="num">Security</th><th class="num">Both</th><th class="num">Undeclared</th><th class="st">Status</th></tr></thead>',
        '<tbody>',
      );
      for (const p of tree.perspectives) {
        out.push(
          `<tr><td>${escapeHtml(p.requirement)}</td><td class="num">${p.safety}</td><td class="num">${p.security}</td><td class="num">${p.both}</td><td class="num">${p.undeclared}</td><td class="st"><span class="status status-${p.status}">${PERSPECTIVE_STATUS[p.status]}</span></td></tr>`,
        );
      }
      out.push('</tbody>', '</table>');
    }
    out.push('</section>');
  }

  out.push('<section id="gaps">', `<h2>Open gaps (${data.summary.gaps})</h2>`);
  if (data.gaps.length === 0) out.push('<p>None: every node is covered.</p>');
  for (const [heading, gaps] of groupGaps(data.gaps, data.trees.length > 1)) {
    out.push(`<h3>${escapeHtml(heading)} (${openCount(gaps)})</h3>`, '<ul class="gaps">');
    for (const gap of gaps) {
      const description = gap.description ? ` <span class="muted">(${escapeHtml(gap.description)})</span>` : '';
      const where = ` — ${gap.file ? `<span class="mono">${htmlLink(locationText(gap, true), gap, toRoot)}</span>` : '<span class="muted">no document</span>'}${gap.count > 1 ? `, ${gap.count} open` : ''}`;
      const why = gap.detail ? ` — ${escapeHtml(gap.detail)}` : '';
      out.push(`<li><strong>${escapeHtml(gapWhat(gap))}</strong>${description}${where}${why}</li>`);
    }
    out.push('</ul>');
  }
  out.push('</section>');

  out.push('<section id="broken-traces">', `<h2>Broken traces (${data.brokenTraces.length})</h2>`);
  if (data.brokenTraces.length === 0) {
    out.push('<p>None.</p>');
  } else {
    out.push('<table>', '<thead><tr><th class="loc">Location</th><th>Severity</th><th>Code</th><th>Message</th></tr></thead>', '<tbody>');
    for (const trace of data.brokenTraces) {
      out.push(
        `<tr><td class="loc mono">${htmlLink(locationText(trace), trace, toRoot)}</td><td>${escapeHtml(trace.severity)}</td><td><code>${escapeHtml(trace.code)}</code></td><td>${escapeHtml(trace.message)}</td></tr>`,
      );
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</section>');

  out.push(...reviewSectionHtml(data.reviews));
  out.push('<section id="accepted-deviations">', `<h2>Accepted deviations (${data.acceptedDeviations.length})</h2>`);
  if (data.acceptedDeviations.length === 0) {
    out.push('<p>None: no finding is silenced by an <code>mqg4ai-disable</code> comment.</p>');
  } else {
    out.push('<p>Findings silenced by an <code>mqg4ai-disable</code> comment, with the reason given there.</p>');
    out.push('<table>', '<thead><tr><th class="loc">Location</th><th>Code</th><th>Finding</th><th>Reason</th></tr></thead>', '<tbody>');
    for (const deviation of data.acceptedDeviations) {
      out.push(
        `<tr><td class="loc mono">${htmlLink(locationText(deviation), deviation, toRoot)}</td><td><code>${escapeHtml(deviation.code)}</code></td><td>${escapeHtml(deviation.message)}</td><td>${deviation.reason ? escapeHtml(deviation.reason) : NO_REASON}</td></tr>`,
      );
    }
    out.push('</tbody>', '</table>');
  }
  out.push('</section>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}
