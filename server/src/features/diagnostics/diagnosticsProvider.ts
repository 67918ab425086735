import { DiagnosticSeverity, type Diagnostic } from '../editorTypes';
import type { Severity, TraceDiagnostic } from '../../domain/codes';
import { computeDocumentDiagnostics, computeDocumentFindings } from '../../analysis/diagnostics/documentDiagnostics';
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

/** Turns the core's diagnostics for a document into LSP diagnostics. */
export class DiagnosticsProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  provideDiagnostics(path: string, token: CancellationToken): Diagnostic[] {
    const doc = this.index.getDocument(path);
    if (!doc) return [];
    return computeDocumentDiagnostics(this.index, doc, token).map(toLspDiagnostic);
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
    return current ? computeDocumentFindings(this.index, current, token, undefined, 'early').diagnostics.map(toLspDiagnostic) : [];
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
