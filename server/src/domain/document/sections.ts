import { headingKey, leafQgTemplate, riskTemplate, type DocumentTemplate, type TemplateSection } from '../templates/documentTemplates';
import type { Heading, LinkOccurrence, QualityGateDocument } from './types';
import { memoizeBounded, memoizeByObject } from '../../base/memo';

/** A heading with the lines it spans (up to the next heading of the same or a higher level). */
export interface Section {
  readonly heading: Heading;
  readonly index: number;
  /** 0-based first line after the heading line. */
  readonly bodyStart: number;
  /** 0-based line where the section ends (exclusive). */
  readonly end: number;
  /** Indexes of the headings above it, outermost first. */
  readonly parents: readonly number[];
}

/** Every heading of `doc` as a section with its extent and ancestry (computed once per model). */
export const sectionsOf: (doc: QualityGateDocument) => Section[] = memoizeByObject(computeSections);

function computeSections(doc: QualityGateDocument): Section[] {
  const result: Section[] = [];
  const stack: number[] = [];
  doc.headings.forEach((heading, index) => {
    while (stack.length > 0 && doc.headings[stack[stack.length - 1]].level >= heading.level) stack.pop();
    let end = doc.lineCount;
    for (let next = index + 1; next < doc.headings.length; next++) {
      if (doc.headings[next].level <= heading.level) {
        end = doc.headings[next].range.start.line;
        break;
      }
    }
    result.push({ heading, index, bodyStart: heading.range.end.line + 1, end, parents: [...stack] });
    stack.push(index);
  });
  return result;
}

/** The innermost section containing `line`, if any. */
export function sectionAt(sections: readonly Section[], line: number): Section | undefined {
  let found: Section | undefined;
  for (const section of sections) if (section.heading.range.start.line <= line && line < section.end) found = section;
  return found;
}

/** Whether a section or any of its sub-sections has content beyond its prompt. */
export function hasContent(doc: QualityGateDocument, section: Section): boolean {
  for (let i = section.index; i < doc.headings.length; i++) {
    const heading = doc.headings[i];
    if (i > section.index && heading.range.start.line >= section.end) break;
    if (heading.contentLines > 0) return true;
  }
  return false;
}

/**
 * Heading texts reduced once: every template section is compared with every heading of every
 * document, and a workspace's headings repeat (each gate follows the same template).
 */
const HEADING_KEYS_REMEMBERED = 4096;

/** Heading text compared loosely: case, punctuation and section numbering do not matter. */
export const sectionKey: (text: string) => string = memoizeBounded(HEADING_KEYS_REMEMBERED, (text) => headingKey(text).replace(/^\d+(?: \d+)* /, ''));

/** How a document heading came to stand for a template section. */
export type SectionWording = 'template' | 'known' | 'fuzzy';

export interface TemplateSectionMatch {
  readonly section: Section;
  /** `template`: the template's words; `known`: a known rewording; `fuzzy`: similar words (worth a hint). */
  readonly wording: SectionWording;
}

/** Words that do not change which section a heading stands for ("AI System-specific Information"). */
const FILLER_WORDS = new Set(['a', 'an', 'the', 'of', 'for', 'specific']);

/** Rewordings found in the methodology's own documents, as word keys: variant -> template. */
const KNOWN_REWORDINGS: ReadonlyMap<string, string> = new Map([
  ['system information', 'ai system information'],
  ['ai information', 'ai system information'],
  ['probability occurrence', 'probability occurence'],
]);

/** Least word similarity (Dice over matching words) for a heading to stand for a template section. */
export const SECTION_SIMILARITY = 0.8;

/**
 * A heading reduced to the words that identify a section: case, punctuation,
 * numbering, parenthesised qualifiers ("(Maintenance Stage)", "(s)"), filler
 * words and a plural `s` do not count.
 */
export const sectionWords: (text: string) => string = memoizeBounded(HEADING_KEYS_REMEMBERED, computeSectionWords);

function computeSectionWords(text: string): string {
  const words = sectionKey(text.replace(/\([^)]*\)/g, ' '))
    .split(' ')
    .filter((w) => w !== '' && !FILLER_WORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  const key = words.join(' ');
  return KNOWN_REWORDINGS.get(key) ?? key;
}

