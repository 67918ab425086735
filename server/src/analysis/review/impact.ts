import { throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import { sectionAt, sectionsOf } from '../../domain/document/sections';
import type { QualityGateDocument } from '../../domain/document/types';
import { assessmentOf, type Assessment } from '../../workspace/assessments';
import { targetOfLink } from '../../workspace/linkStatus';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';

/** A document changed since the ref: how, and the sections whose content changed. */
export interface DocumentChange {
  /** Absolute path (for a deleted document, where it was). */
  readonly path: string;
  readonly status: 'added' | 'modified' | 'deleted' | 'renamed';
  /** For renames: the absolute path at the ref. */
  readonly from?: string;
  /** Section labels whose content changed (`(front matter)`, `(before the first heading)`, headings). */
  readonly sections: readonly string[];
}

/** Where a document traces to a document it depends on: the link's line and section, and the questions quoted there. */
export interface TracePlace {
  /** 0-based line of the link. */
  readonly line: number;
  readonly destination: string;
  /** The heading of the section holding the link, if any. */
  readonly section?: string;
  /** ALTAI / additional questions quoted in that section (plain text). */
  readonly questions: readonly string[];
}

/** A document that traces (directly, or through others) to a changed one. */
export interface ImpactedDocument {
  readonly path: string;
  readonly title: string;
  /** 1: links to the changed document; 2: links to a depth-1 document; ... */
  readonly depth: number;
  /** The document it links to, one step closer to the change. */
  readonly via: string;
  readonly places: readonly TracePlace[];
}

/** One changed document and what traces to it within its assessment. */
export interface ChangeImpact extends DocumentChange {
  readonly title: string;
  readonly assessment?: Assessment;
  readonly impacted: readonly ImpactedDocument[];
}

/** `mqg4ai impact`: what changed since a git ref, and what traces to it. */
export interface ImpactReport {
  /** The ref as given, and the commit it named. */
  readonly since: string;
  readonly commit: string;
  /** The folder paths are relative to (absolute). */
  readonly root: string;
  readonly depth: number;
  readonly changes: readonly ChangeImpact[];
}

/**
 * For each changed Markdown document, the documents that trace to it through the link graph's
 * reverse links, transitively up to `depth` steps, within the changed document's assessment
 * (documents in no assessment: among documents in none). Each impacted document is listed once
 * per change, at its shortest distance.
 */
export function impactOf(index: WorkspaceIndex, changes: readonly DocumentChange[], depth: number, token: CancellationToken): ChangeImpact[] {
  return changes.map((change) => {
    const assessment = assessmentOf(index, change.path);
    const sameAssessment = (path: string) => assessmentOf(index, path)?.id === assessment?.id;
    const impacted: ImpactedDocument[] = [];
    const seen = new Set<string>([change.path]);
    let frontier = [change.path];
    for (let level = 1; level <= depth && frontier.length > 0; level++) {
      const next: string[] = [];
      for (const target of frontier) {
        throwIfCancelled(token);
        for (const source of [...index.linkSources(target)].sort()) {
          const doc = index.getDocument(source);
          if (!doc || seen.has(source) || !sameAssessment(source) || !index.isChecked(source)) continue;
          seen.add(source);
          next.push(source);
          impacted.push({ path: source, title: doc.title, depth: level, via: target, places: placesLinkingTo(index, doc, target) });
        }
      }
      frontier = next;
    }
    const doc = index.getDocument(change.path);
    return { ...change, title: doc?.title ?? change.path.slice(change.path.lastIndexOf('/') + 1), assessment, impacted };
  });
}

function placesLinkingTo(index: WorkspaceIndex, doc: QualityGateDocument, target: string): TracePlace[] {
  const sections = sectionsOf(doc);
  const places: TracePlace[] = [];
  for (const link of doc.links) {
    const resolved = targetOfLink(index, doc, link);
    if (resolved.type !== 'local' || resolved.path !== target) continue;
    const line = link.range.start.line;
    const section = sectionAt(sections, line);
    const questions = section
      ? doc.questionBlocks
          .filter((b) => b.labelLine >= section.heading.range.start.line && b.labelLine < section.end)
          .flatMap((b) => b.questions.filter((q) => q.depth === 0).map((q) => q.text))
      : [];
    places.push({ line, destination: link.rawDestination, section: section?.heading.text, questions });
  }
  return places;
}
