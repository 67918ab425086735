import { posix } from 'node:path';
import { throwIfCancelled, neverCancelled, type CancellationToken } from '../base/cancellation';
import { tagValue, type QualityGateDocument } from '../domain/document/types';
import { documentsOfAssessment, type Assessment } from '../workspace/assessments';
import { checkLink } from '../workspace/linkStatus';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { CoverageBuilder } from './coverage/buildCoverage';
import type { CoverageNode } from './coverage/types';

/** One side of a comparison. */
export interface DiffSide {
  readonly id: string;
  readonly label: string;
  /** Relative to its workspace folder. */
  readonly folder: string;
}

export interface ChangedDocument {
  /** Relative to the newer assessment's root. */
  readonly path: string;
  /** The older path, when the document was renamed or moved. */
  readonly from?: string;
  /** Headings whose section changed, appeared or disappeared (`Parent › Heading` when a heading repeats). */
  readonly sections: readonly string[];
}

export interface TraceChange {
  /** The linking document, relative to the root of the assessment where the link is broken. */
  readonly path: string;
  /** 1-based line in that document. */
  readonly line: number;
  /** The destination as written. */
  readonly target: string;
  /** `link.missing-file`, `link.missing-folder`, `link.missing-anchor` or `link.empty`. */
  readonly code: string;
}

export interface RiskEntry {
  readonly path: string;
  readonly title: string;
}

/** What changed from assessment `from` to assessment `to`; every path relative to its assessment's root. */
export interface VersionDiff {
  readonly version: 1;
  readonly from: DiffSide;
  readonly to: DiffSide;
  readonly documents: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly ChangedDocument[] };
  /** Catalogue question IDs answered in `to` but not in `from`, and the reverse. */
  readonly altai: { readonly answered: readonly string[]; readonly unanswered: readonly string[] };
  /** Broken links of `from` that `to` no longer has, and broken links new in `to`. */
  readonly traces: { readonly fixed: readonly TraceChange[]; readonly introduced: readonly TraceChange[] };
  readonly risks: { readonly added: readonly RiskEntry[]; readonly removed: readonly RiskEntry[] };
}

/** Least line similarity for an unmatched pair of documents to count as one renamed document. */
const RENAME_SIMILARITY = 0.5;
const BROKEN = new Set(['missing-file', 'missing-folder', 'missing-anchor', 'empty']);
const PREAMBLE = '(before the first heading)';
const FRONT_MATTER = '(front matter)';

/**
 * Compares two assessments, typically two versions of one application. Documents are
 * matched by their path relative to each root, then (renamed or moved) by front-matter
 * Name and by content similarity. Texts are read through the index (open editors win).
 */
