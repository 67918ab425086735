import { fileStem, folderDistance, gateNameKey, withoutSectionNumber } from '../../domain/document/names';
import { posix } from 'node:path';
import { boundedEditDistance, compared, distanceLowerBound, SearchBudget, SINGLE_SEARCH_BUDGET } from '../../base/editDistance';
import { hasAnchor, type QualityGateDocument } from '../../domain/document/types';
import { neverCancelled, throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import { isMarkdownPath, type WorkspaceIndex } from '../../workspace/workspaceIndex';
import { assessmentRelation } from '../../workspace/assessments';

/** An existing target that a broken link could point at instead, with how sure we are (0..1). */
export interface LinkCandidate {
  /** Absolute path of the file or folder. */
  readonly path: string;
  readonly score: number;
  /** Why it is proposed, for the action's title. */
  readonly reason: 'same name' | 'similar name' | 'title';
  /**
   * Set when the target lies in another assessment than the linking document: `allowed`
   * (e.g. the design knowledge) or `other` (another application: never the preferred fix).
   */
  readonly assessment?: { readonly relation: 'allowed' | 'other'; readonly label: string };
}

export interface AnchorCandidate {
  readonly slug: string;
  readonly text: string;
  readonly score: number;
}

const MIN_SCORE = 0.5;

/**
 * Existing files a broken link to `missing` could mean, best first: by file
 * name (same name elsewhere, a near spelling, the same gate in another view)
 * and by title (the link text or the missing name against each document's
 * title), nearer folders winning ties. `fragment`: candidates that have the
 * anchor the link asks for rank higher. The search spends `budget` and returns
 * the best found so far once it is spent (a huge workspace costs a bounded amount).
 */
export function rankFileCandidates(
  index: WorkspaceIndex,
  from: QualityGateDocument,
  missing: string,
  linkText: string,
  fragment: string | undefined,
  max = 5,
  token: CancellationToken = neverCancelled,
  budget: SearchBudget = new SearchBudget(SINGLE_SEARCH_BUDGET),
): LinkCandidate[] {
  const wanted = posix.basename(missing);
  const wantedStem = compared(fileStem(wanted));
  const linkWords = words(compared(linkText));
  const stemWords = words(wantedStem);
  const markdown = isMarkdownPath(missing);
  const pool = new Set<string>();
  index.filesNamed(wanted).forEach((f) => pool.add(f));
  if (markdown) {
    for (const doc of index.allDocuments()) pool.add(doc.path);
  } else {
    // Images and other files: siblings of the nearest existing folder and one level below it.
    let folder = posix.dirname(missing);
    while (!index.hasFolder(folder) && folder !== posix.dirname(folder)) folder = posix.dirname(folder);
    for (const f of index.filesIn(folder)) pool.add(f);
    for (const sub of index.foldersIn(folder)) for (const f of index.filesIn(sub)) pool.add(f);
  }

  const result: LinkCandidate[] = [];
  let checked = 0;
  for (const path of pool) {
    if ((++checked & 255) === 0) throwIfCancelled(token);
    if (!budget.spend(1)) break;
    if (path === from.path || path === missing || isMarkdownPath(path) !== markdown) continue;
    const fullName = posix.basename(path);
    const name = compared(fullName);
    let nameScore: number;
    let reason: LinkCandidate['reason'] = 'similar name';
    if (fullName.toLowerCase() === wanted.toLowerCase()) {
      nameScore = 1;
      reason = 'same name';
    } else if (gateNameKey(name) !== '' && gateNameKey(name) === gateNameKey(wanted)) nameScore = 0.9;
    else nameScore = similarity(fileStem(name).toLowerCase(), wantedStem.toLowerCase(), budget);
    let titleScore = 0;
    const doc = markdown ? index.getDocument(path) : undefined;
    if (doc) {
      const title = words(compared(doc.title));
      titleScore = Math.max(similarity(title, linkWords, budget), similarity(title, stemWords, budget), similarity(words(fileStem(name)), linkWords, budget));
    }
    const best = Math.max(nameScore, titleScore * 0.95);
    if (best < MIN_SCORE) continue;
    if (titleScore * 0.95 > nameScore) reason = 'title';
    const proximity = 1 / (1 + folderDistance(posix.dirname(path), posix.dirname(missing)) * 0.5);
    const anchorBonus = fragment && doc ? (hasAnchor(doc, fragment) ? 0.05 : -0.05) : 0;
    result.push({ path, reason, score: round(best * 0.8 + proximity * 0.2 + anchorBonus), ...inAssessment(index, from.path, path) });
  }
  return byAssessmentThenScore(result).slice(0, max);
}

/** Existing folders a broken folder link could mean: the same name elsewhere, a near spelling beside it. */
export function rankFolderCandidates(
  index: WorkspaceIndex,
  missing: string,
  max = 5,
  fromPath?: string,
  budget: SearchBudget = new SearchBudget(SINGLE_SEARCH_BUDGET),
): LinkCandidate[] {
  const name = compared(posix.basename(missing).toLowerCase());
  const pool = new Set<string>(index.foldersNamed(name));
  let parent = posix.dirname(missing);
  while (!index.hasFolder(parent) && parent !== posix.dirname(parent)) parent = posix.dirname(parent);
  for (const f of index.foldersIn(parent)) pool.add(f);
  const result: LinkCandidate[] = [];
  for (const path of pool) {
    if (!budget.spend(1)) break;
    if (!index.rootFor(path)) continue;
    const base = compared(posix.basename(path).toLowerCase());
    const same = base === name;
    const nameScore = same ? 1 : Math.max(similarity(base, name, budget), similarity(base.replace(/^\d+_/, ''), name.replace(/^\d+_/, ''), budget) * 0.9);
    if (nameScore < MIN_SCORE) continue;
    const proximity = 1 / (1 + folderDistance(posix.dirname(path), posix.dirname(missing)) * 0.5);
    result.push({
      path,
      reason: same ? 'same name' : 'similar name',
      score: round(nameScore * 0.8 + proximity * 0.2),
      ...(fromPath ? inAssessment(index, fromPath, path) : {}),
    });
  }
  return byAssessmentThenScore(result).slice(0, max);
}

/** The `assessment` field of a candidate: only set when the target lies in another assessment. */
function inAssessment(index: WorkspaceIndex, fromPath: string, path: string): Pick<LinkCandidate, 'assessment'> {
  const { relation, target } = assessmentRelation(index, fromPath, path);
  return (relation === 'allowed' || relation === 'other') && target ? { assessment: { relation, label: target.label } } : {};
}

const ASSESSMENT_RANK = { none: 0, allowed: 1, other: 2 } as const;

/** Targets in the linking document's own assessment first, then allowed ones, then other applications; by score within each. */
function byAssessmentThenScore(candidates: LinkCandidate[]): LinkCandidate[] {
  const rank = (c: LinkCandidate) => ASSESSMENT_RANK[c.assessment?.relation ?? 'none'];
  return candidates.sort((a, b) => rank(a) - rank(b) || b.score - a.score || a.path.localeCompare(b.path));
}

/** Headings (and HTML anchors) of `doc` a broken `#fragment` could mean, best first. */
export function rankAnchorCandidates(
  doc: QualityGateDocument,
  fragment: string,
  max = 3,
  budget: SearchBudget = new SearchBudget(SINGLE_SEARCH_BUDGET),
): AnchorCandidate[] {
  const wanted = compared(fragment.toLowerCase());
  const wantedUnnumbered = withoutSectionNumber(wanted);
  const fragmentWords = words(compared(fragment));
  const all: AnchorCandidate[] = [];
  const candidates = [...doc.headings.map((h) => ({ slug: h.slug, text: h.text })), ...doc.htmlAnchors.map((a) => ({ slug: a.id, text: a.id }))];
  for (const c of candidates) {
    if (!budget.spend(1)) break;
    const slug = compared(c.slug.toLowerCase());
    const renumbered = withoutSectionNumber(slug) === wantedUnnumbered && wantedUnnumbered !== '' ? 0.9 : 0;
    const score = Math.max(similarity(slug, wanted, budget), renumbered, similarity(words(compared(c.text)), fragmentWords, budget) * 0.9);
    all.push({ ...c, score: round(score) });
  }
  const seen = new Set<string>();
  return all
    .filter((c) => c.score >= MIN_SCORE && c.slug !== fragment && !seen.has(c.slug) && seen.add(c.slug))
    .sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug))
    .slice(0, max);
}

/**
 * 1 for equal strings, down to `MIN_SCORE` by normalised edit distance; 0 below
 * it (no caller ranks such a pair), which bounds the distance computed.
 */
export function similarity(a: string, b: string, budget?: SearchBudget): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  const max = Math.floor(longest * (1 - MIN_SCORE));
  // Cheap bounds first: the length difference, then the characters without a partner.
  if (Math.abs(a.length - b.length) > max || distanceLowerBound(a, b, budget) > max) return 0;
  const distance = boundedEditDistance(a, b, max, budget);
  return distance > max ? 0 : 1 - distance / longest;
}

/** Lower-case words of a name or title: `QG_ModelEvaluation_(Dev)` -> `qg model evaluation dev`. */
export function words(text: string): string {
  return text
    .replace(/\.(md|markdown)$/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .toLowerCase();
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
