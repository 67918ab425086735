import { headingKey, type DocumentTemplate, type TemplateSection } from '../templates/documentTemplates';
import type { Heading, LinkOccurrence, QualityGateDocument } from './types';
import { memoizeByObject } from '../../base/memo';

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

/** Heading text compared loosely: case, punctuation and section numbering do not matter. */
export function sectionKey(text: string): string {
  return headingKey(text).replace(/^\d+(?: \d+)* /, '');
}

/**
 * Finds the document section matching a template section: same heading
 * (loosely) and, for headings the template repeats (`Related QGs`), the same
 * nearest template parent among its ancestors.
 */
export function findTemplateSection(doc: QualityGateDocument, sections: readonly Section[], wanted: TemplateSection): Section | undefined {
  const key = sectionKey(wanted.heading);
  const parentKey = wanted.parents.length > 0 ? sectionKey(wanted.parents[wanted.parents.length - 1]) : undefined;
  const candidates = sections.filter((s) => sectionKey(s.heading.text) === key);
  if (candidates.length <= 1 || !parentKey) return candidates[0];
  return candidates.find((s) => s.parents.some((p) => sectionKey(doc.headings[p].text) === parentKey)) ?? candidates[0];
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
