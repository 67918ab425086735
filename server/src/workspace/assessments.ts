import { posix } from 'node:path';
import { BLOCK_FOLDER } from '../domain/document/documentKind';
import { gateNameKey } from '../domain/document/names';
import { isInside } from '../syntax/resolveLink';
import type { AssessmentDeclaration, AssessmentKind, AssessmentsConfig } from '../config/projectConfig';
import { isMarkdownPath, type WorkspaceIndex } from './workspaceIndex';
import type { QualityGateDocument } from '../domain/document/types';

export type { AssessmentKind } from '../config/projectConfig';

/** The three information blocks an assessment may hold. */
export type AssessmentBlock = 'system' | 'lifecycle' | 'riskManagement';
export const ASSESSMENT_BLOCKS: readonly AssessmentBlock[] = ['system', 'lifecycle', 'riskManagement'];

/**
 * One assessment: the design knowledge, or one version of one application. Its
 * documents are the files below `folder` that no deeper assessment claims.
 */
export interface Assessment {
  readonly id: string;
  readonly label: string;
  /** Absolute POSIX path of the assessment root. */
  readonly folder: string;
  /** The workspace folder holding it. */
  readonly workspaceFolder: string;
  /** `folder` relative to `workspaceFolder` (`.` when they are the same). */
  readonly relativeFolder: string;
  readonly kind: AssessmentKind;
  /** Holds all three information blocks. */
  readonly complete: boolean;
  /** The blocks it holds. */
  readonly blocks: readonly AssessmentBlock[];
  /**
   * Where each block's content starts (absolute). A partial snapshot that keeps
   * lifecycle stages (`1_Data`, ...) directly under its root has `lifecycle` = `folder`.
   */
  readonly blockFolders: Readonly<Partial<Record<AssessmentBlock, string>>>;
  /** ID of the assessment this one is a copy or later version of. */
  readonly basedOn?: string;
  /** Why `basedOn` was chosen: `declared`; `name` (a `v1a_` snapshot of `v1_`); or the similarity score (0..1). */
  readonly basedOnReason?: 'declared' | 'name' | number;
  /** How it became an assessment. */
  readonly source: 'detected' | 'declared';
  /** Markdown documents that belong to it. */
  readonly documents: number;
  /** Further assessments (IDs) this one may link into, from its declaration. */
  readonly allowLinksInto: readonly string[];
}

/** Lifecycle stage folders as MQG4AI numbers them (a partial snapshot may hold them at its root). */
const STAGE_FOLDER = /^\d+_(Conceptuali[sz]ation|Data|Development|Deployment|Maintenance|Decommissioning)$/i;
const QG_FILE = /^QG_.*\.(md|markdown)$/i;
const DESIGN_KNOWLEDGE_NAME = /design[\s_-]?knowledge|^mqg4dk$/i;
const VERSION_NAME = /^v(\d+)([a-z]*)(?:[_\-\s.]|$)/i;
/** Least similarity for a detected `basedOn`. */
const MIN_BASED_ON = 0.3;
/** Candidates this close to the best count as equally good; the latest version among them wins. */
const BASED_ON_TIE = 0.1;
const DESIGN_KNOWLEDGE = 'design-knowledge';

/** What the detection reads: a listing of folders and files, nothing else. */
export interface AssessmentListing {
  readonly workspaceFolders: readonly string[];
  foldersIn(folder: string): Iterable<string>;
  filesIn(folder: string): Iterable<string>;
}

/** Every assessment of the index, sorted by folder; remembered by the index until files, folders or the configuration change. */
export function assessmentsOf(index: WorkspaceIndex): readonly Assessment[] {
  return modelOf(index).assessments;
}

/** The assessment a file or folder belongs to: the deepest assessment folder holding it. */
export function assessmentOf(index: WorkspaceIndex, path: string): Assessment | undefined {
  return modelOf(index).of(path);
}

/** The documents that belong to `assessment` (not to an assessment nested in it). */
export function documentsOfAssessment(index: WorkspaceIndex, assessment: Assessment): QualityGateDocument[] {
  const result: QualityGateDocument[] = [];
  for (const doc of index.allDocuments())
    if (isInside(doc.path, assessment.folder) && assessmentOf(index, doc.path)?.folder === assessment.folder) result.push(doc);
  return result;
}

