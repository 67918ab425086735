import { createHash } from 'node:crypto';

/**
 * What a review stamp compares (docs/review.md): a document's text as blocks, one per line.
 * Whitespace does not count: runs of spaces and tabs become one space, lines are trimmed,
 * blank lines and line endings vanish, and a paragraph re-wrapped over other lines is the same
 * block. A line that starts a Markdown block (heading, list item, quote, table row, fence, HTML)
 * starts a new block; so do front-matter lines and the lines of a fenced code block.
 */
export function reviewBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string | undefined;
  const flush = () => {
    if (current !== undefined) blocks.push(current);
    current = undefined;
  };
  const lines = text.split(/\r\n|\r|\n/);
  let i = 0;
  // Front matter: each line its own block (keys are what a reviewer reads there).
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((line, n) => n > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (close > 0) {
      for (; i <= close; i++) {
        const line = squash(lines[i]);
        if (line !== '') blocks.push(line);
      }
    }
  }
  let fence: string | undefined;
  for (; i < lines.length; i++) {
    const line = squash(lines[i]);
    if (fence !== undefined) {
      if (line !== '') blocks.push(line);
      if (line.startsWith(fence)) fence = undefined;
      continue;
    }
    if (line === '') {
      flush();
      continue;
    }
    const opensFence = /^(`{3,}|~{3,})/.exec(line);
    if (opensFence) {
      flush();
      blocks.push(line);
      fence = opensFence[1];
      continue;
    }
    if (current !== undefined && !BLOCK_START.test(line)) {
      current += ` ${line}`;
      continue;
    }
    flush();
    current = line;
    // A heading is one line: what follows it starts a new block.
    if (HEADING.test(line)) flush();
  }
  flush();
  return blocks;
}

const BLOCK_START = /^(#{1,6}(\s|$)|[-*+](\s|$)|\d{1,9}[.)](\s|$)|>|\||<|(-\s*){3,}$|(\*\s*){3,}$|(_\s*){3,}$)/;
const HEADING = /^#{1,6}(\s|$)/;

function squash(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

/** The normalised text a snapshot holds: the review blocks, one per line, ending in a newline. */
export function reviewText(text: string): string {
  const blocks = reviewBlocks(text);
  return blocks.length === 0 ? '' : `${blocks.join('\n')}\n`;
}

/** Length of a content fingerprint (hex digits of SHA-256; 64 bits tell documents apart). */
export const FINGERPRINT_LENGTH = 16;
const FINGERPRINT = /^[0-9a-f]{16}$/;

/** The content fingerprint of a document's text: SHA-256 of its normalised text, shortened. */
export function contentFingerprint(text: string): string {
  return fingerprintOfReviewText(reviewText(text));
}

/** The fingerprint of text that is already normalised (a snapshot's content). */
export function fingerprintOfReviewText(normalised: string): string {
  return createHash('sha256').update(normalised, 'utf8').digest('hex').slice(0, FINGERPRINT_LENGTH);
}

/** Whether `value` is shaped like a content fingerprint. */
export function isFingerprint(value: unknown): value is string {
  return typeof value === 'string' && FINGERPRINT.test(value);
}
