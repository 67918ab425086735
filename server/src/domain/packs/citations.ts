import type { PackCitation, QualityGateDocument } from '../document/types';
import type { LineIndex } from '../../base/lineIndex';
import { rangeContains, type Position } from '../../base/range';

/**
 * The shape of an item ID: letters, digits and `_` in at least two parts joined by
 * `.` or `-`, starting with a letter (`SAD.design.2`, `AMLAS-3.1`, `AIACT.art15`,
 * `TRS.accuracy.3`). The same pattern as `itemId` in schemas/mqg4ai-pack.schema.json.
 */
export const ITEM_ID = /^[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)+$/;

/** `[ID]` in raw text; the ID must not be followed by `(` (that would be a link Markdown already parsed). */
const BRACKETED = /\[([A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)+)\](?![(:])/g;

/**
 * Citations in the source text of one Markdown text node (`start`..`end` are offsets
 * into the document): every `[ID]` in it. Markdown has already turned `[x]` into a
 * link where a definition exists, so what is left in text is plain text on GitHub too.
 */
export function citationsInText(text: string, start: number, end: number, lines: LineIndex): PackCitation[] {
  const raw = text.slice(start, end);
  if (!raw.includes('[')) return [];
  const found: PackCitation[] = [];
  for (const match of raw.matchAll(BRACKETED)) {
    // `\[ID]` is an escaped bracket: written to show brackets, not to cite.
    if (match.index > 0 && raw[match.index - 1] === '\\') continue;
    const from = start + match.index;
    found.push({ id: match[1], range: lines.rangeOf(from, from + match[0].length) });
  }
  return found;
}

/**
 * A link whose whole text is an item ID (`[AMLAS-3.1](../Data/QG_Data.md)`) cites that
 * item with the link target as its evidence. `labelEnd` is the offset of the `]`.
 */
export function citationOfLink(linkText: string, start: number, labelEnd: number, end: number, lines: LineIndex): PackCitation | undefined {
  const id = linkText.trim();
  if (!ITEM_ID.test(id)) return undefined;
  return { id, range: lines.rangeOf(start, labelEnd + 1), linkRange: lines.rangeOf(start, end) };
}

/** The citation under `position`, if any (the `[ID]` part; for links, not the destination). */
export function citationAt(doc: Pick<QualityGateDocument, 'citations'>, position: Position): PackCitation | undefined {
  return doc.citations?.find((c) => rangeContains(c.range, position));
}
