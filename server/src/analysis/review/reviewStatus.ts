import { posix } from 'node:path';
import type { LinkOccurrence, QualityGateDocument } from '../../domain/document/types';
import type { ReviewStamp } from '../../domain/review/stampFile';
import { targetOfLink } from '../../workspace/linkStatus';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';

/** Where a document stands with its reviewers (docs/review.md). */
export type ReviewState = 'reviewed' | 'unreviewed' | 'suspect';

/** A link whose target changed since the linking document's stamp. */
export interface SuspectTrace {
  readonly link: LinkOccurrence;
  /** The target document (absolute path). */
  readonly target: string;
  /** The target's fingerprint in the stamp; undefined when the stamp does not name the target. */
  readonly reviewedFingerprint?: string;
  readonly currentFingerprint: string;
}

/** A document's review: its stamp, whether its own content changed since, and its suspect traces. */
export interface DocumentReview {
  readonly path: string;
  readonly state: ReviewState;
  readonly stamp?: ReviewStamp;
  /** The stamp file, when there is one. */
  readonly stampFile?: string;
  /** Why the stamp file could not be read, when it could not. */
  readonly problem?: string;
  /** The document's own content differs from what was reviewed. */
  readonly changedSinceReview: boolean;
  readonly suspectTraces: readonly SuspectTrace[];
}

/** A trace of a document: a link to another indexed Markdown document with a content fingerprint. */
export interface TraceTarget {
  readonly link: LinkOccurrence;
  readonly target: QualityGateDocument & { readonly fingerprint: string };
}

/** The trace targets of `doc`, link by link (a document linked twice appears twice). */
export function traceTargetsOf(index: WorkspaceIndex, doc: QualityGateDocument): TraceTarget[] {
  const result: TraceTarget[] = [];
  for (const link of doc.links) {
    const target = targetOfLink(index, doc, link);
    if (target.type !== 'local' || target.sameDocument) continue;
    const model = index.getDocument(target.path);
    if (model?.fingerprint === undefined || model.path === doc.path) continue;
    result.push({ link, target: model as TraceTarget['target'] });
  }
  return result;
}

/** How a stamp names a trace target: its path relative to the linking document's workspace folder. */
export function stampKeyOf(index: WorkspaceIndex, documentPath: string, target: string): string {
  const root = index.rootFor(documentPath) ?? '/';
  return posix.relative(root, target);
}

/**
 * A document's review status. Unreviewed: no stamp, an unreadable one, or its own content
 * changed since. Suspect: its content is as reviewed, but a trace target changed (or was not
 * part of the review). Reviewed: neither.
 */
export function reviewOf(index: WorkspaceIndex, doc: QualityGateDocument): DocumentReview {
  const loaded = index.reviews.get(doc.path);
  if (!loaded) return { path: doc.path, state: 'unreviewed', changedSinceReview: false, suspectTraces: [] };
  if (!loaded.stamp)
    return { path: doc.path, state: 'unreviewed', stampFile: loaded.file, problem: loaded.problem, changedSinceReview: false, suspectTraces: [] };
  const stamp = loaded.stamp;
  const changedSinceReview = doc.fingerprint !== stamp.fingerprint;
  const suspectTraces: SuspectTrace[] = [];
  for (const { link, target } of traceTargetsOf(index, doc)) {
    const reviewed = stamp.traces[stampKeyOf(index, doc.path, target.path)];
    // A link added since the review is part of the document's change, not a suspect trace.
    if (reviewed === undefined && changedSinceReview) continue;
    if (reviewed !== target.fingerprint)
      suspectTraces.push({ link, target: target.path, reviewedFingerprint: reviewed, currentFingerprint: target.fingerprint });
  }
  const state = changedSinceReview ? 'unreviewed' : suspectTraces.length > 0 ? 'suspect' : 'reviewed';
  return { path: doc.path, state, stamp, stampFile: loaded.file, changedSinceReview, suspectTraces };
}
