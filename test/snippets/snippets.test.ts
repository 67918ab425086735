import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  REGENERATE_COMMAND,
  SNIPPETS_FILE,
  generateSnippets,
  renderSnippetsFile,
  type VsCodeSnippet,
} from '../../scripts/snippetGenerator';
import { altaiCatalogue, blockOf, type CatalogueQuestion, type CatalogueSection } from '../../server/src/domain/altai/catalogue';
import { parseQuestionBlocks } from '../../server/src/domain/altai/questionBlocks';
import { parseDocument } from '../../server/src/domain/document/parseDocument';
import { builtInPacks, packItems } from '../../server/src/domain/packs/registry';
import { leafQgTemplate, readTemplate, riskTemplate } from '../../server/src/domain/templates/documentTemplates';
import { expandSnippet, parseSnippet, tabStops } from './snippetSyntax';

const root = resolve(__dirname, '../..');
const catalogue = altaiCatalogue();
const snippets = generateSnippets();
const all = Object.entries(snippets);

function byPrefix(prefix: string): VsCodeSnippet {
  const found = Object.values(snippets).find((s) => s.prefix === prefix);
  assert.ok(found, `no snippet with prefix ${prefix}`);
  return found;
}

const sectionPrefix = (requirementId: string, section: CatalogueSection) =>
  `altai-${requirementId.toLowerCase()}-${section.id.slice(requirementId.length + 1)}`;

/** Depth from the catalogue's parent chain, computed here independently of the generator. */
function depthOf(section: CatalogueSection, question: CatalogueQuestion): number {
  let depth = 0;
  for (let p = question.parent; p; p = section.questions.find((q) => q.id === p)?.parent) depth++;
  return depth;
}

const parentText = (section: CatalogueSection, question: CatalogueQuestion) =>
  question.parent ? section.questions.find((q) => q.id === question.parent)?.text : undefined;

/** What a section's blocks must hold: ALTAI's questions with their options, then the additional ones, each in catalogue order; never a note. */
function expectedItems(section: CatalogueSection) {
  return (['altai', 'additional'] as const).flatMap((block) =>
    section.questions
      .filter((q) => q.kind !== 'note' && blockOf(q) === block)
      .map((q) => ({
        block: block === 'altai' ? 'ALTAI:' : 'Additional Questions:',
        text: q.text,
        depth: depthOf(section, q),
        parent: parentText(section, q),
      })),
  );
}

