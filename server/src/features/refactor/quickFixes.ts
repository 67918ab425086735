import { posix } from 'node:path';
import { effectiveSeverity } from '../../config/projectConfig';
import { suppressionFor } from '../../domain/suppressions';
import type { DiagnosticCode, TraceDiagnostic } from '../../domain/codes';
import { checkLink } from '../../workspace/linkStatus';
import type { LinkOccurrence, QualityGateDocument } from '../../domain/document/types';
import { frontMatterRule } from '../../analysis/rules/basicRules';
import { templateSectionsRule } from '../../analysis/rules/traceabilityRules';
import { perspectiveRule } from '../../analysis/rules/perspectiveRule';
import { formerIdRule } from '../../analysis/rules/formerIdRule';
import { PERSPECTIVE_VALUES, perspectiveOf } from '../../domain/risks/perspective';
import { altaiCatalogue } from '../../domain/altai/catalogue';
import { comparePositions, rangesTouch, type Range } from '../../base/range';
import { neverCancelled, throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import { DOCUMENT_SEARCH_BUDGET, SearchBudget } from '../../base/editDistance';
import { searchLinkSuggestions, type LinkSuggester, type LinkSuggestions } from './linkSuggestions';
import { isMarkdownPath, type WorkspaceIndex } from '../../workspace/workspaceIndex';
import { linkPathBetween, pathStyleOf, rewriteDestinationFragment, rewriteDestinationPath, splitDestination } from './destinationText';
import { fixFrontMatter } from './frontMatterFix';
import { likelyKind, newDocumentText, type TemplateKind } from './newDocument';
import { missingSections } from './templateInsert';
import { WorkspaceChange } from './workspaceChange';

/** The codes this module offers fixes for. */
export const FIXABLE_CODES: readonly DiagnosticCode[] = [
  'link.missing-file',
  'link.missing-folder',
  'link.missing-anchor',
  'qg.missing-section',
  'risk.missing-section',
  'frontmatter.invalid',
  'risk.missing-perspective',
];

/** One way to fix one diagnostic, editor-independent. */
export interface QuickFix {
  readonly title: string;
  readonly diagnostic: TraceDiagnostic;
  readonly change: WorkspaceChange;
  /** The best of several candidates. */
  readonly isPreferred?: boolean;
  /** Safe to apply unseen, in a "fix all in file": one clear answer, no file created. */
  readonly safe: boolean;
  /** The change creates a file (the client must support resource operations). */
  readonly createsFile?: boolean;
}

export interface QuickFixOptions {
  /** Only diagnostics overlapping this range; all when undefined. */
  readonly range?: Range;
  /** The client can create files. */
  readonly canCreateFiles: boolean;
  /** Most replacement candidates offered per broken link. */
  readonly maxCandidates?: number;
  /** Only diagnostics with these codes; all fixable ones when undefined. */
  readonly codes?: readonly DiagnosticCode[];
  /**
   * Where a broken link's diagnostic and candidates come from: the engine's background results
   * (`LinkSuggestionStore`); by default a search here, under one budget for the call.
   */
  readonly suggest?: LinkSuggester;
}

const SAFE_SCORE = 0.85;
const SAFE_MARGIN = 0.15;
const SAFE_SINGLE_SCORE = 0.75;

/**
 * The fixes for the fixable diagnostics of `doc` (text split into `lines`):
 * broken links (closest existing targets, or a new file from a template),
 * missing template sections and front matter that does not parse. The
 * diagnostics are recomputed from the index under its configuration, so the
 * fixes never trust stale client data.
 */
export function quickFixesFor(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  lines: readonly string[],
  options: QuickFixOptions,
  token: CancellationToken = neverCancelled,
): QuickFix[] {
  if (!index.isChecked(doc.path) || doc.skipped) return [];
  const config = index.config;
  const wanted = (d: TraceDiagnostic) =>
    (!options.codes || options.codes.includes(d.code)) &&
    effectiveSeverity(config, d.code) !== 'off' &&
    !suppressionFor(doc, d) &&
    (!options.range || rangesTouch(d.range, options.range));
  const fixes: QuickFix[] = [];
  // Without the engine's results, candidate searches of this call share one budget (never links x documents x titles).
  const budget = new SearchBudget(DOCUMENT_SEARCH_BUDGET);
  const suggest = options.suggest ?? ((link: LinkOccurrence) => searchLinkSuggestions(index, doc, link, budget, token, options.maxCandidates));

  for (const link of doc.links) {
    throwIfCancelled(token);
    if (options.range && !rangesTouch(link.destinationRange, options.range)) continue;
    if (options.codes && !options.codes.some((c) => c.startsWith('link.'))) break;
    const found = suggest(link);
    const diagnostic = found.diagnostic;
    if (!diagnostic || !FIXABLE_CODES.includes(diagnostic.code) || !wanted(diagnostic)) continue;
    fixes.push(...linkFixes(index, doc, link, diagnostic, found, options));
  }

  const context = { index, doc, catalogue: altaiCatalogue(), config };
  const asked = (code: DiagnosticCode) => !options.codes || options.codes.includes(code);
  const frontMatter = !asked('frontmatter.invalid') ? [] : frontMatterRule.check(context, token).filter(wanted);
  if (frontMatter.length > 0 && doc.frontMatter) {
    const fixed = fixFrontMatter(lines, doc.frontMatter);
    if (fixed) {
      const change = new WorkspaceChange();
      fixed.edits.forEach((e) => change.edit(doc.path, e));
      fixes.push({ title: `Fix the front matter: ${fixed.description}`, diagnostic: frontMatter[0], change, isPreferred: true, safe: true });
    }
  }

  const sectionProblems =
    !asked('qg.missing-section') && !asked('risk.missing-section')
      ? []
      : templateSectionsRule.check(context, token).filter((d) => (d.code === 'qg.missing-section' || d.code === 'risk.missing-section') && wanted(d));
  if (sectionProblems.length > 0) {
    const inserts = missingSections(doc, lines, config);
    for (const problem of sectionProblems) {
      const insert = inserts.find((m) => problem.templatePath === m.path);
      if (!insert) continue;
      fixes.push({
        title: `Insert the template section "${insert.path}"`,
        diagnostic: problem,
        change: new WorkspaceChange().edit(doc.path, insert.edit),
        isPreferred: true,
        safe: true,
      });
    }
  }

  // `risk.missing-perspective`: one fix per perspective, the author picks (never applied unseen).
  const perspectiveProblems = !asked('risk.missing-perspective') ? [] : perspectiveRule.check(context, token).filter(wanted);
  for (const problem of perspectiveProblems) {
    for (const value of PERSPECTIVE_VALUES) {
      const edit = perspectiveEdit(doc, lines, value);
      if (!edit) break;
      fixes.push({
        title: `Declare the risk's perspective: {Perspective: ${value}}`,
        diagnostic: problem,
        change: new WorkspaceChange().edit(doc.path, edit),
        safe: false,
      });
    }
  }
  // `pack.former-id`: the current ID replaces the former one; unambiguous, so safe.
  const formerIds = !asked('pack.former-id') ? [] : formerIdRule.check(context, token).filter(wanted);
  for (const problem of formerIds) {
    fixes.push({
      title: `Cite the current ID: ${problem.replacement}`,
      diagnostic: problem,
      change: new WorkspaceChange().edit(doc.path, { range: problem.range, newText: problem.replacement! }),
      isPreferred: true,
      safe: true,
    });
  }
  return fixes;
}

/**
 * The edit that sets `{Perspective: value}` in a risk's front-matter tags: the value of an
 * existing Perspective tag replaced, else a new map after the last tag of the flow sequence.
 * Undefined when the tags are not written as `{Key: value}` maps.
 */
function perspectiveEdit(doc: QualityGateDocument, lines: readonly string[], value: string): { range: Range; newText: string } | undefined {
  const tags = doc.frontMatter?.tags ?? [];
  const { tag } = perspectiveOf(doc);
  if (tag) {
    const line = lines[tag.range.end.line] ?? '';
    const colon = line.indexOf(':', tag.range.end.character);
    const close = colon >= 0 ? line.indexOf('}', colon) : -1;
    if (close < 0) return undefined;
    return { range: { start: { line: tag.range.end.line, character: colon + 1 }, end: { line: tag.range.end.line, character: close } }, newText: ` ${value}` };
  }
  const last = tags.reduce<(typeof tags)[number] | undefined>(
    (a, t) => (!a || comparePositions((t.valueRange ?? t.range).end, (a.valueRange ?? a.range).end) > 0 ? t : a),
    undefined,
  );
  if (!last) return undefined;
  const end = (last.valueRange ?? last.range).end;
  const close = (lines[end.line] ?? '').indexOf('}', end.character);
  if (close < 0) return undefined;
  const at = { line: end.line, character: close + 1 };
  return { range: { start: at, end: at }, newText: `, {Perspective: ${value}}` };
}

function linkFixes(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  link: LinkOccurrence,
  diagnostic: TraceDiagnostic,
  found: LinkSuggestions,
  options: QuickFixOptions,
): QuickFix[] {
  const status = checkLink(index, doc, link);
  const max = options.maxCandidates ?? 5;
  const fixes: QuickFix[] = [];
  const root = index.rootFor(doc.path);
  const style = pathStyleOf(splitDestination(link.rawDestination));
  const replace = (newRaw: string) => new WorkspaceChange().edit(doc.path, { range: link.destinationRange, newText: newRaw });

  if (status.state === 'missing-anchor') {
    const target = index.getDocument(status.path);
    if (!target) return [];
    const candidates = found.anchors.slice(0, Math.min(max, 3));
    // A search cut short by its budget may have missed a better candidate: never applied unseen.
    const safe = found.complete && isClearWinner(candidates);
    candidates.forEach((c, i) =>
      fixes.push({
        title: `Change the anchor to #${c.slug}${c.text !== c.slug ? ` ("${c.text}")` : ''}`,
        diagnostic,
        change: replace(rewriteDestinationFragment(link.rawDestination, c.slug)),
        // Preferred only when applying it unseen is safe: the editor's Auto Fix applies preferred fixes.
        isPreferred: i === 0 && safe,
        safe: i === 0 && safe,
      }),
    );
    return fixes;
  }

  if (status.state !== 'missing-file' && status.state !== 'missing-folder') return [];
  // An extension-less link to an existing `<path>.md` (reported as a missing file): add the extension.
  if (status.state === 'missing-folder' && diagnostic.code === 'link.missing-file' && diagnostic.suggestion) {
    const relative = linkPathBetween(doc.path, diagnostic.suggestion, style.rooted, root);
    return [
      {
        title: `Change the link to ${relative}`,
        diagnostic,
        change: replace(rewriteDestinationPath(link.rawDestination, relative, false)),
        isPreferred: true,
        safe: true,
      },
    ];
  }
  const candidates = found.files.slice(0, max);
  // A target in another application assessment is never preferred nor applied unseen, and does not count against a clear winner.
  const eligible = candidates.filter((c) => c.assessment?.relation !== 'other');
  // Only a clear winner is preferred (Auto Fix applies preferred fixes): a guess could plant a wrong trace.
  const best = found.complete && isClearWinner(eligible) ? eligible[0] : undefined;
  candidates.forEach((c) => {
    const isFolder = status.state === 'missing-folder';
    const relative = linkPathBetween(doc.path, c.path, style.rooted, root);
    const newRaw = rewriteDestinationPath(link.rawDestination, relative, isFolder);
    const title = index.getDocument(c.path)?.title;
    const shown = isFolder && !relative.endsWith('/') ? `${relative}/` : relative;
    const other = c.assessment?.relation === 'other';
    fixes.push({
      title: `Change the link to ${shown}${c.reason === 'title' && title ? ` ("${title}")` : ''}${other ? ` (in another assessment: ${c.assessment!.label})` : ''}`,
      diagnostic,
      change: replace(newRaw),
      isPreferred: c === best,
      safe: c === best,
    });
  });

  // A Markdown file that does not exist yet: create it from a template.
  // (Not when only the case differs from an existing file: on Windows and macOS that is the same file.)
  const caseTwin = index.filesNamed(posix.basename(status.path)).some((f) => f.toLowerCase() === status.path.toLowerCase());
  if (
    status.state === 'missing-file' &&
    options.canCreateFiles &&
    isMarkdownPath(status.path) &&
    index.rootFor(status.path) &&
    !index.hasFolder(status.path) &&
    !caseTwin
  ) {
    const preferred = likelyKind(status.path);
    const kinds: TemplateKind[] = preferred === 'risk' ? ['risk', 'leaf-qg'] : ['leaf-qg', 'risk'];
    const shown = linkPathBetween(doc.path, status.path, false, root);
    for (const kind of kinds) {
      const change = new WorkspaceChange()
        .operation({ kind: 'create', path: status.path })
        .edit(status.path, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: newDocumentText(kind, status.path) });
      fixes.push({ title: `Create ${shown} from the ${kind === 'risk' ? 'Risk' : 'Leaf-QG'} template`, diagnostic, change, safe: false, createsFile: true });
    }
  }
  return fixes;
}

