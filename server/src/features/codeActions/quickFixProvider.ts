import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from '../editorTypes';
import type { DiagnosticCode, TraceDiagnostic } from '../../domain/codes';
import { fixAllChange, quickFixesFor, type QuickFix } from '../refactor/quickFixes';
import { comparePositions } from '../../base/range';
import type { CancellationToken } from '../../base/cancellation';
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
 * Quick fixes for broken links (closest existing targets, ranked, or a new
 * file from the Leaf-QG/Risk template), missing template sections and front
 * matter that does not parse; per kind a "Fix all ... in this file", and
 * `source.fixAll.mqg4ai`. Editor-independent logic is in `core/refactor`.
 */
export class QuickFixProvider {
  constructor(private readonly index: WorkspaceIndex) {}

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

    if (wantsQuickFix) {
      const here = quickFixesFor(this.index, doc, lines, { range, canCreateFiles }, token);
      for (const fix of here) actions.push(this.action(fix, context, capabilities));
      // "Fix all" per kind needs the fixes of the whole file, but only of the kinds under the cursor.
      const codes = [...new Set(here.map((f) => f.diagnostic.code))].filter((c) => FIX_ALL_LABELS[c]);
      const whole = codes.length > 0 ? quickFixesFor(this.index, doc, lines, { canCreateFiles: false, codes }, token) : [];
      for (const code of codes) {
        const { change, count } = fixAllChange(whole, code);
        if (count < 2) continue;
        actions.push({ title: `Fix all ${FIX_ALL_LABELS[code]} in this file (${count})`, kind: CodeActionKind.QuickFix, edit: toWorkspaceEdit(change, capabilities) });
      }
    }
    if (wantsFixAll) {
      const { change, count } = fixAllChange(quickFixesFor(this.index, doc, lines, { canCreateFiles: false }, token));
      if (count > 0) actions.push({ title: `Fix all safe MQG4AI problems in this file (${count})`, kind: FIX_ALL_KIND, edit: toWorkspaceEdit(change, capabilities) });
    }
    return actions;
  }

  private action(fix: QuickFix, context: QuickFixContext, capabilities: EditCapabilities): CodeAction {
    return {
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [reported(context.diagnostics, fix.diagnostic)],
      ...(fix.isPreferred ? { isPreferred: true } : {}),
      edit: toWorkspaceEdit(fix.change, capabilities),
    };
  }
}

/** The client's own diagnostic for a finding, so VS Code links the fix to it; else the server's form. */
function reported(diagnostics: readonly Diagnostic[], finding: TraceDiagnostic): Diagnostic {
  return diagnostics.find((d) => d.code === finding.code && sameRange(d.range, finding.range)) ?? toLspDiagnostic(finding);
}

/** Whether a request limited to `only` kinds wants actions of `kind` (no `only`: everything). */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}
