import { matchQuoted, requirementOf } from '../../domain/altai/assessment';
import type { QuotedQuestion } from '../../domain/altai/questionBlocks';
import { make, type TraceDiagnostic } from '../../domain/codes';
import type { Range } from '../../base/range';
import { throwIfCancelled } from '../../base/cancellation';
import type { DocumentRule } from './rule';

/** The whole text of a quoted question, continuation lines included. */
export function questionTextRange(question: QuotedQuestion): Range {
  return { start: question.textRange.start, end: question.textEnd ?? question.textRange.end };
}

/**
 * `altai.question-deviates`: a question in an `ALTAI:` block that is a few
 * characters away from exactly one ALTAI question (see `matchQuestion`); the
 * diagnostic carries the catalogue text as its replacement.
 * `altai.duplicate-question`: a catalogue question quoted a second time in the
 * same document (any block), pointing at the first quote.
 */
export const altaiQuestionRule: DocumentRule = {
  name: 'altai-questions',
  check: ({ doc, catalogue }, token) => {
    if (doc.questionBlocks.length === 0) return [];
    const result: TraceDiagnostic[] = [];
    const requirement = requirementOf(doc, catalogue);
    const first = new Map<string, QuotedQuestion>();
    for (const block of doc.questionBlocks) {
      throwIfCancelled(token);
      for (const question of block.questions) {
        const match = matchQuoted(catalogue, doc, block, question, requirement);
        if (!match) continue;
        const { question: entry } = match.entry;
        if (match.kind === 'close' && block.kind === 'altai') {
          result.push(
            make('altai.question-deviates', {
              message: `This question differs from the ALTAI catalogue (${entry.id}): "${entry.text}"`,
              range: questionTextRange(question),
              questionId: entry.id,
              replacement: entry.text,
            }),
          );
        }
        const earlier = first.get(entry.id);
        if (earlier) {
          result.push(
            make('altai.duplicate-question', {
              message: `Question ${entry.id} is already quoted on line ${earlier.line + 1}: "${entry.text}"`,
              range: question.textRange,
              questionId: entry.id,
              related: [{ path: doc.path, range: earlier.textRange, message: `First quote of ${entry.id}` }],
            }),
          );
        } else {
          first.set(entry.id, question);
        }
      }
    }
    return result;
  },
};
