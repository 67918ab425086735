// Regenerates server/data/altai.json from the MQG4AI design-knowledge requirement
// documents (../shared/corpus on development machines). The output is committed:
// users never need the corpus. Run: npx tsx scripts/generate-altai-catalogue.ts
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { parseQuestionBlocks } from '../server/src/domain/altai/questionBlocks';
import type { Catalogue, CatalogueQuestion, CatalogueRequirement, CatalogueSection, QuestionKind } from '../server/src/domain/altai/catalogue';

// MQG4AI_CORPUS points at the shared corpus from elsewhere (a git worktree), as for the tests.
const corpus = process.env.MQG4AI_CORPUS ? resolve(process.env.MQG4AI_CORPUS) : resolve(__dirname, '../../shared/corpus');
const source = join(corpus, 'mqg4ai/MQG4DesignKnowledge/3_RiskManagement/AI_Risks');
const output = resolve(__dirname, '../server/data/altai.json');
const CODES: Record<string, string> = {
  HumanAgencyOversight: 'HAO',
  TechnicalRobustnessSafety: 'TRS',
  PrivacyDataGovernance: 'PDG',
  Transparency: 'TRA',
  'DiversityNon-DiscriminationFairness': 'DNF',
  SocietalEnvironmentalWellbeing: 'SEW',
  Accountability: 'ACC',
};

/**
 * What the documents' lists do not say, stated here once: which entries of an `ALTAI:` list are
 * answer options of a choose-list, and which are MQG4AI's notes rather than ALTAI text. Every
 * other entry of an `ALTAI:` list is a question; of `Additional Questions:`, an MQG4AI question.
 * A test (test/unit/altai/catalogue.test.ts) compares the result with a committed snapshot.
 */
const OPTIONS_OF = ['HAO.human-oversight.1', 'TRS.resilience-to-attack-and-security.3.2'];
const OPTIONS = ['PDG.data-governance.2.1', 'PDG.data-governance.2.2', 'PDG.data-governance.2.3', 'PDG.data-governance.2.4', 'PDG.data-governance.2.5'];
const NOTES = ['TRA.traceability.1.4.1'];

function kindOf(id: string, parent: string | undefined, block: 'altai' | 'additional'): QuestionKind {
  if (block === 'additional') return 'mqg4ai-question';
  if (NOTES.includes(id)) return 'note';
  return OPTIONS.includes(id) || (parent !== undefined && OPTIONS_OF.includes(parent)) ? 'option' : 'question';
}

if (!existsSync(source)) {
  console.error(`Corpus not found at ${source}; the committed catalogue stays as it is.`);
  process.exit(1);
}

const requirements: CatalogueRequirement[] = [];
for (const folder of readdirSync(source)
  .filter((f) => /^\d+_/.test(f))
  .sort()) {
  const name = folder.replace(/^\d+_/, '');
  const text = readFileSync(join(source, folder, `${name}.md`), 'utf8');
  const lines = text.split(/\r?\n/);
  const definitionAt = lines.findIndex((l) => /^#+\s+Definition\s+/.test(l));
  const title = lines[definitionAt].replace(/^#+\s+Definition\s+/, '').trim();
  const definition: string[] = [];
  for (let i = definitionAt + 1; i < lines.length && !/^#/.test(lines[i]); i++) if (lines[i].trim()) definition.push(lines[i].trim());

  const code = CODES[name];
  const sections = new Map<string, CatalogueSection & { questions: CatalogueQuestion[] }>();
  const slugger = new GithubSlugger();
  for (const block of parseQuestionBlocks(text)) {
    let section = sections.get(block.section);
    if (!section) {
      section = { id: `${code}.${slugger.slug(block.section)}`, title: block.section, questions: [] };
      sections.set(block.section, section);
    }
    const ids: string[] = [];
    const counters: number[] = [];
    let additional = section.questions.filter((q) => q.kind === 'mqg4ai-question').length;
    const topLevel = () => section!.questions.filter((q) => q.kind !== 'mqg4ai-question' && !q.parent).length;
    block.questions.forEach((q, i) => {
      let id: string;
      if (block.kind === 'additional') {
        id = q.depth === 0 ? `${section!.id}.A${++additional}` : `${ids[q.parent!]}.${++counters[q.parent!]}`;
      } else {
        id = q.depth === 0 ? `${section!.id}.${topLevel() + 1}` : `${ids[q.parent!]}.${++counters[q.parent!]}`;
      }
      ids[i] = id;
      counters[i] = 0;
      const parent = q.depth > 0 ? ids[q.parent!] : undefined;
      section!.questions.push({ id, text: q.text, ...(parent ? { parent } : {}), kind: kindOf(id, parent, block.kind) });
    });
  }
  requirements.push({ id: code, name, title, definition: definition.join(' '), sections: [...sections.values()] });
}

const catalogue: Catalogue = {
  source:
    'Assessment List for Trustworthy Artificial Intelligence (ALTAI) for self-assessment, High-Level Expert Group on Artificial Intelligence, European Commission, 2020. https://digital-strategy.ec.europa.eu/en/library/assessment-list-trustworthy-artificial-intelligence-altai-self-assessment',
  attribution:
    'Question and option texts (kind "question", "option") and requirement definitions: EU High-Level Expert Group on AI, ALTAI, 2020, quoted verbatim. Entries of kind "mqg4ai-question" (the additional questions) and "note" (a cross-reference written into an ALTAI list) are the MQG4AI methodology\'s (MQG4AI design knowledge, Apache License 2.0).',
  requirements,
};
writeFileSync(output, `${JSON.stringify(catalogue, null, 2)}\n`);
const entries = requirements.flatMap((r) => r.sections.flatMap((s) => s.questions));
const count = (kind: QuestionKind) => entries.filter((q) => q.kind === kind).length;
console.log(
  `Wrote ${output}: ${requirements.length} requirements, ${count('question')} ALTAI questions, ${count('option')} answer options, ${count('mqg4ai-question')} MQG4AI questions, ${count('note')} note(s).`,
);
