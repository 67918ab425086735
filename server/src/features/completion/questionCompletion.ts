import { markdownText } from '../../base/escape';
import type { QualityGateDocument } from '../../domain/document/types';
import type { Position } from '../../base/range';
import { shortLabel, sortKey, type CompletionCandidate, type LineContext } from './types';
import { blockOf, type CatalogueQuestion, type CatalogueSection, type QuestionCatalogue } from '../../domain/altai/catalogue';
import { matchQuoted, requirementOf, requirementOfSection, sectionFor } from '../../domain/altai/assessment';
import type { QuestionBlock } from '../../domain/altai/questionBlocks';

/**
 * What a line may hold before the cursor for questions to be offered: nothing,
 * `>`, `> -`, `> - partial text`. Unquoted text is an answer, `>>` an annotation.
 */
const QUESTION_PREFIX = /^([ \t]*)(?:>[ \t]*(?:[-*+](?:[ \t]+(.*))?)?)?$/;

/** `ALTAI (EU HLEG, 2020)` or the methodology, by the entry's kind. */
export function originLabel(question: CatalogueQuestion): string {
  switch (question.kind) {
    case 'question':
      return 'ALTAI — Assessment List for Trustworthy AI (EU High-Level Expert Group on AI, 2020)';
    case 'option':
      return 'ALTAI answer option (EU High-Level Expert Group on AI, 2020), answered with its question';
    case 'mqg4ai-question':
      return 'MQG4AI additional question (not part of ALTAI)';
    case 'note':
      return 'MQG4AI note in the ALTAI list (not an ALTAI item, not counted)';
  }
}

/** Nesting depth of a catalogue question: 0 for a question, 1 for a sub-question, ... */
export function questionDepth(section: CatalogueSection, question: CatalogueQuestion): number {
  let depth = 0;
  for (let parent = question.parent; parent; depth++) {
    parent = section.questions.find((q) => q.id === parent)?.parent;
  }
  return depth;
}

/** The quoted list item for a question at its depth: `> - ` for questions, `>   - ` for sub-questions. */
export function questionLine(depth: number, text: string): string {
  return `> ${'  '.repeat(depth)}- ${text}`;
}

/**
 * The block the cursor line is in or right after: the last `ALTAI:` /
 * `Additional Questions:` label above it, when the line is within the block as
 * the question parser reads it, or only blank lines separate it from the
 * block's last line (so a heading in between ends it).
 */
export function blockAround(doc: QualityGateDocument, line: number, lineAt: (line: number) => string): QuestionBlock | undefined {
  let block: QuestionBlock | undefined;
  for (const candidate of doc.questionBlocks) {
    if (candidate.labelLine < line) block = candidate;
  }
  if (!block || line <= block.endLine) return block;
  for (let between = block.endLine + 1; between < line; between++) {
    if (lineAt(between).trim() !== '') return undefined;
  }
  return block;
}

/**
 * Completions inside or right after a question block: the catalogue questions of
 * the document's requirement and the block's section that the block does not
 * quote yet, in catalogue order, as quoted list items nested to their depth.
 */
export function questionCompletions(
  catalogue: QuestionCatalogue,
  doc: QualityGateDocument,
  position: Position,
  context: LineContext,
  lineAt: (line: number) => string,
): CompletionCandidate[] {
  const match = QUESTION_PREFIX.exec(context.before);
  if (!match || context.after.trim() !== '') return [];
  const block = blockAround(doc, position.line, lineAt);
  if (!block) return [];
  const requirement = requirementOf(doc, catalogue);
  const section = sectionFor(catalogue, requirement, block.section);
  if (!section) return [];
  const owner = requirement ?? requirementOfSection(catalogue, section);

  const present = new Set<string>();
  for (const question of block.questions) {
    if (question.line === position.line) continue; // the line being completed
    const found = matchQuoted(catalogue, doc, block, question, requirement);
    if (found) present.add(found.entry.question.id);
  }
  // Questions and answer options of the block's kind; a note is not offered (it is no question).
  const missing = section.questions.filter((q) => q.kind !== 'note' && blockOf(q) === block.kind && !present.has(q.id));
  if (missing.length === 0) return [];

  const indent = match[1];
  // The editor filters what is typed in the range against filterText: keep the typed prefix.
  const typed = context.before.slice(0, context.before.length - (match[2]?.length ?? 0));
  const typedPrefix = /[-*+]$/.test(typed) ? `${typed} ` : typed;
  const range = { start: { line: position.line, character: 0 }, end: position };
  const where = `${owner?.title ?? ''} › ${section.title}`;
  const candidates: CompletionCandidate[] = missing.map((question, rank) => {
    const depth = questionDepth(section, question);
    const parent = question.parent ? section.questions.find((q) => q.id === question.parent) : undefined;
    const documentation = [
      markdownText(question.text),
      parent ? `Sub-question of: _${markdownText(parent.text)}_` : '',
      `${originLabel(question)} · \`${question.id}\``,
    ].filter(Boolean);
    return {
      kind: 'question',
      label: shortLabel(question.text),
      detail: `${where} · ${question.id}`,
      description: question.id,
      documentation: documentation.join('\n\n'),
      newText: indent + questionLine(depth, question.text),
      range,
      sortText: sortKey(0, rank),
      filterText: `${typedPrefix}${question.text}`,
    };
  });
  if (missing.length > 1) {
    candidates.push({
      kind: 'questions',
      label: `All ${missing.length} missing questions of ${section.title}`,
      detail: where,
      documentation: missing.map((q) => `- ${'  '.repeat(questionDepth(section, q))}\`${q.id}\` ${markdownText(shortLabel(q.text))}`).join('\n'),
      newText: missing.map((q) => indent + questionLine(questionDepth(section, q), q.text)).join('\n'),
      range,
      sortText: sortKey(1, 0),
      filterText: `${typedPrefix}${missing[0].text}`,
    });
  }
  return candidates;
}
