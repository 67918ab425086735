import { posix } from 'node:path';
import { safeDecode } from '../../syntax/resolveLink';

/**
 * Rewrites link destinations while keeping how the author wrote them. A
 * destination as written (`rawDestination`) is `<...>` or bare; inside, a
 * path, then an optional `?query` and `#fragment`, which are kept verbatim
 * unless the fragment itself is being changed.
 */
export interface DestinationParts {
  /** Written as `<...>`. */
  readonly angle: boolean;
  /** The path as written (escapes and percent-encoding intact); '' for `#x`. */
  readonly path: string;
  /** `?query` as written, or ''. */
  readonly query: string;
  /** `#fragment` as written (with `#`), or ''. */
  readonly fragment: string;
  /** Offset of `path` in the raw destination. */
  readonly pathOffset: number;
}

export function splitDestination(raw: string): DestinationParts {
  const angle = raw.length >= 2 && raw.startsWith('<') && raw.endsWith('>');
  const inner = angle ? raw.slice(1, -1) : raw;
  let hash = inner.indexOf('#');
  // `\#` unescapes to `#`, which still starts the fragment.
  if (hash > 0 && inner[hash - 1] === '\\' && !isEscaped(inner, hash - 1)) hash--;
  const beforeHash = hash >= 0 ? inner.slice(0, hash) : inner;
  const fragment = hash >= 0 ? inner.slice(hash) : '';
  const question = beforeHash.indexOf('?');
  return {
    angle,
    path: question >= 0 ? beforeHash.slice(0, question) : beforeHash,
    query: question >= 0 ? beforeHash.slice(question) : '',
    fragment,
    pathOffset: angle ? 1 : 0,
  };
}

