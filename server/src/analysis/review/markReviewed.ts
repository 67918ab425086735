import { posix } from 'node:path';
import { throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import { contentFingerprint, reviewText } from '../../domain/review/fingerprint';
import { renderStampFile, type ReviewStamp } from '../../domain/review/stampFile';
import { snapshotFileOf, stampFileOf } from '../../workspace/reviewStamps';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { stampKeyOf, traceTargetsOf } from './reviewStatus';

/** Who marks, when, and what: the whole document, or one trace of it. */
export interface MarkRequest {
  readonly by: string;
  /** ISO 8601 (UTC). */
  readonly at: string;
  /** Only the trace to this document (absolute path): its fingerprint in the existing stamp is updated. */
  readonly trace?: string;
}

/** One file a mark writes: a stamp or a snapshot. `previous` is its current text; undefined for a new file. */
export interface ReviewWrite {
  readonly path: string;
  readonly text: string;
  readonly previous?: string;
}

/** What marking would write, which documents it marks, and which it cannot (with why). */
export interface MarkPlan {
  readonly writes: readonly ReviewWrite[];
  readonly marked: readonly string[];
  readonly refused: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}

/**
 * Plans "mark reviewed" for documents (docs/review.md): each document's stamp file with its own
 * fingerprint and each trace target's, and a snapshot of every text a stamp names that is not
 * stored yet (so the diff since review can be shown later). Writes nothing: the editor applies
 * the plan as a WorkspaceEdit, the CLI writes it.
 */
export async function planReviewMark(index: WorkspaceIndex, paths: readonly string[], request: MarkRequest, token: CancellationToken): Promise<MarkPlan> {
  const writes = new Map<string, ReviewWrite>();
  const marked: string[] = [];
  const refused: Array<{ path: string; reason: string }> = [];
  const snapshot = (root: string, text: string): string => {
    const normalised = reviewText(text);
    const fingerprint = contentFingerprint(text);
    const file = snapshotFileOf(root, fingerprint);
    if (!index.hasFile(file) && !writes.has(file)) writes.set(file, { path: file, text: normalised });
    return fingerprint;
  };
  for (const path of paths) {
    throwIfCancelled(token);
    const doc = index.getDocument(path);
    const root = index.rootFor(path);
    const text = doc && !doc.skipped ? await index.readText(path) : undefined;
    if (!doc || !root || text === undefined) {
      refused.push({ path, reason: doc?.skipped ? `not indexed (${doc.skipped})` : 'not an indexed Markdown document of the workspace' });
      continue;
    }
    const stampFile = stampFileOf(root, path);
    const loaded = index.reviews.get(path);
    let stamp: ReviewStamp;
    if (request.trace !== undefined) {
      const targetText = index.getDocument(request.trace) ? await index.readText(request.trace) : undefined;
      if (!loaded?.stamp) {
        refused.push({ path, reason: 'the document has no valid review stamp yet; mark the whole document reviewed' });
        continue;
      }
      if (targetText === undefined || !traceTargetsOf(index, doc).some((t) => t.target.path === request.trace)) {
        refused.push({ path, reason: `it has no trace to ${posix.relative(root, request.trace)}` });
        continue;
      }
      const key = stampKeyOf(index, path, request.trace);
      stamp = { ...loaded.stamp, traces: { ...loaded.stamp.traces, [key]: snapshot(root, targetText) } };
    } else {
      const traces: Record<string, string> = {};
      for (const { target } of traceTargetsOf(index, doc)) {
        const key = stampKeyOf(index, path, target.path);
        if (traces[key] !== undefined) continue;
        const targetText = await index.readText(target.path);
        if (targetText !== undefined) traces[key] = snapshot(root, targetText);
      }
      stamp = { reviewedBy: request.by, reviewedAt: request.at, fingerprint: snapshot(root, text), traces };
    }
    const content = renderStampFile(posix.relative(root, path), stamp);
    const previous = index.hasFile(stampFile) ? await index.readText(stampFile) : undefined;
    if (previous !== content) writes.set(stampFile, { path: stampFile, text: content, previous });
    marked.push(path);
  }
  return { writes: [...writes.values()], marked, refused };
}
