import { markdownCode, markdownText } from '../../base/escape';
import type { QuestionCatalogue } from '../../domain/altai/catalogue';
import { shortLabel, sortKey, type CompletionCandidate, type LineContext } from './types';
import type { QualityGateDocument } from '../../domain/document/types';
import type { Position } from '../../base/range';
import type { CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { PackEvidence } from '../../analysis/coverage/packEvidence';
import { ALTAI_PACK_ID, itemKey } from '../../domain/packs/registry';
import { packLabel } from '../../domain/packs/types';

/** `[` and the start of an ID being typed, not right after `!` (an image) or `]` (a reference label). */
const CITATION_START = /(^|[^!\]\\])\[([A-Za-z0-9_.-]*)$/;

/**
 * Citations of pack items the document's tree does not address yet, after `[`:
 * the leaves of the enabled packs, in pack order. ALTAI's 146 questions are offered
 * only once what is typed starts one of their IDs (`[TRS`), so a bare `[` in a
 * workspace with only ALTAI enabled (the default) offers nothing.
 */
export function packItemCompletions(
  index: WorkspaceIndex,
  catalogue: QuestionCatalogue,
  doc: QualityGateDocument,
  position: Position,
  context: LineContext,
  token: CancellationToken,
): CompletionCandidate[] {
  const match = CITATION_START.exec(context.before);
  if (!match || insideCodeSpan(context.before)) return [];
  const typed = match[2];
  const registry = index.packs;
  if (registry.enabled.length === 0) return [];
  const wanted = itemKey(typed);
  const evidence = new PackEvidence(index, registry, catalogue, PackEvidence.scopeOf(index, doc.path));
  const closes = context.after.startsWith(']');
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  const candidates: CompletionCandidate[] = [];
  registry.enabled.forEach((pack, packRank) => {
    if (token.isCancellationRequested) return;
    if (pack.id === ALTAI_PACK_ID && wanted === '') return;
    let rank = 0;
    for (const entry of registry.enabledItems()) {
      if (entry.pack !== pack || !entry.leaf) continue;
      const { item, ancestors } = entry;
      if (wanted !== '' && !itemKey(item.id).startsWith(wanted)) continue;
      if (evidence.isAddressed(item.id)) continue;
      const trail = ancestors.map((a) => a.title).join(' › ');
      candidates.push({
        kind: 'pack-item',
        label: item.id,
        detail: shortLabel(item.title, 70),
        description: packLabel(pack),
        documentation: [
          `**${markdownText(item.title)}** ${markdownCode(item.id)}`,
          `_${markdownText([packLabel(pack), trail].filter(Boolean).join(' › '))}_`,
          item.description ? markdownText(item.description) : '',
          'Not addressed in this tree yet. The citation counts as evidence for it (docs/packs.md).',
        ]
          .filter(Boolean)
          .join('\n\n'),
        newText: closes ? item.id : `${item.id}]`,
        range,
        sortText: sortKey(packRank, rank++),
        filterText: item.id,
      });
    }
  });
  return candidates;
}

/** Whether an odd number of backtick runs precede: the cursor is inside inline code. */
function insideCodeSpan(before: string): boolean {
  return (before.match(/`+/g) ?? []).length % 2 === 1;
}
