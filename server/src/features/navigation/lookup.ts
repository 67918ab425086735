import { comparePositions, rangeContains, type Position } from '../../base/range';
import type { Heading, LinkOccurrence, LinkReference, QualityGateDocument } from '../../domain/document/types';
import { resolveLinkTarget, type LinkTarget } from '../../syntax/resolveLink';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';

/** The link (or reference-style link, through its definition) under `position`. */
export function linkAt(doc: QualityGateDocument, position: Position): LinkOccurrence | undefined {
  // Adjacent links share a boundary position: the one starting last (under the cursor) wins.
  const latest = (candidates: LinkOccurrence[]) => candidates.sort((a, b) => comparePositions(b.range.start, a.range.start))[0];
  const direct =
    latest(doc.links.filter((l) => rangeContains(l.destinationRange, position))) ?? latest(doc.links.filter((l) => rangeContains(l.range, position)));
  if (direct) return direct;
  const reference = referenceAt(doc, position);
  return reference ? definitionFor(doc, reference) : undefined;
}

export function referenceAt(doc: QualityGateDocument, position: Position): LinkReference | undefined {
  return doc.references.find((r) => rangeContains(r.range, position));
}

export function definitionFor(doc: QualityGateDocument, reference: LinkReference): LinkOccurrence | undefined {
  return doc.links.find((l) => l.syntax === 'definition' && l.label === reference.label);
}

export function headingAt(doc: QualityGateDocument, position: Position): Heading | undefined {
  return doc.headings.find((h) => rangeContains(h.range, position));
}

/** Where a link of `doc` points. */
export function targetOf(index: WorkspaceIndex, doc: QualityGateDocument, link: LinkOccurrence): LinkTarget {
  return resolveLinkTarget(doc.path, link.destination, index.rootFor(doc.path));
}

/** The heading or HTML anchor a fragment names, as a range in `doc`. */
export function anchorRange(doc: QualityGateDocument, fragment: string) {
  return doc.headings.find((h) => h.slug === fragment)?.range ?? doc.htmlAnchors.find((a) => a.id === fragment)?.range;
}

/**
 * The document a folder link stands for: its Collection-QG (the folder's only
 * `QG_*.md`), else its only Markdown file, else its README.
 */
export function folderDocument(index: WorkspaceIndex, folder: string): QualityGateDocument | undefined {
  const markdown = [...index.filesIn(folder)].filter((f) => /\.md$/i.test(f));
  const qgs = markdown.filter((f) => /\/QG_[^/]*\.md$/i.test(f));
  const pick = qgs.length === 1 ? qgs[0] : markdown.length === 1 ? markdown[0] : markdown.find((f) => /\/readme\.md$/i.test(f));
  return pick ? index.getDocument(pick) : undefined;
}

/** Every link in the workspace that resolves to `path` (and to `fragment`, when given). */
export function linksTo(index: WorkspaceIndex, path: string, fragment?: string): Array<{ doc: QualityGateDocument; link: LinkOccurrence }> {
  const result: Array<{ doc: QualityGateDocument; link: LinkOccurrence }> = [];
  const sources = new Set(index.linkSources(path));
  sources.add(path); // same-document links are not graph edges
  for (const sourcePath of sources) {
    const doc = index.getDocument(sourcePath);
    if (!doc) continue;
    for (const link of doc.links) {
      const target = targetOf(index, doc, link);
      if (target.type !== 'local' || target.path !== path) continue;
      if (fragment !== undefined && target.fragment !== fragment) continue;
      result.push({ doc, link });
    }
  }
  return result;
}
