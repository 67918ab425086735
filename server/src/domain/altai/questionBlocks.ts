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

const LABEL = /^[ \t]{0,3}(ALTAI|Additional Questions)[ \t]*:?[ \t]*$/i;
const HEADING = /^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
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
      section = heading[2].trim();
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
    hasEvidenceLink: /\[[^\]]*\]\([^)]*\)/.test(q.raw),
  };
}

/** Question text as a reader sees it: links reduced to their text, emphasis markers and extra spaces dropped. */
export function plainQuestionText(raw: string): string {
  return raw
    .replace(/!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A comparison key for question texts: case, quotes, dashes, spacing and final
 * punctuation do not make two questions different.
 */
export function questionKey(text: string): string {
  return plainQuestionText(text)
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐-―]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/[\s.;:?!]+$/, '')
    .trim();
}
