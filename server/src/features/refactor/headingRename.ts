import { resolveLinkTarget } from '../../syntax/resolveLink';
import { parseDocument } from '../../domain/document/parseDocument';
import type { Heading, QualityGateDocument } from '../../domain/document/types';
import { LineIndex } from '../../base/lineIndex';
import { rangeContains, rangesOverlap, type Position, type Range } from '../../base/range';
import { neverCancelled, throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { fragmentSpan, rewriteDestinationFragment } from './destinationText';
import { WorkspaceChange, applyTextEdits } from './workspaceChange';
import { Refusal } from '../../base/refusal';

/** Why a rename cannot be done, in words for the user. */
export class RenameRefused extends Refusal {}

/** What a rename at some position would rename, with the range to show and the current name. */
export type RenameTarget =
  | {
      readonly kind: 'heading';
      readonly path: string;
      readonly heading: Heading;
      readonly headingIndex: number;
      readonly range: Range;
      readonly placeholder: string;
    }
  | { readonly kind: 'name'; readonly path: string; readonly range: Range; readonly placeholder: string };

/**
 * What can be renamed at `position` of `doc` (whose text is `text`): a
 * heading, a link's `#anchor` (which renames the heading it names, in the
 * target document whose text `readText` gives) or the front-matter Name.
 */
export function renameTargetAt(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  text: string,
  position: Position,
  readText: (path: string) => string | undefined,
): RenameTarget | undefined {
  const nameTag = doc.frontMatter?.tags.find((t) => t.key.toLowerCase() === 'name' && t.valueRange && rangeContains(t.valueRange, position));
  if (nameTag?.valueRange) return { kind: 'name', path: doc.path, range: nameTag.valueRange, placeholder: nameTag.value };

  const headingIndex = doc.headings.findIndex((h) => rangeContains(h.range, position));
  if (headingIndex >= 0) {
    const heading = doc.headings[headingIndex];
    return { kind: 'heading', path: doc.path, heading, headingIndex, range: heading.textRange, placeholder: sliceRange(text, heading.textRange) };
  }

  // On a link's fragment: the heading it names.
  for (const link of doc.links) {
    if (!rangeContains(link.destinationRange, position) || link.destinationRange.start.line !== link.destinationRange.end.line) continue;
    const span = fragmentSpan(link.rawDestination);
    if (!span) continue;
    const start = link.destinationRange.start.character;
    const fragmentRange: Range = {
      start: { line: link.destinationRange.start.line, character: start + span.start - 1 },
      end: { line: link.destinationRange.start.line, character: start + span.end },
    };
    if (!rangeContains(fragmentRange, position)) continue;
    const target = resolveLinkTarget(doc.path, link.destination, index.rootFor(doc.path));
    if (target.type !== 'local' || !target.fragment) continue;
    const targetDoc = index.getDocument(target.path);
    const index2 = targetDoc ? targetDoc.headings.findIndex((h) => h.slug === target.fragment) : -1;
    if (!targetDoc || index2 < 0) {
      throw new RenameRefused(
        `"#${target.fragment}" names no heading of ${targetDoc ? targetDoc.title : 'an indexed document'}; only headings can be renamed.`,
      );
    }
    const targetText = targetDoc.path === doc.path ? text : readText(targetDoc.path);
    const heading = targetDoc.headings[index2];
    return {
      kind: 'heading',
      path: targetDoc.path,
      heading,
      headingIndex: index2,
      range: { start: { line: fragmentRange.start.line, character: fragmentRange.start.character + 1 }, end: fragmentRange.end },
      placeholder: targetText !== undefined ? sliceRange(targetText, heading.textRange) : heading.text,
    };
  }
  return undefined;
}

/**
 * Renames a heading of the document at `path` (text `text`) to `newText`, and
 * every link to it across the workspace. Slugs follow GitHub, duplicates
 * included: when the rename shifts which of two equal headings is `#notes`
 * and which `#notes-1`, every link keeps pointing at the same heading.
 */
export function computeHeadingRename(
  index: WorkspaceIndex,
  path: string,
  text: string,
  headingIndex: number,
  newText: string,
  token: CancellationToken = neverCancelled,
): WorkspaceChange {
  const doc = index.getDocument(path);
  const heading = doc?.headings[headingIndex];
  if (!doc || !heading) throw new RenameRefused('The heading is no longer there; try again.');
  const name = newText.trim();
  if (name === '' || /[\r\n]/.test(name)) throw new RenameRefused('A heading name must be one non-empty line.');

  const lines = new LineIndex(text);
  const renamedText = applyTextEdits(text, [{ range: heading.textRange, newText: name }], (p) => lines.offsetAt(p));
  const renamed = parseDocument(path, renamedText);
  if (renamed.headings.length !== doc.headings.length) throw new RenameRefused(`"${name}" would change the document's heading structure.`);

  // Old slug -> new slug for every heading whose anchor changes (the renamed one and shifted duplicates).
  const slugs = new Map<string, string>();
  doc.headings.forEach((h, i) => {
    if (h.slug !== renamed.headings[i].slug) slugs.set(h.slug, renamed.headings[i].slug);
  });

  const change = new WorkspaceChange();
  change.edit(path, { range: heading.textRange, newText: name });
  if (slugs.size === 0) return change;
  // An HTML anchor with the same id keeps the links that use it.
  for (const anchor of doc.htmlAnchors) slugs.delete(anchor.id);

  const sources = new Set(index.linkSources(path));
  sources.add(path);
  for (const sourcePath of sources) {
    throwIfCancelled(token);
    const source = index.getDocument(sourcePath);
    if (!source) continue;
    for (const link of source.links) {
      const target = resolveLinkTarget(source.path, link.destination, index.rootFor(source.path));
      if (target.type !== 'local' || target.path !== path || target.fragment === undefined) continue;
      const newSlug = slugs.get(target.fragment);
      if (newSlug === undefined) continue;
      // A link written inside the renamed heading itself goes away with the old text.
      if (sourcePath === path && rangesOverlap(link.destinationRange, heading.textRange)) continue;
      change.edit(sourcePath, { range: link.destinationRange, newText: rewriteDestinationFragment(link.rawDestination, newSlug) });
    }
  }
  return change;
}

function sliceRange(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}
