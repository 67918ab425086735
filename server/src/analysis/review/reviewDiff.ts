import { diffLines, type DiffLine } from '../../base/lineDiff';
import { markdownText } from '../../base/escape';
import { reviewBlocks } from '../../domain/review/fingerprint';

/** One changed section: its heading (as reviewed blocks show it) and the blocks removed and added. */
export interface ChangedSection {
  /** The heading text without `#`; `(front matter)` or `(before the first heading)` for the top. */
  readonly section: string;
  readonly lines: readonly DiffLine[];
}

/** What changed in a document between the reviewed text and now, by section. */
export interface ReviewDiff {
  readonly sections: readonly ChangedSection[];
  readonly added: number;
  readonly removed: number;
}

const HEADING = /^#{1,6}\s+(.*?)\s*#*$/;

/**
 * The difference between a reviewed snapshot (normalised text: one review block per line, as
 * `reviewText` writes it) and a document's current text, as review blocks (whitespace does not
 * count), grouped by the section each change falls in.
 */
export function reviewDiff(snapshot: string, current: string): ReviewDiff {
  // A snapshot is already blocks: normalising it again would join a block to the next.
  const reviewed = snapshot.split('\n').filter((line) => line !== '');
  const lines = diffLines(reviewed, reviewBlocks(current));
  const sections: Array<{ section: string; lines: DiffLine[] }> = [];
  let heading = '(before the first heading)';
  let frontMatter = lines[0]?.text === '---';
  let added = 0;
  let removed = 0;
  lines.forEach((line, n) => {
    if (frontMatter && n > 0 && line.text === '---') frontMatter = false;
    const match = HEADING.exec(line.text);
    if (match && line.kind !== 'removed') heading = match[1];
    if (line.kind === 'same') return;
    if (line.kind === 'added') added++;
    else removed++;
    const section = frontMatter || (n === 0 && line.text === '---') ? '(front matter)' : match && line.kind === 'removed' ? match[1] : heading;
    const last = sections[sections.length - 1];
    if (last?.section === section) last.lines.push(line);
    else sections.push({ section, lines: [line] });
  });
  return { sections, added, removed };
}

/** The section names of a diff, each once, in order. */
export function changedSectionNames(diff: ReviewDiff): string[] {
  return [...new Set(diff.sections.map((s) => s.section))];
}

/** A diff as Markdown: a `diff` block per section (long blocks shortened), at most `maxLines` lines in all. */
export function renderReviewDiff(diff: ReviewDiff, maxLines = 40): string {
  if (diff.sections.length === 0) return '_No change in content (only whitespace)._';
  const out: string[] = [];
  let shown = 0;
  let total = 0;
  for (const section of diff.sections) total += section.lines.length;
  for (const section of diff.sections) {
    if (shown >= maxLines) break;
    const lines = section.lines.slice(0, maxLines - shown);
    shown += lines.length;
    const fence = '```';
    out.push(
      `**${markdownText(section.section)}**`,
      '',
      `${fence}diff`,
      ...lines.map((l) => `${l.kind === 'added' ? '+' : '-'} ${shorten(l.text).replace(/```/g, "'''")}`),
      fence,
      '',
    );
  }
  if (shown < total) out.push(`_… ${total - shown} more changed block(s)._`);
  return out.join('\n').trimEnd();
}

function shorten(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