/** An assessment by ID, label, folder relative to its workspace folder, or absolute folder. */
export function findAssessment(index: WorkspaceIndex, idOrFolder: string): Assessment | undefined {
  return lookUp(assessmentsOf(index), idOrFolder);
}

/**
 * Whether documents of `from` may link into `to` without a `trace.cross-assessment`
 * warning: the same assessment, an assessment `assessments.allowLinksInto` names
 * (default: every design-knowledge assessment), one the declaration of `from` names,
 * or, for a partial snapshot, the assessment it is based on (it holds only a few gates
 * and relies on its base for the rest).
 */
export function linksAllowedInto(index: WorkspaceIndex, from: Assessment, to: Assessment): boolean {
  if (from.folder === to.folder) return true;
  // Asked for every candidate of every broken link: answered once per pair (until the listing or configuration changes).
  const memo = index.derivedFromListing(ALLOWED, () => new Map<string, boolean>());
  const key = `${from.folder}\n${to.folder}`;
  let allowed = memo.get(key);
  if (allowed === undefined) memo.set(key, (allowed = computeLinksAllowedInto(index, from, to)));
  return allowed;
}

const ALLOWED = Symbol('links allowed between assessments');

function computeLinksAllowedInto(index: WorkspaceIndex, from: Assessment, to: Assessment): boolean {
  if (!from.complete && from.basedOn === to.id) return true;
  const all = assessmentsOf(index);
  const allowed = [...(index.config.assessments.allowLinksInto ?? [DESIGN_KNOWLEDGE]), ...from.allowLinksInto];
  return allowed.some((entry) => (entry === DESIGN_KNOWLEDGE ? to.kind === 'design-knowledge' : lookUp(all, entry)?.folder === to.folder));
}

/** How a link target relates to the assessment of the linking document. */
export type AssessmentRelation = 'same' | 'allowed' | 'other' | 'none';

/** `same`: one assessment (or neither in any); `allowed`: another one links may go into; `other`: another one they should not. */
export function assessmentRelation(index: WorkspaceIndex, fromPath: string, targetPath: string): { relation: AssessmentRelation; target?: Assessment } {
  const from = assessmentOf(index, fromPath);
  const target = assessmentOf(index, targetPath);
  if (!from || !target) return { relation: from || target ? 'none' : 'same', target };
  if (from.folder === target.folder) return { relation: 'same', target };
  return { relation: linksAllowedInto(index, from, target) ? 'allowed' : 'other', target };
}

// ---- detection (pure over the listing) ------------------------------------------------

interface Candidate {
  folder: string;
  workspaceFolder: string;
  blockFolders: Partial<Record<AssessmentBlock, string>>;
  source: 'detected' | 'declared';
  declaration?: AssessmentDeclaration;
}

/**
 * Finds the assessments of a listing: every folder holding `1_System`, `2_Lifecycle` or
 * `3_RiskManagement` (or listed in `traceRoots`), plus partial snapshots outside them (a
 * folder with lifecycle stage folders at its root, or a sibling of an assessment holding
 * `QG_*.md` files), then applies the declarations of `config`.
 */
