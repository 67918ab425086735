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

/**
 * How far a node of the coverage tree is done, as its worst actionable state: `missing` (a
 * document it needs does not exist yet: the node itself, or one below it), `open` (nothing
 * answered yet), `partial`, `covered`. `broken` marks only the document node whose links are
 * broken; it does not climb to the nodes above (they keep their own state).
 */
export type CoverageStatus = 'covered' | 'partial' | 'open' | 'missing' | 'broken';

/** The kinds of document MQG4AI creates from a template (`mqg4ai/createDocument`). */
export type NewDocumentKind = 'leaf-qg' | 'collection-qg' | 'risk' | 'requirement' | 'information-block';

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
  /** For a `missing` node: the document that would close the gap, to create from its template. */
  readonly create?: { readonly kind: NewDocumentKind; readonly uri: string };
  /** For `perspective` nodes: how many risks of the requirement take each side. */
  readonly perspectives?: { readonly safety: number; readonly security: number; readonly both: number; readonly undeclared: number };
  readonly children: readonly CoverageItem[];
}

/** `mqg4ai/coverage` params: the trees under (or around) `root`, all by default; or one assessment's tree. */
export interface CoverageParams {
  readonly root?: string;
  /** An assessment ID or folder (see `mqg4ai/assessments`). */
  readonly assessment?: string;
}

/** One assessment: the design knowledge, or one version of one application. */
export interface AssessmentInfo {
  readonly id: string;
  readonly label: string;
  /** Relative to the listed root (`.` for the root itself). */
  readonly folder: string;
  readonly kind: 'design-knowledge' | 'application';
  /** Holds all of 1_System, 2_Lifecycle and 3_RiskManagement. */
  readonly complete: boolean;
  readonly blocks: readonly ('system' | 'lifecycle' | 'riskManagement')[];
  readonly documents: number;
  /** The assessment it is a copy or later version of, or null. */
  readonly basedOn: string | null;
}

/** `mqg4ai/assessments` result. */
export interface AssessmentsResult {
  readonly version: 1;
  /** The workspace folder (absolute path) the folders are relative to. */
  readonly root: string;
  readonly assessments: readonly AssessmentInfo[];
}

/** `mqg4ai/compareAssessments` params: two assessment IDs or folders. */
export interface CompareAssessmentsParams {
  readonly from: string;
  readonly to: string;
  readonly format: 'md' | 'json' | 'html';
}

/** `mqg4ai/compareAssessments` result: the rendered comparison and its one-line summary. */
export interface CompareAssessmentsResult {
  readonly content: string;
  readonly summary: string;
}

/**
 * `mqg4ai/activeAssessmentChanged` params: the effective active assessment (an ID or folder),
 * or null for none. It overrides the `mqg4ai.activeAssessment` setting the server reads itself.
 */
export interface ActiveAssessmentParams {
  readonly assessment: string | null;
}

/** `mqg4ai.problems.scope`: which documents get their diagnostics published. */
export type ProblemsScope = 'workspace' | 'activeAssessment';

export type ReportFormat = 'md' | 'html' | 'json';

/** `mqg4ai/coverageReport` params. */
export interface CoverageReportParams {
  /** A folder URI: report its trees only; all by default. */
  readonly root?: string;
  readonly format: ReportFormat;
  /** The file URI the report will be saved as: its links are made relative to its folder. */
  readonly target?: string;
  /** Report one assessment only (an ID or folder). */
  readonly assessment?: string;
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

/**
 * `mqg4ai/createDocument` params: a new document of `kind` at `target` (a file URI that does not
 * exist yet), filled from the workspace's own `templates/` when present, else the built-in template.
 */
export interface CreateDocumentParams {
  readonly kind: NewDocumentKind;
  readonly target: string;
  /** Also add a link to the new Leaf-QG in its folder's Collection-QG (under "Sub-QGs"). */
  readonly linkFromCollection?: boolean;
}

/** `mqg4ai/createDocument` result: the edit to apply (nothing is written by the server). */
export interface CreateDocumentResult {
  /** An LSP `WorkspaceEdit`: the file creation, its content and, on request, the Collection-QG's new link. */
  readonly edit: unknown;
  /** Where the content came from: the workspace's `templates/` file (a URI), or `built-in`. */
  readonly template: string;
  /** The Collection-QG that gets a link, when asked and found. */
  readonly collection?: string;
}

/** `mqg4ai/completeDocument` params: an existing document (a file URI). */
export interface CompleteDocumentParams {
  readonly uri: string;
}

/**
 * `mqg4ai/completeDocument` result: the edit that inserts what the document's template asks for
 * and it lacks (a requirement document's missing ALTAI question blocks, a Leaf-QG's or risk's
 * missing template sections), or null when nothing is missing.
 */
export interface CompleteDocumentResult {
  readonly edit: unknown;
  /** `3 question block(s)`, `2 template section(s)`: for the client's message. */
  readonly summary: string;
}

/** Request method names. */
export const MQG4AI_REQUESTS = {
  coverage: 'mqg4ai/coverage',
  coverageReport: 'mqg4ai/coverageReport',
  assessments: 'mqg4ai/assessments',
  compareAssessments: 'mqg4ai/compareAssessments',
  createDocument: 'mqg4ai/createDocument',
  completeDocument: 'mqg4ai/completeDocument',
  serverInfo: 'mqg4ai/serverInfo',
  waitForIdle: 'mqg4ai/waitForIdle',
} as const;

/** Notification method names. */
export const MQG4AI_NOTIFICATIONS = {
  /** Server -> client: coverage may have changed (sent once a burst of changes settles). */
  coverageChanged: 'mqg4ai/coverageChanged',
  /** Client -> server: the user trusted the workspace. */
  trustGranted: 'mqg4ai/trustGranted',
  /** Client -> server: the assessment the user works on changed (`ActiveAssessmentParams`). */
  activeAssessmentChanged: 'mqg4ai/activeAssessmentChanged',
} as const;
