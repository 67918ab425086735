import { markdownText } from '../../base/escape';
import { headingAbove } from '../../domain/altai/assessment';
import type { DocumentKind, QualityGateDocument } from '../../domain/document/types';
import type { Position } from '../../base/range';
import { treeRootOf } from '../../workspace/trees';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { formatDestination, relativeDestination } from './linkCompletion';
import { sortKey, type CompletionCandidate, type LineContext } from './types';

const RISK_SECTION = /^\s*(poses\s+risks?\b|implements\s+risk\s+controls?\b)/i;
/** Line start or a list item, then nothing or the start of a link text being typed. */
const ITEM_START = /^([ \t]*)((?:[-*+]|\d+[.)])[ \t]+)?(\[[^\]]*|[^\s[\]()]*)$/;

/** Whether `line` lies in a `Poses Risk(s)` / `Implements Risk Control(s)` section (nearest heading above). */
export function inRiskSection(doc: QualityGateDocument, line: number): boolean {
  const heading = headingAbove(doc, line);
  return heading !== undefined && heading.range.start.line < line && RISK_SECTION.test(heading.text);
}

/**
 * Documents of the given kinds, by title; those in the same MQG4AI tree as
 * `doc` first (`sameTree`), the rest after (`otherTrees`).
 */
export function documentsByTree(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  kinds: ReadonlySet<DocumentKind>,
): { sameTree: QualityGateDocument[]; otherTrees: QualityGateDocument[] } {
  const tree = treeRootOf(index, doc.path);
  const byTitle = (a: QualityGateDocument, b: QualityGateDocument) => a.title.localeCompare(b.title) || (a.path < b.path ? -1 : 1);
  const found = [...index.allDocuments()].filter((d) => kinds.has(d.kind) && d.path !== doc.path).sort(byTitle);
  const sameTree = found.filter((d) => treeRootOf(index, d.path) === tree);
  return { sameTree, otherTrees: found.filter((d) => !sameTree.includes(d)) };
}

/** Risk documents for the destination list of a risk section: the document's own tree's. */
export function riskDocuments(index: WorkspaceIndex, doc: QualityGateDocument): QualityGateDocument[] {
  return documentsByTree(index, doc, RISK).sameTree;
}

const RISK: ReadonlySet<DocumentKind> = new Set(['risk']);
const GATES: ReadonlySet<DocumentKind> = new Set(['leaf-qg', 'collection-qg']);

/** A link text for a document: its title without a trailing `(... Risk)` qualifier. */
export function linkTextFor(doc: QualityGateDocument): string {
  const bare = doc.title.replace(/\s*\([^()]*\)\s*$/, '').trim();
  return (bare || doc.title).replace(/([[\]\\])/g, '\\$1');
}

/**
 * At the start of a line or list item in a risk section: `[<title>](<relative path>)`
 * for every risk document, then the workspace's quality gates (the controls a
 * risk may point to). A bare line gets a list marker.
 */
export function riskLinkCompletions(index: WorkspaceIndex, doc: QualityGateDocument, position: Position, context: LineContext): CompletionCandidate[] {
  const match = ITEM_START.exec(context.before);
  if (!match || context.after.trim() !== '') return [];
  const typed = match[3];
  const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  const marker = match[2] ? '' : '- ';
  const item = (target: QualityGateDocument, group: number, rank: number): CompletionCandidate => {
    const text = linkTextFor(target);
    const destination = formatDestination(relativeDestination(doc.path, target.path));
    return {
      kind: 'document-link',
      label: target.title,
      detail: destination,
      description: target.kind === 'risk' ? 'risk' : 'quality gate',
      documentation: target.summary ? markdownText(target.summary) : undefined,
      newText: `${marker}[${text}](${destination})`,
      range,
      sortText: sortKey(group, rank),
      filterText: typed.startsWith('[') ? `[${text}` : text,
    };
  };
  // Risks first, then the quality gates (controls); the document's own tree before other trees.
  const risks = documentsByTree(index, doc, RISK);
  const gates = documentsByTree(index, doc, GATES);
  return [
    ...risks.sameTree.map((d, i) => item(d, 0, i)),
    ...gates.sameTree.map((d, i) => item(d, 1, i)),
    ...risks.otherTrees.map((d, i) => item(d, 2, i)),
    ...gates.otherTrees.map((d, i) => item(d, 3, i)),
  ];
}
