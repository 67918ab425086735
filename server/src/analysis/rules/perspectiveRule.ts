import { make } from '../../domain/codes';
import { PERSPECTIVE_VALUES, perspectiveOf } from '../../domain/risks/perspective';
import type { DocumentRule } from './rule';

/**
 * `risk.missing-perspective`: a risk document says from which side the risk was looked
 * at, `{Perspective: Safety|Security|Both}` in its front-matter tags, so that coverage can
 * show per requirement whether both sides were considered (docs/packs.md).
 */
export const perspectiveRule: DocumentRule = {
  name: 'risk-perspective',
  check: ({ doc }) => {
    if (doc.kind !== 'risk') return [];
    const { tag, value } = perspectiveOf(doc);
    if (value) return [];
    const choices = PERSPECTIVE_VALUES.join(', ');
    if (tag && tag.value.trim() !== '') {
      return [make('risk.missing-perspective', { message: `Perspective "${tag.value.trim()}" is not one of ${choices}.`, range: tag.valueRange ?? tag.range })];
    }
    const intent = doc.frontMatter?.tags.find((t) => t.key.trim().toLowerCase() === 'intent');
    const range = tag?.range ?? intent?.range ?? doc.headings[0]?.textRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return [
      make('risk.missing-perspective', {
        message: `The risk declares no perspective: add {Perspective: Safety}, {Perspective: Security} or {Perspective: Both} to its front-matter tags.`,
        range,
      }),
    ];
  },
};
