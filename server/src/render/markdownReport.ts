import { reviewSectionMarkdown } from './reviewSection';
import type { CoverageReportData, ReportLocation } from '../analysis/coverage/reportData';
import { NO_REASON } from '../analysis/coverage/reportData';
import { markdownCode, markdownText as escapeMarkdown } from '../base/escape';
import { gapWhat, groupGaps, href, locationText, openCount, percentText, PERSPECTIVE_STATUS, STATUS_TEXT } from './reportText';

/** The coverage report as Markdown (docs/coverage.md). */

/** Kept under their report names for callers of this module. */
export { escapeMarkdown, markdownCode };

/** A location (`file:line`) as inline code, linked to the document's line. */
function mdLocation(text: string, location: ReportLocation, toRoot: string, inTable = false): string {
  const target = href(location, toRoot);
  return target ? `[${markdownCode(text, inTable)}](${target})` : markdownCode(text, inTable);
}

function mdLink(text: string, location: ReportLocation, toRoot: string): string {
  const target = href(location, toRoot);
  return target ? `[${escapeMarkdown(text)}](${target})` : escapeMarkdown(text);
}

export function renderMarkdown(data: CoverageReportData, rootName: string, toRoot: string): string {
  const out: string[] = [];
  const counts = (c: { covered: number; total: number }) => `${c.covered}/${c.total}`;
  out.push(`# ${escapeMarkdown(data.title)}`, '');
  out.push(`- Folder: ${escapeMarkdown(rootName)}`);
  out.push(`- Generated: ${escapeMarkdown(data.generated)}`);
  out.push(`- Commit: ${data.commit ? escapeMarkdown(data.commit) : 'not in a git repository'}`);
  out.push(
    `- Overall: ${counts(data.summary.overall)} (${percentText(data.summary.overall.covered, data.summary.overall.total)}), ` +
      `${data.summary.gaps} open gap(s), ${data.summary.brokenTraces} broken trace(s)`,
  );
  out.push('');

  out.push('## Summary', '');
  if (data.trees.length === 0) {
    out.push('No MQG4AI quality-gate tree (a folder holding `1_System`, `2_Lifecycle` or `3_RiskManagement`) was found.', '');
  } else {
    out.push('| Tree | Group | Covered | % | Status |', '| --- | --- | ---: | ---: | --- |');
    for (const tree of data.trees) {
      for (const group of tree.groups) {
        out.push(
          `| ${escapeMarkdown(tree.label)} | ${escapeMarkdown(group.label)} | ${counts(group)} | ${percentText(group.covered, group.total)} | ${STATUS_TEXT[group.status]} |`,
        );
      }
      out.push(
        `| ${escapeMarkdown(tree.label)} | **All groups** | **${counts(tree)}** | **${percentText(tree.covered, tree.total)}** | ${STATUS_TEXT[tree.status]} |`,
      );
    }
    out.push('');
  }

  for (const tree of data.trees) {
    out.push(`## Coverage: ${escapeMarkdown(tree.label)}`, '');
    if (tree.folder !== '.') out.push(`Folder: ${escapeMarkdown(tree.folder)}`, '');
    for (const group of tree.groups) {
      out.push(`### ${escapeMarkdown(group.label)}: ${counts(group)} (${percentText(group.covered, group.total)})`, '');
      if (group.rows.length === 0) {
        out.push('Nothing to cover in this group yet.', '');
        continue;
      }
      out.push('| Node | Covered | % | Status |', '| --- | ---: | ---: | --- |');
      for (const row of group.rows) {
        const indent = '&emsp;'.repeat(row.depth);
        const description = row.description ? ` (${escapeMarkdown(row.description)})` : '';
        out.push(
          `| ${indent}${mdLink(row.label, row, toRoot)}${description} | ${counts(row)} | ${percentText(row.covered, row.total)} | ${STATUS_TEXT[row.status]} |`,
        );
      }
      out.push('');
    }
    if (tree.perspectives.length > 0) {
      out.push('### Safety and security perspectives of risks', '');
      out.push('| Requirement | Safety | Security | Both | Undeclared | Status |', '| --- | ---: | ---: | ---: | ---: | --- |');
      for (const p of tree.perspectives) {
        out.push(`| ${escapeMarkdown(p.requirement)} | ${p.safety} | ${p.security} | ${p.both} | ${p.undeclared} | ${PERSPECTIVE_STATUS[p.status]} |`);
      }
      out.push('');
    }
  }

  out.push(`## Open gaps (${data.summary.gaps})`, '');
  if (data.gaps.length === 0) out.push('None: every node is covered.', '');
  for (const [heading, gaps] of groupGaps(data.gaps, data.trees.length > 1)) {
    out.push(`### ${escapeMarkdown(heading)} (${openCount(gaps)})`, '');
    for (const gap of gaps) {
      const what = `**${escapeMarkdown(gapWhat(gap))}**`;
      const description = gap.description ? ` (${escapeMarkdown(gap.description)})` : '';
      const where = ` — ${gap.file ? mdLocation(locationText(gap, true), gap, toRoot) : 'no document'}${gap.count > 1 ? `, ${gap.count} open` : ''}`;
      const why = gap.detail ? ` — ${escapeMarkdown(gap.detail)}` : '';
      out.push(`- ${what}${description}${where}${why}`);
    }
    out.push('');
  }

  out.push(`## Broken traces (${data.brokenTraces.length})`, '');
  if (data.brokenTraces.length === 0) {
    out.push('None.', '');
  } else {
    out.push('| Location | Severity | Code | Message |', '| --- | --- | --- | --- |');
    for (const trace of data.brokenTraces) {
      out.push(
        `| ${mdLocation(locationText(trace), trace, toRoot, true)} | ${trace.severity} | ${escapeMarkdown(trace.code)} | ${escapeMarkdown(trace.message)} |`,
      );
    }
    out.push('');
  }

  out.push(...reviewSectionMarkdown(data.reviews));
  out.push(`## Accepted deviations (${data.acceptedDeviations.length})`, '');
  if (data.acceptedDeviations.length === 0) {
    out.push('None: no finding is silenced by an `mqg4ai-disable` comment.', '');
  } else {
    out.push('Findings silenced by an `mqg4ai-disable` comment, with the reason given there.', '');
    out.push('| Location | Code | Finding | Reason |', '| --- | --- | --- | --- |');
    for (const deviation of data.acceptedDeviations) {
      out.push(
        `| ${mdLocation(locationText(deviation), deviation, toRoot, true)} | ${escapeMarkdown(deviation.code)} | ${escapeMarkdown(deviation.message)} | ${deviation.reason ? escapeMarkdown(deviation.reason) : NO_REASON} |`,
      );
    }
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