function isEscaped(text: string, at: number): boolean {
  let count = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

/** How the path of a destination was spelled, so a new path can be spelled alike. */
export interface PathStyle {
  readonly angle: boolean;
  /** `./x.md` rather than `x.md`. */
  readonly dotSlash: boolean;
  /** Root-relative: `/1_System/x.md`. */
  readonly rooted: boolean;
  readonly trailingSlash: boolean;
  /** Spaces written `%20`. */
  readonly encodeSpaces: boolean;
  /** Parentheses written `%28` / `%29`. */
  readonly encodeParens: boolean;
  /** Parentheses written `\(` / `\)`. */
  readonly escapeParens: boolean;
  /** Non-ASCII characters written as UTF-8 percent-escapes. */
  readonly encodeNonAscii: boolean;
}

export function pathStyleOf(parts: DestinationParts): PathStyle {
  const path = parts.path;
  return {
    angle: parts.angle,
    dotSlash: path.startsWith('./') || path === '.',
    rooted: path.startsWith('/'),
    trailingSlash: path.length > 1 && path.endsWith('/'),
    encodeSpaces: /%20/.test(path),
    encodeParens: /%2[89]/i.test(path),
    escapeParens: /\\[()]/.test(path),
    encodeNonAscii: /%[89a-f][0-9a-f]/i.test(path),
  };
}

/**
 * Spells a decoded relative (or `/`-rooted) path in `style`. Returns the text
 * and whether it must be wrapped in `<...>` (a bare destination cannot hold a
 * space or an unbalanced parenthesis unless the style encodes or escapes it).
 */
export function spellPath(path: string, style: PathStyle): { text: string; needsAngle: boolean } {
  let text = '';
  let needsAngle = false;
  let depth = 0;
  let unbalanced = false;
  for (const ch of path) {
    const code = ch.codePointAt(0)!;
    if (ch === '%') text += '%25';
    else if (ch === '#') text += '%23';
    else if (ch === '?') text += '%3F';
    else if (ch === '\\') text += '%5C';
    else if (code < 0x20 || code === 0x7f) text += encodeURIComponent(ch);
    else if (ch === ' ') {
      if (style.encodeSpaces) text += '%20';
      else {
        text += ' ';
        needsAngle = true;
      }
    } else if (ch === '(' || ch === ')') {
      if (style.encodeParens) text += ch === '(' ? '%28' : '%29';
      else if (style.escapeParens) text += `\\${ch}`;
      else {
        text += ch;
        if (ch === '(') depth++;
        else if (depth === 0) unbalanced = true;
        else depth--;
      }
    } else if (ch === '<' || ch === '>') text += `\\${ch}`;
    else if (code > 0x7f && style.encodeNonAscii) text += encodeURIComponent(ch);
    else text += ch;
  }
  if (depth !== 0 || unbalanced) needsAngle = true;
  return { text, needsAngle };
}

/**
 * A new destination for a link whose path part should now lead to `newPath`
 * (decoded; relative to the linking document's folder, or starting with `/`
 * for root-relative links), keeping the query, the fragment and the spelling
 * of the old destination. `isFolder`: the target is a folder (a trailing
 * slash is kept only then).
 */
export function rewriteDestinationPath(raw: string, newPath: string, isFolder = false): string {
  const parts = splitDestination(raw);
  const style = pathStyleOf(parts);
  let path = newPath;
  if (style.dotSlash && path !== '.' && path !== '..' && !path.startsWith('./') && !path.startsWith('../') && !path.startsWith('/')) path = `./${path}`;
  if (style.trailingSlash && isFolder && !path.endsWith('/')) path += '/';
  const spelled = spellPath(path, style);
  const inner = spelled.text + parts.query + parts.fragment;
  return parts.angle || spelled.needsAngle ? `<${inner}>` : inner;
}

/** A destination with its fragment replaced by `slug` (spelled like the old fragment: percent-encoded or not). */
export function rewriteDestinationFragment(raw: string, slug: string): string {
  const parts = splitDestination(raw);
  const encoded = /%[0-9a-f]{2}/i.test(parts.fragment);
  let spelled = '';
  for (const ch of slug) {
    const code = ch.codePointAt(0)!;
    if (ch === '%' || ch === '#' || ch === ' ' || code < 0x20 || code === 0x7f) spelled += encodeURIComponent(ch);
    else if ((ch === '(' || ch === ')' || ch === '<' || ch === '>') && !parts.angle) spelled += encodeURIComponent(ch);
    else if (code > 0x7f && encoded) spelled += encodeURIComponent(ch);
    else spelled += ch;
  }
  const inner = parts.path + parts.query + `#${spelled}`;
  return parts.angle ? `<${inner}>` : inner;
}

/** Offsets (in the raw destination) of the fragment after `#`, or undefined when there is none. */
export function fragmentSpan(raw: string): { start: number; end: number } | undefined {
  const parts = splitDestination(raw);
  if (!parts.fragment) return undefined;
  const start = parts.pathOffset + parts.path.length + parts.query.length + 1;
  return { start, end: start + parts.fragment.length - 1 };
}

/** The decoded path part of a destination, as resolution sees it (for tests and checks). */
export function decodedPath(raw: string): string {
  const parts = splitDestination(raw);
  return safeDecode(parts.path.replace(/\\([!-/:-@[-`{-~])/g, '$1'));
}

/**
 * The relative path a link in `fromPath` should spell to reach `target`,
 * `/`-rooted when the old link was rooted and `root` contains the target.
 */
export function linkPathBetween(fromPath: string, target: string, rooted: boolean, root: string | undefined): string {
  if (rooted && root && (target === root || target.startsWith(`${root}/`))) return `/${posix.relative(root, target)}`;
  const rel = posix.relative(posix.dirname(fromPath), target);
  return rel === '' ? '.' : rel;
}

/**
 * The new relative path of a link whose target moved, keeping as much of the old path as still
 * leads the way: the longest leading part of `oldPath` (decoded, relative to the linking document)
 * whose folder still contains the new target is kept as written, and only the rest is new. So
 * `../2_Development/2_Model_Evaluation/QG_A.md` becomes `../2_Development/2_Model_Evaluation/QG_B.md`
 * when QG_A is renamed, never the shorter `2_Model_Evaluation/QG_B.md` that `path.relative` would
 * give from inside 2_Development. Undefined when no part of it fits (the caller then uses the
 * shortest relative path).
 */
export function pathKeepingPrefix(oldPath: string, fromPath: string, target: string): string | undefined {
  if (oldPath.startsWith('/')) return undefined;
  const segments = oldPath.split('/').filter((s, i, all) => s !== '' || i === all.length - 1);
  const base = posix.dirname(fromPath);
  for (let k = segments.length - 1; k > 0; k--) {
    const prefix = segments.slice(0, k);
    if (prefix.every((s) => s === '.')) break;
    const folder = posix.join(base, ...prefix);
    if (target !== folder && !target.startsWith(`${folder}/`)) continue;
    const rest = posix.relative(folder, target);
    return [...prefix, ...(rest ? [rest] : [])].join('/');
  }
  return undefined;
}
