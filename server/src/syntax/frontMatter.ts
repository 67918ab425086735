import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { LineIndex } from '../base/lineIndex';
import type { Range } from '../base/range';

/** One `{Key: value}` entry of the front-matter `tags` list. */
export interface FrontMatterTag {
  readonly key: string;
  /** Empty string for `{Problem: }`. */
  readonly value: string;
  /** Range of the key in the document. */
  readonly range: Range;
  readonly valueRange?: Range;
}

/** A YAML error, located in document coordinates. */
export interface FrontMatterProblem {
  readonly message: string;
  readonly range: Range;
}

export interface FrontMatter {
  /** The whole block, `---` fences included. */
  readonly range: Range;
  readonly tags: readonly FrontMatterTag[];
  readonly problems: readonly FrontMatterProblem[];
}

/**
 * Reads a front-matter block. `blockStart`/`blockEnd` delimit the whole block
 * (fences included) in the document; `yamlStart` is where the YAML text begins.
 *
 * MQG4AI writes `tags: [{Name: X}, {Intent: Y}]`: a flow sequence of single-key
 * maps. A plain top-level map (`Name: X`) is read the same way so teams that
 * drop the `tags:` wrapper still get hovers and kinds right.
 */
export function parseFrontMatter(yamlText: string, yamlStart: number, blockStart: number, blockEnd: number, lines: LineIndex): FrontMatter {
  const problems: FrontMatterProblem[] = [];
  const tags: FrontMatterTag[] = [];
  const toRange = (start: number, end: number) => lines.rangeOf(yamlStart + start, yamlStart + Math.max(start, end));

  // `uniqueKeys: false` because a duplicate tag is not worth a hard error here.
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false });
  // The first error is the mistake; later ones are mostly its echoes.
  const [error] = doc.errors;
  if (error) {
    const [start, end] = error.pos;
    const more = doc.errors.length > 1 ? ` (${doc.errors.length - 1} more YAML error(s) follow from here)` : '';
    problems.push({ message: `${firstLine(error.message)}${more}`, range: toRange(start, end > start ? end : start + 1) });
  }

  const addPair = (key: unknown, value: unknown) => {
    if (!isScalar(key)) return;
    const keyRange = (key as YamlNode).range;
    const valueNode = value as YamlNode | null;
    tags.push({
      key: String(key.value ?? ''),
      value: isScalar(valueNode) ? String(valueNode.value ?? '') : '',
      range: keyRange ? toRange(keyRange[0], keyRange[1]) : toRange(0, 0),
      valueRange: valueNode?.range ? toRange(valueNode.range[0], valueNode.range[1]) : undefined,
    });
  };

  const root = doc.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      if (isScalar(pair.key) && pair.key.value === 'tags') {
        if (isSeq(pair.value)) {
          for (const item of pair.value.items) {
            if (isMap(item)) item.items.forEach((p) => addPair(p.key, p.value));
            else if (isPair(item)) addPair(item.key, item.value);
          }
        } else if (isMap(pair.value)) {
          pair.value.items.forEach((p) => addPair(p.key, p.value));
        }
      } else {
        addPair(pair.key, pair.value);
      }
    }
  }

  return { range: lines.rangeOf(blockStart, blockEnd), tags, problems };
}

function firstLine(message: string): string {
  const line = message.split(/\r?\n/)[0].trim();
  // yaml appends " at line L, column C:"; the diagnostic's range already says where.
  // Not `\s+at line ...$`: a run of spaces would be rescanned from each of its characters.
  const at = /\sat line \d+, column \d+:?$/.exec(line);
  return at ? line.slice(0, at.index).trimEnd() : line;
}
