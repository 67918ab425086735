import { SymbolKind, type WorkspaceSymbol } from '../editorTypes';
import { tagValue } from '../../domain/document/types';
import type { CancellationToken } from '../../base/cancellation';
import { uriFromPath } from '../../base/fileSystem';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { KIND_LABELS } from '../kindLabels';

const MAX_RESULTS = 1000;

/** Workspace symbols: document titles, QG names (front-matter Name) and headings. */
export class WorkspaceSymbolProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  provideWorkspaceSymbols(query: string, token: CancellationToken): WorkspaceSymbol[] {
    const result: WorkspaceSymbol[] = [];
    const matches = fuzzyMatcher(query);
    for (const doc of this.index.allDocuments()) {
      if (token.isCancellationRequested || result.length >= MAX_RESULTS) break;
      const uri = uriFromPath(doc.path);
      const kind = KIND_LABELS[doc.kind];
      const name = tagValue(doc, 'name')?.trim();
      const first = doc.headings[0];
      if (matches(doc.title)) {
        result.push({ name: doc.title, kind: SymbolKind.File, containerName: kind, location: { uri, range: first?.textRange ?? zero } });
      }
      if (name && name !== doc.title && matches(name)) {
        result.push({ name, kind: SymbolKind.Module, containerName: `${kind}: ${doc.title}`, location: { uri, range: first?.textRange ?? zero } });
      }
      for (const heading of doc.headings) {
        if (heading === first || !matches(heading.text)) continue;
        result.push({ name: heading.text, kind: SymbolKind.String, containerName: doc.title, location: { uri, range: heading.textRange } });
      }
    }
    return result.slice(0, MAX_RESULTS);
  }
}

const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Case-insensitive subsequence match, as VS Code's symbol picker filters. */
export function fuzzyMatcher(query: string): (candidate: string) => boolean {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  return (candidate) => {
    const text = candidate.toLowerCase();
    let at = 0;
    for (const ch of wanted) {
      at = text.indexOf(ch, at) + 1;
      if (at === 0) return false;
    }
    return true;
  };
}
