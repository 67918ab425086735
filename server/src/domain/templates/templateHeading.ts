import type { Heading, QualityGateDocument } from '../document/types';
import { sectionKey, sectionWords } from '../document/sections';
import { leafQgTemplate, riskTemplate, type DocumentTemplate, type TemplateSection } from './documentTemplates';

/** The template a document of this kind follows, if any. */
export function templateFor(doc: Pick<QualityGateDocument, 'kind'>): DocumentTemplate | undefined {
  return doc.kind === 'leaf-qg' ? leafQgTemplate : doc.kind === 'risk' ? riskTemplate : undefined;
}

/**
 * The template section a heading of a Leaf-QG or risk document stands for.
 * Headings that occur twice in a template (`Related QGs` under input and under
 * output information) are told apart by the headings above them. A template
 * heading ending in `:` (`Risk:`) also matches a heading that continues it.
 */
export function templateSectionOf(doc: QualityGateDocument, heading: Heading): { template: DocumentTemplate; section: TemplateSection } | undefined {
  const template = templateFor(doc);
  if (!template) return undefined;
  const key = sectionKey(heading.text);
  const exact = template.sections.filter((s) => sectionKey(s.heading) === key);
  const words = sectionWords(heading.text);
  const reworded = exact.length > 0 || words === '' ? [] : template.sections.filter((s) => sectionWords(s.heading) === words);
  const candidates =
    exact.length > 0
      ? exact
      : reworded.length > 0
        ? reworded
        : template.sections.filter((s) => s.heading.trim().endsWith(':') && sectionKey(s.heading) !== '' && key.startsWith(`${sectionKey(s.heading)} `));
  if (candidates.length <= 1) return candidates[0] && { template, section: candidates[0] };

  const ancestors = new Set<string>();
  let level = heading.level;
  const at = doc.headings.indexOf(heading);
  for (let i = at - 1; i >= 0 && level > 1; i--) {
    if (doc.headings[i].level < level) {
      ancestors.add(sectionKey(doc.headings[i].text));
      level = doc.headings[i].level;
    }
  }
  const score = (s: TemplateSection) => s.parents.filter((p) => ancestors.has(sectionKey(p))).length;
  const best = candidates.reduce((a, b) => (score(b) > score(a) ? b : a));
  return { template, section: best };
}
