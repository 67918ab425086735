import { markdownText } from '../../base/escape';
import { posix } from 'node:path';
import { resolveLinkTarget } from '../../syntax/resolveLink';
import type { QualityGateDocument } from '../../domain/document/types';
import type { Position } from '../../base/range';
import { throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import { isMarkdownPath, type WorkspaceIndex } from '../../workspace/workspaceIndex';
import { sortKey, type CompletionCandidate, type LineContext } from './types';

/** A destination being typed: after `](` or in a definition `[label]: `. */
export interface DestinationContext {
  /** Character where the destination starts (its `<` included). */
  readonly start: number;
  /** The destination typed so far, as written (with `<` if so written). */
  readonly typed: string;
  /** Written as `<...>`. */
  readonly angle: boolean;
  /** `![alt](`: an image; image files are offered too. */
  readonly image: boolean;
}

const DEFINITION = /^([ \t]*(?:>[ \t]*)*\[(?!\^)(?:[^\]\\]|\\.)+\]:[ \t]*)(<[^>]*|[^\s<]*)$/;
const IMAGE_FILE = /\.(png|jpe?g|gif|svg|webp|bmp)$/i;

/**
 * Recognises a link destination being typed at the end of `before` (the line
 * up to the cursor). A bare destination may hold balanced parentheses; `<...>`
 * may hold anything but `>`.
 */
export function destinationContext(before: string): DestinationContext | undefined {
  const definition = DEFINITION.exec(before);
  if (definition) {
    const typed = definition[2];
    return { start: definition[1].length, typed, angle: typed.startsWith('<'), image: false };
  }
  for (let open = before.lastIndexOf(']('); open >= 0; open = before.lastIndexOf('](', open - 1)) {
    let start = open + 2;
    while (before[start] === ' ' || before[start] === '\t') start++;
    const typed = before.slice(start);
    const valid = typed.startsWith('<') ? !typed.includes('>') : bareDestinationSoFar(typed);
    if (!valid) return undefined; // the nearest `](` decides: an earlier one is already closed
    const labelOpen = before.lastIndexOf('[', open);
    return { start, typed, angle: typed.startsWith('<'), image: labelOpen > 0 && before[labelOpen - 1] === '!' };
  }
  return undefined;
}

/** A bare destination so far: no whitespace, never more `)` than `(`. */
function bareDestinationSoFar(typed: string): boolean {
  if (/\s/.test(typed)) return false;
  let depth = 0;
  for (let i = 0; i < typed.length; i++) {
    if (typed[i] === '\\') i++;
    else if (typed[i] === '(') depth++;
    else if (typed[i] === ')' && --depth < 0) return false;
  }
  return true;
}

/** Whether `(` and `)` pair up, so that the path can stay a bare destination. */
export function balancedParentheses(path: string): boolean {
  let depth = 0;
  for (const ch of path) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * A path written as a Markdown link destination: bare when CommonMark allows it
 * (no spaces or control characters, balanced parentheses), else in `<...>`.
 */
export function formatDestination(path: string, forceAngle = false): string {
  if (!forceAngle && !/[\s<>]/.test(path) && balancedParentheses(path)) return path;
  return `<${path.replace(/([<>\\])/g, '\\$1')}>`;
}

/** The same path as a relative link from `from`'s folder. */
export function relativeDestination(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to);
  return rel === '' ? posix.basename(to) : rel;
}

/**
 * Destinations after `](` or `[label]: `: sub-folders (as `name/`) and Markdown
 * files of the folder typed so far, relative to the document; after `#`, the
 * headings and HTML anchors of the target (or of this document for `](#`).
 * `extra` (risk documents in a risk section) go first.
 */
