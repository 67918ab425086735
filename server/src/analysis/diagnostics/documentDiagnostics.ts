import { altaiCatalogue, type QuestionCatalogue } from '../../domain/altai/catalogue';
import { effectiveSeverity, type ProjectConfig } from '../../config/projectConfig';
import { suppressionFor } from '../../domain/suppressions';
import type { QualityGateDocument } from '../../domain/document/types';
import { documentRules } from '../rules';
import type { DocumentRule } from '../rules/rule';
import { neverCancelled, type CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { internalErrorDiagnostic, isCancellation, reportInternalError } from '../internalErrors';
import type { TraceDiagnostic } from '../../domain/codes';

/** A diagnostic silenced by an `mqg4ai-disable` comment: an accepted deviation. */
export interface SuppressedDiagnostic {
  readonly diagnostic: TraceDiagnostic;
  readonly reason: string;
}

export interface DocumentFindings {
  readonly diagnostics: readonly TraceDiagnostic[];
  readonly suppressed: readonly SuppressedDiagnostic[];
}

/**
 * What the rules found in one document, by rule name, before configuration: an early pass keeps
 * the findings the full pass may take over (rules that need no more than the document, its link
 * targets and the listing, and read no unversioned state).
 */
export type RuleFindings = Map<string, readonly TraceDiagnostic[]>;

/** Whether the full pass may take this rule's early findings over (see `RuleFindings`). */
function carriesOver(rule: DocumentRule): boolean {
  return rule.needs !== 'workspace' && !rule.readsUnversionedState;
}

/**
 * Everything the rules find in one document under the index's configuration:
 * severities overridden (or turned off), suppressed findings set apart with
 * their reasons. Documents outside `include`/inside `exclude` have none.
 */
export function computeDocumentFindings(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  token: CancellationToken = neverCancelled,
  catalogue: QuestionCatalogue = altaiCatalogue(),
  /** `early`: the workspace is still being indexed; rules that need all of it wait. */
  scope: 'complete' | 'early' = 'complete',
  /**
   * `kept`: filled with the findings a later full pass may take over; `taken`: such findings of
   * an early pass, still valid (the caller checked), used instead of running those rules again.
   */
  carried: { readonly kept?: RuleFindings; readonly taken?: RuleFindings } = {},
): DocumentFindings {
  const config: ProjectConfig = index.config;
  if (!index.isChecked(doc.path)) return { diagnostics: [], suppressed: [] };
  const diagnostics: TraceDiagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  for (const rule of documentRules) {
    // Early: rules that need every document wait for the index, those that need the whole folder tree for the listing.
    if (scope === 'early' && (rule.needs === 'workspace' || (rule.needs === 'listing' && !index.isFullyListed))) continue;
    const carries = carriesOver(rule);
    let findings = carries ? carried.taken?.get(rule.name) : undefined;
    if (!findings) {
      try {
        findings = rule.check({ index, doc, catalogue, config }, token);
        if (carries) carried.kept?.set(rule.name, findings);
      } catch (error) {
        // One failing rule costs its own findings, reported as `internal.error`; the other rules still run.
        if (isCancellation(error)) throw error;
        reportInternalError(index.logger, `The "${rule.name}" check of ${doc.path}`, error);
        findings = [internalErrorDiagnostic(`the "${rule.name}" check`, error)];
      }
    }
    for (const found of findings) {
      const severity = effectiveSeverity(config, found.code);
      if (severity === 'off') continue;
      const diagnostic = severity === found.severity ? found : { ...found, severity };
      const suppression = suppressionFor(doc, diagnostic);
      if (suppression) suppressed.push({ diagnostic, reason: suppression.reason ?? '' });
      else diagnostics.push(diagnostic);
    }
  }
  return { diagnostics, suppressed };
}

/** The diagnostics to show for one document (see `computeDocumentFindings`). */
export function computeDocumentDiagnostics(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  token: CancellationToken = neverCancelled,
  catalogue?: QuestionCatalogue,
): TraceDiagnostic[] {
  return [...computeDocumentFindings(index, doc, token, catalogue).diagnostics];
}
