import { DiagnosticSeverity, type Diagnostic } from '../editorTypes';
import type { Severity, TraceDiagnostic } from '../../domain/codes';
import { computeDocumentFindings, type RuleFindings } from '../../analysis/diagnostics/documentDiagnostics';
import type { QualityGateDocument } from '../../domain/document/types';
import { targetOfLink } from '../../workspace/linkStatus';
import type { CancellationToken } from '../../base/cancellation';
import { uriFromPath } from '../../base/fileSystem';

import type { WorkspaceIndex } from '../../workspace/workspaceIndex';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * An early pass's findings that the full pass may take over, and what they were computed from: the
 * document's model, the listing, the repository look-ups, and every document the rules asked for.
 */
interface EarlyFindings {
  readonly doc: QualityGateDocument;
  readonly listingVersion: number;
  readonly repositoryVersion: number;
  readonly reads: ReadonlyMap<string, QualityGateDocument | undefined>;
  readonly findings: RuleFindings;
}

/** Turns the core's diagnostics for a document into LSP diagnostics. */
export class DiagnosticsProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  /**
   * Findings of early passes made once the listing was complete, until the full pass of that
   * document takes them: during a cold index the early pass checks every document once, and the
   * full pass after it would otherwise run the same rules on the same inputs again.
   */
  private readonly early = new Map<string, EarlyFindings>();
  /** Documents whose full pass took early findings over, for the log. */
  private carriedOver = 0;

  provideDiagnostics(path: string, token: CancellationToken): Diagnostic[] {
    const doc = this.index.getDocument(path);
    const early = this.early.get(path);
    this.early.delete(path);
    if (!doc) return [];
    const taken = early && this.stillHolds(early, doc) ? early.findings : undefined;
    if (taken) this.carriedOver++;
    return computeDocumentFindings(this.index, doc, token, undefined, 'complete', { taken }).diagnostics.map(toLspDiagnostic);
  }

  /** How many documents' full pass took early findings over so far (each rule that may, see `RuleFindings`). */
  get earlyFindingsCarriedOver(): number {
    return this.carriedOver;
  }

  /** Whether the inputs of `early` are unchanged: the same model of the document and of every document read, the same listing. */
  private stillHolds(early: EarlyFindings, doc: QualityGateDocument): boolean {
    if (early.doc !== doc || early.listingVersion !== this.index.listingVersion || early.repositoryVersion !== this.index.repositoryVersion) return false;
    for (const [path, model] of early.reads) if (this.index.lookupDocument(path) !== model) return false;
    return true;
  }

  /**
   * The diagnostics of an open document while the workspace is still being indexed: its link
   * targets are parsed first (on demand), and rules that need the whole workspace wait for it.
   */
  async provideEarlyDiagnostics(path: string, token: CancellationToken): Promise<Diagnostic[]> {
    const doc = this.index.getDocument(path);
    if (!doc) return [];
    const targets = doc.links.map((link) => targetOfLink(this.index, doc, link)).flatMap((t) => (t.type === 'local' ? [t.path] : []));
    await this.index.parseNow(targets, token);
    const current = this.index.getDocument(path);
    if (!current) return [];
    const findings: RuleFindings = new Map();
    const { listingVersion, repositoryVersion, isFullyListed } = this.index;
    const { value, reads } = this.index.recordDocumentReads(() => computeDocumentFindings(this.index, current, token, undefined, 'early', { kept: findings }));
    // Before the listing is complete, the findings may rest on folders not listed yet: none are kept.
    if (isFullyListed) this.early.set(path, { doc: current, listingVersion, repositoryVersion, reads, findings });
    return value.diagnostics.map(toLspDiagnostic);
  }
}

export function toLspDiagnostic(d: TraceDiagnostic): Diagnostic {
  return {
    range: d.range,
    severity: severities[d.severity],
    code: d.code,
    source: 'mqg4ai',
    message: d.message,
    data: {
      target: d.target,
      suggestion: d.suggestion && uriWithFragment(d.suggestion),
      ...(d.questionId !== undefined ? { questionId: d.questionId } : {}),
      ...(d.replacement !== undefined ? { replacement: d.replacement } : {}),
    },
    ...(d.related?.length
      ? { relatedInformation: d.related.map((r) => ({ location: { uri: uriFromPath(r.path), range: r.range }, message: r.message })) }
      : {}),
  };
}

/** `file:` URI for an absolute path that may carry a `#fragment`. */
function uriWithFragment(pathAndFragment: string): string {
  const hash = pathAndFragment.indexOf('#');
  return hash < 0 ? uriFromPath(pathAndFragment) : `${uriFromPath(pathAndFragment.slice(0, hash))}#${pathAndFragment.slice(hash + 1)}`;
}