export async function compareAssessments(
  index: WorkspaceIndex,
  builder: CoverageBuilder,
  from: Assessment,
  to: Assessment,
  token: CancellationToken = neverCancelled,
): Promise<VersionDiff> {
  const docsA = documentsOfAssessment(index, from);
  const docsB = documentsOfAssessment(index, to);
  const relA = (doc: QualityGateDocument) => posix.relative(from.folder, doc.path);
  const relB = (doc: QualityGateDocument) => posix.relative(to.folder, doc.path);
  const texts = new Map<string, string>();
  for (const doc of [...docsA, ...docsB]) {
    throwIfCancelled(token);
    texts.set(doc.path, (await index.readText(doc.path)) ?? '');
  }

  const pairs = matchDocuments(docsA, docsB, relA, relB, texts);
  const matchedA = new Set(pairs.map(([a]) => a.path));
  const matchedB = new Set(pairs.map(([, b]) => b.path));
  const changed: ChangedDocument[] = [];
  for (const [a, b] of pairs) {
    throwIfCancelled(token);
    const renamed = relA(a) !== relB(b);
    const sections = changedSections(a, texts.get(a.path)!, b, texts.get(b.path)!);
    if (renamed || sections.length > 0) changed.push({ path: relB(b), ...(renamed ? { from: relA(a) } : {}), sections });
  }

  // Broken links compared by the newer path of their document, so a moved document's links still match.
  const newerPath = new Map(pairs.map(([a, b]) => [a.path, relB(b)]));
  const brokenA = brokenTraces(index, docsA, relA);
  const brokenB = brokenTraces(index, docsB, relB);
  const keyA = (t: TraceChange, doc: string) => `${newerPath.get(doc) ?? `\0${t.path}`}\n${t.target}`;
  const keysB = new Set(brokenB.map(({ trace }) => `${trace.path}\n${trace.target}`));
  const keysA = new Set(brokenA.map(({ trace, doc }) => keyA(trace, doc)));

  const answeredA = answeredQuestions(builder.buildAssessment(from, token));
  const answeredB = answeredQuestions(builder.buildAssessment(to, token));

  const risk = (doc: QualityGateDocument, rel: string): RiskEntry => ({ path: rel, title: doc.title });
  const pairedRisk = new Set(pairs.filter(([a, b]) => a.kind === 'risk' && b.kind === 'risk').flatMap(([a, b]) => [a.path, b.path]));

  return {
    version: 1,
    from: side(from),
    to: side(to),
    documents: {
      added: docsB
        .filter((d) => !matchedB.has(d.path))
        .map(relB)
        .sort(),
      removed: docsA
        .filter((d) => !matchedA.has(d.path))
        .map(relA)
        .sort(),
      changed: changed.sort((x, y) => compare(x.path, y.path)),
    },
    altai: {
      answered: [...answeredB].filter((id) => !answeredA.has(id)).sort(compareIds),
      unanswered: [...answeredA].filter((id) => !answeredB.has(id)).sort(compareIds),
    },
    traces: {
      fixed: brokenA
        .filter(({ trace, doc }) => !keysB.has(keyA(trace, doc)))
        .map(({ trace }) => trace)
        .sort(byPlace),
      introduced: brokenB
        .filter(({ trace }) => !keysA.has(`${trace.path}\n${trace.target}`))
        .map(({ trace }) => trace)
        .sort(byPlace),
    },
    risks: {
      added: docsB
        .filter((d) => d.kind === 'risk' && !pairedRisk.has(d.path))
        .map((d) => risk(d, relB(d)))
        .sort((x, y) => compare(x.path, y.path)),
      removed: docsA
        .filter((d) => d.kind === 'risk' && !pairedRisk.has(d.path))
        .map((d) => risk(d, relA(d)))
        .sort((x, y) => compare(x.path, y.path)),
    },
  };
}

function side(assessment: Assessment): DiffSide {
  return { id: assessment.id, label: assessment.label, folder: assessment.relativeFolder };
}

