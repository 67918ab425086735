import type { Range } from '../../base/range';

import type { CoverageNodeKind, CoverageStatus } from '../../../../protocol/protocol';

/** The coverage vocabulary is the protocol's: the client shows these values as they are. */
export type { CoverageNodeKind, CoverageStatus };

/**
 * One node of the assessment coverage tree, as sent to the client by the
 * `mqg4ai/coverage` request. `covered`/`total` count leaves below (a leaf counts itself).
 */
export interface CoverageNode {
  /** Stable across recomputations: the client keeps expansion state by it. */
  readonly id: string;
  readonly label: string;
  readonly kind: CoverageNodeKind;
  readonly status: CoverageStatus;
  readonly covered: number;
  readonly total: number;
  /** Extra text for the tree item (e.g. a question ID or a file name). */
  readonly description?: string;
  /** Why the node has its status, for the tooltip. */
  readonly detail?: string;
  /** The document to open, as an absolute POSIX path (the server turns it into a URI). */
  readonly path?: string;
  readonly range?: Range;
  /** For `perspective` nodes: how many risks of the requirement take each side. */
  readonly perspectives?: { readonly safety: number; readonly security: number; readonly both: number; readonly undeclared: number };
  readonly children: readonly CoverageNode[];
}
