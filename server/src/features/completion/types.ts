import type { QuestionCatalogue } from '../../domain/altai/catalogue';
import type { QualityGateDocument } from '../../domain/document/types';
import type { Position, Range } from '../../base/range';
import type { CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';

/** What a candidate inserts, for the editor's icon. */
export type CandidateKind = 'question' | 'questions' | 'folder' | 'file' | 'anchor' | 'tag-key' | 'tag-value' | 'document-link' | 'pack-item';

/**
 * One completion, editor-independent. The service layer turns it into an LSP
 * `CompletionItem` with a `textEdit` replacing `range` by `newText`.
 */
export interface CompletionCandidate {
  readonly kind: CandidateKind;
  readonly label: string;
  /** One line next to the label, e.g. `Technical Robustness and Safety › Accuracy · TRS.accuracy.3`. */
  readonly detail?: string;
  /** A short note shown right of the label (LSP `labelDetails.description`). */
  readonly description?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Replaces `range`. With `snippet`, `$0` marks where the cursor goes. */
  readonly newText: string;
  readonly snippet?: boolean;
  /** Single-line range that contains the requested position and ends at it. */
  readonly range: Range;
  readonly sortText: string;
  /** What the editor filters the text typed in `range` against; defaults to `newText`. */
  readonly filterText?: string;
  /** Ask for completions again after inserting (a folder: its contents come next). */
  readonly retrigger?: boolean;
}

/** Everything a completion source may look at. */
export interface CompletionRequest {
  readonly index: WorkspaceIndex;
  readonly doc: QualityGateDocument;
  /** The document's current text (the model was parsed from it). */
  readonly text: string;
  readonly position: Position;
  readonly catalogue: QuestionCatalogue;
  readonly token: CancellationToken;
}

/** The line's text and the part of it before the cursor. */
export interface LineContext {
  readonly line: string;
  readonly before: string;
  readonly after: string;
}

/** Zero-padded sort key, so that `sortText` keeps an order numerically. */
export function sortKey(group: number, rank: number): string {
  return `${group}_${String(rank).padStart(5, '0')}`;
}

/** Shortens a label to about `max` characters, on a word boundary. */
export function shortLabel(text: string, max = 60): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:(]+$/, '')}…`;
}
