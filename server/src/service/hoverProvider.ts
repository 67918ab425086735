import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { diagnoseLink, displayPath } from '../core/diagnostics/linkDiagnostics';
import { checkLink } from '../core/links/linkStatus';
import type { QualityGateDocument } from '../core/model/types';
import type { CancellationToken } from '../core/util/cancellation';
import type { WorkspaceIndex } from '../core/workspace/workspaceIndex';
import { KIND_LABELS } from './kindLabels';
import { folderDocument, linkAt } from './lookup';

/**
 * Hover on a link: what the trace leads to (title, kind, tags, first
 * paragraph), or why it is broken.
 */
export class HoverProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  provideHover(path: string, position: Position, token: CancellationToken): Hover | undefined {
    const doc = this.index.getDocument(path);
    const link = doc && linkAt(doc, position);
    if (!doc || !link || token.isCancellationRequested) return undefined;
    const status = checkLink(this.index, doc, link);
    const range = link.destinationRange;
    const markdown = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });

    switch (status.state) {
      case 'external':
        return markdown(`External link, not checked: ${escapeMarkdown(link.destination)}`);
      case 'ok': {
        if (status.isFolder) {
          const collection = folderDocument(this.index, status.path);
          const header = `**Folder** \`${displayPath(this.index, status.path)}/\``;
          return markdown(collection ? `${header}\n\n${describe(this.index, collection)}` : header);
        }
        const target = this.index.getDocument(status.path);
        if (!target) return markdown(`**File** \`${displayPath(this.index, status.path)}\``);
        const heading = status.fragment ? target.headings.find((h) => h.slug === status.fragment) : undefined;
        const section = heading ? `\n\nSection: **${escapeMarkdown(heading.text)}**` : '';
        return markdown(`${describe(this.index, target)}${section}`);
      }
      default: {
        const problem = diagnoseLink(this.index, doc, link, status);
        return markdown(`**Broken link** (\`${problem?.code ?? status.state}\`)\n\n${escapeMarkdown(problem?.message ?? '')}`);
      }
    }
  }
}

/** Title, kind, path, front-matter tags and first paragraph of a document, as Markdown. */
export function describe(index: WorkspaceIndex, doc: QualityGateDocument): string {
  const parts = [`**${escapeMarkdown(doc.title)}** (${KIND_LABELS[doc.kind]})`, `\`${displayPath(index, doc.path)}\``];
  const tags = (doc.frontMatter?.tags ?? []).filter((t) => t.value.trim() !== '');
  if (tags.length > 0) {
    parts.push(['| Tag | Value |', '| --- | --- |', ...tags.map((t) => `| ${escapeCell(t.key)} | ${escapeCell(t.value)} |`)].join('\n'));
  }
  if (doc.summary) parts.push(escapeMarkdown(doc.summary));
  if (doc.skipped) parts.push(`_${escapeMarkdown(doc.skipped)}_`);
  return parts.join('\n\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

function escapeCell(text: string): string {
  return escapeMarkdown(text).replace(/\n/g, ' ');
}
