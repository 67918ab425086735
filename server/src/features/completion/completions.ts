import { questionCompletions } from './questionCompletion';
import { packItemCompletions } from './packCompletion';
import { LineIndex } from '../../base/lineIndex';
import { frontMatterCompletions, inFrontMatter } from './frontMatterCompletion';
import { destinationCompletions, destinationContext } from './linkCompletion';
import { inRiskSection, riskDocuments, riskLinkCompletions } from './riskCompletion';
import type { CompletionCandidate, CompletionRequest, LineContext } from './types';

/**
 * Context-aware completions at a position, editor-independent:
 * 1. in the front matter: tag keys, then tag values used elsewhere;
 * 2. in a link destination: folders and Markdown files, then `#` anchors (risk
 *    documents first in a risk section);
 * 3. in or right after an `ALTAI:` / `Additional Questions:` block: the missing questions;
 * 4. at a line or list-item start in `Poses Risk(s)` / `Implements Risk Control(s)`: links to risk documents;
 * 5. after `[`: citations of the enabled packs' items the tree does not address yet (docs/packs.md).
 */
export function computeCompletions(request: CompletionRequest): CompletionCandidate[] {
  const { index, doc, text, position, catalogue, token } = request;
  if (token.isCancellationRequested) return [];
  const lines = new LineIndex(text);
  const lineText = lines.lineText(position.line);
  const character = Math.min(position.character, lineText.length);
  const at = { line: position.line, character };
  const context: LineContext = { line: lineText, before: lineText.slice(0, character), after: lineText.slice(character) };

  const allLines = text.split(/\r\n|\r|\n/, position.line + 1);
  if (inFrontMatter(allLines, position.line)) return frontMatterCompletions(index, doc, at, context, token);

  const destination = destinationContext(context.before);
  if (destination) {
    const first = inRiskSection(doc, position.line) ? riskDocuments(index, doc) : [];
    return destinationCompletions(index, doc, at, destination, context, token, first);
  }

  const questions = questionCompletions(catalogue, doc, at, context, (n) => lines.lineText(n));
  if (questions.length > 0) return questions;

  if (inRiskSection(doc, position.line)) {
    const risks = riskLinkCompletions(index, doc, at, context);
    if (risks.length > 0) return risks;
  }
  return packItemCompletions(index, catalogue, doc, at, context, token);
}
