import { posix } from 'node:path';
import { tagValue, type Heading, type QualityGateDocument } from '../document/types';
import type { Position } from '../../base/range';
import type { CatalogueRequirement, CatalogueSection, QuestionCatalogue } from './catalogue';
import type { QuestionBlock, QuotedQuestion } from './questionBlocks';
import { matchQuestion, type QuestionMatch } from './questionMatch';

/**
 * Where a document stands in the ALTAI catalogue: the requirement its front-matter
 * Name names (suffixes allowed, e.g. `HumanAgencyOversight_(TBE)`), else its file stem.
 */
export function requirementOf(doc: QualityGateDocument, catalogue: QuestionCatalogue): CatalogueRequirement | undefined {
  const stem = posix.basename(doc.path).replace(/\.(md|markdown)$/i, '');
  return catalogue.requirementFor(tagValue(doc, 'name')?.trim()) ?? catalogue.requirementFor(stem);
}

/** The nearest heading that starts on or above `line`. */
export function headingAbove(doc: QualityGateDocument, line: number): Heading | undefined {
  let found: Heading | undefined;
  for (const heading of doc.headings) {
    if (heading.range.start.line > line) break;
    found = heading;
  }
  return found;
}

/**
 * The catalogue section a heading names: in the document's requirement, else in
 * the only requirement that has a section of that title.
 */
export function sectionFor(
  catalogue: QuestionCatalogue,
  requirement: CatalogueRequirement | undefined,
  heading: string | undefined,
): CatalogueSection | undefined {
  if (heading === undefined) return undefined;
  if (requirement) return catalogue.sectionFor(requirement, heading);
  const found = catalogue.requirements.map((r) => catalogue.sectionFor(r, heading)).filter((s): s is CatalogueSection => s !== undefined);
  return found.length === 1 ? found[0] : undefined;
}

/** The requirement a section belongs to. */
export function requirementOfSection(catalogue: QuestionCatalogue, section: CatalogueSection): CatalogueRequirement | undefined {
  return catalogue.requirements.find((r) => r.sections.includes(section));
}

/** The last line of a quoted question's text. */
export function lastLineOf(question: QuotedQuestion): number {
  return question.textEnd?.line ?? question.line;
}

/** The quoted question whose text covers `position`'s line, with its block. */
export function questionAt(doc: QualityGateDocument, position: Position): { block: QuestionBlock; question: QuotedQuestion; index: number } | undefined {
  for (const block of doc.questionBlocks) {
    if (position.line < block.labelLine || position.line > block.endLine) continue;
    const index = block.questions.findIndex((q) => q.line <= position.line && position.line <= lastLineOf(q));
    if (index >= 0) return { block, question: block.questions[index], index };
  }
  return undefined;
}

/** The assessment addresses a question when it answers it (`>>` or a paragraph) or links evidence from it. */
export function isAddressed(question: QuotedQuestion): boolean {
  return question.answered || question.hasEvidenceLink;
}

/** Matches a quoted question of `block` in `doc` against the catalogue, preferring the block's own section. */
export function matchQuoted(
  catalogue: QuestionCatalogue,
  doc: QualityGateDocument,
  block: QuestionBlock,
  question: QuotedQuestion,
  requirement = requirementOf(doc, catalogue),
): QuestionMatch | undefined {
  const section = sectionFor(catalogue, requirement, block.section);
  return matchQuestion(catalogue, question.text, { requirement, section, block: block.kind });
}
