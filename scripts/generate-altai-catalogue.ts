// Regenerates server/data/altai.json from the MQG4AI design-knowledge requirement
// documents (../shared/corpus on development machines). The output is committed:
// users never need the corpus. Run: npx tsx scripts/generate-altai-catalogue.ts
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { parseQuestionBlocks } from '../server/src/domain/altai/questionBlocks';
import type { Catalogue, CatalogueQuestion, CatalogueRequirement, CatalogueSection } from '../server/src/domain/altai/catalogue';

const source = resolve(__dirname, '../../shared/corpus/mqg4ai/MQG4DesignKnowledge/3_RiskManagement/AI_Risks');
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
    let additional = section.questions.filter((q) => q.origin === 'mqg4ai').length;
    const topLevel = () => section!.questions.filter((q) => q.origin === 'altai' && !q.parent).length;
    block.questions.forEach((q, i) => {
      let id: string;
      if (block.kind === 'additional') {
        id = q.depth === 0 ? `${section!.id}.A${++additional}` : `${ids[q.parent!]}.${++counters[q.parent!]}`;
      } else {
        id = q.depth === 0 ? `${section!.id}.${topLevel() + 1}` : `${ids[q.parent!]}.${++counters[q.parent!]}`;
      }
      ids[i] = id;
      counters[i] = 0;
      section!.questions.push({ id, text: q.text, ...(q.depth > 0 ? { parent: ids[q.parent!] } : {}), origin: block.kind === 'altai' ? 'altai' : 'mqg4ai' });
    });
  }
  requirements.push({ id: code, name, title, definition: definition.join(' '), sections: [...sections.values()] });
}

const catalogue: Catalogue = {
  source:
    'Assessment List for Trustworthy Artificial Intelligence (ALTAI) for self-assessment, High-Level Expert Group on Artificial Intelligence, European Commission, 2020. https://digital-strategy.ec.europa.eu/en/library/assessment-list-trustworthy-artificial-intelligence-altai-self-assessment',
  attribution:
    'Question texts (origin "altai") and requirement definitions: EU High-Level Expert Group on AI, ALTAI, 2020, quoted verbatim. Questions with origin "mqg4ai" are the MQG4AI methodology\'s additional questions (MQG4AI design knowledge, Apache License 2.0).',
  requirements,
};
writeFileSync(output, `${JSON.stringify(catalogue, null, 2)}\n`);
const count = requirements.reduce((n, r) => n + r.sections.reduce((m, s) => m + s.questions.length, 0), 0);
console.log(`Wrote ${output}: ${requirements.length} requirements, ${count} questions.`);
