/**
 * Zero-based line/character positions, UTF-16 code units, exactly as in the
 * Language Server Protocol. Defined here so the core needs no LSP dependency;
 * the shapes are structurally identical to `vscode-languageserver-types`.
 */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open range [start, end). */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export function rangeContains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