export function detectAssessments(listing: AssessmentListing, config: AssessmentsConfig, traceRoots: readonly string[] = []): Assessment[] {
  const candidates = new Map<string, Candidate>();
  const detect = config.detect !== false;
  for (const workspaceFolder of listing.workspaceFolders) {
    if (!detect) continue;
    const all = allFolders(listing, workspaceFolder);
    const full =
      traceRoots.length > 0
        ? traceRoots.map((r) => posix.join(workspaceFolder, r)).filter((f) => all.includes(f))
        : all.filter((f) => [...listing.foldersIn(f)].some((c) => BLOCK_FOLDER.test(posix.basename(c))));
    for (const folder of full) candidates.set(folder, { folder, workspaceFolder, blockFolders: blocksOf(listing, folder), source: 'detected' });
    const parents = new Set(full.map((f) => posix.dirname(f)));
    // A folder is claimed when it lies inside an assessment or holds one: both by walking up, not by a scan of all.
    const fullSet = new Set(full);
    const holdsFull = new Set(full.flatMap((f) => ancestorsOf(f)));
    const claimed = (f: string) => holdsFull.has(f) || deepestIn(fullSet, f) !== undefined;
    const partials: string[] = [];
    for (const folder of all) {
      if (claimed(folder) || partials.some((p) => isInside(folder, p))) continue;
      const stages = [...listing.foldersIn(folder)].some((c) => STAGE_FOLDER.test(posix.basename(c)));
      const besideAssessment = parents.has(posix.dirname(folder)) && folder !== workspaceFolder && holdsQualityGate(listing, folder);
      if (stages || besideAssessment) partials.push(folder);
    }
    for (const folder of partials) candidates.set(folder, { folder, workspaceFolder, blockFolders: { lifecycle: folder }, source: 'detected' });
  }

  for (const declaration of config.folders ?? []) {
    const found = declaredFolder(listing, declaration.folder);
    if (!found) continue;
    if (declaration.ignore) {
      candidates.delete(found.folder);
      continue;
    }
    const existing = candidates.get(found.folder);
    const blockFolders = existing?.blockFolders ?? blocksOf(listing, found.folder);
    candidates.set(found.folder, {
      folder: found.folder,
      workspaceFolder: found.workspaceFolder,
      blockFolders: Object.keys(blockFolders).length > 0 ? blockFolders : { lifecycle: found.folder },
      source: existing?.source ?? 'declared',
      declaration,
    });
  }

  const sorted = [...candidates.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  const folders = sorted.map((c) => c.folder);
  const folderSet = new Set(folders);
  const owner = (file: string) => deepestIn(folderSet, file);
  const files = new Map<string, string[]>(folders.map((f) => [f, []]));
  for (const candidate of sorted) {
    for (const file of allFiles(listing, candidate.folder)) if (owner(file) === candidate.folder) files.get(candidate.folder)!.push(file);
  }

  const ids = uniqueIds(sorted);
  // Each assessment's content keys once: every later version is compared with every earlier one.
  const keys = new Map<string, ReturnType<typeof contentKeys>>();
  const keysOf = (a: Assessment) => keys.get(a.folder) ?? keys.set(a.folder, contentKeys(a, files)).get(a.folder)!;
  const base = sorted.map((c, i): Assessment => {
    const relativeFolder = posix.relative(c.workspaceFolder, c.folder) || '.';
    const name = posix.basename(c.folder);
    const blocks = ASSESSMENT_BLOCKS.filter((b) => c.blockFolders[b]);
    const kind =
      c.declaration?.kind ??
      (DESIGN_KNOWLEDGE_NAME.test(name) || relativeFolder.split('/').some((s) => DESIGN_KNOWLEDGE_NAME.test(s)) ? 'design-knowledge' : 'application');
    return {
      id: ids[i],
      label: c.declaration?.label ?? name,
      folder: c.folder,
      workspaceFolder: c.workspaceFolder,
      relativeFolder,
      kind,
      complete: blocks.length === ASSESSMENT_BLOCKS.length,
      blocks,
      blockFolders: c.blockFolders,
      source: c.source,
      documents: files.get(c.folder)!.filter(isMarkdownPath).length,
      allowLinksInto: c.declaration?.allowLinksInto ?? [],
    };
  });

  return base.map((assessment, i) => {
    const declared = sorted[i].declaration?.basedOn;
    if (declared === null) return assessment;
    if (declared !== undefined) {
      const target = lookUp(base, declared);
      return target && target !== assessment ? { ...assessment, basedOn: target.id, basedOnReason: 'declared' } : assessment;
    }
    const found = detectBasedOn(assessment, base, keysOf);
    return found ? { ...assessment, basedOn: found.id, basedOnReason: found.score } : assessment;
  });
}

/**
 * The assessment `assessment` most likely copies: among earlier ones (the design
 * knowledge, then lower version numbers `v1` < `v1a` < `v2`), the most similar by content
 * (its documents found in the other by relative path or by gate name) and by name; near
 * ties go to the latest version, the one it was most likely copied from.
 */
function detectBasedOn(
  assessment: Assessment,
  all: readonly Assessment[],
  keysOf: (assessment: Assessment) => { paths: Set<string>; names: Set<string> },
): { id: string; score: number | 'name' } | undefined {
  const own = keysOf(assessment);
  if (own.paths.size === 0 && own.names.size === 0) return branchOf(assessment, all);
  const order = versionOrder(assessment);
  const scored = all
    .filter(
      (other) =>
        other !== assessment &&
        (other.kind === 'design-knowledge' ? assessment.kind === 'application' : order !== undefined && (versionOrder(other) ?? Infinity) < order),
    )
    .map((other) => {
      const theirs = keysOf(other);
      const content = Math.max(containment(own.paths, theirs.paths), containment(own.names, theirs.names));
      const name = nameSimilarity(posix.basename(assessment.folder), posix.basename(other.folder));
      return { other, score: Math.round((content * 0.8 + name * 0.2) * 1000) / 1000 };
    })
    .filter((s) => s.score >= MIN_BASED_ON);
  if (scored.length === 0) return branchOf(assessment, all);
  const best = Math.max(...scored.map((s) => s.score));
  const rank = (a: Assessment) => (a.kind === 'design-knowledge' ? -1 : (versionOrder(a) ?? -1));
  const chosen = scored.filter((s) => s.score >= best - BASED_ON_TIE).sort((a, b) => rank(b.other) - rank(a.other) || b.score - a.score)[0];
  return { id: chosen.other.id, score: chosen.score };
}

/** A snapshot `v1a_...` with too little content to compare is a branch of `v1_...` beside it. */
function branchOf(assessment: Assessment, all: readonly Assessment[]): { id: string; score: 'name' } | undefined {
  const match = VERSION_NAME.exec(posix.basename(assessment.folder));
  if (!match || match[2] === '') return undefined;
  const main = all.find((other) => {
    const m = VERSION_NAME.exec(posix.basename(other.folder));
    return (
      other !== assessment &&
      other.kind === 'application' &&
      m?.[1] === match[1] &&
      m[2] === '' &&
      posix.dirname(other.folder) === posix.dirname(assessment.folder)
    );
  });
  return main && { id: main.id, score: 'name' };
}

/** `v1_X` -> 1000, `v1a_X` -> 1001, `v2` -> 2000; undefined for names without a version. */
function versionOrder(assessment: Assessment): number | undefined {
  const match = VERSION_NAME.exec(posix.basename(assessment.folder));
  if (!match) return undefined;
  const letters = match[2].toLowerCase();
  let suffix = 0;
  for (const ch of letters) suffix = suffix * 27 + (ch.charCodeAt(0) - 96);
  return Number(match[1]) * 1000 + Math.min(suffix, 999);
}

function contentKeys(assessment: Assessment, files: ReadonlyMap<string, string[]>): { paths: Set<string>; names: Set<string> } {
  const markdown = (files.get(assessment.folder) ?? []).filter(isMarkdownPath);
  return {
    paths: new Set(markdown.map((f) => posix.relative(assessment.folder, f).toLowerCase())),
    names: new Set(markdown.map((f) => gateNameKey(posix.basename(f))).filter(Boolean)),
  };
}

/** Share of `a` found in `b`. */
function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0) return 0;
  let shared = 0;
  for (const key of a) if (b.has(key)) shared++;
  return shared / a.size;
}

