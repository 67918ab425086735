/**
 * Globs from project files, matched without regular expressions: a repository's
 * `exclude: ["**\/(a+)+x"]` must not become a backtracking regex (picomatch
 * passes parentheses through). Supported: `*`, `?`, `[...]` (`[!...]`, `[^...]`,
 * ranges), `**` as a whole segment, `{a,b}` (nested), `\` escapes; everything
 * else is literal. Matching is by segments, backtracking only to the last star:
 * polynomial, never exponential, and inputs are capped.
 */

/** Longest glob accepted; a longer one matches nothing. */
export const MAX_GLOB_LENGTH = 1000;
/** Most alternatives `{a,b}` may expand one glob to; past it the rest match nothing. */
export const MAX_GLOB_EXPANSIONS = 256;
/** Most globs (after expansion) of one list; later ones are ignored. */
export const MAX_GLOBS = 1024;

type Token = { kind: 'char'; code: number } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negated: boolean; ranges: Array<[number, number]> };
type Segment = { kind: 'globstar' } | { kind: 'segment'; tokens: Token[] };

/** A predicate matching any of `globs` against workspace-relative POSIX paths (dot files included). */
export function compileGlobs(globs: readonly string[]): (path: string) => boolean {
  const compiled: Segment[][] = [];
  for (const glob of globs) {
    if (glob.length > MAX_GLOB_LENGTH) continue;
    for (const expanded of expandBraces(glob, Math.min(MAX_GLOB_EXPANSIONS, MAX_GLOBS - compiled.length))) compiled.push(compile(expanded));
    if (compiled.length >= MAX_GLOBS) break;
  }
  return (path) => {
    const parts = path.split('/');
    return compiled.some((segments) => matchSegments(segments, parts));
  };
}

/** `{a,b}c` -> `ac`, `bc` (nested, escapes kept); at most `limit` results. */
export function expandBraces(glob: string, limit: number): string[] {
  const open = findBrace(glob);
  if (!open) return limit > 0 ? [glob] : [];
  const { start, end, commas } = open;
  const prefix = glob.slice(0, start);
  const suffix = glob.slice(end + 1);
  const bounds = [start, ...commas, end];
  const result: string[] = [];
  for (let i = 0; i + 1 < bounds.length && result.length < limit; i++) {
    const alternative = glob.slice(bounds[i] + 1, bounds[i + 1]);
    for (const expanded of expandBraces(prefix + alternative + suffix, limit - result.length)) result.push(expanded);
  }
  return result;
}

/** The first top-level `{...}` holding a comma, or undefined (braces without one are literal). */
function findBrace(glob: string): { start: number; end: number; commas: number[] } | undefined {
  for (let start = 0; start < glob.length; start++) {
    const c = glob[start];
    if (c === '\\') {
      start++;
      continue;
    }
    if (c !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let i = start; i < glob.length; i++) {
      const d = glob[i];
      if (d === '\\') i++;
      else if (d === '{') depth++;
      else if (d === '}' && --depth === 0) {
        if (commas.length > 0) return { start, end: i, commas };
        break;
      } else if (d === ',' && depth === 1) commas.push(i);
    }
  }
  return undefined;
}

function compile(glob: string): Segment[] {
  return glob.split('/').map((part): Segment => (part === '**' ? { kind: 'globstar' } : { kind: 'segment', tokens: tokenize(part) }));
}

function tokenize(part: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === '\\' && i + 1 < part.length) tokens.push({ kind: 'char', code: part.charCodeAt(++i) });
    else if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const parsed = parseClass(part, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else tokens.push({ kind: 'char', code: part.charCodeAt(i) });
    } else tokens.push({ kind: 'char', code: part.charCodeAt(i) });
  }
  return tokens;
}

/** `[...]` starting at `open`, or undefined when it never closes. */
function parseClass(part: string, open: number): { token: Token; end: number } | undefined {
  let i = open + 1;
  const negated = part[i] === '!' || part[i] === '^';
  if (negated) i++;
  const ranges: Array<[number, number]> = [];
  const first = i;
  for (; i < part.length; i++) {
    if (part[i] === ']' && i > first) return { token: { kind: 'class', negated, ranges }, end: i };
    let low = part.charCodeAt(i);
    if (part[i] === '\\' && i + 1 < part.length) low = part.charCodeAt(++i);
    let high = low;
    if (part[i + 1] === '-' && i + 2 < part.length && part[i + 2] !== ']') {
      i += 2;
      high = part[i] === '\\' && i + 1 < part.length ? part.charCodeAt(++i) : part.charCodeAt(i);
    }
    ranges.push([low, high]);
  }
  return undefined;
}

/** Path segments against glob segments; `**` matches any number of them (backtracking to the last `**` only). */
function matchSegments(pattern: readonly Segment[], parts: readonly string[]): boolean {
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < parts.length) {
    const segment = pattern[p];
    if (segment?.kind === 'globstar') {
      starP = p++;
      starS = s;
    } else if (segment && matchSegment(segment.tokens, parts[s])) {
      p++;
      s++;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else return false;
  }
  while (pattern[p]?.kind === 'globstar') p++;
  return p === pattern.length;
}

/** One segment against its tokens; `*` matches any run of characters (backtracking to the last `*` only). */
function matchSegment(tokens: readonly Token[], text: string): boolean {
  let t = 0;
  let i = 0;
  let starT = -1;
  let starI = 0;
  while (i < text.length) {
    const token = tokens[t];
    if (token?.kind === 'star') {
      starT = t++;
      starI = i;
    } else if (token && matchesChar(token, text.charCodeAt(i))) {
      t++;
      i++;
    } else if (starT >= 0) {
      t = starT + 1;
      i = ++starI;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

function matchesChar(token: Token, code: number): boolean {
  switch (token.kind) {
    case 'char':
      return token.code === code;
    case 'any':
      return true;
    case 'class': {
      const inside = token.ranges.some(([low, high]) => code >= low && code <= high);
      return inside !== token.negated;
    }
    case 'star':
      return false;
  }
}
