// Builds the VS Code snippets in snippets/mqg4ai.code-snippets.json from the ALTAI
// catalogue (server/data/altai.json) and the two document templates
// (server/src/domain/templates/templateTexts.ts). Pure: the CLI wrapper
// scripts/generate-snippets.ts writes the file, test/snippets checks it is current.
// The snippets file is generated output: never edit it by hand (docs/snippets.md).
import {
  altaiCatalogue,
  type CatalogueQuestion,
  type CatalogueRequirement,
  type CatalogueSection,
  type QuestionCatalogue,
} from '../server/src/domain/altai/catalogue';
import { ALTAI_PACK_ID, builtInPacks } from '../server/src/domain/packs/registry';
import { packLabel, type Pack, type PackItemData } from '../server/src/domain/packs/types';
import { LEAF_QG_TEMPLATE, RISK_TEMPLATE } from '../server/src/domain/templates/templateTexts';

/** One entry of a VS Code snippets file. */
export interface VsCodeSnippet {
  readonly prefix: string;
  readonly body: string[];
  readonly description: string;
}

export type SnippetFile = Record<string, VsCodeSnippet>;

/** Where the generated file lives, relative to the project root. */
export const SNIPPETS_FILE = 'snippets/mqg4ai.code-snippets.json';

/** The command that regenerates the file (named in test failures and docs). */
export const REGENERATE_COMMAND = 'npm run generate:snippets';

/** Escapes literal text for snippet syntax: `$`, `}` and `\` would otherwise be read as syntax. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** A question's nesting depth within its section: the number of its ancestors. */
export function questionDepth(section: CatalogueSection, question: CatalogueQuestion): number {
  const byId = new Map(section.questions.map((q) => [q.id, q]));
  let depth = 0;
  const seen = new Set<string>();
  for (let parent = question.parent; parent !== undefined; parent = byId.get(parent)?.parent) {
    if (!byId.has(parent)) throw new Error(`${question.id}: parent ${parent} is not in section ${section.id}`);
    if (seen.has(parent)) throw new Error(`${question.id}: parent cycle through ${parent}`);
    seen.add(parent);
    depth++;
  }
  return depth;
}

/** `> - text`, with two more spaces after `>` per nesting level. */
export function quotedQuestionLine(text: string, depth: number): string {
  return `>${' '.repeat(1 + 2 * depth)}- ${escapeSnippetText(text)}`;
}

/**
 * The `ALTAI:` block of a section (ALTAI's own questions) and, if the section
 * has any, a blank line and the `Additional Questions:` block (the
 * methodology's), as snippet lines without a final `$0`.
 */
export function sectionBlockLines(section: CatalogueSection): string[] {
  const blocks: Array<{ label: string; questions: CatalogueQuestion[] }> = [
    // ALTAI's questions with their answer options; MQG4AI's notes are not inserted (they are no questions).
    { label: 'ALTAI:', questions: section.questions.filter((q) => q.kind === 'question' || q.kind === 'option') },
    { label: 'Additional Questions:', questions: section.questions.filter((q) => q.kind === 'mqg4ai-question') },
  ];
  const lines: string[] = [];
  for (const { label, questions } of blocks) {
    if (questions.length === 0) continue;
    const inBlock = new Set<string>();
    if (lines.length > 0) lines.push('');
    lines.push(label);
    for (const question of questions) {
      if (question.parent !== undefined && !inBlock.has(question.parent)) {
        // A sub-question printed in another block (or before its parent) would nest under the wrong question.
        throw new Error(`${question.id}: its parent ${question.parent} does not precede it in the ${label} block`);
      }
      inBlock.add(question.id);
      lines.push(quotedQuestionLine(question.text, questionDepth(section, question)));
    }
  }
  return lines;
}

/** `altai-trs-accuracy`: lower-case requirement code and the section's slug. */
export function sectionPrefix(requirement: CatalogueRequirement, section: CatalogueSection): string {
  const slug = section.id.startsWith(`${requirement.id}.`) ? section.id.slice(requirement.id.length + 1) : section.id;
  return `altai-${requirement.id.toLowerCase()}-${slug}`.toLowerCase();
}

/** `altai-requirement-trs` */
export function requirementPrefix(requirement: CatalogueRequirement): string {
  return `altai-requirement-${requirement.id.toLowerCase()}`;
}

const FROM_CATALOGUE = '(generated from the ALTAI catalogue)';

function sectionSnippet(requirement: CatalogueRequirement, section: CatalogueSection): VsCodeSnippet {
  const count = (kind: CatalogueQuestion['kind']) => section.questions.filter((q) => q.kind === kind).length;
  const options = count('option');
  const additional = count('mqg4ai-question');
  const counts = `${count('question')} ALTAI question(s)${options > 0 ? ` with ${options} answer option(s)` : ''}${additional > 0 ? ` + ${additional} additional` : ''}`;
  return {
    prefix: sectionPrefix(requirement, section),
    body: [...sectionBlockLines(section), '$0'],
    description: `ALTAI block for ${requirement.title} > ${section.title}: ${counts} ${FROM_CATALOGUE}`,
  };
}

