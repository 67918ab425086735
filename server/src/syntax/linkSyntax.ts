/**
 * Finds where a link's destination is written. remark reports where a link
 * starts and ends but not where its destination is; diagnostics and edits need
 * that exact range, so these scanners re-read the link's source with the
 * CommonMark rules for labels and destinations.
 */

/** A destination located in the source: offsets of `raw` (including `<>` if any). */
export interface DestinationSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Index of the `]` that closes the bracket opened at `open`, honouring
 * backslash escapes, nested brackets and code spans; -1 if none before `limit`.
 */
export function findClosingBracket(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
    } else if (ch === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      const close = text.indexOf(fence, i + run);
      i = close >= 0 && close < limit ? close + run - 1 : i + run - 1;
    } else if (ch === '[') {
      depth++;
    } else if (ch === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Skips spaces and tabs, then at most one line ending and the spaces after it. */
export function skipLinkWhitespace(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && (text[i] === ' ' || text[i] === '\t')) i++;
  let newline = false;
  if (text[i] === '\r') {
    i += text[i + 1] === '\n' ? 2 : 1;
    newline = true;
  } else if (text[i] === '\n') {
    i++;
    newline = true;
  }
  while (i < limit && (text[i] === ' ' || text[i] === '\t')) i++;
  // A continuation line inside block quotes starts with their `>` markers.
  while (newline && i < limit && text[i] === '>') {
    i++;
    while (i < limit && (text[i] === ' ' || text[i] === '\t')) i++;
  }
  return i;
}

/**
 * Scans a destination starting at `from` (after `(` or after `]:` and its whitespace).
 * `<...>` destinations end at `>`; bare ones at whitespace or an unbalanced `)`.
 */
export function scanDestination(text: string, from: number, limit: number): DestinationSpan {
  if (text[from] === '<') {
    let i = from + 1;
    while (i < limit && text[i] !== '>' && text[i] !== '\n' && text[i] !== '\r') i += text[i] === '\\' ? 2 : 1;
    return { start: from, end: Math.min(i + 1, limit) };
  }
  let depth = 0;
  let i = from;
  while (i < limit) {
    const code = text.charCodeAt(i);
    if (code <= 32 || code === 127) break;
    const ch = text[i];
    if (ch === '\\' && i + 1 < limit && /[!-/:-@[-`{-~]/.test(text[i + 1])) {
      i += 2;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) break;
      depth--;
    }
    i++;
  }
  return { start: from, end: i };
}

/**
 * Locates the destination of an inline link or image whose label closes at
 * `labelEnd` (the `]`). Returns undefined when the source is not `](...)`.
 */
export function inlineDestination(text: string, labelEnd: number, linkEnd: number): DestinationSpan | undefined {
  if (text[labelEnd] !== ']' || text[labelEnd + 1] !== '(') return undefined;
  const start = skipLinkWhitespace(text, labelEnd + 2, linkEnd);
  if (text[start] === ')') return { start, end: start };
  return scanDestination(text, start, linkEnd);
}

/** Locates the destination of a definition `[label]: dest` starting at `open`. */
export function definitionDestination(text: string, open: number, end: number): DestinationSpan | undefined {
  const labelEnd = findClosingBracket(text, open, end);
  if (labelEnd < 0 || text[labelEnd + 1] !== ':') return undefined;
  const start = skipLinkWhitespace(text, labelEnd + 2, end);
  return scanDestination(text, start, end);
}
