import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

/**
 * The GFM parts that change where links are: tables (cells hold links, pipes
 * end them) and footnotes (`[^1]` must not read as a reference link). The other
 * GFM extensions (bare-URL autolinks, strikethrough, task lists) only add
 * external links or styling and cost about half of all parsing time, so they
 * are left out on purpose (see docs/performance.md).
 */
function gfmLinkStructure(this: Processor, { tables }: { tables: boolean }) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmFootnote(), ...(tables ? [gfmTable()] : []));
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), ...(tables ? [gfmTableFromMarkdown()] : []));
}

const markdownProcessor = (tables: boolean) => unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmLinkStructure, { tables }).freeze();
// Frozen processors shared by all documents: building one is the expensive part.
const withTables = markdownProcessor(true);
const withoutTables = markdownProcessor(false);

/**
 * A delimiter row without pipes (a one-column table, `:-:` under its header): with no `|` in the
 * text, the only shape a table can take. Linear: anchored at line starts, disjoint character classes.
 */
const PIPELESS_DELIMITER_ROW = /^[ \t]*(?::-+:?|-+:)[ \t]*$/m;

/**
 * Whether `text` may hold a GFM table. The table construct is tried at the start of every
 * paragraph line, about a sixth of all parsing time, and most quality gates have no table: those
 * are parsed without it, to the same tree (checked against the table parser on the corpus and on
 * generated texts in tableDetection.test.ts).
 */
export function mayHoldTable(text: string): boolean {
  return text.includes('|') || PIPELESS_DELIMITER_ROW.test(text);
}

/** The Markdown syntax tree of `text` (CommonMark + YAML front matter + GFM tables and footnotes). */
export function parseMarkdown(text: string): Root {
  return (mayHoldTable(text) ? withTables : withoutTables).parse(text);
}

/**
 * Containers (block quotes, lists) a document may open before their markers are
 * ignored. micromark's time grows with the square of their number: 4,000
 * blank-line-separated `> a` lines (20 KB) take seconds, 100 KB minutes; lists
 * separated by paragraphs or headings behave the same.
 */
export const MAX_CONTAINERS = 1000;

/**
 * The text micromark is given, and why it differs from `text` if it does. A linear
 * pre-scan counts the containers opened (a line starting with `>` or a list marker,
 * after a line that does not); past `MAX_CONTAINERS`, every container marker
 * becomes a space. Offsets stay the same, so links, headings and positions are
 * still found; only the quote and list structure is lost.
 */
export function boundedMarkdown(text: string): { text: string; degraded?: string } {
  let openings = 0;
  let previousContained = false;
  forEachLine(text, (start, end) => {
    const contained = containerMarkers(text, start, end).length > 0;
    if (contained && !previousContained) openings++;
    previousContained = contained;
  });
  if (openings <= MAX_CONTAINERS) return { text };
  const chars = text.split('');
  forEachLine(text, (start, end) => {
    const markers = containerMarkers(text, start, end);
    if (markers.length === 0) return;
    for (const at of markers) chars[at] = ' ';
    // Four columns of blanks before the content would make it indented code: the first marker becomes
    // a no-break space instead, which is ordinary text to the parser.
    let blanks = 0;
    for (let i = markers[0]; i >= start && (chars[i] === ' ' || chars[i] === '\t'); i--) blanks += chars[i] === '\t' ? 4 : 1;
    let after = markers[0] + 1;
    while (after < end && (chars[after] === ' ' || chars[after] === '\t')) blanks += chars[after++] === '\t' ? 4 : 1;
    if (blanks >= 4 && after < end) chars[markers[0]] = '\u00a0';
  });
  return {
    text: chars.join(''),
    degraded: `This file opens ${openings} separate block quotes or lists (more than ${MAX_CONTAINERS}), which the Markdown parser handles in quadratic time: it was read without its quote and list structure (links, headings and anchors are still checked).`,
  };
}

function forEachLine(text: string, visit: (start: number, end: number) => void): void {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    visit(start, i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
}

/** Offsets of the container markers (`>`, list bullets and numbers) a line starts with, within its indentation. */
function containerMarkers(text: string, start: number, end: number): number[] {
  const markers: number[] = [];
  let i = start;
  for (;;) {
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= end) return markers;
    const c = text[i];
    if (c === '>') {
      markers.push(i++);
      continue;
    }
    // A list marker followed by a blank: `-`, `*`, `+`, or up to nine digits and `.` / `)`.
    let j = i;
    if (c === '-' || c === '*' || c === '+') j++;
    else {
      while (j < end && j - i < 9 && text[j] >= '0' && text[j] <= '9') j++;
      if (j === i || (text[j] !== '.' && text[j] !== ')')) return markers;
      j++;
    }
    if (j >= end || (text[j] !== ' ' && text[j] !== '\t')) return markers;
    for (let k = i; k < j; k++) markers.push(k);
    i = j;
  }
}
