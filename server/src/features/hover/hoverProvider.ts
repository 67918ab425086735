import { MarkupKind, type Hover, type Position } from '../editorTypes';
import { altaiCatalogue, type QuestionCatalogue } from '../../domain/altai/catalogue';
import { displayPath } from '../../analysis/diagnostics/linkDiagnostics';
import { checkLink } from '../../workspace/linkStatus';
import type { QualityGateDocument } from '../../domain/document/types';
import type { CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { authoringHover } from './authoringHover';
import { citationAt } from '../../domain/packs/citations';
import { citationHover } from './packHover';
import { KIND_LABELS } from '../kindLabels';
import { folderDocument, linkAt, referenceAt } from '../navigation/lookup';
import { rangeContains, sameRange } from '../../base/range';
import { quickFixesFor } from '../refactor/quickFixes';
import { LinkSuggestionStore } from '../refactor/linkSuggestions';
import { markdownCode, markdownText as escapeMarkdown } from '../../base/escape';

/**
 * Hover on a link: what the trace leads to (title, kind, tags, first
 * paragraph), or why it is broken. Elsewhere (see `authoringHover`): an ALTAI
 * question, a front-matter tag key, a template heading, a term's definition.
 */
export class HoverProvider {
  constructor(
    private readonly index: WorkspaceIndex,
    private readonly catalogue: QuestionCatalogue = altaiCatalogue(),
    /** Broken links' suggestions searched in the background (the engine's). */
    private readonly suggestions: LinkSuggestionStore = new LinkSuggestionStore(index),
  ) {}

  /**
   * `text` (the document's current text) defaults to the editor's; terms need it, the rest reads the model.
   * `diagnosticsShown`: the editor shows the diagnostics under the cursor in the same hover (VS Code),
   * so a broken link's hover leaves out the diagnostic's message instead of repeating it.
   */
  provideHover(
    path: string,
    position: Position,
    token: CancellationToken,
    text = this.index.openText(path),
    options: { readonly diagnosticsShown?: boolean } = {},
  ): Hover | undefined {
    const doc = this.index.getDocument(path);
    if (!doc || token.isCancellationRequested) return undefined;
    // A pack citation `[ID]`, also the text of `[ID](evidence)`: the item and its crosswalk.
    const citation = citationAt(doc, position);
    const cited = citation ? citationHover(this.index, this.catalogue, doc, citation, token) : undefined;
    if (cited) return cited;
    const link = linkAt(doc, position);
    if (!link) return authoringHover(this.index, this.catalogue, doc, position, text, token);
    const status = checkLink(this.index, doc, link);
    // Highlight what the cursor is on: the reference, the destination, or the whole link.
    const reference = referenceAt(doc, position);
    const range =
      reference && !rangeContains(link.range, position) ? reference.range : rangeContains(link.destinationRange, position) ? link.destinationRange : link.range;
    const markdown = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });

    switch (status.state) {
      case 'external':
        return markdown(`External link, not checked: ${escapeMarkdown(link.destination)}`);
      case 'ok': {
        if (status.isFolder) {
          const collection = folderDocument(this.index, status.path);
          const header = `**Folder** ${markdownCode(`${displayPath(this.index, status.path)}/`)}`;
          return markdown(collection ? `${header}\n\n${describe(this.index, collection)}` : header);
        }
        // A target beyond the workspace folder (trusted, in its git repository) is described from its look-up.
        const target = this.index.lookupDocument(status.path);
        if (!target) return markdown(`**File** ${markdownCode(displayPath(this.index, status.path))}`);
        const heading = status.fragment ? target.headings.find((h) => h.slug === status.fragment) : undefined;
        const section = heading ? `\n\nSection: **${escapeMarkdown(heading.text)}**` : '';
        return markdown(`${describe(this.index, target)}${section}`);
      }
      default: {
        // From the background search when it is ready, else searched here under a small budget.
        const suggest = this.suggestions.suggesterFor(doc, token);
        const problem = suggest(link).diagnostic;
        // What the quick fixes would do, so the hover says more than the Problems panel.
        // Only this link's code: the hover runs no other rule.
        const fixes =
          text === undefined || !problem
            ? []
            : quickFixesFor(
                this.index,
                doc,
                text.split(/\r\n|\r|\n/),
                { range: link.destinationRange, canCreateFiles: true, maxCandidates: 3, codes: [problem.code], suggest },
                token,
              ).filter((fix) => fix.diagnostic.code === problem.code && sameRange(fix.diagnostic.range, problem.range));
        const fixList =
          fixes.length > 0 ? `\n\nQuick fixes:\n${fixes.map((f) => `- ${escapeMarkdown(f.title)}${f.isPreferred ? ' (preferred)' : ''}`).join('\n')}` : '';
        const message = problem && options.diagnosticsShown ? '' : `\n\n${escapeMarkdown(problem?.message ?? '')}`;
        return markdown(`**Broken link** (${markdownCode(problem?.code ?? status.state)})${message}${fixList}`);
      }
    }
  }
}

/** Title, kind, path, front-matter tags and first paragraph of a document, as Markdown. */
export function describe(index: WorkspaceIndex, doc: QualityGateDocument): string {
  const parts = [`**${escapeMarkdown(doc.title)}** (${KIND_LABELS[doc.kind]})`, markdownCode(displayPath(index, doc.path))];
  const tags = (doc.frontMatter?.tags ?? []).filter((t) => t.value.trim() !== '');
  if (tags.length > 0) {
    parts.push(['| Tag | Value |', '| --- | --- |', ...tags.map((t) => `| ${escapeMarkdown(t.key)} | ${escapeMarkdown(t.value)} |`)].join('\n'));
  }
  if (doc.summary) parts.push(escapeMarkdown(doc.summary));
  if (doc.skipped) parts.push(`_${escapeMarkdown(doc.skipped)}_`);
  return parts.join('\n\n');
}