/** Quoted items of an expanded snippet, read line by line: block label, text, depth from `>` indentation, parent. */
function quotedItems(text: string) {
  const items: Array<{ block: string; text: string; depth: number; parent?: string }> = [];
  let block = '';
  for (const line of text.split('\n')) {
    if (line === 'ALTAI:' || line === 'Additional Questions:') {
      block = line;
      continue;
    }
    if (/^#/.test(line)) block = '';
    const item = /^>( +)- (.*)$/.exec(line);
    if (!item) continue;
    const spaces = item[1].length;
    assert.equal((spaces - 1) % 2, 0, `odd indentation (${spaces} spaces after ">") in: ${line}`);
    const depth = (spaces - 1) / 2;
    let parent: string | undefined;
    if (depth > 0) {
      const above = [...items].reverse().find((i) => i.block === block && i.depth < depth);
      assert.ok(above && above.depth === depth - 1, `"${item[2]}" is indented deeper than one level below the question above it`);
      parent = above.text;
    }
    items.push({ block, text: item[2], depth, parent });
  }
  return items;
}

describe('snippets: generated from the ALTAI catalogue and the templates', () => {
  describe('(a) the committed file', () => {
    it(`equals the generator's output (else run \`${REGENERATE_COMMAND}\`)`, () => {
      const committed = readFileSync(resolve(root, SNIPPETS_FILE), 'utf8').replace(/\r\n/g, '\n');
      const expected = renderSnippetsFile(snippets);
      if (committed === expected) return;
      let detail: string;
      try {
        const parsed = JSON.parse(committed) as Record<string, unknown>;
        const keys = new Set([...Object.keys(parsed), ...Object.keys(snippets)]);
        const stale = [...keys].filter((k) => JSON.stringify(parsed[k]) !== JSON.stringify(snippets[k]));
        detail = stale.length > 0 ? ` Differing snippets: ${stale.join(', ')}.` : ' Only the formatting differs.';
      } catch (error) {
        detail = ` It is not valid JSON: ${(error as Error).message}.`;
      }
      assert.fail(`${SNIPPETS_FILE} is out of date with the catalogue/templates: run \`${REGENERATE_COMMAND}\` (never edit it by hand).${detail}`);
    });

    it('is contributed for Markdown in package.json and has a generate script', () => {
      const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
      assert.deepEqual(pkg.contributes.snippets, [{ language: 'markdown', path: `./${SNIPPETS_FILE}` }]);
      assert.match(pkg.scripts['generate:snippets'], /scripts\/generate-snippets\.ts/);
    });

    it('marks every snippet as generated and gives each a unique prefix', () => {
      const prefixes = all.map(([, s]) => s.prefix);
      assert.equal(new Set(prefixes).size, prefixes.length);
      for (const [name, snippet] of all) {
        assert.match(snippet.description, /\(generated from the [^()]+\)$/, name);
        assert.ok(Array.isArray(snippet.body) && snippet.body.length > 0, name);
        assert.deepEqual(Object.keys(snippet).sort(), ['body', 'description', 'prefix'], name);
      }
    });

    it('has the three document skeletons, one per requirement and one per ALTAI section', () => {
      const expected = ['qg-leaf', 'qg-risk', 'qg-collection'];
      for (const requirement of catalogue.requirements) {
        expected.push(`altai-requirement-${requirement.id.toLowerCase()}`);
        for (const section of requirement.sections) expected.push(sectionPrefix(requirement.id, section));
      }
      for (const pack of builtInPacks().filter((p) => p.id !== 'altai')) {
        expected.push(`pack-${pack.id}`, ...pack.items.map((item) => `pack-${item.id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`));
      }
      assert.deepEqual(all.map(([, s]) => s.prefix), expected);
    });
    it('are all listed, and only they, in docs/snippets.md', () => {
      const docs = readFileSync(resolve(root, 'docs/snippets.md'), 'utf8');
      const listed = [...docs.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
      assert.deepEqual(listed, all.map(([, s]) => s.prefix), 'update the prefix table in docs/snippets.md');
    });
  });

  describe('(b) ALTAI section snippets', () => {
    const sectionSnippets = catalogue.requirements.flatMap((requirement) =>
      requirement.sections.map((section) => ({ requirement, section, snippet: byPrefix(sectionPrefix(requirement.id, section)) })),
    );

    it('hold every section question in catalogue order with its nesting, then $0', () => {
      for (const { section, snippet } of sectionSnippets) {
        assert.equal(snippet.body[0], section.questions.some((q) => blockOf(q) === 'altai') ? 'ALTAI:' : 'Additional Questions:', section.id);
        assert.equal(snippet.body[snippet.body.length - 1], '$0', section.id);
        assert.deepEqual(quotedItems(expandSnippet(snippet.body)), expectedItems(section), section.id);
      }
    });

    it('separate the additional questions by a blank line and their own label', () => {
      for (const { section, snippet } of sectionSnippets) {
        const at = snippet.body.indexOf('Additional Questions:');
        assert.equal(at >= 0, section.questions.some((q) => q.kind === 'mqg4ai-question'), section.id);
        if (at > 0) assert.equal(snippet.body[at - 1], '', section.id);
      }
    });

    it('quote every catalogue question and option in exactly one section snippet, as plain text, and no note', () => {
      const quoted = sectionSnippets.flatMap(({ section, snippet }) =>
        quotedItems(expandSnippet(snippet.body)).map((item) => ({ section: section.id, text: item.text })),
      );
      const all = [...catalogue.allQuestions()];
      const questions = all.filter((e) => e.question.kind !== 'note');
      assert.equal(quoted.length, questions.length);
      for (const note of all.filter((e) => e.question.kind === 'note')) {
        assert.ok(!quoted.some((q) => q.text === note.question.text), `${note.question.id}: a note is not inserted`);
      }
      for (const { section, question } of questions) {
        const hits = quoted.filter((q) => q.text === question.text);
        assert.deepEqual(hits.map((h) => h.section), [section.id], question.id);
      }
      for (const { snippet } of sectionSnippets) {
        assert.deepEqual(tabStops(snippet.body), [0], 'questions carry no tab stops');
      }
    });
  });

  describe('(b2) assessment pack checklists', () => {
    for (const pack of builtInPacks().filter((p) => p.id !== 'altai')) {
      it(`${pack.id}: every item once as [ID](evidence) with a field in the link, stages in their own snippets`, () => {
        const leaves = [...packItems(pack)].filter((e) => e.leaf).map((e) => e.item);
        const whole = byPrefix(`pack-${pack.id}`);
        const doc = parseDocument('/ws/2_Lifecycle/QG_X_(Y).md', expandSnippet(whole.body));
        assert.deepEqual(doc.citations?.map((c) => c.id), leaves.map((l) => l.id));
        assert.ok(doc.citations?.every((c) => c.linkRange), 'written as links');
        assert.ok(doc.links.every((l) => l.destination === ''), 'the evidence is for the author to link');
        assert.deepEqual(tabStops(whole.body), [0, ...leaves.map((_, i) => i + 1)]);
        for (const section of pack.items) {
          const snippet = byPrefix(`pack-${section.id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);
          const ids = parseDocument('/ws/x.md', expandSnippet(snippet.body)).citations?.map((c) => c.id);
          assert.deepEqual(ids, [...packItems(pack)].filter((e) => e.leaf && (e.item === section || e.ancestors.includes(section))).map((e) => e.item.id), section.id);
        }
      });
    }
  });

  describe('(c) snippet syntax', () => {
    it('accepts what VS Code reads as tab stops, placeholders and escapes', () => {
      for (const ok of ['$1 and $0', '${1} ${2:x} ${3:a ${4:b}}', 'costs \\$5 \\} \\\\', '{Name: X${1:}}', '} at top level', '${1:}']) {
        assert.deepEqual(parseSnippet(ok).errors, [], ok);
      }
      assert.equal(expandSnippet(['{Name: ${1:A}}', '## ${1} ${2:b ${3:c}} $4\\$ $0']), '{Name: A}\n## A b c $ ');
    });

    it('rejects stray dollars, variables, choices and unclosed placeholders', () => {
      for (const bad of ['costs $5x$', '$TM_FILENAME', '${TM_FILENAME}', '${1|a,b|}', '${1:open', '${1:a ${2:b}', 'end $', '$0 $0', '${1:a} ${1:b}']) {
        assert.notDeepEqual(parseSnippet(bad).errors, [], bad);
      }
    });

    it('every snippet body is valid, one line per entry, and ends at $0', () => {
      for (const [name, snippet] of all) {
        for (const line of snippet.body) assert.doesNotMatch(line, /[\r\n\t]/, name);
        assert.deepEqual(parseSnippet(snippet.body.join('\n')).errors, [], name);
        assert.ok(tabStops(snippet.body).includes(0), `${name} ends with $0`);
      }
    });
  });

  describe('(d) skeletons expand to documents the parser recognises', () => {
    it('Leaf-QG: kind leaf-qg, every template section and prompt, tab stops for name, view and every tag', () => {
      const snippet = byPrefix('qg-leaf');
      const text = expandSnippet(snippet.body);
      const doc = parseDocument('/ws/2_Lifecycle/1_Data/QG_X_(Y).md', text);
      assert.equal(doc.kind, 'leaf-qg');
      assert.deepEqual(doc.frontMatter?.problems, []);
      assert.deepEqual(doc.frontMatter?.tags.map((t) => t.key), ['Name', 'Intent', 'Problem', 'Solution', 'Applicability', 'Consequences', 'Usage Example']);
      assert.equal(doc.frontMatter?.tags[0].value, 'QG_Name_(View)');
      assert.equal(doc.headings[0].text, 'QG Name (View)');
      assert.deepEqual(readTemplate('leaf-qg', text).sections, leafQgTemplate.sections);
      const headings = doc.headings.map((h) => h.text);
      for (const section of leafQgTemplate.sections) assert.ok(headings.includes(section.heading), section.heading);

      const tags = snippet.body.find((l) => l.startsWith('tags:'))!;
      assert.match(tags, /^tags: \[\{Name: QG_\$\{1:Name\}_\(\$\{2:View\}\)\}, /);
      for (const tag of tags.slice('tags: ['.length, -1).split('}, {')) assert.match(tag, /\$\{?\d/, `tab stop in ${tag}`);
      assert.ok(snippet.body.includes('## QG ${1:Name} (${2:View})'));
      assert.deepEqual(tabStops(snippet.body), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('Risk: kind risk, every template section and prompt, tab stops for name and every tag', () => {
      const snippet = byPrefix('qg-risk');
      const text = expandSnippet(snippet.body);
      const doc = parseDocument('/ws/3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Accuracy/SomeRisk.md', text);
      assert.equal(doc.kind, 'risk');
      assert.deepEqual(doc.frontMatter?.problems, []);
      assert.deepEqual(doc.frontMatter?.tags.map((t) => [t.key, t.value]), [
        ['Name', 'Name'],
        ['Intent', 'Requirement_Risk'],
        ['Applicability', 'Requirement section'],
        ['Usage Example', ''],
      ]);
      assert.equal(doc.headings[0].text, 'Name');
      assert.deepEqual(readTemplate('risk', text).sections, riskTemplate.sections);
      const headings = doc.headings.map((h) => h.text);
      for (const section of riskTemplate.sections) assert.ok(headings.includes(section.heading), section.heading);
      assert.ok(snippet.body.includes('## ${1:Name}'));
      assert.deepEqual(tabStops(snippet.body), [0, 1, 2, 3, 4]);
    });

    it('Collection-QG: kind collection-qg, a title and a sub-QG link to fill in', () => {
      const snippet = byPrefix('qg-collection');
      const text = expandSnippet(snippet.body);
      const doc = parseDocument('/ws/2_Lifecycle/1_Data/QG_X_(Y).md', text);
      assert.equal(doc.kind, 'collection-qg');
      assert.deepEqual(doc.frontMatter?.problems, []);
      assert.equal(doc.frontMatter?.tags.find((t) => t.key === 'Intent')?.value, 'Overview');
      assert.deepEqual(doc.headings.map((h) => h.text), ['QG Name (View)', 'Sub-QGs']);
      assert.deepEqual(doc.links.map((l) => [l.text, l.destination]), [['Sub-QG', './']]);
      assert.ok(snippet.body.includes('## QG ${1:Name} (${2:View})'));
      assert.ok(snippet.body.includes('- [${3:Sub-QG}](${4:./})'));
    });

    for (const requirement of catalogue.requirements) {
      it(`requirement ${requirement.id}: parses back to exactly its catalogue questions`, () => {
        const snippet = byPrefix(`altai-requirement-${requirement.id.toLowerCase()}`);
        const text = expandSnippet(snippet.body);
        const doc = parseDocument(`/ws/3_RiskManagement/AI_Risks/${requirement.name}/${requirement.name}.md`, text);
        assert.equal(doc.kind, 'requirement');
        assert.deepEqual(doc.frontMatter?.problems, []);
        assert.deepEqual(doc.frontMatter?.tags.map((t) => [t.key, t.value]), [
          ['Name', requirement.name],
          ['Intent', 'Overview'],
          ['Applicability', 'AIAct'],
          ['Usage Example', ''],
        ]);
        assert.equal(catalogue.requirementFor(doc.frontMatter?.tags[0].value), requirement);
        assert.ok(snippet.body[1].includes(`{Name: ${requirement.name}\${1:}}`));
        const headings = doc.headings.map((h) => h.text);
        assert.deepEqual(headings, [
          `Definition ${requirement.title}`,
          `Overview Requirements ${requirement.title}`,
          ...requirement.sections.map((s) => s.title),
        ]);
        assert.ok(text.includes(`### Definition ${requirement.title}\n${requirement.definition}\n`));

        const parsed = parseQuestionBlocks(text).flatMap((block) =>
          block.questions.map((q) => ({
            section: block.section,
            block: block.kind === 'altai' ? 'ALTAI:' : 'Additional Questions:',
            text: q.text,
            depth: q.depth,
            parent: q.parent === undefined ? undefined : block.questions[q.parent].text,
          })),
        );
        const expected = requirement.sections.flatMap((section) => expectedItems(section).map((item) => ({ section: section.title, ...item })));
        assert.deepEqual(parsed, expected);
        for (const block of parseQuestionBlocks(text)) {
          assert.ok(catalogue.sectionFor(requirement, block.section), `section ${block.section} found in the catalogue`);
          for (const q of block.questions) assert.equal(q.answered, false, `${q.text} reads as unanswered`);
        }
      });
    }
  });
});
