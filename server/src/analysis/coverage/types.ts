import type { CoverageItem, CoverageNodeKind, CoverageStatus, NewDocumentKind } from '../../../../protocol/protocol';

/** The coverage vocabulary is the protocol's: the client shows these values as they are. */
export type { CoverageNodeKind, CoverageStatus, NewDocumentKind };

/**
 * One node of the assessment coverage tree: the protocol's `CoverageItem` with the document
 * as an absolute POSIX path (the server turns it into a URI). `covered`/`total` count leaves
 * below (a leaf counts itself).
 */
export interface CoverageNode extends Omit<CoverageItem, 'uri' | 'children' | 'create'> {
  /** The document to open, as an absolute POSIX path. */
  readonly path?: string;
  /** For a missing document: what to create where (absolute POSIX path). */
  readonly create?: { readonly kind: NewDocumentKind; readonly path: string };
  readonly children: readonly CoverageNode[];
}
