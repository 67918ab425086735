import { posix } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseQuestionBlocks } from '../altai/questionBlocks';
import { LineIndex } from '../../base/lineIndex';
import { boundedMarkdown, parseMarkdown } from '../../syntax/markdownParser';
import { classifyDocument } from './documentKind';
import { leafQgTemplate, riskTemplate } from '../templates/documentTemplates';
import { parseFrontMatter } from '../../syntax/frontMatter';
import { definitionDestination, findClosingBracket, inlineDestination, type DestinationSpan } from '../../syntax/linkSyntax';
import { readSuppressions } from '../suppressions';
import { citationOfLink, citationsInText, ITEM_ID } from '../packs/citations';
import { contentFingerprint } from '../review/fingerprint';
import type {
  DocumentContent,
  PackCitation,
  Suppression,
  FrontMatter,
  Heading,
  HtmlAnchor,
  LinkOccurrence,
  LinkReference,
  QualityGateDocument,
  TermDefinition,
} from './types';

// Regexes here run on repository text: each is linear (no nested or overlapping
// quantifiers); the rest is done by scanners below (tested in boundedRegexes.test.ts).
const QUESTION_LABEL = /^[ \t]{0,3}(?:ALTAI|Additional Questions)[ \t]*(?::[ \t]*)?$/im;
const SUMMARY_LENGTH = 400;
const DEFINITION_LENGTH = 1200;

/**
 * Builds the document model from a file's text. Pure and synchronous: the
 * caller decides when to spend the time (the index yields between documents).
 */
export function parseDocument(path: string, text: string): QualityGateDocument {
  return bindContent(path, text, parseContent(text));
}

/**
 * The model of the file at `path` whose text is `text` and parsed `content` (shared with
 * every file of the same text): adds what depends on the place, its kind and title.
 */
export function bindContent(path: string, text: string, content: DocumentContent): QualityGateDocument {
  const hasAltaiBlock = content.questionBlocks.some((b) => b.kind === 'altai');
  const { frontMatter, headings } = content;
  const kind = classifyDocument({ path, text, headings, frontMatter, hasAltaiBlock });
  const name = frontMatter?.tags.find((t) => t.key.toLowerCase() === 'name')?.value;
  const title = headings[0]?.text.trim() || name || posix.basename(path);
  return { path, kind, title, ...content };
}

/** The path-independent part of a model (to share it with other files of the same text). */
export function contentOf(doc: QualityGateDocument): DocumentContent {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { path, kind, title, skipped, ...content } = doc;
  return content;
}

