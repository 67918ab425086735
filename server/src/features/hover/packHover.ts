import { MarkupKind, type Hover } from '../editorTypes';
import type { QuestionCatalogue } from '../../domain/altai/catalogue';
import { displayPath } from '../../analysis/diagnostics/linkDiagnostics';
import type { PackCitation, QualityGateDocument } from '../../domain/document/types';
import { PackEvidence, type ItemEvidence } from '../../analysis/coverage/packEvidence';
import { ALTAI_PACK_ID, leavesOf, type PackRegistry } from '../../domain/packs/registry';
import { packLabel, type PackItemEntry } from '../../domain/packs/types';
import type { CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { markdownCode, markdownText as escape, safeHttpsUrl } from '../../base/escape';

/**
 * The hover on a pack citation `[ID]` (or the text of `[ID](evidence)`): the item, its
 * pack and source, whether the document's tree addresses it and where, and its crosswalk
 * counterparts with their status. Undefined for a bracketed token no pack knows.
 */
export function citationHover(
  index: WorkspaceIndex,
  catalogue: QuestionCatalogue,
  doc: QualityGateDocument,
  citation: PackCitation,
  token: CancellationToken,
): Hover | undefined {
  if (token.isCancellationRequested) return undefined;
  const registry = index.packs;
  const whole = registry.item(citation.id) ? undefined : registry.wholeItem(citation.id);
  const entry = registry.item(citation.id) ?? whole;
  if (!entry) return undefined;
  const evidence = new PackEvidence(index, registry, catalogue, PackEvidence.scopeOf(index, doc.path));
  const { pack, item, ancestors } = entry;
  const trail = [packLabel(pack), ...ancestors.map((a) => a.title)].map(escape).join(' › ');
  const lines: string[] = [`**${escape(item.title)}** ${markdownCode(item.id)}`, `_${trail}_`];
  if (item.description) lines.push(escape(item.description));
  if (registry.isAlias(citation.id)) lines.push(`**Former ID**: ${markdownCode(citation.id)} still counts for this item; cite it as ${markdownCode(item.id)}.`);
  if (whole) {
    const leaves = leavesOf(item);
    lines.push(`${markdownCode(`[${citation.id}]`)} marks all ${leaves.length} item(s) below ${markdownCode(item.id)} as addressed by this document.`);
  }
  const rows = [
    `| Pack | ${escape(pack.title)} (${markdownCode(pack.id, true)}${registry.isEnabled(pack.id) ? '' : ', not enabled in this workspace'}) |`,
    ...(item.kind ? [`| Kind | ${escape(item.kind)} |`] : []),
    `| In this tree | ${statusText(index, evidence, entry)} |`,
  ];
  lines.push(['| | |', '| --- | --- |', ...rows].join('\n'));
  if (citation.linkRange) {
    const here = evidence.of(item.id).find((e) => e.doc.path === doc.path && e.citation === citation);
    if (here?.kind === 'linked')
      lines.push(
        here.valid
          ? `This link gives the evidence: ${markdownCode(targetText(index, here))}`
          : '**Broken link**: this citation does not count as evidence until the link is fixed.',
      );
  }
  const crosswalk = crosswalkMarkdown(index, registry, evidence, item.id);
  if (crosswalk) lines.push(crosswalk);
  lines.push(`_Source: ${escape(pack.source.replace(/\.$/, ''))}${sourceLink(pack.url)}._  \n_${escape(pack.attribution)}_`);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: citation.range };
}

/**
 * The crosswalk part of an item's hover: per entry its title and each counterpart with
 * whether the tree addresses it (or that its pack is not enabled). Empty when the item
 * has no counterparts.
 */
export function crosswalkMarkdown(index: WorkspaceIndex, registry: PackRegistry, evidence: PackEvidence, id: string): string {
  const entries = registry.counterparts(id).filter((c) => c.items.length > 0);
  if (entries.length === 0) return '';
  const parts: string[] = [];
  for (const { entry, items } of entries) {
    const heading = entry.title ? `**Crosswalk: ${escape(entry.title)}**` : '**Crosswalk**';
    const title = entry.rationale ? `${heading}  \n_${escape(entry.rationale)}_` : heading;
    const list = items.map((other) => {
      const enabled = registry.isEnabled(other.pack.id);
      const addressed = evidence.isAddressed(other.item.id);
      const status = !enabled ? 'pack not enabled' : addressed ? `**addressed** (${escape(placesText(index, evidence.valid(other.item.id)))})` : 'open';
      const mark = !enabled ? '–' : addressed ? '✓' : '○';
      return `- ${mark} ${markdownCode(other.item.id)} ${escape(shorten(other.item.title))} (${escape(packLabel(other.pack))}): ${status}`;
    });
    parts.push([title, ...list].join('\n'));
  }
  return parts.join('\n\n');
}

/** Whether the tree addresses an item, and where (at most three places). */
function statusText(index: WorkspaceIndex, evidence: PackEvidence, entry: PackItemEntry): string {
  if (!entry.leaf) {
    const leaves = leavesOf(entry.item);
    const addressed = leaves.filter((leaf) => evidence.isAddressed(leaf.id)).length;
    const all = entry.pack.id === ALTAI_PACK_ID ? '' : `, or write [${escape(entry.item.id)}.all] where the document covers them all`;
    return `${addressed} of ${leaves.length} item(s) below addressed; citing ${escape(entry.item.id)} alone covers none of them: cite each${all}.`;
  }
  const valid = evidence.valid(entry.item.id);
  if (valid.length > 0) return `**Addressed**: ${escape(placesText(index, valid))}`;
  const broken = evidence.of(entry.item.id).length;
  if (broken > 0) return `**Open**: cited only through ${broken} broken link(s)`;
  return entry.pack.id === ALTAI_PACK_ID ? '**Open**: neither answered in the requirement document nor cited' : '**Open**: not cited yet';
}

function placesText(index: WorkspaceIndex, evidence: readonly ItemEvidence[]): string {
  const places = evidence.map((e) => {
    const line = e.citation ? e.citation.range.start.line + 1 : e.question ? e.question.line + 1 : undefined;
    const verb = e.kind === 'answered' ? 'answered in' : e.kind === 'linked' ? 'linked from' : 'cited in';
    return `${verb} ${displayPath(index, e.doc.path)}${line ? `:${line}` : ''}`;
  });
  return places.length > 3 ? `${places.slice(0, 3).join(', ')} and ${places.length - 3} more` : places.join(', ');
}

function targetText(index: WorkspaceIndex, evidence: ItemEvidence): string {
  const target = evidence.target ?? '';
  return target.startsWith('/') ? displayPath(index, target) : target;
}

/** A pack's `url` as an autolink, only when it is a plain https URL (never an image, never a crafted link). */
function sourceLink(url: string | undefined): string {
  const safe = safeHttpsUrl(url);
  return safe ? ` (<${safe}>)` : '';
}

function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