/** Word similarity of two word keys: 2 * matching words / all words; a word matches an abbreviation or a one-letter typo of it. */
export function sectionSimilarity(a: string, b: string): number {
  const wa = a.split(' ').filter(Boolean);
  const wb = b.split(' ').filter(Boolean);
  if (wa.length === 0 || wb.length === 0) return 0;
  const free = [...wb];
  let matched = 0;
  for (const w of wa) {
    const at = free.findIndex((v) => wordsMatch(w, v));
    if (at >= 0) {
      matched++;
      free.splice(at, 1);
    }
  }
  return (2 * matched) / (wa.length + wb.length);
}

function wordsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.startsWith(short)) return true; // "info" / "information"
  return short.length >= 5 && long.length - short.length <= 1 && oneEditApart(short, long);
}

function oneEditApart(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.length === b.length ? a.slice(i + 1) === b.slice(i + 1) : a.slice(i) === b.slice(i + 1);
}

/** Word keys of every template section: a heading that is one of them never stands for another section. */
const TEMPLATE_WORDS = new Set([...leafQgTemplate.sections, ...riskTemplate.sections].map((s) => sectionWords(s.heading)));

/**
 * Finds the document section matching a template section: same heading
 * (loosely) and, for headings the template repeats (`Related QGs`), the same
 * nearest template parent among its ancestors. Then a known rewording, then a
 * heading with similar words under the same parent.
 */
export function matchTemplateSection(doc: QualityGateDocument, sections: readonly Section[], wanted: TemplateSection): TemplateSectionMatch | undefined {
  const parentHeading = wanted.parents[wanted.parents.length - 1];
  const parentWords = parentHeading === undefined ? '' : sectionWords(parentHeading);
  // The parent may itself be reworded ("Output Info"): compare it the same way.
  const underParent = (s: Section) =>
    !parentHeading ||
    s.parents.some((p) => {
      const w = sectionWords(doc.headings[p].text);
      return w === parentWords || sectionSimilarity(w, parentWords) >= SECTION_SIMILARITY;
    });
  const pick = (candidates: Section[]) => (candidates.length <= 1 || !parentHeading ? candidates[0] : (candidates.find(underParent) ?? candidates[0]));

  const key = sectionKey(wanted.heading);
  const exact = pick(sections.filter((s) => sectionKey(s.heading.text) === key));
  if (exact) return { section: exact, wording: 'template' };

  const words = sectionWords(wanted.heading);
  if (words === '') return undefined;
  const known = pick(sections.filter((s) => s.index > 0 && sectionWords(s.heading.text) === words));
  if (known) return { section: known, wording: 'known' };

  let best: { section: Section; score: number } | undefined;
  for (const s of sections) {
    if (s.index === 0 || Math.abs(s.heading.level - wanted.level) > 1 || !underParent(s)) continue;
    const candidate = sectionWords(s.heading.text);
    if (TEMPLATE_WORDS.has(candidate)) continue;
    const score = sectionSimilarity(candidate, words);
    if (score >= SECTION_SIMILARITY && (!best || score > best.score)) best = { section: s, score };
  }
  return best && { section: best.section, wording: 'fuzzy' };
}

/** The document section standing for a template section, however it is worded. */
export function findTemplateSection(doc: QualityGateDocument, sections: readonly Section[], wanted: TemplateSection): Section | undefined {
  return matchTemplateSection(doc, sections, wanted)?.section;
}

/** Template sections that have sub-sections in the template (containers). */
export function isContainer(template: DocumentTemplate, section: TemplateSection): boolean {
  return template.sections.some((s) => s.parents[s.parents.length - 1] === section.heading && s.parents.length === section.parents.length + 1);
}

/** Links of `doc` that sit inside a section whose heading (or an ancestor's) has one of `keys`. */
export function linksInSections(doc: QualityGateDocument, sections: readonly Section[], keys: ReadonlySet<string>): LinkOccurrence[] {
  return doc.links.filter((link) => {
    const section = sectionAt(sections, link.range.start.line);
    if (!section) return false;
    if (keys.has(sectionKey(section.heading.text))) return true;
    return section.parents.some((p) => keys.has(sectionKey(doc.headings[p].text)));
  });
}