/** Parses a text into what every file with this text has in common (no path, kind or title). */
export function parseContent(text: string): DocumentContent {
  const lines = new LineIndex(text);
  const bounded = boundedMarkdown(text);
  const tree = parseMarkdown(bounded.text);
  const slugger = new GithubSlugger();

  let frontMatter: FrontMatter | undefined;
  const headings: Heading[] = [];
  const htmlAnchors: HtmlAnchor[] = [];
  const suppressions: Suppression[] = [];
  const links: LinkOccurrence[] = [];
  const references: LinkReference[] = [];
  const citations: PackCitation[] = [];
  let summary = '';

  const range = (node: Nodes) => lines.rangeOf(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);

  // Iterative walk: quotes and lists nested a thousand deep must not overflow the stack.
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;

    switch (node.type) {
      case 'yaml': {
        const fence = /\r\n|\r|\n/.exec(text.slice(start, end));
        const yamlStart = fence ? start + fence.index + fence[0].length : start;
        frontMatter = parseFrontMatter(node.value, yamlStart, start, end, lines);
        break;
      }
      case 'heading': {
        // GitHub slugs the rendered text: inline HTML (`<a id>`, `<br>`) is not part of it.
        // `~~del~~` stays literal without the strikethrough extension; GitHub shows (and slugs) `del`.
        const plain = withoutStrikethrough(toString(node, { includeHtml: false })).trim();
        const first = node.children[0]?.position?.start.offset ?? end;
        const last = node.children[node.children.length - 1]?.position?.end.offset ?? end;
        headings.push({
          level: node.depth,
          text: plain,
          slug: slugger.slug(plain),
          range: range(node),
          textRange: lines.rangeOf(first, last),
          contentLines: 0,
        });
        break;
      }
      case 'html':
        if (node.value.includes('mqg4ai-disable')) {
          const startLine = node.position?.start.line ? node.position.start.line - 1 : 0;
          const htmlLines = new LineIndex(node.value);
          suppressions.push(...readSuppressions(node.value, startLine, (offset) => htmlLines.positionAt(offset).line));
        }
        for (const id of htmlAnchorIds(node.value)) htmlAnchors.push({ id, range: range(node) });
        break;
      case 'paragraph':
        if (!summary && tree.children.includes(node)) summary = shorten(toString(node));
        break;
      case 'text':
        citations.push(...citationsInText(text, start, end, lines));
        break;
      case 'link':
      case 'image': {
        const link = readLink(text, node, start, end, lines);
        if (link) links.push(link);
        if (link?.syntax === 'inline') {
          const labelEnd = findClosingBracket(text, start, end);
          const citation = labelEnd >= 0 ? citationOfLink(link.text, start, labelEnd, end, lines) : undefined;
          if (citation) citations.push(citation);
        }
        break;
      }
      case 'definition': {
        const span = definitionDestination(text, start, end);
        if (span) links.push(occurrence('definition', text, span, start, end, lines, node.label ?? node.identifier, node.identifier, node.url));
        break;
      }
      case 'linkReference':
      case 'imageReference': {
        const reference = readReference(text, node, start, end, lines);
        references.push(reference);
        // `[AMLAS-3.1][ev]` (or `[AMLAS-3.1]` with a definition): a citation, the document being the evidence.
        if (node.type === 'linkReference' && ITEM_ID.test(reference.text.trim())) citations.push({ id: reference.text.trim(), range: reference.range });
        break;
      }
    }
    if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }

  countSectionContent(text, headings);
  const questionBlocks = QUESTION_LABEL.test(text) ? parseQuestionBlocks(text) : [];

  const definitions = readDefinitions(tree, range);

  citations.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const model: DocumentContent = {
    frontMatter,
    headings,
    htmlAnchors,
    links,
    references,
    suppressions,
    questionBlocks,
    summary,
    definitions,
    citations,
    lineCount: lines.lineCount,
    endPosition: lines.positionAt(text.length),
    fingerprint: contentFingerprint(text),
  };
  return bounded.degraded ? { ...model, degraded: bounded.degraded } : model;
}

/** A model with no structure: only its path, and the fields that say why (skipped, degraded) and how long it is. */
export function structurelessDocument(
  path: string,
  fields: Pick<QualityGateDocument, 'lineCount' | 'endPosition' | 'skipped' | 'degraded'>,
): QualityGateDocument {
  return {
    path,
    kind: 'other',
    title: posix.basename(path),
    headings: [],
    htmlAnchors: [],
    links: [],
    references: [],
    suppressions: [],
    questionBlocks: [],
    summary: '',
    definitions: [],
    citations: [],
    ...fields,
  };
}

/**
 * The model of a document whose parse ran out of time (the parse was stopped): no
 * structure, only its size, and the reason. Anchors in it are not judged.
 */
export function unparsedDocument(path: string, text: string, reason: string): QualityGateDocument {
  const lines = new LineIndex(text);
  return {
    ...structurelessDocument(path, { lineCount: lines.lineCount, endPosition: lines.positionAt(text.length), degraded: reason }),
    fingerprint: contentFingerprint(text),
  };
}

/**
 * `Definition <Term>` headings at the top level and the text under each, up to
 * the next heading (any level).
 */
function readDefinitions(tree: Root, range: (node: Nodes) => TermDefinition['range']): TermDefinition[] {
  const result: TermDefinition[] = [];
  const children = tree.children;
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (node.type !== 'heading') continue;
    const term = definitionTerm(toString(node).trim());
    if (!term) continue;
    const parts: string[] = [];
    for (let j = i + 1; j < children.length && children[j].type !== 'heading'; j++) {
      const part = children[j];
      if (part.type === 'paragraph' || part.type === 'blockquote' || part.type === 'list') parts.push(blockText(part));
    }
    const text = parts.join(' ').replace(/\s+/g, ' ').trim();
    if (text) result.push({ term, text: text.length > DEFINITION_LENGTH ? `${text.slice(0, DEFINITION_LENGTH - 1)}…` : text, range: range(node) });
  }
  return result;
}

/** The template's guiding questions, compared without case and spacing. */
const TEMPLATE_PROMPTS = new Set([...leafQgTemplate.sections, ...riskTemplate.sections].flatMap((s) => (s.prompt ? [promptKey(s.prompt)] : [])));

function promptKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Fills each heading's `contentLines` (see `Heading`), line by line. The first quote
 * paragraph right under a heading is the guiding prompt when it is the template's prompt or a
 * question; any other quote there is an answer written as a quote, and counts.
 */
