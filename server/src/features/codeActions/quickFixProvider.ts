import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from '../editorTypes';
import type { DiagnosticCode, TraceDiagnostic } from '../../domain/codes';
import { altaiCatalogue, type QuestionCatalogue } from '../../domain/altai/catalogue';
import { suppressionFor } from '../../domain/suppressions';
import { effectiveSeverity } from '../../config/projectConfig';
import { altaiQuestionRule } from '../../analysis/rules/altaiRules';
import { fixAllChange, quickFixesFor, type QuickFix } from '../refactor/quickFixes';
import { LinkSuggestionStore } from '../refactor/linkSuggestions';
import { replacementKeepingLinks } from '../refactor/questionFix';
import { LineIndex } from '../../base/lineIndex';
import { rangesTouch, sameRange } from '../../base/range';
import type { CancellationToken } from '../../base/cancellation';
import { uriFromPath } from '../../base/fileSystem';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { toLspDiagnostic } from '../diagnostics/diagnosticsProvider';
import { PLAIN_EDITS, supports, toWorkspaceEdit, type EditCapabilities } from '../refactor/workspaceEdits';

/** `source.fixAll.mqg4ai`: every safe fix of a document at once (e.g. on save). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.mqg4ai`;

const FIX_ALL_LABELS: Partial<Record<DiagnosticCode, string>> = {
  'link.missing-file': 'broken file links with one clear replacement',
  'link.missing-folder': 'broken folder links with one clear replacement',
  'link.missing-anchor': 'broken anchors with one clear replacement',
  'qg.missing-section': 'missing template sections',
  'risk.missing-section': 'missing template sections',
};

export interface QuickFixContext {
  readonly diagnostics: readonly Diagnostic[];
  /** The kinds asked for (`CodeActionContext.only`). */
  readonly only?: readonly string[];
}

/**
 * The code actions: quick fixes for broken links (closest existing targets, ranked, or a
 * new file from the Leaf-QG/Risk template), missing template sections, front matter that
 * does not parse, and ALTAI questions that deviate from the catalogue (the catalogue's
 * wording, keeping the author's links); per kind a "Fix all ... in this file", and
 * `source.fixAll.mqg4ai`. Findings are recomputed from the index, so a fix never trusts
 * stale data from the client. Editor-independent logic is in `features/refactor`.
 */
export class QuickFixProvider {
  constructor(
    private readonly index: WorkspaceIndex,
    private readonly catalogue: QuestionCatalogue = altaiCatalogue(),
    /** Broken links' suggestions searched in the background (the engine's). */
    private readonly suggestions: LinkSuggestionStore = new LinkSuggestionStore(index),
  ) {}

  provideCodeActions(
    path: string,
    range: Range,
    context: QuickFixContext,
    token: CancellationToken,
    text: string | undefined = this.index.openText(path),
    capabilities: EditCapabilities = PLAIN_EDITS,
  ): CodeAction[] {
    const doc = this.index.getDocument(path);
    if (!doc || text === undefined || token.isCancellationRequested) return [];
    const lines = text.split(/\r\n|\r|\n/);
    const wantsQuickFix = wants(context.only, CodeActionKind.QuickFix);
    const wantsFixAll = wants(context.only, FIX_ALL_KIND) && context.only !== undefined;
    if (!wantsQuickFix && !wantsFixAll) return [];
    const canCreateFiles = supports(capabilities, 'create');
    const actions: CodeAction[] = [];
    // Broken links' candidates: the background's results, else one small search for the whole request.
    const suggest = this.suggestions.suggesterFor(doc, token);

    if (wantsQuickFix) {
      actions.push(...this.questionWordingFixes(path, range, context.diagnostics, token, text));
      const here = quickFixesFor(this.index, doc, lines, { range, canCreateFiles, suggest }, token);
      for (const fix of here) actions.push(this.action(fix, context, capabilities));
      // "Fix all" per kind needs the fixes of the whole file, but only of the kinds under the cursor.
      const codes = [...new Set(here.map((f) => f.diagnostic.code))].filter((c) => FIX_ALL_LABELS[c]);
      const whole = codes.length > 0 ? quickFixesFor(this.index, doc, lines, { canCreateFiles: false, codes, suggest }, token) : [];
      for (const code of codes) {
        const { change, count } = fixAllChange(whole, code);
        if (count < 2) continue;
        actions.push({
          title: `Fix all ${FIX_ALL_LABELS[code]} in this file (${count})`,
          kind: CodeActionKind.QuickFix,
          edit: toWorkspaceEdit(change, capabilities),
        });
      }
    }
    if (wantsFixAll) {
      const { change, count } = fixAllChange(quickFixesFor(this.index, doc, lines, { canCreateFiles: false, suggest }, token));
      if (count > 0)
        actions.push({ title: `Fix all safe MQG4AI problems in this file (${count})`, kind: FIX_ALL_KIND, edit: toWorkspaceEdit(change, capabilities) });
    }
    return actions;
  }

  /** `altai.question-deviates`: only this rule runs here, since code actions are asked for on every cursor move. */
  private questionWordingFixes(path: string, range: Range, reported: readonly Diagnostic[], token: CancellationToken, text: string): CodeAction[] {
    const doc = this.index.getDocument(path);
    const config = this.index.config;
    if (!doc || !this.index.isChecked(path) || effectiveSeverity(config, 'altai.question-deviates') === 'off') return [];
    const lines = new LineIndex(text);
    const actions: CodeAction[] = [];
    for (const problem of altaiQuestionRule.check({ index: this.index, doc, catalogue: this.catalogue, config }, token)) {
      if (problem.code !== 'altai.question-deviates' || problem.replacement === undefined || !rangesTouch(problem.range, range)) continue;
      if (suppressionFor(doc, problem)) continue;
      const written = text.slice(lines.offsetAt(problem.range.start), lines.offsetAt(problem.range.end));
      actions.push({
        title: `Use the ALTAI wording of ${problem.questionId}`,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: [reportedOrOwn(reported, problem)],
        edit: { changes: { [uriFromPath(path)]: [{ range: problem.range, newText: replacementKeepingLinks(written, problem.replacement) }] } },
      });
    }
    return actions;
  }

  private action(fix: QuickFix, context: QuickFixContext, capabilities: EditCapabilities): CodeAction {
    return {
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [reportedOrOwn(context.diagnostics, fix.diagnostic)],
      ...(fix.isPreferred ? { isPreferred: true } : {}),
      edit: toWorkspaceEdit(fix.change, capabilities),
    };
  }
}

/** The client's own diagnostic for a finding, so VS Code links the fix to it; else the server's form. */
function reportedOrOwn(diagnostics: readonly Diagnostic[], finding: TraceDiagnostic): Diagnostic {
  return diagnostics.find((d) => d.code === finding.code && sameRange(d.range, finding.range)) ?? toLspDiagnostic(finding);
}

/** Whether a request limited to `only` kinds wants actions of `kind` (no `only`: everything). */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}