/** Word overlap of two folder names, version prefixes and view suffixes aside. */
function nameSimilarity(a: string, b: string): number {
  const words = (name: string) =>
    new Set(
      name
        .replace(VERSION_NAME, '')
        .replace(/\([^)]*\)/g, ' ')
        .split(/[^\p{L}\p{N}]+/u)
        .map((w) => w.toLowerCase())
        .filter(Boolean),
    );
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared);
}

function uniqueIds(candidates: readonly Candidate[]): string[] {
  const wanted = candidates.map((c) => c.declaration?.id ?? posix.basename(c.folder));
  const counts = new Map<string, number>();
  for (const id of wanted) counts.set(id, (counts.get(id) ?? 0) + 1);
  // Two folders of the same name: both take their relative path instead.
  return wanted.map((id, i) =>
    counts.get(id)! > 1 && !candidates[i].declaration?.id ? posix.relative(candidates[i].workspaceFolder, candidates[i].folder) || id : id,
  );
}

function lookUp(all: readonly Assessment[], key: string): Assessment | undefined {
  const trimmed = key.replace(/\/+$/, '');
  return all.find((a) => a.id === trimmed) ?? all.find((a) => a.relativeFolder === trimmed || a.folder === trimmed) ?? all.find((a) => a.label === trimmed);
}

