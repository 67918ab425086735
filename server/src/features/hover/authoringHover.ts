import { MarkupKind, type Hover, type Position } from '../editorTypes';
import { isAddressed, matchQuoted, questionAt } from '../../domain/altai/assessment';
import { KIND_LABELS as ENTRY_KIND_LABELS, type QuestionCatalogue } from '../../domain/altai/catalogue';
import { originLabel } from '../completion/questionCompletion';
import { displayPath } from '../../analysis/diagnostics/linkDiagnostics';
import { definitionAt, tagKeyMeaning, TAG_KEYS, type DefinitionSource } from '../../domain/glossary/glossary';
import type { QualityGateDocument } from '../../domain/document/types';
import { questionTextRange } from '../../analysis/rules/altaiRules';
import { templateSectionOf } from '../../domain/templates/templateHeading';
import { LineIndex } from '../../base/lineIndex';
import { rangeContains, type Range } from '../../base/range';
import type { CancellationToken } from '../../base/cancellation';
import { uriFromPath } from '../../base/fileSystem';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { markdownCode, markdownLinkTarget, markdownText as escape } from '../../base/escape';
import { KIND_LABELS } from '../kindLabels';
import { headingAt } from '../navigation/lookup';
import { PackEvidence } from '../../analysis/coverage/packEvidence';
import { crosswalkMarkdown } from './packHover';
import { PERSPECTIVE_KEY, PERSPECTIVE_MEANING, PERSPECTIVE_VALUES } from '../../domain/risks/perspective';

/**
 * Hovers that explain what is written (links aside): an ALTAI question, a
 * front-matter tag key, a template heading, a requirement or methodology term.
 * `text` is the document's current text, needed for terms only.
 */
export function authoringHover(
  index: WorkspaceIndex,
  catalogue: QuestionCatalogue,
  doc: QualityGateDocument,
  position: Position,
  text: string | undefined,
  token: CancellationToken,
): Hover | undefined {
  if (token.isCancellationRequested) return undefined;
  return (
    questionHover(index, catalogue, doc, position) ??
    tagKeyHover(doc, position) ??
    templateHeadingHover(doc, position) ??
    (text !== undefined ? termHover(index, catalogue, doc, position, text, token) : undefined)
  );
}

const markdown = (value: string, range: Range): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, range });

function questionHover(index: WorkspaceIndex, catalogue: QuestionCatalogue, doc: QualityGateDocument, position: Position): Hover | undefined {
  const found = questionAt(doc, position);
  if (!found) return undefined;
  const { block, question } = found;
  const match = matchQuoted(catalogue, doc, block, question);
  const status = isAddressed(question)
    ? `**Addressed** — ${[question.answered ? 'answered' : '', question.hasEvidenceLink ? 'evidence linked' : ''].filter(Boolean).join(', ')}`
    : '**Open** — no answer, annotation or evidence link yet';
  if (!match) {
    const label = block.kind === 'altai' ? 'Quoted question, not in the ALTAI catalogue' : 'Additional question of this assessment (not in the catalogue)';
    return markdown([`**${label}**`, `Section: ${escape(block.section || '(none)')}`, status].join('\n\n'), questionTextRange(question));
  }
  const { requirement, section, question: entry } = match.entry;
  const parentRow = entry.kind === 'option' ? 'Answer option of' : entry.kind === 'note' ? 'Written under' : 'Sub-question of';
  const lines = [
    `**${ENTRY_KIND_LABELS[entry.kind]}** \`${entry.id}\``,
    `| | |\n| --- | --- |\n| Requirement | ${escape(requirement.title)} (\`${requirement.id}\`) |\n| Section | ${escape(section.title)} |${
      entry.parent ? `\n| ${parentRow} | \`${entry.parent}\` |` : ''
    }\n| Origin | ${escape(originLabel(entry))} |`,
    // A note asks nothing: it is neither open nor addressed.
    entry.kind === 'note'
      ? 'A cross-reference MQG4AI wrote into the ALTAI list: not an ALTAI question, not counted in coverage.'
      : entry.kind === 'option'
        ? `${status} — counted with its question \`${entry.parent}\``
        : status,
  ];
  if (match.kind === 'close') lines.push(`The catalogue words it: _${escape(entry.text)}_`);
  if (match.kind === 'answered-inline') lines.push('The answer follows the question on the same line.');
  // Counterparts in other assessment packs (server/data/packs/crosswalk.json).
  const registry = index.packs;
  if (registry.counterparts(entry.id).some((c) => c.items.length > 0)) {
    const evidence = new PackEvidence(index, registry, catalogue, PackEvidence.scopeOf(index, doc.path));
    lines.push(crosswalkMarkdown(index, registry, evidence, entry.id));
  }
  return markdown(lines.join('\n\n'), questionTextRange(question));
}

