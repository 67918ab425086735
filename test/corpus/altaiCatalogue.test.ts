import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { altaiCatalogue, blockOf } from '../../server/src/domain/altai/catalogue';
import { parseQuestionBlocks } from '../../server/src/domain/altai/questionBlocks';
import { CORPUS } from '../helpers/fixtures';
import { requireCorpus } from '../helpers/corpus';

function markdownFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = join(folder, name);
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : [];
  });
}

describe('corpus: every quoted question maps to the ALTAI catalogue', () => {
  const corpus = join(CORPUS, 'mqg4ai');
  before(function () {
    requireCorpus(this, corpus);
  });

  it('maps each question of each ALTAI / Additional Questions block to exactly one entry, of the right block and section', () => {
    const catalogue = altaiCatalogue();
    const problems: string[] = [];
    let checked = 0;
    for (const file of markdownFiles(corpus)) {
      for (const block of parseQuestionBlocks(readFileSync(file, 'utf8'))) {
        for (const question of block.questions) {
          checked++;
          const matches = catalogue.findByText(question.text);
          const where = `${relative(corpus, file)}:${question.line + 1}`;
          if (matches.length !== 1) problems.push(`${where} ${matches.length} matches: ${question.text}`);
          else if (blockOf(matches[0].question) !== block.kind) problems.push(`${where} wrong block`);
          else if (matches[0].section.title !== block.section) problems.push(`${where} section ${block.section} vs ${matches[0].section.title}`);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(checked >= 146 * 2, `questions checked: ${checked}`);
  });
});
