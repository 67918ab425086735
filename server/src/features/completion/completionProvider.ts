import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Position } from '../editorTypes';
import { altaiCatalogue, type QuestionCatalogue } from '../../domain/altai/catalogue';
import { computeCompletions } from './completions';
import type { CandidateKind, CompletionCandidate } from './types';
import type { CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { TRIGGER_SUGGEST_COMMAND } from '../../../../protocol/protocol';

/** Characters after which the editor asks for completions unprompted. */
export const COMPLETION_TRIGGER_CHARACTERS = ['(', '/', '#', '-', ' ', '{', ':', '['];

const KINDS: Record<CandidateKind, CompletionItemKind> = {
  question: CompletionItemKind.Text,
  questions: CompletionItemKind.Snippet,
  folder: CompletionItemKind.Folder,
  file: CompletionItemKind.File,
  anchor: CompletionItemKind.Reference,
  'tag-key': CompletionItemKind.Property,
  'tag-value': CompletionItemKind.Value,
  'document-link': CompletionItemKind.Reference,
  'pack-item': CompletionItemKind.Reference,
};

/**
 * Completions: ALTAI questions, link destinations and anchors, front-matter
 * tags and risk links, computed by the core from the document's current text.
 */
export class CompletionProvider {
  constructor(
    private readonly index: WorkspaceIndex,
    private readonly catalogue: QuestionCatalogue = altaiCatalogue(),
  ) {}

  /** `text` defaults to the editor's text of the document; without it there is nothing to complete. */
  provideCompletions(path: string, position: Position, token: CancellationToken, text = this.index.openText(path)): CompletionList {
    const doc = this.index.getDocument(path);
    if (!doc || text === undefined || token.isCancellationRequested) return { isIncomplete: false, items: [] };
    const candidates = computeCompletions({ index: this.index, doc, text, position, catalogue: this.catalogue, token });
    return { isIncomplete: false, items: candidates.map(toCompletionItem) };
  }
}

export function toCompletionItem(candidate: CompletionCandidate): CompletionItem {
  return {
    label: candidate.label,
    kind: KINDS[candidate.kind],
    detail: candidate.detail,
    labelDetails: candidate.description ? { description: candidate.description } : undefined,
    documentation: candidate.documentation ? { kind: MarkupKind.Markdown, value: candidate.documentation } : undefined,
    sortText: candidate.sortText,
    filterText: candidate.filterText ?? candidate.newText,
    // Clients that ignore textEdit (or whose completion menu inserts the word) insert this instead.
    insertText: candidate.newText,
    textEdit: { range: candidate.range, newText: candidate.newText },
    insertTextFormat: candidate.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // VS Code's "show completions again"; the LSP layer keeps it only for clients that declare the command.
    command: candidate.retrigger ? { title: 'Suggest', command: TRIGGER_SUGGEST_COMMAND } : undefined,
  };
}