function tagKeyHover(doc: QualityGateDocument, position: Position): Hover | undefined {
  const tag = doc.frontMatter?.tags.find((t) => rangeContains(t.range, position));
  if (!tag) return undefined;
  const meaning =
    tagKeyMeaning(tag.key) ??
    (tag.key.trim().toLowerCase() === 'perspective'
      ? { key: PERSPECTIVE_KEY, meaning: `${PERSPECTIVE_MEANING} Values: ${PERSPECTIVE_VALUES.join(', ')}.` }
      : undefined);
  const schema = `ML design-pattern schema: ${TAG_KEYS.map((k) => k.key).join(', ')}.`;
  const value = meaning
    ? `**Front-matter tag \`${meaning.key}\`**\n\n${meaning.meaning}\n\n_${schema}_${'source' in meaning && meaning.source ? `  \n_Source: ${escape(meaning.source)}_` : ''}`
    : `**Front-matter tag ${markdownCode(tag.key)}**\n\nNot one of the schema's keys. _${schema}_`;
  return markdown(value, tag.range);
}

function templateHeadingHover(doc: QualityGateDocument, position: Position): Hover | undefined {
  const heading = headingAt(doc, position);
  if (!heading) return undefined;
  const found = templateSectionOf(doc, heading);
  if (!found) return undefined;
  const { template, section } = found;
  const path = [...section.parents, section.heading].map(escape).join(' › ');
  const name = template.kind === 'leaf-qg' ? 'Leaf-QG template' : 'Risk template';
  const lines = [`**${name}** · ${path}`];
  if (section.prompt) lines.push(`> ${escape(section.prompt)}`);
  else {
    const children = template.sections.filter((s) => s.parents[s.parents.length - 1] === section.heading && s.parents.length === section.parents.length + 1);
    lines.push(
      children.length > 0
        ? `Holds: ${children.map((c) => escape(c.heading)).join(', ')}`
        : `A section of the ${KIND_LABELS[doc.kind]} template, without a guiding question of its own.`,
    );
  }
  return markdown(lines.join('\n\n'), heading.textRange);
}

function termHover(
  index: WorkspaceIndex,
  catalogue: QuestionCatalogue,
  doc: QualityGateDocument,
  position: Position,
  text: string,
  token: CancellationToken,
): Hover | undefined {
  const lineText = new LineIndex(text).lineText(position.line);
  const hit = definitionAt(index, catalogue, doc, position.line, lineText, position.character, token);
  if (!hit) return undefined;
  const requirement = hit.requirement;
  const heading = requirement
    ? `**${escape(requirement.title)}** — ALTAI requirement \`${requirement.id}\` (${requirement.sections.length} sections: ${requirement.sections.map((s) => escape(s.title)).join(', ')})`
    : `**${escape(hit.term)}**`;
  // The built-in glossary is written in Markdown; text read from documents is shown as plain text.
  const definition = hit.source.type === 'glossary' ? hit.definition : escape(hit.definition);
  const parts = [heading, definition, sourceNote(index, hit.source)];
  if (hit.overrides) parts.push(`_This workspace's definition replaces the built-in one (${escape(plainSource(hit.overrides))})._`);
  return markdown(parts.join('\n\n'), hit.range);
}

function sourceNote(index: WorkspaceIndex, source: DefinitionSource): string {
  if (source.type === 'workspace') {
    const where = `${displayPath(index, source.path)}:${source.range.start.line + 1}`;
    return `Defined in this workspace: [${escape(where)}](${markdownLinkTarget(uriFromPath(source.path))}#L${source.range.start.line + 1})`;
  }
  return `_Source: ${escape(plainSource(source))}_`;
}

function plainSource(source: DefinitionSource): string {
  if (source.type === 'glossary') return `MQG4AI extension glossary; ${source.note}`;
  if (source.type === 'requirement') return `requirement definition from ${source.attribution}`;
  return 'workspace';
}
