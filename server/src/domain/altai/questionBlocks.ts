import type { Position, Range } from '../../base/range';

/** `ALTAI:` lists ALTAI's own questions; `Additional Questions:` the methodology's or a team's own. */
export type QuestionBlockKind = 'altai' | 'additional';

/** One quoted question (`> - ...`), at its nesting depth. */
export interface QuotedQuestion {
  /** Plain text: links reduced to their text, whitespace collapsed. */
  readonly text: string;
  /** 0 for a question, 1 for a sub-question, 2 below that. */
  readonly depth: number;
  /** Index of the parent question within the block, if nested. */
  readonly parent?: number;
  /** 0-based line of the `> -` item. */
  readonly line: number;
  /** Range of the question text on its first line (after the list marker). */
  readonly textRange: Range;
  /**
   * End of the question's text when it continues on later lines (`> ...` or an
   * indented lazy line); absent for one-line questions, whose text ends at `textRange.end`.
   */
  readonly textEnd?: Position;
  /** An answer follows: a `>>` annotation or a plain paragraph before the next question. */
  readonly answered: boolean;
  /** The question's own text links to evidence. */
  readonly hasEvidenceLink: boolean;
}

/** A labelled list of quoted questions under a section heading. */
export interface QuestionBlock {
  readonly kind: QuestionBlockKind;
  /** The nearest heading above, as written (trimmed). */
  readonly section: string;
  /** 0-based line of the `ALTAI:` / `Additional Questions:` label. */
  readonly labelLine: number;
  /** 0-based line of the last line that belongs to the block. */
  readonly endLine: number;
  readonly questions: readonly QuotedQuestion[];
}