export function destinationCompletions(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  position: Position,
  context: DestinationContext,
  line: LineContext,
  token: CancellationToken,
  first: readonly QualityGateDocument[] = [],
): CompletionCandidate[] {
  const body = context.angle ? context.typed.slice(1) : context.typed;
  const hash = body.indexOf('#');
  if (hash >= 0) return anchorCompletions(index, doc, position, body.slice(0, hash), context.typed.length - body.length + hash + 1 + context.start);

  const slash = body.lastIndexOf('/');
  const typedDir = body.slice(0, slash + 1);
  const folder = resolveLinkTarget(doc.path, typedDir === '' ? '.' : unescapeTyped(typedDir), index.rootFor(doc.path));
  if (folder.type !== 'local') return [];
  const root = index.rootFor(doc.path);
  // Only the path segment being typed is replaced (as VS Code's own Markdown service does): a
  // client that ignores the range and replaces the word before the cursor inserts the same text.
  const segmentStart = context.start + (context.angle ? 1 : 0) + typedDir.length;
  const range = { start: { line: position.line, character: segmentStart }, end: position };
  const closed = line.after.trimStart().startsWith('>');
  const result: CompletionCandidate[] = [];
  /** The rest of a destination as written after what is typed: escaped for `<...>` (closed unless a folder follows) or for a bare destination. */
  const written = (rest: string, folderFollows: boolean) =>
    context.angle ? `${rest.replace(/([<>\\])/g, '\\$1')}${closed || folderFollows ? '' : '>'}` : bareDestinationText(rest);

  const add = (kind: 'folder' | 'file', name: string, target: string, group: number, rank: number, detail: string) => {
    const newText = written(kind === 'folder' ? `${name}/` : name, kind === 'folder');
    result.push({
      kind,
      label: kind === 'folder' ? `${name}/` : name,
      detail,
      newText,
      range,
      sortText: sortKey(group, rank),
      filterText: newText,
      retrigger: kind === 'folder',
      documentation: kind === 'file' ? describeTarget(index, target) : undefined,
    });
  };

  for (const [rank, target] of first.entries()) {
    const path = relativeDestination(doc.path, target.path);
    // Offered only where the typed folder leads to it; the segment typed is replaced by the rest.
    if (!path.startsWith(unescapeTyped(typedDir))) continue;
    const newText = written(path.slice(unescapeTyped(typedDir).length), false);
    result.push({
      kind: 'file',
      label: path,
      detail: target.title,
      description: 'risk',
      documentation: describeTarget(index, target.path),
      newText,
      range,
      sortText: sortKey(0, rank),
      filterText: newText,
    });
  }

  const folders = [...index.foldersIn(folder.path)].filter((f) => !posix.basename(f).startsWith('.') && !index.isExcluded(f)).sort();
  const files = [...index.filesIn(folder.path)].filter((f) => f !== doc.path && (isMarkdownPath(f) || (context.image && IMAGE_FILE.test(f)))).sort();
  throwIfCancelled(token);
  // `../` climbs further only while the typed path is nothing but climbs.
  if (root && folder.path.startsWith(`${root}/`) && /^(\.\.\/)*$/.test(typedDir)) add('folder', '..', posix.dirname(folder.path), 1, 0, 'parent folder');
  folders.forEach((f, i) => add('folder', posix.basename(f), f, 1, i + 1, 'folder'));
  files.forEach((f, i) => add('file', posix.basename(f), f, 2, i, index.getDocument(f)?.title ?? 'file'));
  return result;
}

/**
 * Path text for a bare destination (CommonMark: no spaces, `<` or `>`, balanced parentheses):
 * spaces and angle brackets percent-encoded (link resolution decodes them), parentheses of a
 * name that does not pair them backslash-escaped.
 */
export function bareDestinationText(path: string): string {
  const encoded = path.replace(/[\s<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return balancedParentheses(encoded) ? encoded : encoded.replace(/([()])/g, '\\$1');
}

/** Headings and HTML anchors of the document `pathPart` names (this document when empty). */
function anchorCompletions(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  position: Position,
  pathPart: string,
  fragmentStart: number,
): CompletionCandidate[] {
  let target: QualityGateDocument | undefined = doc;
  if (pathPart !== '') {
    const resolved = resolveLinkTarget(doc.path, unescapeTyped(pathPart), index.rootFor(doc.path));
    target = resolved.type === 'local' ? index.getDocument(resolved.path) : undefined;
  }
  if (!target) return [];
  const range = { start: { line: position.line, character: fragmentStart }, end: position };
  const headings = target.headings
    .filter((h) => h.slug !== '')
    .map((h, i): CompletionCandidate => ({
      kind: 'anchor',
      label: `#${h.slug}`,
      detail: `${'#'.repeat(h.level)} ${h.text}`,
      newText: h.slug,
      range,
      sortText: sortKey(0, i),
      filterText: h.slug,
    }));
  const anchors = target.htmlAnchors.map((a, i): CompletionCandidate => ({
    kind: 'anchor',
    label: `#${a.id}`,
    detail: 'HTML anchor',
    newText: a.id,
    range,
    sortText: sortKey(1, i),
    filterText: a.id,
  }));
  return [...headings, ...anchors];
}

/** A typed path with CommonMark backslash escapes undone (resolving percent-decodes it). */
function unescapeTyped(typed: string): string {
  return typed.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function describeTarget(index: WorkspaceIndex, path: string): string | undefined {
  const doc = index.getDocument(path);
  if (!doc) return undefined;
  return [`**${markdownText(doc.title)}**`, doc.summary ? markdownText(doc.summary) : ''].filter(Boolean).join('\n\n');
}
