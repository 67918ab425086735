import { make } from '../../domain/codes';
import type { DocumentRule } from './rule';

/**
 * `file.slow`: the document's last parse took longer than the parse time budget
 * (`limits.parseTimeBudgetMs`). The document stays indexed (its model is
 * complete and correct); the finding says why the editor may lag on it.
 */
export const slowParseRule: DocumentRule = {
  name: 'parse-time',
  readsUnversionedState: true,
  check: ({ index, doc }) => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    // Parsed within a work budget: a pathological shape was read in a simpler form, or the parse was stopped.
    if (doc.degraded && !doc.skipped) return [make('file.slow', { message: doc.degraded, range })];
    const ms = index.parseTimeOf(doc.path);
    const budget = index.limits.parseTimeBudgetMs;
    if (ms === undefined || ms <= budget || doc.skipped) return [];
    return [
      make('file.slow', {
        message: `Parsing this file took ${Math.round(ms)} ms, over the ${budget} ms budget (limits.parseTimeBudgetMs). It is indexed all the same; very long or deeply nested Markdown is slow to parse, and splitting the file helps.`,
        range,
      }),
    ];
  },
};
