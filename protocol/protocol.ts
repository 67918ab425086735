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

/** A document's review status (docs/review.md). */
export type ReviewStatus = 'reviewed' | 'unreviewed' | 'suspect';

/** One document's review, as `mqg4ai review status --format json` lists it (plus its URI). */
export interface ReviewDocumentInfo {
  /** Relative to the result's root. */
  readonly path: string;
  /** The document's file URI. */
  readonly uri: string;
  readonly status: ReviewStatus;
  readonly reviewedBy: string | null;
  readonly reviewedAt: string | null;
  /** Links whose target changed since the stamp: 1-based line, destination as written, and the target's URI. */
  readonly suspectTraces: ReadonlyArray<{ readonly line: number; readonly target: string; readonly targetUri: string }>;
}

/** `mqg4ai/reviewStatus` params: one assessment (ID or folder), or every assessment. */
export interface ReviewStatusParams {
  readonly assessment?: string;
}

/** `mqg4ai/reviewStatus` result: each assessment's documents with their review status (documents in no assessment under `id` null). */
export interface ReviewStatusResult {
  readonly version: 1;
  /** The workspace folder (absolute path) the paths are relative to. */
  readonly root: string;
  readonly assessments: ReadonlyArray<{
    readonly id: string | null;
    readonly label: string;
    readonly documents: readonly ReviewDocumentInfo[];
  }>;
}

/**
 * `mqg4ai/reviewMark` params: mark documents reviewed (file URIs), or only the trace of `uris[0]`
 * to `trace` (a file URI), by the reviewer `by` (without it the result asks for a name: the server
 * runs no git).
 */
export interface ReviewMarkParams {
  readonly uris: readonly string[];
  readonly trace?: string;
  readonly by?: string;
}

/** `mqg4ai/reviewMark` result: the workspace edit writing the stamps (the client applies it), or why not. */
export interface ReviewMarkResult {
  /** An LSP WorkspaceEdit; null when nothing needs writing. */
  readonly edit: { readonly documentChanges?: readonly unknown[]; readonly changes?: Readonly<Record<string, readonly unknown[]>> } | null;
  /** Documents marked (URIs). */
  readonly marked: readonly string[];
  /** Documents not marked, with why. */
  readonly refused: ReadonlyArray<{ readonly uri: string; readonly reason: string }>;
  /** Set when no reviewer name is known: the client asks for one and sends it as `by`. */
  readonly needsName?: boolean;
}

/** `mqg4ai/reviewChanges` params: what changed in `target` (a file URI; default: the document itself) since `uri`'s stamp. */
export interface ReviewChangesParams {
  readonly uri: string;
  readonly target?: string;
}

/** `mqg4ai/reviewChanges` result: a Markdown page with the diff. */
export interface ReviewChangesResult {
  readonly title: string;
  readonly content: string;
}

/** Commands the server's code actions name; the extension implements them (through the review requests). */
export const MQG4AI_COMMANDS = {
  /** Arguments: the document's URI. */
  markDocumentReviewed: 'mqg4ai.review.markDocument',
  /** Arguments: the document's URI, the target's URI. */
  markTraceReviewed: 'mqg4ai.review.markTrace',
  /** Arguments: the document's URI, and the target's URI (absent: the document itself). */
  showChangesSinceReview: 'mqg4ai.review.showChanges',
} as const;

/** `mqg4ai/serverInfo` result: what is running where (output channel, bug reports, crash-recovery test). */
export interface ServerInfo {
  readonly pid: number;
  readonly version: string;
  readonly roots: readonly string[];
  readonly documents: number;
  /** Who watches the workspace for files created, changed or deleted on disk: the client (registered watchers) or the server itself. */
  readonly fileWatching: 'client' | 'server' | 'none';
}

/** `mqg4ai/waitForIdle` result: indexing and queued diagnostics are done. */
export interface IdleResult {
  readonly documents: number;
}

/**
 * The editor command a completion item may carry to ask for completions again (after a folder:
 * its contents next). Sent only to clients that list it in `initializationOptions.clientCommands`
 * (the VS Code extension does); other clients do not know it.
 */
export const TRIGGER_SUGGEST_COMMAND = 'editor.action.triggerSuggest';

/** `initializationOptions` the server understands (every field optional; see docs/editors.md). */
export interface ServerInitializationOptions {
  /** Where the server keeps its parse cache between sessions. */
  readonly storagePath?: string;
  /** Workspace Trust; absent: trusted. */
  readonly trusted?: boolean;
  /** Editor commands the client runs itself and completion items may carry (e.g. `TRIGGER_SUGGEST_COMMAND`). */
  readonly clientCommands?: readonly string[];
  /** The editor shows the diagnostics under the cursor in the hover (VS Code): a broken link's hover does not repeat the message. */
  readonly hoverShowsDiagnostics?: boolean;
  /** `mqg4ai.*` settings for clients that cannot be asked for them (`{mqg4ai: {...}}`). */
  readonly settings?: unknown;
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
  reviewStatus: 'mqg4ai/reviewStatus',
  reviewMark: 'mqg4ai/reviewMark',
  reviewChanges: 'mqg4ai/reviewChanges',
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
