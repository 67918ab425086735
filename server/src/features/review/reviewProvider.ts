import { posix } from 'node:path';
import { throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import { markdownCode, markdownText } from '../../base/escape';
import { rangesTouch, rangeContains } from '../../base/range';
import { uriFromPath } from '../../base/fileSystem';
import { LineIndex } from '../../base/lineIndex';
import { planReviewMark, type MarkPlan, type MarkRequest } from '../../analysis/review/markReviewed';
import { changedSectionNames, renderReviewDiff, reviewDiff } from '../../analysis/review/reviewDiff';
import { reviewOf, stampKeyOf, type DocumentReview } from '../../analysis/review/reviewStatus';
import { snapshotFileOf } from '../../workspace/reviewStamps';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { MQG4AI_COMMANDS } from '../../../../protocol/protocol';
import { MarkupKind, type CodeAction, type Hover, type Position, type Range, type WorkspaceEdit } from '../editorTypes';
import { WorkspaceChange } from '../refactor/workspaceChange';
import { supports, toWorkspaceEdit, type EditCapabilities } from '../refactor/workspaceEdits';
import { Refusal } from '../../base/refusal';

/** `source.review.mqg4ai`: the review actions that apply to the whole document. */
export const REVIEW_SOURCE_KIND = 'source.review.mqg4ai';

/** What changed in one document since a stamp, ready to show. */
export interface ChangesSinceReview {
  readonly title: string;
  /** Markdown. */
  readonly content: string;
  /** The sections that changed (empty when unknown or nothing changed). */
  readonly sections: readonly string[];
}

/**
 * The review workflow in the editor (docs/review.md): the diff of a suspect trace's target on
 * hover, "what changed since review", the review code actions, and the workspace edit that writes
 * stamps. Nothing here writes a file: marking returns a WorkspaceEdit the user applies.
 */
export class ReviewProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  /** For a hover on a suspect link: what changed in its target since the review, as Markdown. */
  async suspectHover(path: string, position: Position, token: CancellationToken): Promise<string | undefined> {
    const doc = this.index.getDocument(path);
    if (!doc) return undefined;
    const suspect = reviewOf(this.index, doc).suspectTraces.find((s) => rangeContains(s.link.range, position));
    if (!suspect) return undefined;
    const changes = await this.changesSince(path, suspect.target, token);
    return changes.content;
  }

  /**
   * What changed in `target` (default: the document itself) since `path`'s stamp: the sections and
   * a diff against the stored snapshot, or why it cannot be shown.
   */
  async changesSince(path: string, target: string | undefined, token: CancellationToken): Promise<ChangesSinceReview> {
    const doc = this.index.getDocument(path);
    const root = this.index.rootFor(path);
    const subject = target ?? path;
    const name = markdownCode(root ? posix.relative(root, subject) : subject);
    const title = `Changes in ${posix.basename(subject)} since review`;
    const review = doc ? reviewOf(this.index, doc) : undefined;
    const stamp = review?.stamp;
    if (!doc || !root || !stamp)
      return { title, sections: [], content: `**${markdownText(posix.basename(path))}** has no review stamp: nothing to compare with.` };
    const reviewed = target === undefined ? stamp.fingerprint : stamp.traces[stampKeyOf(this.index, path, target)];
    const by = `reviewed by ${markdownText(stamp.reviewedBy)} on ${markdownText(stamp.reviewedAt.slice(0, 10))}`;
    if (reviewed === undefined) return { title, sections: [], content: `**Suspect trace:** ${name} was not part of the review (${by}).` };
    const current = await this.index.readText(subject);
    throwIfCancelled(token);
    if (current === undefined) return { title, sections: [], content: `${name} cannot be read.` };
    const snapshot = await this.index.readText(snapshotFileOf(root, reviewed));
    throwIfCancelled(token);
    const header = target === undefined ? `**Changed since review** (${by})` : `**Suspect trace:** ${name} changed since this document was ${by}.`;
    if (snapshot === undefined)
      return {
        title,
        sections: [],
        content: `${header}\n\nThe reviewed text is not stored (${markdownCode(posix.relative(root, snapshotFileOf(root, reviewed)))} is missing), so the change cannot be shown.`,
      };
    const diff = reviewDiff(snapshot, current);
    const sections = changedSectionNames(diff);
    const list = sections.length > 0 ? `\n\nChanged: ${sections.map((s) => `**${markdownText(s)}**`).join(', ')}` : '';
    return { title, sections, content: `${header}${list}\n\n${renderReviewDiff(diff)}` };
  }

  /** The review actions at `range`: on a suspect link, mark it reviewed or show its change; anywhere, mark the document reviewed. */
  codeActions(path: string, range: Range, only: readonly string[] | undefined, token: CancellationToken): CodeAction[] {
    const doc = this.index.getDocument(path);
    if (!doc || doc.skipped || doc.fingerprint === undefined || token.isCancellationRequested) return [];
    const uri = uriFromPath(path);
    const review: DocumentReview = reviewOf(this.index, doc);
    const wantsQuickFix = !only || only.some((k) => 'quickfix'.startsWith(k) || k === '');
    const wantsSource = !!only && only.some((k) => REVIEW_SOURCE_KIND.startsWith(k) && k !== '');
    const actions: CodeAction[] = [];
    if (wantsQuickFix) {
      const seen = new Set<string>();
      for (const suspect of review.suspectTraces) {
        if (!rangesTouch(suspect.link.range, range) || seen.has(suspect.target)) continue;
        seen.add(suspect.target);
        const name = posix.basename(suspect.target);
        const target = uriFromPath(suspect.target);
        actions.push(
          {
            title: `Mark trace to ${name} reviewed`,
            kind: 'quickfix',
            isPreferred: true,
            command: { title: 'Mark trace reviewed', command: MQG4AI_COMMANDS.markTraceReviewed, arguments: [uri, target] },
          },
          {
            title: `Show what changed in ${name} since review`,
            kind: 'quickfix',
            command: { title: 'Show what changed since review', command: MQG4AI_COMMANDS.showChangesSinceReview, arguments: [uri, target] },
          },
        );
      }
      if (seen.size > 0) actions.push(this.markDocumentAction(uri, 'quickfix'));
    }
    if (wantsSource) {
      actions.push(this.markDocumentAction(uri, REVIEW_SOURCE_KIND));
      if (review.changedSinceReview)
        actions.push({
          title: 'Show what changed since review',
          kind: REVIEW_SOURCE_KIND,
          command: { title: 'Show what changed since review', command: MQG4AI_COMMANDS.showChangesSinceReview, arguments: [uri] },
        });
    }
    return actions;
  }

  private markDocumentAction(uri: string, kind: string): CodeAction {
    return {
      title: 'Mark document reviewed',
      kind,
      command: { title: 'Mark document reviewed', command: MQG4AI_COMMANDS.markDocumentReviewed, arguments: [uri] },
    };
  }

  /** The stamps (and missing snapshots) of `paths` as a workspace edit, with what was marked and refused. */
  async markEdit(
    paths: readonly string[],
    request: MarkRequest,
    capabilities: EditCapabilities,
    token: CancellationToken,
  ): Promise<MarkPlan & { edit: WorkspaceEdit | null }> {
    const plan = await planReviewMark(this.index, paths, request, token);
    if (plan.writes.length === 0) return { ...plan, edit: null };
    if (plan.writes.some((w) => w.previous === undefined) && !supports(capabilities, 'create'))
      throw new Refusal('This editor cannot create files through a workspace edit; mark the documents with "mqg4ai review mark" on the command line.');
    const change = new WorkspaceChange();
    for (const write of plan.writes) {
      if (write.previous === undefined) {
        change.operation({ kind: 'create', path: write.path });
        change.edit(write.path, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: write.text });
      } else {
        const lines = new LineIndex(write.previous);
        change.edit(write.path, { range: { start: { line: 0, character: 0 }, end: lines.positionAt(write.previous.length) }, newText: write.text });
      }
    }
    return { ...plan, edit: toWorkspaceEdit(change, capabilities) };
  }
}

/** A hover led by the review note (what changed matters most on a suspect link), or the note alone. */
export function withReviewNote(hover: Hover | undefined, note: string | undefined): Hover | undefined {
  if (note === undefined) return hover;
  if (!hover) return { contents: { kind: MarkupKind.Markdown, value: note } };
  return { ...hover, contents: { kind: MarkupKind.Markdown, value: `${note}\n\n---\n\n${hover.contents.value}` } };
}
