import type { CatalogueRequirement, QuestionCatalogue } from '../altai/catalogue';
import type { FrontMatterTag, QualityGateDocument } from '../document/types';

/**
 * From which side a risk was looked at (docs/packs.md, docs/format.md): safety (the
 * system causing harm by itself: faults, bias, low accuracy) or security (an adversary
 * making it fail: poisoning, evasion, theft), or both. Declared in a risk document's
 * front matter as `{Perspective: Safety}`, `{Perspective: Security}` or `{Perspective: Both}`.
 */
export type Perspective = 'safety' | 'security' | 'both';

export const PERSPECTIVE_VALUES = ['Safety', 'Security', 'Both'] as const;

/** The front-matter key, compared ignoring case. */
export const PERSPECTIVE_KEY = 'Perspective';

/** What the tag means, for hovers and completions. */
export const PERSPECTIVE_MEANING =
  'From which side the risk was looked at: Safety (the system causing unintended harm: design faults, data bias, low accuracy), ' +
  'Security (an adversary making it fail: poisoning, evasion, model inversion, theft) or Both. ' +
  'Coverage counts the risks of each trustworthy-AI requirement per side, so a one-sided risk register shows.';

export interface DeclaredPerspective {
  /** The tag, when the document has one. */
  readonly tag?: FrontMatterTag;
  /** The perspective, when the tag holds one of the three values (case ignored). */
  readonly value?: Perspective;
}

/** What a document's front matter says about its perspective. */
export function perspectiveOf(doc: Pick<QualityGateDocument, 'frontMatter'>): DeclaredPerspective {
  const tag = doc.frontMatter?.tags.find((t) => t.key.trim().toLowerCase() === 'perspective');
  if (!tag) return {};
  const value = tag.value.trim().toLowerCase();
  return value === 'safety' || value === 'security' || value === 'both' ? { tag, value } : { tag };
}

/**
 * The trustworthy-AI requirement a risk belongs to: the one its Intent names
 * (`TechnicalRobustnessSafety_Risk`), else the one of its folder under `AI_Risks`
 * (`AI_Risks/2_TechnicalRobustnessSafety/...`).
 */
export function riskRequirement(doc: Pick<QualityGateDocument, 'path' | 'frontMatter'>, catalogue: QuestionCatalogue): CatalogueRequirement | undefined {
  const intent = doc.frontMatter?.tags.find((t) => t.key.trim().toLowerCase() === 'intent')?.value.trim() ?? '';
  const named = /^(.+)_Risk$/i.exec(intent)?.[1];
  const byIntent = named ? catalogue.requirementFor(named) : undefined;
  if (byIntent) return byIntent;
  const segments = doc.path.split('/');
  const at = segments.findIndex((s) => s.toLowerCase() === 'ai_risks');
  const folder = at >= 0 ? segments[at + 1] : undefined;
  // The folder directly under AI_Risks, not the file itself.
  if (!folder || at + 1 >= segments.length - 1) return undefined;
  return catalogue.requirementFor(folder.replace(/^\d+_/, ''));
}

/** Per requirement: how many risks take each perspective. */
export interface PerspectiveCounts {
  readonly safety: number;
  readonly security: number;
  readonly both: number;
  /** Risks that declare no perspective (or an unknown value). */
  readonly undeclared: number;
}

/** Whether the safety side was considered (Safety or Both). */
export function hasSafety(counts: PerspectiveCounts): boolean {
  return counts.safety + counts.both > 0;
}

/** Whether the security side was considered (Security or Both). */
export function hasSecurity(counts: PerspectiveCounts): boolean {
  return counts.security + counts.both > 0;
}
