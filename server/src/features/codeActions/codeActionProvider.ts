import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from '../editorTypes';
import { altaiCatalogue, type QuestionCatalogue } from '../../domain/altai/catalogue';
import { replacementKeepingLinks } from '../refactor/questionFix';
import { effectiveSeverity } from '../../config/projectConfig';
import { suppressionFor } from '../../domain/suppressions';
import { altaiQuestionRule } from '../../analysis/rules/altaiRules';
import { LineIndex } from '../../base/lineIndex';
import { comparePositions } from '../../base/range';
import type { CancellationToken } from '../../base/cancellation';
import { uriFromPath } from '../../base/fileSystem';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { toLspDiagnostic } from '../diagnostics/diagnosticsProvider';

/**
 * Quick fixes. `altai.question-deviates`: replace the question with the
 * catalogue text (keeping the author's links). Diagnostics are recomputed from
 * the index, so the fix never trusts stale data from the client.
 */
export class CodeActionProvider {
  constructor(
    private readonly index: WorkspaceIndex,
    private readonly catalogue: QuestionCatalogue = altaiCatalogue(),
  ) {}

  provideCodeActions(path: string, range: Range, reported: readonly Diagnostic[], token: CancellationToken, text = this.index.openText(path)): CodeAction[] {
    const doc = this.index.getDocument(path);
    if (!doc || token.isCancellationRequested) return [];
    const config = this.index.config;
    if (!this.index.isChecked(path) || effectiveSeverity(config, 'altai.question-deviates') === 'off') return [];
    const lines = text === undefined ? undefined : new LineIndex(text);
    const actions: CodeAction[] = [];
    // Only the ALTAI rule: code actions are asked for on every cursor move.
    for (const problem of altaiQuestionRule.check({ index: this.index, doc, catalogue: this.catalogue, config }, token)) {
      if (problem.code !== 'altai.question-deviates' || problem.replacement === undefined || !overlaps(problem.range, range)) continue;
      if (suppressionFor(doc, problem)) continue;
      const written = lines ? text!.slice(lines.offsetAt(problem.range.start), lines.offsetAt(problem.range.end)) : '';
      const newText = replacementKeepingLinks(written, problem.replacement);
      const diagnostic = reported.find((d) => d.code === problem.code && sameRange(d.range, problem.range)) ?? toLspDiagnostic(problem);
      actions.push({
        title: `Use the ALTAI wording of ${problem.questionId}`,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: [diagnostic],
        edit: { changes: { [uriFromPath(path)]: [{ range: problem.range, newText }] } },
      });
    }
    return actions;
  }
}

function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}
