// A quote under a heading is the template's prompt only when it is one (issue 16).
import assert from 'node:assert/strict';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import { buildIndex } from '../helpers';
import { filledLeafQg } from './fixtures';

const QG = '/ws/tree/2_Lifecycle/1_Data/QG_Sampling_(Data).md';
const SYSTEM = '/ws/tree/1_System/AI_System.md';

async function emptySections(text: string): Promise<string[]> {
  const { index } = await buildIndex({ [QG]: text, [SYSTEM]: '# System\n\n[s](../2_Lifecycle/1_Data/QG_Sampling_(Data).md)\n' });
  return computeDocumentDiagnostics(index, index.getDocument(QG)!)
    .filter((d) => d.code === 'qg.empty-section')
    .map((d) => d.message);
}

/** The template's Method section with `body` in place of its prompt and answer. */
const method = (body: string) =>
  filledLeafQg('QG_Sampling').replace(/#### Dimension 2: Method\n> [^\n]*\n\nThe team wrote this down\.\n/, `#### Dimension 2: Method\n${body}\n`);

describe('precision: answers written as a quote', () => {
  it('a quote that is no question, right under the heading, is an answer', async () => {
    assert.deepEqual(await emptySections(method('> Stratified by site; the split script is versioned with the data.')), []);
  });

  it("the template's own prompt, alone, leaves the section empty", async () => {
    assert.equal((await emptySections(method('> By which procedure is the content produced and checked?'))).length, 1);
  });

  it('a guiding question in other words (as in older templates), alone, leaves it empty too', async () => {
    assert.equal((await emptySections(method('> Which procedure turns the inputs into the content?'))).length, 1);
  });

  it('a quoted answer after the prompt counts', async () => {
    assert.deepEqual(await emptySections(method('> By which procedure is the content produced and checked?\n\n> Stratified by site.')), []);
  });
});
