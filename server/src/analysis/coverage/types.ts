import type { CoverageItem, CoverageNodeKind, CoverageStatus } from '../../../../protocol/protocol';

/** The coverage vocabulary is the protocol's: the client shows these values as they are. */
export type { CoverageNodeKind, CoverageStatus };

/**
 * One node of the assessment coverage tree: the protocol's `CoverageItem` with the document
 * as an absolute POSIX path (the server turns it into a URI). `covered`/`total` count leaves
 * below (a leaf counts itself).
 */
export interface CoverageNode extends Omit<CoverageItem, 'uri' | 'children'> {
  /** The document to open, as an absolute POSIX path. */
  readonly path?: string;
  readonly children: readonly CoverageNode[];
}