/** The URL at the end of the catalogue's source line, for the `Based on [ALTAI](...)` note. */
function sourceUrl(catalogue: QuestionCatalogue): string | undefined {
  return /https?:\/\/\S+/.exec(catalogue.data.source)?.[0];
}

function requirementSnippet(catalogue: QuestionCatalogue, requirement: CatalogueRequirement): VsCodeSnippet {
  const title = escapeSnippetText(requirement.title);
  const url = sourceUrl(catalogue);
  const body = [
    '---',
    `tags: [{Name: ${escapeSnippetText(requirement.name)}\${1:}}, {Intent: Overview}, {Applicability: \${2:AIAct}}, {Usage Example: \${3}}]`,
    '---',
    '',
    ...(url ? [`> Based on [ALTAI](${escapeSnippetText(url)})`, ''] : []),
    `### Definition ${title}`,
    escapeSnippetText(requirement.definition),
    '',
    `#### Overview Requirements ${title}`,
  ];
  for (const section of requirement.sections) {
    body.push('', `##### ${escapeSnippetText(section.title)}`, ...sectionBlockLines(section));
  }
  body.push('$0');
  return {
    prefix: requirementPrefix(requirement),
    body,
    description: `Requirement document ${requirement.title}: front matter, definition and the ALTAI blocks of its ${requirement.sections.length} section(s) ${FROM_CATALOGUE}`,
  };
}

interface TemplateSkeleton {
  readonly key: string;
  readonly prefix: string;
  readonly template: string;
  readonly source: string;
  readonly what: string;
  /** The front-matter Name value, with tab stops shared with the title. */
  readonly name: string;
  readonly title: string;
  /** First tab stop not used by name and title. */
  readonly nextTabStop: number;
}

const TEMPLATE_SKELETONS: readonly TemplateSkeleton[] = [
  {
    key: 'MQG4AI Leaf-QG document',
    prefix: 'qg-leaf',
    template: LEAF_QG_TEMPLATE,
    source: 'Leaf-QG template',
    what: 'Leaf-QG skeleton: front-matter tags, title and every template section with its guiding question',
    name: 'QG_${1:Name}_(${2:View})',
    title: '## QG ${1:Name} (${2:View})',
    nextTabStop: 3,
  },
  {
    key: 'MQG4AI Risk document',
    prefix: 'qg-risk',
    template: RISK_TEMPLATE,
    source: 'Risk template',
    what: 'Risk document skeleton: front-matter tags, title and every template section with its guiding question',
    name: '${1:Name}',
    title: '## ${1:Name}',
    nextTabStop: 2,
  },
];

const TEMPLATE_TAG = /\{([^:{}]+):[ \t]*([^{}]*?)[ \t]*\}/g;

/**
 * The template's `tags:` line with a tab stop in every value: Name as given,
 * `<Placeholder>` parts of a value become placeholders, empty values empty tab stops.
 */
function frontMatterLine(line: string, skeleton: TemplateSkeleton): string {
  let next = skeleton.nextTabStop;
  const tags: string[] = [];
  for (const [, rawKey, value] of line.matchAll(TEMPLATE_TAG)) {
    const key = rawKey.trim();
    let snippetValue: string;
    if (key === 'Name') snippetValue = skeleton.name;
    else if (value === '') snippetValue = `\${${next++}}`;
    else if (/<[^<>]+>/.test(value)) {
      snippetValue = value
        .split(/(<[^<>]+>)/)
        .map((part) => (/^<[^<>]+>$/.test(part) ? `\${${next++}:${escapeSnippetText(part.slice(1, -1))}}` : escapeSnippetText(part)))
        .join('');
    } else snippetValue = `\${${next++}:${escapeSnippetText(value)}}`;
    tags.push(`{${escapeSnippetText(key)}: ${snippetValue}}`);
  }
  if (tags.length === 0 || tags[0] !== `{Name: ${skeleton.name}}`) {
    throw new Error(`${skeleton.source}: the front matter must start with a Name tag: ${line}`);
  }
  return `tags: [${tags.join(', ')}]`;
}

