import type { ProjectConfig } from '../../config/projectConfig';
import { findTemplateSection, sectionKey, sectionsOf, type Section } from '../../domain/document/sections';
import type { QualityGateDocument } from '../../domain/document/types';
import { leafQgTemplate, riskTemplate, type DocumentTemplate, type TemplateSection } from '../../domain/templates/documentTemplates';
import type { Position } from '../../base/range';
import type { TextEdit } from './workspaceChange';

/** Template sections a document need not have (as in the template-sections rule). */
const OPTIONAL_SECTIONS = new Set(['stakeholder 1 n', 'risk']);
const HEADING = /^[ \t]*(?:[-*+][ \t]+)?(#{1,6})[ \t]+(.*?)[ \t#]*$/;

/** A template section missing from a document, with the edit that inserts it (heading, prompt, and sub-sections). */
export interface MissingSection {
  readonly section: TemplateSection;
  /** `Parent › Heading`, as the diagnostic names it. */
  readonly path: string;
  readonly edit: TextEdit;
}

/** The template of a Leaf-QG or risk document. */
export function templateOf(doc: QualityGateDocument): DocumentTemplate | undefined {
  return doc.kind === 'leaf-qg' ? leafQgTemplate : doc.kind === 'risk' ? riskTemplate : undefined;
}

/**
 * The template sections `doc` lacks (only the outermost of a missing subtree,
 * like the rule reports them) and, for each, an insertion in template order:
 * after the nearest earlier sibling that exists, else before the nearest later
 * one, else at the end of the parent section (or the document). `lines` are
 * the document's lines.
 */
export function missingSections(doc: QualityGateDocument, lines: readonly string[], config: ProjectConfig): MissingSection[] {
  const template = templateOf(doc);
  if (!template) return [];
  const required = doc.kind === 'leaf-qg' ? config.requiredSections.leafQg : config.requiredSections.risk;
  const requiredKeys = required ? new Set(required.map(sectionKey)) : undefined;
  const isRequired = (heading: string) =>
    !requiredKeys ||
    requiredKeys.has(sectionKey(heading)) ||
    template.sections.some((s) => requiredKeys.has(sectionKey(s.heading)) && s.parents.includes(heading));
  const sections = sectionsOf(doc);
  const blocks = templateBlocks(template);
  const missing = new Set<string>();
  const result: MissingSection[] = [];
  template.sections.forEach((wanted, i) => {
    if (OPTIONAL_SECTIONS.has(sectionKey(wanted.heading)) || !isRequired(wanted.heading)) return;
    if (wanted.parents.some((p) => missing.has(p))) {
      missing.add(wanted.heading);
      return;
    }
    if (findTemplateSection(doc, sections, wanted)) return;
    missing.add(wanted.heading);
    const at = insertionPoint(doc, sections, template, i, lines);
    const block = blocks[i] ?? `${'#'.repeat(wanted.level)} ${wanted.heading}\n${wanted.prompt ? `> ${wanted.prompt}\n` : ''}`;
    const blankBelow = /^\s*(<br\s*\/?>)?\s*$/i.test(lines[at.position.line] ?? '');
    const newText = at.before ? `${block}\n` : `${at.needsNewline ? '\n' : ''}\n${block}${blankBelow || at.needsNewline ? '' : '\n'}`;
    result.push({ section: wanted, path: [...wanted.parents, wanted.heading].join(' › '), edit: { range: { start: at.position, end: at.position }, newText } });
  });
  return result;
}

/** Where a missing template section goes; `before`: right before an existing heading line. */
function insertionPoint(
  doc: QualityGateDocument,
  sections: readonly Section[],
  template: DocumentTemplate,
  index: number,
  lines: readonly string[],
): { position: Position; before: boolean; needsNewline: boolean } {
  const wanted = template.sections[index];
  const sameParents = (s: TemplateSection) => s.parents.length === wanted.parents.length && s.parents.every((p, i) => p === wanted.parents[i]);
  const parentTemplate =
    wanted.parents.length > 0
      ? template.sections.find((s, i) => i < index && s.heading === wanted.parents[wanted.parents.length - 1] && s.parents.length === wanted.parents.length - 1)
      : undefined;
  const parent = parentTemplate ? findTemplateSection(doc, sections, parentTemplate) : undefined;
  const within = (s: Section) => !parent || (s.heading.range.start.line >= parent.bodyStart && s.heading.range.start.line < parent.end);

  for (let i = index - 1; i >= 0; i--) {
    const sibling = template.sections[i];
    if (!sameParents(sibling)) continue;
    const found = findTemplateSection(doc, sections, sibling);
    if (found && within(found)) return after(found.end, lines);
  }
  for (let i = index + 1; i < template.sections.length; i++) {
    const sibling = template.sections[i];
    if (!sameParents(sibling)) continue;
    const found = findTemplateSection(doc, sections, sibling);
    if (found && within(found)) return { position: { line: found.heading.range.start.line, character: 0 }, before: true, needsNewline: false };
  }
  return after(parent ? parent.end : lines.length, lines);
}

/** Just after the last content line before `endLine` (blank lines and `<br>` separators stay below). */
function after(endLine: number, lines: readonly string[]): { position: Position; before: boolean; needsNewline: boolean } {
  let line = Math.min(endLine, lines.length);
  while (line > 0 && /^\s*(<br\s*\/?>)?\s*$/i.test(lines[line - 1])) line--;
  if (line >= lines.length) {
    // After the last line, which has no line break of its own.
    const last = lines.length - 1;
    return { position: { line: last, character: lines[last]?.length ?? 0 }, before: false, needsNewline: true };
  }
  return { position: { line, character: 0 }, before: false, needsNewline: false };
}

/**
 * The template text of each section (aligned with `template.sections`): its
 * heading line as the template writes it (list item included), its prompt and
 * its sub-sections, without trailing blank lines, `<br>` and `...` headings.
 */
export function templateBlocks(template: DocumentTemplate): string[] {
  const lines = template.text.split(/\r?\n/);
  const headings: Array<{ line: number; level: number; text: string }> = [];
  let titleSeen = false;
  let inFrontMatter = lines[0]?.trim() === '---';
  lines.forEach((line, i) => {
    if (inFrontMatter) {
      if (i > 0 && line.trim() === '---') inFrontMatter = false;
      return;
    }
    const match = HEADING.exec(line);
    if (!match) return;
    const level = match[1].length;
    if (!titleSeen && level <= 2) {
      titleSeen = true;
      return;
    }
    headings.push({ line: i, level, text: match[2].trim() });
  });
  const blocks: string[] = [];
  headings.forEach((h, k) => {
    if (h.text === '...' || h.text === '…') return;
    let end = lines.length;
    for (let j = k + 1; j < headings.length; j++) {
      if (headings[j].level <= h.level) {
        end = headings[j].line;
        break;
      }
    }
    const body = lines.slice(h.line, end).filter((l) => !/^(\.\.\.|…)$/.test(HEADING.exec(l)?.[2].trim() ?? ''));
    while (body.length > 1 && /^\s*(<br\s*\/?>)?\s*$/i.test(body[body.length - 1])) body.pop();
    blocks.push(`${body.join('\n')}\n`);
  });
  return blocks;
}
