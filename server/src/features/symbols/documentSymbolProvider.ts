import { SymbolKind, type DocumentSymbol } from '../editorTypes';
import type { CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';

/** The heading outline, nested by level. */
export class DocumentSymbolProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  provideDocumentSymbols(path: string, token: CancellationToken): DocumentSymbol[] {
    const doc = this.index.getDocument(path);
    if (!doc || token.isCancellationRequested) return [];
    const roots: DocumentSymbol[] = [];
    const open: Array<{ level: number; symbol: DocumentSymbol }> = [];
    for (const heading of doc.headings) {
      const symbol: DocumentSymbol = {
        name: heading.text.trim() || '(empty heading)',
        detail: '#'.repeat(heading.level),
        kind: SymbolKind.String,
        range: heading.range,
        selectionRange: heading.textRange,
        children: [],
      };
      while (open.length > 0 && open[open.length - 1].level >= heading.level) open.pop();
      if (open.length > 0) open[open.length - 1].symbol.children!.push(symbol);
      else roots.push(symbol);
      open.push({ level: heading.level, symbol });
    }
    // A section spans to the next heading of the same or higher level.
    extendRanges(roots, doc.endPosition);
    return roots;
  }
}

function extendRanges(symbols: DocumentSymbol[], end: { line: number; character: number }): void {
  symbols.forEach((symbol, i) => {
    // Up to the start of the next sibling's line (exclusive), or to the parent's end.
    const sectionEnd = i + 1 < symbols.length ? { line: symbols[i + 1].range.start.line, character: 0 } : end;
    const longer = sectionEnd.line > symbol.range.end.line || (sectionEnd.line === symbol.range.end.line && sectionEnd.character > symbol.range.end.character);
    symbol.range = { start: symbol.range.start, end: longer ? sectionEnd : symbol.range.end };
    if (symbol.children?.length) extendRanges(symbol.children, symbol.range.end);
  });
}