function templateSnippet(skeleton: TemplateSkeleton): VsCodeSnippet {
  const lines = skeleton.template.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const close = lines[0] === '---' ? lines.indexOf('---', 1) : -1;
  const tagsAt = lines.findIndex((l, i) => i > 0 && i < close && /^tags:/.test(l));
  const titleAt = lines.findIndex((l, i) => i > close && /^##?[ \t]/.test(l));
  if (close < 0 || tagsAt < 0 || titleAt < 0) {
    throw new Error(`${skeleton.source}: expected front matter with a tags line and a level-1/2 title heading`);
  }
  const body = lines.map((line, i) => {
    if (i === tagsAt) return frontMatterLine(line, skeleton);
    if (i === titleAt) return skeleton.title;
    return escapeSnippetText(line);
  });
  body.push('$0');
  return { prefix: skeleton.prefix, body, description: `${skeleton.what} (generated from the ${skeleton.source})` };
}

function collectionSnippet(): VsCodeSnippet {
  return {
    prefix: 'qg-collection',
    body: [
      '---',
      'tags: [{Name: QG_${1:Name}_(${2:View})}, {Intent: Overview}, {Applicability: ${6:GenericAILifecycle}}, {Usage Example: ${7}}]',
      '---',
      '',
      '## QG ${1:Name} (${2:View})',
      '',
      '${5:What this lifecycle process decides, and how its sub-QGs hand over to each other.}',
      '',
      '#### Sub-QGs',
      '',
      '- [${3:Sub-QG}](${4:./})',
      '$0',
    ],
    description:
      'Collection-QG skeleton: front matter with {Intent: Overview}, title, intro and the list of sub-QG links (generated from the Collection-QG format)',
  };
}

// ---- assessment packs (server/data/packs/*.json) ------------------------------------------

/** `AMLAS-1` -> `amlas-1`, `SAD.design` -> `sad-design`. */
function idSlug(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `pack-amlas`: the whole pack's evidence checklist. */
export function packPrefix(pack: Pack): string {
  return `pack-${pack.id}`;
}

/** `pack-amlas-1`, `pack-sad-design`: one top-level item's (stage, article group) checklist. */
export function packSectionPrefix(item: PackItemData): string {
  return `pack-${idSlug(item.id)}`;
}

/** The leaves below an item (the item itself when it is one), in pack order. */
function leavesOf(item: PackItemData): PackItemData[] {
  return item.items && item.items.length > 0 ? item.items.flatMap(leavesOf) : [item];
}

/**
 * One list item per leaf: `- [ID](${n}): Title`. The link to the evidence is left empty
 * for the author: an empty link is reported (`link.empty`) and does not count as
 * evidence, so inserting the checklist covers nothing until the evidence is linked.
 */
function checklistLines(items: readonly PackItemData[], next: { stop: number }): string[] {
  return items.map((item) => `- [${escapeSnippetText(item.id)}](\${${next.stop++}}): ${escapeSnippetText(item.title)}`);
}

const FROM_PACK = (pack: Pack) => `(generated from the ${packLabel(pack)} pack)`;

function packSectionSnippet(pack: Pack, section: PackItemData): VsCodeSnippet {
  const leaves = leavesOf(section);
  return {
    prefix: packSectionPrefix(section),
    body: [...checklistLines(leaves, { stop: 1 }), '$0'],
    description: `${packLabel(pack)} › ${section.title}: evidence checklist of its ${leaves.length} item(s), each cited as [ID](evidence) ${FROM_PACK(pack)}`,
  };
}

function packSnippet(pack: Pack): VsCodeSnippet {
  const next = { stop: 1 };
  const body: string[] = [];
  for (const section of pack.items) {
    if (body.length > 0) body.push('');
    if (section.items && section.items.length > 0) body.push(`#### ${escapeSnippetText(section.title)}`, '', ...checklistLines(leavesOf(section), next));
    else body.push(...checklistLines([section], next));
  }
  body.push('$0');
  const leaves = pack.items.flatMap(leavesOf).length;
  return {
    prefix: packPrefix(pack),
    body,
    description: `${packLabel(pack)}: evidence checklist of all ${leaves} items under a heading per ${pack.items[0]?.kind ?? 'section'} ${FROM_PACK(pack)}`,
  };
}

/**
 * All snippets, in a stable order: the document skeletons, then per
 * requirement its document skeleton and one snippet per section, then per
 * built-in pack other than ALTAI its checklist and one per top-level item.
 */
export function generateSnippets(catalogue: QuestionCatalogue = altaiCatalogue(), packs: readonly Pack[] = builtInPacks()): SnippetFile {
  const snippets: SnippetFile = {};
  const add = (key: string, snippet: VsCodeSnippet) => {
    if (key in snippets) throw new Error(`duplicate snippet name ${key}`);
    if (Object.values(snippets).some((s) => s.prefix === snippet.prefix)) throw new Error(`duplicate snippet prefix ${snippet.prefix}`);
    snippets[key] = snippet;
  };
  for (const skeleton of TEMPLATE_SKELETONS) add(skeleton.key, templateSnippet(skeleton));
  add('MQG4AI Collection-QG document', collectionSnippet());
  for (const requirement of catalogue.requirements) {
    add(`ALTAI requirement document: ${requirement.title}`, requirementSnippet(catalogue, requirement));
    for (const section of requirement.sections) {
      add(`ALTAI ${requirement.id}: ${section.title}`, sectionSnippet(requirement, section));
    }
  }
  for (const pack of packs) {
    if (pack.id === ALTAI_PACK_ID) continue; // the requirement and section snippets above
    add(`Pack ${pack.id}: evidence checklist`, packSnippet(pack));
    for (const section of pack.items) add(`Pack ${pack.id}: ${section.id} ${section.title}`, packSectionSnippet(pack, section));
  }
  return snippets;
}

/** The file's exact text: 2-space JSON and a final newline. */
export function renderSnippetsFile(snippets: SnippetFile = generateSnippets()): string {
  return `${JSON.stringify(snippets, null, 2)}\n`;
}
