/**
 * The MQG4AI protocol: the requests and notifications beyond LSP that the extension's
 * client and the language server exchange, with their wire types. Both sides import
 * method names and types from here and nowhere else; this module imports nothing.
 * Documented in docs/protocol.md.
 */

/** A zero-based position, as in LSP. */
export interface WirePosition {
  readonly line: number;
  readonly character: number;
}

/** A range, as in LSP. */
export interface WireRange {
  readonly start: WirePosition;
  readonly end: WirePosition;
}

/** How far a node of the coverage tree is done. */
export type CoverageStatus = 'covered' | 'partial' | 'open' | 'broken';

/** What a coverage node stands for. */
export type CoverageNodeKind =
  | 'tree'
  | 'group'
  | 'requirement'
  | 'section'
  | 'question'
  | 'stage'
  | 'folder'
  | 'collection-qg'
  | 'leaf-qg'
  | 'placeholder'
  | 'qg-section'
  | 'risk'
  | 'risk-part'
  | 'risk-controls'
  | 'information-block'
  | 'pack-section'
  | 'pack-item'
  | 'perspectives'
  | 'perspective';

/** One node of the assessment coverage tree. `covered`/`total` count leaves below (a leaf counts itself). */
export interface CoverageItem {
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
  /** The document to open (a file URI). */
  readonly uri?: string;
  readonly range?: WireRange;
  /** For `perspective` nodes: how many risks of the requirement take each side. */
  readonly perspectives?: { readonly safety: number; readonly security: number; readonly both: number; readonly undeclared: number };
  readonly children: readonly CoverageItem[];
}

/** `mqg4ai/coverage` params: the trees under (or around) `root`, all by default. */
export interface CoverageParams {
  readonly root?: string;
}

export type ReportFormat = 'md' | 'html' | 'json';

/** `mqg4ai/coverageReport` params. */
export interface CoverageReportParams {
  /** A folder URI: report its trees only; all by default. */
  readonly root?: string;
  readonly format: ReportFormat;
  /** The file URI the report will be saved as: its links are made relative to its folder. */
  readonly target?: string;
}

export interface CoverageReportResult {
  readonly content: string;
  readonly suggestedName: string;
}

/** `mqg4ai/serverInfo` result: what is running where (output channel, bug reports, crash-recovery test). */
export interface ServerInfo {
  readonly pid: number;
  readonly version: string;
  readonly roots: readonly string[];
  readonly documents: number;
}

/** `mqg4ai/waitForIdle` result: indexing and queued diagnostics are done. */
export interface IdleResult {
  readonly documents: number;
}

/** Request method names. */
export const MQG4AI_REQUESTS = {
  coverage: 'mqg4ai/coverage',
  coverageReport: 'mqg4ai/coverageReport',
  serverInfo: 'mqg4ai/serverInfo',
  waitForIdle: 'mqg4ai/waitForIdle',
} as const;

/** Notification method names. */
export const MQG4AI_NOTIFICATIONS = {
  /** Server -> client: coverage may have changed (sent once a burst of changes settles). */
  coverageChanged: 'mqg4ai/coverageChanged',
  /** Client -> server: the user trusted the workspace. */
  trustGranted: 'mqg4ai/trustGranted',
} as const;