function countSectionContent(text: string, headings: Heading[]): void {
  if (headings.length === 0) return;
  const textLines = text.split(/\r\n|\r|\n/);
  headings.forEach((heading, i) => {
    const from = heading.range.end.line + 1;
    const to = i + 1 < headings.length ? headings[i + 1].range.start.line : textLines.length;
    let count = 0;
    let promptPossible = true;
    let quote: string[] | undefined;
    const endQuote = () => {
      if (!quote) return;
      const joined = quote.join(' ').replace(/^>\s*/, '');
      const isPrompt = TEMPLATE_PROMPTS.has(promptKey(joined)) || /\?\s*\**\s*$/.test(joined);
      if (!isPrompt) count += quote.length;
      quote = undefined;
    };
    for (let line = from; line < to; line++) {
      const trimmed = textLines[line].trim();
      if (trimmed === '' || /^<br\s*\/?>$/i.test(trimmed) || /^[-*+]$/.test(trimmed) || /^(-{3,}|\*{3,})$/.test(trimmed)) {
        endQuote();
        continue;
      }
      if ((promptPossible || quote) && /^>(?!>)/.test(trimmed)) {
        promptPossible = false;
        (quote ??= []).push(trimmed.replace(/^>\s*/, ''));
        continue;
      }
      endQuote();
      promptPossible = false;
      count++;
    }
    endQuote();
    (heading as { contentLines: number }).contentLines = count;
  });
}

/** Plain text of a block; list items and quoted paragraphs stay apart. Iterative, like the walk. */
function blockText(root: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'list' || node.type === 'blockquote' || node.type === 'listItem') {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    } else {
      parts.push(toString(node, { includeHtml: false }));
    }
  }
  return parts.join(' ');
}

function readLink(text: string, node: Extract<Nodes, { type: 'link' | 'image' }>, start: number, end: number, lines: LineIndex): LinkOccurrence | undefined {
  const label = node.type === 'image' ? (node.alt ?? '') : toString(node);
  const open = node.type === 'image' ? start + 1 : start;
  if (text[open] !== '[') {
    // `<https://...>`, `<me@example.org>` or a bare GFM URL: always external.
    const inner = text[start] === '<' ? { start: start + 1, end: end - 1 } : { start, end };
    return occurrence('autolink', text, inner, start, end, lines, label, undefined, node.url);
  }
  // The children's end is exact for links; images (and fallbacks) scan the brackets.
  let labelEnd = -1;
  if (node.type === 'link' && node.children.length > 0) {
    const childEnd = node.children[node.children.length - 1].position?.end.offset ?? -1;
    if (text[childEnd] === ']') labelEnd = childEnd;
  }
  if (labelEnd < 0) labelEnd = findClosingBracket(text, open, end);
  const span = labelEnd >= 0 ? inlineDestination(text, labelEnd, end) : undefined;
  if (!span) return undefined;
  return occurrence(node.type === 'image' ? 'image' : 'inline', text, span, start, end, lines, label, undefined, node.url);
}

function readReference(
  text: string,
  node: Extract<Nodes, { type: 'linkReference' | 'imageReference' }>,
  start: number,
  end: number,
  lines: LineIndex,
): LinkReference {
  const open = node.type === 'imageReference' ? start + 1 : start;
  const textEnd = findClosingBracket(text, open, end);
  let labelStart = open + 1;
  let labelEnd = textEnd >= 0 ? textEnd : end;
  if (node.referenceType === 'full' && textEnd >= 0 && text[textEnd + 1] === '[') {
    const close = findClosingBracket(text, textEnd + 1, end);
    labelStart = textEnd + 2;
    labelEnd = close >= 0 ? close : end;
  }
  const label = node.type === 'imageReference' ? (node.alt ?? '') : toString(node);
  return { label: node.identifier, labelRange: lines.rangeOf(labelStart, labelEnd), range: lines.rangeOf(start, end), text: label };
}

function occurrence(
  syntax: LinkOccurrence['syntax'],
  text: string,
  span: DestinationSpan,
  start: number,
  end: number,
  lines: LineIndex,
  linkText: string,
  label?: string,
  url?: string,
): LinkOccurrence {
  const rawDestination = text.slice(span.start, span.end);
  return {
    syntax,
    rawDestination,
    destination: url ?? unescapeDestination(rawDestination),
    destinationRange: lines.rangeOf(span.start, span.end),
    range: lines.rangeOf(start, end),
    label,
    text: linkText,
  };
}