// Each line regex is linear: no two adjacent quantifiers match the same characters
// (`[ \t]*:?[ \t]*$` and `(.*?)[ \t#]*$` were quadratic on long runs of spaces).
const LABEL = /^[ \t]{0,3}(ALTAI|Additional Questions)[ \t]*(?::[ \t]*)?$/i;
const HEADING = /^[ \t]{0,3}(#{1,6})[ \t]+(.*)$/;
const ITEM = /^([ \t]*>[ \t]?)([ \t]*)([-*+])([ \t]+)(.*)$/;
const ANNOTATION = /^[ \t]*>[ \t]*>/;
const QUOTE = /^[ \t]*>/;
/** `> -` with nothing after the marker: an item being typed, neither a question nor a continuation. */
const EMPTY_ITEM = /^[ \t]*>[ \t]*[-*+][ \t]*$/;
const FENCE = /^[ \t]{0,3}(```|~~~)/;

/**
 * Reads the question blocks of a document, line by line, the way MQG4AI
 * authors write them: labels with or without colon, a blank line after the
 * label, irregular indentation, `>>` annotations (even indented so far that
 * CommonMark sees plain text), answers as plain paragraphs between questions,
 * and indented continuation lines of a question.
 */
export function parseQuestionBlocks(text: string): QuestionBlock[] {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: QuestionBlock[] = [];
  let section = '';
  let inFence = false;
  let current: { kind: QuestionBlockKind; section: string; labelLine: number; endLine: number; questions: MutableQuestion[] } | undefined;
  let indents: number[] = [];
  let lastWasItem = false;

  const close = () => {
    if (current) blocks.push({ ...current, questions: current.questions.map(freeze) });
    current = undefined;
    indents = [];
    lastWasItem = false;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence) {
      if (current) close();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      section = trimEndOf(heading[2], ' \t#').trim();
      continue;
    }
    const label = LABEL.exec(line);
    if (label) {
      close();
      current = { kind: /^altai$/i.test(label[1]) ? 'altai' : 'additional', section, labelLine: i, endLine: i, questions: [] };
      continue;
    }
    if (!current) continue;
    if (line.trim() === '') {
      lastWasItem = false;
      continue;
    }

    const last = current.questions[current.questions.length - 1];
    if (ANNOTATION.test(line)) {
      if (last) last.answered = true;
      current.endLine = i;
      lastWasItem = false;
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const indent = item[2].replace(/\t/g, '    ').length;
      // Deeper levels end where a less indented item starts.
      while (indents.length > 0 && indents[indents.length - 1] > indent) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1] < indent) indents.push(indent);
      const depth = Math.min(indents.length - 1, 2);
      let parent: number | undefined;
      for (let q = current.questions.length - 1; q >= 0; q--) {
        if (current.questions[q].depth < depth) {
          parent = q;
          break;
        }
      }
      const textStart = item[1].length + item[2].length + item[3].length + item[4].length;
      const raw = item[5];
      current.questions.push({
        raw,
        depth,
        parent: depth > 0 ? parent : undefined,
        line: i,
        textRange: { start: { line: i, character: textStart }, end: { line: i, character: line.length } },
        answered: false,
      });
      current.endLine = i;
      lastWasItem = true;
      continue;
    }
    if (EMPTY_ITEM.test(line)) {
      current.endLine = i;
      lastWasItem = false;
      continue;
    }
    if (QUOTE.test(line)) {
      // Quoted text without a list marker continues the previous question.
      if (last) {
        last.raw += ` ${line.replace(/^[ \t]*>[ \t]?/, '')}`;
        // After an annotation or answer the text no longer runs on without a break.
        if (!last.answered && /[^ \t>]/.test(line)) last.textEnd = { line: i, character: line.length };
      }
      current.endLine = i;
      continue;
    }
    if (lastWasItem && /^[ \t]{2,}\S/.test(line) && last) {
      // An indented line right under a question is its continuation (CommonMark's lazy line).
      last.raw += ` ${line.trim()}`;
      if (!last.answered) last.textEnd = { line: i, character: line.length };
      current.endLine = i;
      continue;
    }
    // A plain paragraph: the answer to the question above. The block goes on after it.
    if (last) last.answered = true;
    current.endLine = i;
    lastWasItem = false;
  }
  close();
  return blocks;
}

interface MutableQuestion {
  raw: string;
  depth: number;
  parent?: number;
  line: number;
  textRange: Range;
  textEnd?: Position;
  answered: boolean;
}

function freeze(q: MutableQuestion): QuotedQuestion {
  return {
    text: plainQuestionText(q.raw),
    depth: q.depth,
    parent: q.parent,
    line: q.line,
    textRange: q.textRange,
    ...(q.textEnd ? { textEnd: q.textEnd } : {}),
    answered: q.answered,
    hasEvidenceLink: hasInlineLink(q.raw),
  };
}

/** Question text as a reader sees it: links reduced to their text, emphasis markers and extra spaces dropped. */
export function plainQuestionText(raw: string): string {
  return withoutEmphasis(withoutLinks(raw)).replace(/\s+/g, ' ').trim();
}

/**
 * A comparison key for question texts: case, quotes, dashes, spacing and final
 * punctuation do not make two questions different.
 */
export function questionKey(text: string): string {
  const key = plainQuestionText(text)
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐-―]/g, '-')
    .replace(/\s+/g, ' ');
  return trimEndOf(key, ' .;:?!', true).trim();
}

/** `text` without trailing characters of `set` (and whitespace, with `spaces`), scanning from the end once. */
function trimEndOf(text: string, set: string, spaces = false): string {
  let end = text.length;
  while (end > 0 && (set.includes(text[end - 1]) || (spaces && /\s/.test(text[end - 1])))) end--;
  return text.slice(0, end);
}

// The scanners below do what a regex would, in one pass: a question's text comes from
// the repository and may be a 100 KB line of brackets (docs/security.md).

/** Whether `raw` holds `[text](destination)` (as `/\[[^\]]*\]\([^)]*\)/`). */
export function hasInlineLink(raw: string): boolean {
  const lastParen = raw.lastIndexOf(')');
  let close = -1;
  for (let i = raw.indexOf('['); i >= 0; i = raw.indexOf('[', i + 1)) {
    if (close <= i) close = raw.indexOf(']', i + 1);
    if (close < 0) return false;
    if (raw[close + 1] === '(' && lastParen >= close + 2) return true;
  }
  return false;
}

/**
 * `[text](dest)` and `![text](dest)` replaced by `text`, the destination allowing one
 * level of balanced parentheses (as `/!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g`).
 * Where a destination scan ends is remembered per position, so overlapping
 * candidates share the work.
 */
export function withoutLinks(raw: string): string {
  if (!raw.includes('](')) return raw;
  const n = raw.length;
  const nextParen = new Int32Array(n + 1);
  const nextBracket = new Int32Array(n + 1);
  nextParen[n] = nextBracket[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    nextParen[i] = raw[i] === '(' || raw[i] === ')' ? i : nextParen[i + 1];
    nextBracket[i] = raw[i] === ']' ? i : nextBracket[i + 1];
  }
  const UNKNOWN = -2;
  const FAILS = -1;
  const ends = new Int32Array(n + 1).fill(UNKNOWN);
  /** The end (after `)`) of a destination starting at `p`, or FAILS. */
  const destinationEnd = (p: number): number => {
    const path: number[] = [];
    let q = nextParen[p];
    let result: number = FAILS;
    while (q < n) {
      if (ends[q] !== UNKNOWN) {
        result = ends[q];
        break;
      }
      path.push(q);
      if (raw[q] === ')') {
        result = q + 1;
        break;
      }
      const inner = nextParen[q + 1];
      if (inner >= n || raw[inner] !== ')') break;
      q = nextParen[inner + 1];
    }
    for (const visited of path) ends[visited] = result;
    return result;
  };
  let out = '';
  let last = 0;
  let i = 0;
  while (i < n) {
    const bracket = raw[i] === '[' ? i : raw[i] === '!' && raw[i + 1] === '[' ? i + 1 : -1;
    if (bracket < 0) {
      i++;
      continue;
    }
    const close = nextBracket[bracket + 1];
    if (close >= n) break; // no `]` later: no link later
    if (raw[close + 1] === '(') {
      const end = destinationEnd(close + 2);
      if (end >= 0) {
        out += raw.slice(last, i) + raw.slice(bracket + 1, close);
        i = last = end;
        continue;
      }
    }
    i++;
  }
  return out + raw.slice(last);
}

/** `**text**` and `__text__` replaced by `text` within a line (as `/(\*\*|__)(.+?)\1/g`). */
export function withoutEmphasis(text: string): string {
  if (!text.includes('**') && !text.includes('__')) return text;
  // The next `**` / `__` at or after an offset, found once per marker and reused while ahead.
  const next = { '**': -1, __: -1 } as Record<string, number>;
  const nextOf = (marker: string, from: number): number => {
    if (next[marker] !== Infinity && next[marker] < from) {
      const found = text.indexOf(marker, from);
      next[marker] = found < 0 ? Infinity : found;
    }
    return next[marker];
  };
  let lineBreak = -1;
  const nextBreak = (from: number): number => {
    if (lineBreak !== Infinity && lineBreak < from) {
      lineBreak = Infinity;
      for (let k = from; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
          lineBreak = k;
          break;
        }
      }
    }
    return lineBreak;
  };
  let out = '';
  let last = 0;
  for (let i = 0; i + 1 < text.length; i++) {
    const marker = text.startsWith('**', i) ? '**' : text.startsWith('__', i) ? '__' : undefined;
    if (!marker) continue;
    const close = nextOf(marker, i + 3);
    if (close === Infinity || nextBreak(i + 2) < close) continue;
    out += text.slice(last, i) + text.slice(i + 2, close);
    last = close + 2;
    i = close + 1;
  }
  return out + text.slice(last);
}
