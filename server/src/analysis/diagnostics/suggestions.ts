import { fileStem, folderDistance, gateNameKey, withoutSectionNumber } from '../../domain/document/names';
import { posix } from 'node:path';
import type { QualityGateDocument } from '../../domain/document/types';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { assessmentOf, assessmentRelation } from '../../workspace/assessments';
import { isInside } from '../../syntax/resolveLink';
import { boundedEditDistance, compared, SearchBudget, SINGLE_SEARCH_BUDGET } from '../../base/editDistance';

export { editDistance } from '../../base/editDistance';

/**
 * "Did you mean" candidates for broken links. Cheap by construction: it looks at
 * files of the same name elsewhere, then at the nearest existing folder's
 * entries, never at the whole workspace with an edit distance. Every search
 * spends `budget` (one per candidate plus the distance's cells) and stops when it is spent.
 */
export function suggestFile(index: WorkspaceIndex, missing: string, fromPath: string, budget = new SearchBudget(SINGLE_SEARCH_BUDGET)): string | undefined {
  const sameName = index.filesNamed(posix.basename(missing)).filter((f) => f !== fromPath);
  // A namesake in the assessment the link points into wins outright (rank 0); found by folder
  // first, so a file copied into many assessments costs no ranking of every copy.
  const pointedInto = assessmentOf(index, missing);
  const inPointed = pointedInto ? sameName.filter((f) => isInside(f, pointedInto.folder) && assessmentOf(index, f) === pointedInto) : [];
  if (inPointed.length > 0) return closestByPath(inPointed, missing, fromPath, budget);
  // A namesake in another application assessment comes last: a near spelling where the link points wins over it.
  const ranks = new Map(sameName.map((f) => [f, assessmentRank(index, f, missing, fromPath)]));
  const near = sameName.filter((f) => ranks.get(f)! < 2);
  if (near.length > 0) return closestByPath(near, missing, fromPath, budget, (f) => ranks.get(f)!);
  const far = sameName.length > 0 ? closestByPath(sameName, missing, fromPath, budget) : undefined;

  let folder = posix.dirname(missing);
  while (!index.hasFolder(folder) && folder !== posix.dirname(folder)) folder = posix.dirname(folder);
  if (!index.hasFolder(folder)) return far;
  const wanted = posix.basename(missing);
  const wantsMarkdown = /\.md$/i.test(wanted);
  const wantedStem = compared(fileStem(wanted).toLowerCase());
  const wantedKey = gateNameKey(compared(wanted));
  const limit = Math.floor(fileStem(wanted).length / 3);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const file of index.filesIn(folder)) {
    if (!budget.spend(1)) break;
    if (file === fromPath || wantsMarkdown !== /\.md$/i.test(file)) continue;
    const name = compared(posix.basename(file));
    // `QG_Data.md` and `QG_Data_(Lifecycle).md` name the same gate in another view.
    const score = gateNameKey(name) === wantedKey ? 0 : boundedEditDistance(fileStem(name).toLowerCase(), wantedStem, Math.min(limit, bestScore - 1), budget);
    if (score < bestScore) {
      best = file;
      bestScore = score;
    }
  }
  return best && bestScore <= limit ? best : far;
}

/** Folder candidates: the same name elsewhere in the tree, else a near spelling beside it. */
export function suggestFolder(
  index: WorkspaceIndex,
  missing: string,
  fromPath: string = missing,
  budget = new SearchBudget(SINGLE_SEARCH_BUDGET),
): string | undefined {
  const name = posix.basename(missing);
  const sameName = [...index.foldersNamed(name)];
  if (sameName.length > 0) return closestByPath(sameName, missing, missing, budget, (f) => assessmentRank(index, f, missing, fromPath));
  const parent = posix.dirname(missing);
  if (!index.hasFolder(parent)) return undefined;
  const wanted = compared(name.toLowerCase());
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const folder of index.foldersIn(parent)) {
    if (!budget.spend(1)) break;
    const score = boundedEditDistance(compared(posix.basename(folder)).toLowerCase(), wanted, Math.min(limit, bestScore - 1), budget);
    if (score < bestScore) {
      best = folder;
      bestScore = score;
    }
  }
  return best && bestScore <= limit ? best : undefined;
}

/** The heading slug closest to a missing anchor, if reasonably close. */
export function suggestAnchor(doc: QualityGateDocument, fragment: string, budget = new SearchBudget(SINGLE_SEARCH_BUDGET)): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const limit = Math.max(1, Math.floor(fragment.length / 3));
  const wanted = compared(fragment);
  const unnumbered = withoutSectionNumber(wanted);
  const consider = (slug: string): boolean => {
    if (!budget.spend(1)) return false;
    const cut = compared(slug);
    // Renumbered sections (`#7-scope` -> `#2-scope`) count as the same section.
    const renumbered = withoutSectionNumber(cut) === unnumbered ? 1 : Infinity;
    // Only a strictly better distance matters; the band shrinks as the best one improves.
    const cap = Math.min(limit, bestScore - 1, renumbered - 1);
    const score = Math.min(cap < 0 ? Infinity : boundedEditDistance(cut, wanted, cap, budget), renumbered);
    if (score < bestScore) {
      best = slug;
      bestScore = score;
    }
    return true;
  };
  for (const h of doc.headings) if (!consider(h.slug)) break;
  if (!budget.exhausted) for (const a of doc.htmlAnchors) if (!consider(a.id)) break;
  return best !== undefined && bestScore <= limit ? best : undefined;
}

/**
 * 0: in the assessment the missing path lies in (where the author pointed); 1: in the linking
 * document's own assessment, or one it may link into; 2: in another application assessment.
 */
function assessmentRank(index: WorkspaceIndex, candidate: string, missing: string, fromPath: string): number {
  if (assessmentOf(index, candidate) === assessmentOf(index, missing)) return 0;
  return assessmentRelation(index, fromPath, candidate).relation === 'other' ? 2 : 1;
}

/** The candidate nearest to `missing`; with `rankOf`, by assessment first (see `assessmentRank`). */
function closestByPath(candidates: readonly string[], missing: string, fromPath: string, budget: SearchBudget, rankOf?: (candidate: string) => number): string {
  let best = candidates[0];
  let bestScore = Infinity;
  for (const candidate of candidates) {
    if (!budget.spend(1)) break;
    const rank = rankOf ? rankOf(candidate) : 0;
    const score = rank * 1e8 + folderDistance(candidate, missing) * 10000 + folderDistance(candidate, fromPath);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