/** Pairs of (older, newer) documents: same relative path first, then same Name, then similar content. */
function matchDocuments(
  docsA: readonly QualityGateDocument[],
  docsB: readonly QualityGateDocument[],
  relA: (d: QualityGateDocument) => string,
  relB: (d: QualityGateDocument) => string,
  texts: ReadonlyMap<string, string>,
): Array<[QualityGateDocument, QualityGateDocument]> {
  const pairs: Array<[QualityGateDocument, QualityGateDocument]> = [];
  const byPath = new Map(docsB.map((d) => [relB(d), d]));
  const restA: QualityGateDocument[] = [];
  for (const a of docsA) {
    const b = byPath.get(relA(a));
    if (b) {
      pairs.push([a, b]);
      byPath.delete(relA(a));
    } else restA.push(a);
  }
  const restB = [...byPath.values()];
  if (restA.length === 0 || restB.length === 0) return pairs;

  // Template headings, prompts and lines found in many documents say nothing about identity:
  // only lines in at most two documents (one document and its copy) count.
  const frequency = new Map<string, number>();
  const allLines = new Map<string, Set<string>>();
  for (const d of [...docsA, ...docsB]) {
    const set = new Set(normalisedLines(texts.get(d.path) ?? '').filter((l) => !/^(-\s*)?(#|>)/.test(l)));
    allLines.set(d.path, set);
    for (const line of set) frequency.set(line, (frequency.get(line) ?? 0) + 1);
  }
  const lines = new Map<string, Set<string>>();
  const linesOf = (d: QualityGateDocument) => {
    let set = lines.get(d.path);
    if (!set) lines.set(d.path, (set = new Set([...allLines.get(d.path)!].filter((l) => frequency.get(l)! <= 2))));
    return set;
  };
  const nameOf = (d: QualityGateDocument) => tagValue(d, 'name')?.trim().toLowerCase() || undefined;
  const candidates: Array<{ a: QualityGateDocument; b: QualityGateDocument; score: number }> = [];
  for (const a of restA) {
    for (const b of restB) {
      const sameName = nameOf(a) !== undefined && nameOf(a) === nameOf(b);
      const score = Math.max(sameName ? 1 : 0, jaccard(linesOf(a), linesOf(b)));
      if (score >= RENAME_SIMILARITY) candidates.push({ a, b, score });
    }
  }
  candidates.sort((x, y) => y.score - x.score || compare(relB(x.b), relB(y.b)));
  const takenA = new Set<string>();
  const takenB = new Set<string>();
  for (const { a, b } of candidates) {
    if (takenA.has(a.path) || takenB.has(b.path)) continue;
    takenA.add(a.path);
    takenB.add(b.path);
    pairs.push([a, b]);
  }
  return pairs;
}

/** Section labels whose content differs between the two versions of a document, in document order. */
export function changedSections(a: QualityGateDocument, textA: string, b: QualityGateDocument, textB: string): string[] {
  const sectionsA = sectionTexts(a, textA);
  const sectionsB = sectionTexts(b, textB);
  const result: string[] = [];
  for (const [label, content] of sectionsB) if (sectionsA.get(label) !== content) result.push(label);
  for (const label of sectionsA.keys()) if (!sectionsB.has(label)) result.push(label);
  return result;
}

/** Each section's normalised content (lines up to the next heading), keyed by its label. */
function sectionTexts(doc: QualityGateDocument, text: string): Map<string, string> {
  const lines = text.split(/\r\n|\r|\n/);
  const result = new Map<string, string>();
  const headings = [...doc.headings].sort((x, y) => x.range.start.line - y.range.start.line);
  const counts = new Map<string, number>();
  for (const h of headings) counts.set(h.text, (counts.get(h.text) ?? 0) + 1);
  let start = 0;
  if (doc.frontMatter) {
    start = doc.frontMatter.range.end.line + 1;
    result.set(FRONT_MATTER, normalisedLines(lines.slice(doc.frontMatter.range.start.line, start).join('\n')).join('\n'));
  }
  const firstHeading = headings[0]?.range.start.line ?? lines.length;
  const preamble = normalisedLines(lines.slice(start, firstHeading).join('\n'));
  if (preamble.length > 0) result.set(PREAMBLE, preamble.join('\n'));
  const trail: Array<{ level: number; text: string }> = [];
  headings.forEach((heading, i) => {
    while (trail.length > 0 && trail[trail.length - 1].level >= heading.level) trail.pop();
    const parent = trail[trail.length - 1];
    trail.push({ level: heading.level, text: heading.text });
    let label = counts.get(heading.text)! > 1 && parent ? `${parent.text} › ${heading.text}` : heading.text;
    // Still ambiguous (same heading under the same parent): number the repeats.
    for (let n = 2; result.has(label); n++) label = `${heading.text} (${n})`;
    const end = headings[i + 1]?.range.start.line ?? lines.length;
    result.set(label, normalisedLines(lines.slice(heading.range.start.line + 1, end).join('\n')).join('\n'));
  });
  return result;
}

/** Lines trimmed, blank ones dropped: reflowing or re-indenting is not a change worth a reviewer's time. */
function normalisedLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l !== '' && l !== '<br>');
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

function brokenTraces(
  index: WorkspaceIndex,
  docs: readonly QualityGateDocument[],
  rel: (d: QualityGateDocument) => string,
): Array<{ trace: TraceChange; doc: string }> {
  const result: Array<{ trace: TraceChange; doc: string }> = [];
  for (const doc of docs) {
    const seen = new Set<string>();
    for (const link of doc.links) {
      const state = checkLink(index, doc, link).state;
      if (!BROKEN.has(state) || seen.has(link.rawDestination)) continue;
      seen.add(link.rawDestination);
      result.push({ doc: doc.path, trace: { path: rel(doc), line: link.destinationRange.start.line + 1, target: link.rawDestination, code: `link.${state}` } });
    }
  }
  return result;
}

/** Catalogue IDs of the questions a coverage tree counts as addressed. */
function answeredQuestions(tree: CoverageNode): Set<string> {
  const result = new Set<string>();
  const walk = (node: CoverageNode) => {
    if (node.kind === 'question' && node.covered > 0) result.add(node.id.slice(node.id.lastIndexOf('#') + 1));
    node.children.forEach(walk);
  };
  walk(tree);
  return result;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `TRS.accuracy.2` before `TRS.accuracy.10`. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function byPlace(a: TraceChange, b: TraceChange): number {
  return compare(a.path, b.path) || a.line - b.line || compare(a.target, b.target);
}