/** One candidate, or a best one clearly ahead of the next: safe to apply without choosing. */
function isClearWinner(candidates: ReadonlyArray<{ score: number }>): boolean {
  if (candidates.length === 0) return false;
  if (candidates.length === 1) return candidates[0].score >= SAFE_SINGLE_SCORE;
  return candidates[0].score >= SAFE_SCORE && candidates[0].score - candidates[1].score >= SAFE_MARGIN;
}

/** A change applying every safe fix of `fixes` (one per diagnostic; edits that would overlap are left out). */
export function fixAllChange(fixes: readonly QuickFix[], code?: DiagnosticCode): { change: WorkspaceChange; count: number } {
  const change = new WorkspaceChange();
  const taken: Range[] = [];
  const done = new Set<TraceDiagnostic>();
  let count = 0;
  for (const fix of fixes) {
    if (!fix.safe || fix.createsFile || done.has(fix.diagnostic) || (code && fix.diagnostic.code !== code)) continue;
    const ranges = fix.change.textEdits().flatMap(([, edits]) => edits.map((e) => e.range));
    if (ranges.some((r) => taken.some((t) => strictlyOverlaps(r, t)))) continue;
    taken.push(...ranges);
    done.add(fix.diagnostic);
    change.merge(fix.change);
    count++;
  }
  return { change, count };
}

function strictlyOverlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}
