import { comparePositions, sameRange, type Range } from '../../base/range';

/** A replacement of `range` by `newText` in one document (the shape of LSP's `TextEdit`). */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A file operation the client performs: create a file, or rename (move) one. Paths are absolute POSIX. */
export type FileOperation = { readonly kind: 'create'; readonly path: string } | { readonly kind: 'rename'; readonly from: string; readonly to: string };

/**
 * An editor-independent workspace edit: text edits per document (against the
 * text the index holds now, before any file operation) plus file operations.
 * The service layer turns it into an LSP `WorkspaceEdit`; nothing here writes files.
 */
export class WorkspaceChange {
  private readonly edits = new Map<string, TextEdit[]>();
  private readonly operations: FileOperation[] = [];

  /** Adds an edit; an identical edit at the same place is kept once. */
  edit(path: string, edit: TextEdit): this {
    let list = this.edits.get(path);
    if (!list) this.edits.set(path, (list = []));
    if (!list.some((e) => sameRange(e.range, edit.range) && e.newText === edit.newText)) list.push(edit);
    return this;
  }

  operation(operation: FileOperation): this {
    this.operations.push(operation);
    return this;
  }

  /** Adds everything of `other` (its edits after this change's edits at the same place). */
  merge(other: WorkspaceChange): this {
    for (const [path, list] of other.edits) for (const e of list) this.edit(path, e);
    other.operations.forEach((o) => this.operation(o));
    return this;
  }

  /** Documents with text edits, each with its edits in document order (stable for equal starts). */
  textEdits(): Array<[path: string, edits: TextEdit[]]> {
    return [...this.edits].map(([path, list]) => [path, [...list].sort((a, b) => comparePositions(a.range.start, b.range.start))]);
  }

  fileOperations(): readonly FileOperation[] {
    return this.operations;
  }

  /** Number of text edits over all documents. */
  get editCount(): number {
    let count = 0;
    for (const list of this.edits.values()) count += list.length;
    return count;
  }

  get isEmpty(): boolean {
    return this.editCount === 0 && this.operations.length === 0;
  }
}

/** Applies edits (document coordinates, non-overlapping) to a text: for previews and tests. */
export function applyTextEdits(text: string, edits: readonly TextEdit[], offsetAt: (p: Range['start']) => number): string {
  const sorted = edits.map((e, i) => ({ e, i, start: offsetAt(e.range.start), end: offsetAt(e.range.end) })).sort((a, b) => b.start - a.start || b.i - a.i);
  let result = text;
  for (const { e, start, end } of sorted) result = result.slice(0, start) + e.newText + result.slice(end);
  return result;
}
