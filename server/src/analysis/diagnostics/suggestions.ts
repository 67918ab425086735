import { fileStem, folderDistance, gateNameKey, withoutSectionNumber } from '../../domain/document/names';
import { posix } from 'node:path';
import type { QualityGateDocument } from '../../domain/document/types';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { assessmentOf, assessmentRelation } from '../../workspace/assessments';

/**
 * "Did you mean" candidates for broken links. Cheap by construction: it looks at
 * files of the same name elsewhere, then at the nearest existing folder's
 * entries, never at the whole workspace with an edit distance.
 */
export function suggestFile(index: WorkspaceIndex, missing: string, fromPath: string): string | undefined {
  const sameName = index.filesNamed(posix.basename(missing)).filter((f) => f !== fromPath);
  // A namesake in another application assessment comes last: a near spelling where the link points wins over it.
  const near = sameName.filter((f) => assessmentRank(index, f, missing, fromPath) < 2);
  if (near.length > 0) return closestByPath(near, missing, fromPath, index);
  const far = sameName.length > 0 ? closestByPath(sameName, missing, fromPath) : undefined;

  let folder = posix.dirname(missing);
  while (!index.hasFolder(folder) && folder !== posix.dirname(folder)) folder = posix.dirname(folder);
  if (!index.hasFolder(folder)) return far;
  const wanted = posix.basename(missing);
  const wantsMarkdown = /\.md$/i.test(wanted);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const file of index.filesIn(folder)) {
    if (file === fromPath || wantsMarkdown !== /\.md$/i.test(file)) continue;
    const name = posix.basename(file);
    // `QG_Data.md` and `QG_Data_(Lifecycle).md` name the same gate in another view.
    const score = gateNameKey(name) === gateNameKey(wanted) ? 0 : editDistance(fileStem(name).toLowerCase(), fileStem(wanted).toLowerCase());
    if (score < bestScore) {
      best = file;
      bestScore = score;
    }
  }
  return best && bestScore <= Math.floor(fileStem(wanted).length / 3) ? best : far;
}

/** Folder candidates: the same name elsewhere in the tree, else a near spelling beside it. */
export function suggestFolder(index: WorkspaceIndex, missing: string, fromPath: string = missing): string | undefined {
  const name = posix.basename(missing);
  const sameName = [...index.foldersNamed(name)];
  if (sameName.length > 0) return closestByPath(sameName, missing, missing, index, fromPath);
  const parent = posix.dirname(missing);
  if (!index.hasFolder(parent)) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const folder of index.foldersIn(parent)) {
    const score = editDistance(posix.basename(folder).toLowerCase(), name.toLowerCase());
    if (score < bestScore) {
      best = folder;
      bestScore = score;
    }
  }
  return best && bestScore <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

/** The heading slug closest to a missing anchor, if reasonably close. */
export function suggestAnchor(doc: QualityGateDocument, fragment: string): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const candidates = [...doc.headings.map((h) => h.slug), ...doc.htmlAnchors.map((a) => a.id)];
  for (const slug of candidates) {
    // Renumbered sections (`#7-scope` -> `#2-scope`) count as the same section.
    const score = Math.min(editDistance(slug, fragment), withoutSectionNumber(slug) === withoutSectionNumber(fragment) ? 1 : Infinity);
    if (score < bestScore) {
      best = slug;
      bestScore = score;
    }
  }
  return best !== undefined && bestScore <= Math.max(1, Math.floor(fragment.length / 3)) ? best : undefined;
}




/**
 * 0: in the assessment the missing path lies in (where the author pointed); 1: in the linking
 * document's own assessment, or one it may link into; 2: in another application assessment.
 */
function assessmentRank(index: WorkspaceIndex, candidate: string, missing: string, fromPath: string): number {
  if (assessmentOf(index, candidate) === assessmentOf(index, missing)) return 0;
  return assessmentRelation(index, fromPath, candidate).relation === 'other' ? 2 : 1;
}

/** The candidate nearest to `missing`; with `index`, by assessment first (see `assessmentRank`). */
function closestByPath(candidates: readonly string[], missing: string, fromPath: string, index?: WorkspaceIndex, linkingPath = fromPath): string {
  let best = candidates[0];
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const rank = index ? assessmentRank(index, candidate, missing, linkingPath) : 0;
    const score = rank * 1e8 + folderDistance(candidate, missing) * 10000 + folderDistance(candidate, fromPath);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}


/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
