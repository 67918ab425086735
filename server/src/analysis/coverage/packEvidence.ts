import { posix } from 'node:path';
import type { QuestionCatalogue } from '../../domain/altai/catalogue';
import { questionKey, type QuotedQuestion } from '../../domain/altai/questionBlocks';
import { checkLink } from '../../workspace/linkStatus';
import { isAddressedWithEvidence } from './evidence';
import { isInside } from '../../syntax/resolveLink';
import { tagValue, type PackCitation, type QualityGateDocument } from '../../domain/document/types';
import { treeRootOf } from '../../workspace/trees';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { ALTAI_PACK_ID, itemKey, leavesOf, type PackRegistry } from '../../domain/packs/registry';

/** How a document serves as evidence for an item. */
export type EvidenceKind =
  /** `[ID]` in the document: the document is the evidence. */
  | 'cited'
  /** `[ID](target)`: the link target is the evidence. */
  | 'linked'
  /** An ALTAI question answered (or linked from) in its requirement document. */
  | 'answered';

export interface ItemEvidence {
  readonly kind: EvidenceKind;
  readonly doc: QualityGateDocument;
  readonly citation?: PackCitation;
  /** For an ALTAI answer: the quoted question. */
  readonly question?: QuotedQuestion;
  /** For `linked`: the target's absolute path, or the URL of an external link. */
  readonly target?: string;
  /** False for a `linked` citation whose link is broken: it does not count. */
  readonly valid: boolean;
  /** For a whole-item citation (`[AIACT.art9.all]`): the ID of the item it names, above this one. */
  readonly whole?: string;
}

/** Document kinds whose citations do not count: templates show the form, placeholders hold nothing. */
const NOT_EVIDENCE = new Set(['template', 'placeholder']);

/**
 * The evidence for pack items within one scope (an MQG4AI tree, or a workspace folder
 * for documents outside any tree): citations and linked citations in any document,
 * and for ALTAI questions the answers in the requirement documents, found the same
 * way the coverage tree finds them.
 */
export class PackEvidence {
  private readonly byItem = new Map<string, ItemEvidence[]>();

  constructor(
    private readonly index: WorkspaceIndex,
    readonly registry: PackRegistry,
    catalogue: QuestionCatalogue,
    readonly scope: string,
    documents: Iterable<QualityGateDocument> = index.allDocuments(),
  ) {
    const inScope = [...documents]
      .filter((d) => isInside(d.path, scope) && !NOT_EVIDENCE.has(d.kind))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const doc of inScope) {
      for (const citation of doc.citations ?? []) {
        const entry = registry.item(citation.id);
        if (entry) {
          this.add(entry.item.id, this.citationEvidence(doc, citation));
          continue;
        }
        // `[AIACT.art9.all]`: the document declares it covers every item below Article 9.
        const whole = registry.wholeItem(citation.id);
        if (!whole) continue;
        const evidence = { ...this.citationEvidence(doc, citation), whole: whole.item.id };
        for (const leaf of leavesOf(whole.item)) this.add(leaf.id, evidence);
      }
    }
    // ALTAI questions: addressed in the tree's requirement document (first one per requirement).
    const seen = new Set<string>();
    for (const doc of inScope) {
      if (doc.kind !== 'requirement') continue;
      const requirement = catalogue.requirementFor(tagValue(doc, 'name')?.trim() || posix.basename(doc.path, '.md'));
      if (!requirement || seen.has(requirement.id)) continue;
      seen.add(requirement.id);
      const quoted = new Map<string, QuotedQuestion>();
      for (const block of doc.questionBlocks) for (const q of block.questions) if (!quoted.has(questionKey(q.text))) quoted.set(questionKey(q.text), q);
      for (const section of requirement.sections) {
        for (const question of section.questions) {
          const found = quoted.get(questionKey(question.text));
          if (found && isAddressedWithEvidence(index, doc, found)) this.add(question.id, { kind: 'answered', doc, question: found, valid: true });
        }
      }
    }
  }

  /** The evidence scope of a document: its tree, else its workspace folder, else its folder. */
  static scopeOf(index: WorkspaceIndex, path: string): string {
    return treeRootOf(index, path) ?? index.rootFor(path) ?? posix.dirname(path);
  }

  /** Everything recorded for an item (ID compared ignoring case), valid or not. */
  of(id: string): readonly ItemEvidence[] {
    return this.byItem.get(itemKey(id)) ?? [];
  }

  /** Evidence that counts. */
  valid(id: string): ItemEvidence[] {
    return this.of(id).filter((e) => e.valid);
  }

  /** Whether an item is addressed in the scope. */
  isAddressed(id: string): boolean {
    return this.of(id).some((e) => e.valid);
  }

  /** Whether the item belongs to the ALTAI pack (addressed also by answers). */
  isAltai(id: string): boolean {
    return this.registry.item(id)?.pack.id === ALTAI_PACK_ID;
  }

  private citationEvidence(doc: QualityGateDocument, citation: PackCitation): ItemEvidence {
    if (!citation.linkRange) return { kind: 'cited', doc, citation, valid: true };
    const link = doc.links.find((l) => l.syntax === 'inline' && samePosition(l.range.start, citation.linkRange!.start));
    if (!link) return { kind: 'cited', doc, citation, valid: true };
    const status = checkLink(this.index, doc, link);
    if (status.state === 'external') return { kind: 'linked', doc, citation, target: link.destination, valid: true };
    if (status.state === 'ok') return { kind: 'linked', doc, citation, target: status.path, valid: true };
    return { kind: 'linked', doc, citation, target: 'path' in status ? status.path : link.destination, valid: false };
  }

  private add(id: string, evidence: ItemEvidence): void {
    const key = itemKey(id);
    const list = this.byItem.get(key);
    if (list) list.push(evidence);
    else this.byItem.set(key, [evidence]);
  }
}

function samePosition(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line === b.line && a.character === b.character;
}