function blocksOf(listing: AssessmentListing, folder: string): Partial<Record<AssessmentBlock, string>> {
  const blocks: Partial<Record<AssessmentBlock, string>> = {};
  for (const child of listing.foldersIn(folder)) {
    const match = BLOCK_FOLDER.exec(posix.basename(child));
    if (!match) continue;
    const block: AssessmentBlock = match[1] === 'System' ? 'system' : match[1] === 'Lifecycle' ? 'lifecycle' : 'riskManagement';
    blocks[block] ??= child;
  }
  if (!blocks.lifecycle && [...listing.foldersIn(folder)].some((c) => STAGE_FOLDER.test(posix.basename(c)))) blocks.lifecycle = folder;
  return blocks;
}

function declaredFolder(listing: AssessmentListing, folder: string): { folder: string; workspaceFolder: string } | undefined {
  for (const workspaceFolder of listing.workspaceFolders) {
    const absolute = posix.join(workspaceFolder, folder.replace(/\/+$/, ''));
    if (!isInside(absolute, workspaceFolder)) continue;
    if (absolute === workspaceFolder || [...listing.foldersIn(posix.dirname(absolute))].includes(absolute)) return { folder: absolute, workspaceFolder };
  }
  return undefined;
}

function allFolders(listing: AssessmentListing, root: string): string[] {
  const result: string[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const folder = queue.shift()!;
    result.push(folder);
    queue.push(...[...listing.foldersIn(folder)].sort());
  }
  return result;
}

function allFiles(listing: AssessmentListing, root: string): string[] {
  return allFolders(listing, root).flatMap((f) => [...listing.filesIn(f)]);
}

function holdsQualityGate(listing: AssessmentListing, folder: string): boolean {
  return allFiles(listing, folder).some((f) => QG_FILE.test(posix.basename(f)));
}

/** The deepest of `folders` that holds `path` (or is it), found by walking up from `path`. */
function deepestIn(folders: ReadonlySet<string>, path: string): string | undefined {
  for (let current = path; ; current = posix.dirname(current)) {
    if (folders.has(current)) return current;
    if (current === '/' || current === '.' || current === posix.dirname(current)) return undefined;
  }
}

/** `folder`'s ancestors, nearest first (not `folder` itself). */
function ancestorsOf(folder: string): string[] {
  const result: string[] = [];
  for (let current = posix.dirname(folder); current !== posix.dirname(current); current = posix.dirname(current)) result.push(current);
  return result;
}

// ---- memoised model per index ---------------------------------------------------------

interface Model {
  readonly assessments: readonly Assessment[];
  of(path: string): Assessment | undefined;
}

const MODEL = Symbol('assessments');
/** Paths whose assessment is remembered as such (beyond them, by folder only). */
const MAX_REMEMBERED_PATHS = 100_000;

function modelOf(index: WorkspaceIndex): Model {
  return index.derivedFromListing(MODEL, () => buildModel(index));
}

function buildModel(index: WorkspaceIndex): Model {
  const listing: AssessmentListing = {
    workspaceFolders: index.roots,
    // A scan of the whole tree: never listed on demand (rules that need it wait for the listing).
    foldersIn: (f) => index.foldersIn(f, { onDemand: false }),
    filesIn: (f) => index.filesIn(f, { onDemand: false }),
  };
  const assessments = detectAssessments(listing, index.config.assessments ?? {}, index.config.traceRoots);
  const folders = assessments.map((a) => a.folder);
  const byFolder = new Map(assessments.map((a) => [a.folder, a]));
  const ofFolder = new Map<string, Assessment | undefined>();
  const ofPath = new Map<string, Assessment | undefined>();
  const folderSet = new Set(folders);
  return {
    assessments,
    of(path) {
      // Asked for millions of times on a large workspace (ranking candidates): one lookup by the path itself.
      if (ofPath.has(path)) return ofPath.get(path);
      let found: Assessment | undefined;
      if (byFolder.has(path)) found = byFolder.get(path);
      else {
        const folder = posix.dirname(path);
        if (!ofFolder.has(folder)) {
          const owner = deepestIn(folderSet, path);
          ofFolder.set(folder, owner ? byFolder.get(owner) : undefined);
        }
        found = ofFolder.get(folder);
      }
      if (ofPath.size < MAX_REMEMBERED_PATHS) ofPath.set(path, found);
      return found;
    },
  };
}
