import { markdownText } from '../../base/escape';
import { TAG_KEYS, normalizeTerm, type TagKeyMeaning } from '../../domain/glossary/glossary';
import { PERSPECTIVE_KEY, PERSPECTIVE_MEANING, PERSPECTIVE_VALUES } from '../../domain/risks/perspective';
import type { QualityGateDocument } from '../../domain/document/types';
import type { Position } from '../../base/range';
import type { CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { sortKey, type CompletionCandidate, type LineContext } from './types';

// The line before the cursor is scanned from its last `{` / `[` / `,`: the former regexes
// (`\{[ \t]*([^{}:,]+?)[ \t]*:...`) were cubic in a run of spaces, and ran on every keystroke.

/** `{Ke` or `{ Usage Ex`: a key being typed after `{` (the key typed so far, spaces before it dropped). */
export function keyInMap(before: string): string | undefined {
  const open = before.lastIndexOf('{');
  if (open < 0) return undefined;
  const rest = before.slice(open + 1);
  return /[{}:,]/.test(rest) ? undefined : skipBlanks(rest);
}

/** Right after `[` or `,` in a flow sequence: a whole `{Key: }` map goes here. The letters typed, if any. */
export function keyInSequence(before: string): { typed: string } | undefined {
  const at = Math.max(before.lastIndexOf('['), before.lastIndexOf(','));
  if (at < 0) return undefined;
  const typed = skipBlanks(before.slice(at + 1));
  return typed === '' || /^[A-Za-z][A-Za-z ]*$/.test(typed) ? { typed } : undefined;
}

/** `{Key: val`: the key (trimmed) and the value typed so far (spaces before it dropped). */
export function valueInMap(before: string): { key: string; typed: string } | undefined {
  const open = before.lastIndexOf('{');
  if (open < 0) return undefined;
  const rest = before.slice(open + 1);
  if (/[{},]/.test(rest)) return undefined;
  const colon = rest.indexOf(':');
  if (colon <= 0 || rest.indexOf(':', colon + 1) >= 0) return undefined;
  return {
    key:
      rest
        .slice(0, colon)
        .replace(/^[ \t]+/, '')
        .trimEnd() || ' ',
    typed: skipBlanks(rest.slice(colon + 1)),
  };
}

function skipBlanks(text: string): string {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(i);
}

/**
 * Whether `line` is inside the front matter: the text opens with `---` and no
 * closing `---` (or `...`) comes before `line`. Read from the text, so a block
 * still being typed (not closed yet) counts too.
 */
export function inFrontMatter(lines: readonly string[], line: number): boolean {
  if (line === 0 || lines[0]?.trimEnd() !== '---') return false;
  for (let i = 1; i < line; i++) if (/^(---|\.\.\.)[ \t]*$/.test(lines[i])) return false;
  return true;
}

/**
 * Front-matter tags: the schema's keys after `{` (or as `{Key: }` after `[` / `,`),
 * and after `{Key: ` the values other documents of the workspace use for that key,
 * most used first.
 */
export function frontMatterCompletions(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  position: Position,
  context: LineContext,
  token: CancellationToken,
): CompletionCandidate[] {
  const value = valueInMap(context.before);
  if (value && normalizeTerm(value.key) === 'perspective') return perspectiveValues(position, value.typed);
  if (value) return valueCompletions(index, doc, position, value.key.trim(), value.typed, token);

  const inMap = keyInMap(context.before);
  const inSequence = inMap !== undefined ? undefined : keyInSequence(context.before);
  if (inMap === undefined && !(inSequence && /^[ \t]*tags[ \t]*:/.test(context.line))) return [];
  const typed = inMap ?? inSequence?.typed ?? '';
  const start = position.character - typed.length;
  const range = { start: { line: position.line, character: start }, end: position };
  // Keys already there, except the one being typed.
  const typing = (t: { range: { start: Position; end: Position } }) =>
    t.range.start.line === position.line && t.range.end.character >= start && t.range.start.character <= position.character;
  const used = new Set((doc.frontMatter?.tags ?? []).filter((t) => !typing(t)).map((t) => normalizeTerm(t.key)));
  const colonFollows = /^[ \t]*:/.test(context.after);
  // Risk documents also declare their safety/security perspective (docs/packs.md).
  const keys: Array<TagKeyMeaning & { extra?: boolean }> =
    doc.kind === 'risk' ? [...TAG_KEYS, { key: PERSPECTIVE_KEY, meaning: PERSPECTIVE_MEANING, extra: true }] : [...TAG_KEYS];
  return keys
    .filter((k) => !used.has(normalizeTerm(k.key)))
    .map((k, rank) => ({
      kind: 'tag-key',
      label: k.key,
      detail: k.extra ? 'front-matter tag of risk documents (Safety, Security or Both)' : 'front-matter tag (ML design-pattern schema)',
      documentation: markdownText(k.meaning),
      newText: inMap ? (colonFollows ? k.key : `${k.key}: `) : `{${k.key}: $0}`,
      snippet: !inMap,
      range,
      sortText: sortKey(0, rank),
      filterText: k.key,
      retrigger: Boolean(inMap) && !colonFollows,
    }));
}

function valueCompletions(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  position: Position,
  key: string,
  typed: string,
  token: CancellationToken,
): CompletionCandidate[] {
  const wanted = normalizeTerm(key);
  const counts = new Map<string, number>();
  for (const other of index.allDocuments()) {
    if (token.isCancellationRequested) return [];
    if (other.path === doc.path) continue;
    for (const tag of other.frontMatter?.tags ?? []) {
      const value = tag.value.trim();
      if (value !== '' && normalizeTerm(tag.key) === wanted) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([value, count], rank) => ({
      kind: 'tag-value',
      label: value,
      detail: `${key}: used in ${count} document${count === 1 ? '' : 's'}`,
      newText: yamlFlowScalar(value),
      range,
      sortText: sortKey(0, rank),
      filterText: value,
    }));
}

/** `{Perspective: ` in any document: the three perspectives. */
function perspectiveValues(position: Position, typed: string): CompletionCandidate[] {
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  return PERSPECTIVE_VALUES.map((value, rank) => ({
    kind: 'tag-value',
    label: value,
    detail: 'risk perspective',
    documentation: markdownText(PERSPECTIVE_MEANING),
    newText: value,
    range,
    sortText: sortKey(0, rank),
    filterText: value,
  }));
}

/** A value as a YAML flow scalar: plain when safe inside `{...}`, else double-quoted. */
function yamlFlowScalar(value: string): string {
  return /^[^\s{}[\],:#&*!|>'"%@`-][^{}[\],]*$/.test(value) && !/:\s|\s#/.test(value) ? value : JSON.stringify(value);
}
