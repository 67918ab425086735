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
  check(context: RuleContext, token: CancellationToken): TraceDiagnostic[];
}
