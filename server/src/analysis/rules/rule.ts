import type { QuestionCatalogue } from '../../domain/altai/catalogue';
import type { ProjectConfig } from '../../config/projectConfig';
import type { TraceDiagnostic } from '../../domain/codes';
import type { QualityGateDocument } from '../../domain/document/types';
import type { CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';

/** What a rule may look at: the whole index, the document being checked, the catalogue. */
export interface RuleContext {
  readonly index: WorkspaceIndex;
  readonly doc: QualityGateDocument;
  readonly catalogue: QuestionCatalogue;
  /** The effective project configuration (required sections, link options, ...). */
  readonly config: ProjectConfig;
}

/**
 * One check over one document. Rules are pure functions of the index state;
 * they never read files. Each emits codes registered in `diagnostics/codes.ts`.
 */
export interface DocumentRule {
  /** A name for logs and tests, e.g. `links`. */
  readonly name: string;
  /**
   * `workspace`: the rule reads what other documents say of this one (incoming links, names
   * across the tree), so it is skipped while the workspace is still being indexed (the early
   * diagnostics of an open document); `listing`: the rule reads the whole folder tree (assessments),
   * so an early pass skips it until every folder is listed; `document` (default): the document and
   * its link targets suffice (what they need is listed and parsed on demand).
   */
  readonly needs?: 'document' | 'listing' | 'workspace';
  /**
   * The rule reads state the index does not version (review stamps, parse times): its findings
   * from the early pass are never taken over by the full pass (`EarlyFindings`), it runs again.
   */
  readonly readsUnversionedState?: boolean;
  check(context: RuleContext, token: CancellationToken): TraceDiagnostic[];
}