/** CommonMark unescaping of a destination as written (used for definitions' raw text). */
function unescapeDestination(raw: string): string {
  const inner = raw.startsWith('<') && raw.endsWith('>') ? raw.slice(1, -1) : raw;
  return inner.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function shorten(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > SUMMARY_LENGTH ? `${flat.slice(0, SUMMARY_LENGTH - 1)}…` : flat;
}

/** `~~text~~` -> `text` within one line (as `/~~(.+?)~~/g` would), in one pass. */
export function withoutStrikethrough(text: string): string {
  if (!text.includes('~~')) return text;
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('~~', i);
    if (open < 0) break;
    const close = text.indexOf('~~', open + 3);
    if (close < 0) break; // no closing after this opening: none after a later one either
    const breakAt = lineBreakIn(text, open + 2, close);
    if (breakAt >= 0) {
      i = breakAt + 1; // every opening before the break closes only after it
      continue;
    }
    out += text.slice(last, open) + text.slice(open + 2, close);
    i = last = close + 2;
  }
  return out + text.slice(last);
}

function lineBreakIn(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return i;
  }
  return -1;
}

/** The value of each `id` / `name` attribute in HTML tags of `html`; each tag is scanned once. */
export function htmlAnchorIds(html: string): string[] {
  const ids: string[] = [];
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open < 0 || open + 1 >= html.length) break;
    if (!isAsciiLetter(html.charCodeAt(open + 1))) {
      i = open + 1;
      continue;
    }
    // A tag runs to the next `>`; any later `<` before it has the same end, so the scan goes on after a hit or after it.
    const close = html.indexOf('>', open + 2);
    const end = close < 0 ? html.length : close;
    const found = attributeIn(html, open + 2, end);
    if (found) {
      if (found.value) ids.push(found.value);
      i = found.end;
    } else i = end;
  }
  return ids;
}

const ATTRIBUTE = /(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/y;

/** The first `id=` / `name=` attribute after whitespace in `html[from, end)`, with where its match ends. */
function attributeIn(html: string, from: number, end: number): { value: string; end: number } | undefined {
  for (let i = from; i < end; i++) {
    if (!/\s/.test(html[i])) continue;
    const c = html[i + 1];
    if (c !== 'i' && c !== 'n') continue;
    ATTRIBUTE.lastIndex = i + 1;
    const match = ATTRIBUTE.exec(html);
    if (match) return { value: match[1] ?? match[2] ?? match[3] ?? '', end: ATTRIBUTE.lastIndex };
  }
  return undefined;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const DEFINITION_SEPARATORS = ':-–—';

/**
 * The term of a `Definition <Term>` heading (`Definitions of X`, `Definition: X`,
 * `Definition – X`), as `/^definitions?(?:\s+of)?\s*[:\-–—]?\s+(\S.*?)[\s:]*$/i`
 * would give it, without its backtracking on long runs of spaces.
 */
export function definitionTerm(heading: string): string | undefined {
  if (!/^definition/i.test(heading)) return undefined;
  let i = 'definition'.length;
  if (heading[i] === 's' || heading[i] === 'S') i++;
  const starts: number[] = [];
  // `(?:\s+of)?` is tried first with `of`, then without.
  let j = i;
  while (j < heading.length && /\s/.test(heading[j])) j++;
  if (j > i && /^of/i.test(heading.slice(j, j + 2))) starts.push(j + 2);
  starts.push(i);
  for (const from of starts) {
    const start = termStart(heading, from);
    const term = start === undefined ? undefined : termFrom(heading, start);
    if (term !== undefined) return term;
  }
  return undefined;
}

/** Where the term begins after `\s*[:\-–—]?\s+` from `from`. */
function termStart(text: string, from: number): number | undefined {
  let k = from;
  while (k < text.length && /\s/.test(text[k])) k++;
  if (k < text.length && DEFINITION_SEPARATORS.includes(text[k])) {
    let p = k + 1;
    while (p < text.length && /\s/.test(text[p])) p++;
    if (p > k + 1 && p < text.length) return p;
  }
  return k > from && k < text.length ? k : undefined;
}

/** `(\S.*?)[\s:]*$` from `start`: trailing spaces and colons dropped, no line break inside. */
function termFrom(text: string, start: number): string | undefined {
  let end = text.length;
  while (end > start + 1 && (text[end - 1] === ':' || /\s/.test(text[end - 1]))) end--;
  return lineBreakIn(text, start, end) >= 0 ? undefined : text.slice(start, end);
}
