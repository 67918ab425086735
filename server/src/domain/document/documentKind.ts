import { posix } from 'node:path';
import type { DocumentKind, FrontMatter, Heading } from './types';

/** The seven ALTAI requirements, as MQG4AI names their documents. */
export const REQUIREMENT_NAMES = [
  'HumanAgencyOversight',
  'TechnicalRobustnessSafety',
  'PrivacyDataGovernance',
  'Transparency',
  'DiversityNon-DiscriminationFairness',
  'SocietalEnvironmentalWellbeing',
  'Accountability',
] as const;

/** Folder names that mark an MQG4AI information block (and so a tree root above them). */
export const BLOCK_FOLDER = /^\d+_(System|Lifecycle|RiskManagement)$/;

/** Headings of the risk template (as words), besides `Risk: <title>`. */
const RISK_HEADINGS = new Set([
  'risk assessment risk analysis risk evaluation',
  'risk analysis',
  'risk evaluation',
  'risk control',
  'severity of harm',
  'probability of occurence',
  'probability of occurrence',
]);
const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();

interface KindEvidence {
  readonly path: string;
  readonly text: string;
  readonly headings: readonly Heading[];
  readonly frontMatter?: FrontMatter;
  readonly hasAltaiBlock: boolean;
}

/**
 * Decides a document's kind. First match wins; docs/format.md lists the same rules.
 * Content and front matter come before location, because applications move files.
 */
export function classifyDocument(evidence: KindEvidence): DocumentKind {
  const { path, text, headings, frontMatter, hasAltaiBlock } = evidence;
  const base = posix.basename(path);
  const stem = base.replace(/\.md$/i, '');
  const segments = path.split('/');
  const tag = (key: string) => frontMatter?.tags.find((t) => t.key.toLowerCase() === key)?.value.trim() ?? '';
  const name = tag('name');
  const intent = tag('intent');
  const headingSet = new Set(headings.map((h) => h.text.trim().toLowerCase()));

  // 1. placeholder: `t.b.d.md`, or a file whose whole content is "t.b.d."
  if (/^t\.?b\.?d\.?\.md$/i.test(base) || /^\s*t\.?b\.?d\.?\s*$/i.test(text)) return 'placeholder';

  // 2. template: `Template_*.md`, or any file in a `templates` folder
  if (/^template[_-]/i.test(base) || segments.slice(0, -1).some((s) => s.toLowerCase() === 'templates')) return 'template';

  // 3. requirement: Name (or file name) is an ALTAI requirement, optionally with a suffix
  const isRequirementName = (value: string) => REQUIREMENT_NAMES.some((r) => value === r || value.startsWith(`${r}_`));
  if (isRequirementName(name) || (!frontMatter && isRequirementName(stem)) || (hasAltaiBlock && !/^QG_/i.test(base))) {
    return 'requirement';
  }

  // 4. QGs: `QG_*.md`, or any document following the Leaf-QG template
  if (/^QG_/i.test(base)) return intent.toLowerCase() === 'overview' ? 'collection-qg' : 'leaf-qg';
  if (headingSet.has('1. interdependency graph')) return 'leaf-qg';

  // 5. risk: Intent `<Requirement>_Risk`, the risk template's analysis and control sections, or
  //    risk-template headings backed by the place or the Intent (a risk lacking a section stays a risk)
  if (/_risk$/i.test(intent) || (headingSet.has('risk analysis') && headingSet.has('risk control'))) return 'risk';
  const riskHeadings = headings.filter((h) => RISK_HEADINGS.has(words(h.text)) || /^risk\s*:/i.test(h.text.trim())).length;
  const inRiskFolder = segments.some((s) => /^\d+_RiskManagement$/.test(s)) && segments.some((s) => s === 'AI_Risks');
  const intentNamesRequirement = REQUIREMENT_NAMES.some((r) => intent.startsWith(r));
  if (riskHeadings >= 2 && (inRiskFolder || intentNamesRequirement)) return 'risk';

  // 6. information block: inside a tree's block folders (system information, overviews, procedures)
  if (segments.slice(0, -1).some((s) => BLOCK_FOLDER.test(s))) return 'information-block';
  return 'other';
}
