// Term hovers look definitions up by term: cost independent of how many
// `Definition` headings the workspace holds (20k of them made hovers take 15 s).
import assert from 'node:assert/strict';
import { definitionAt } from '../../../server/src/domain/glossary/glossary';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { neverCancelled } from '../../../server/src/base/cancellation';
import type { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';
import { buildIndex } from '../helpers';
import { bestTime } from './growth';

const catalogue = altaiCatalogue();

/** `n` Definition headings spread over 10 documents. */
async function definitions(n: number): Promise<WorkspaceIndex> {
  const files: Record<string, string> = { '/ws/a.md': '# A\n\nThe golden set and ordinary words.\n' };
  for (let f = 0; f < 10; f++) {
    files[`/ws/defs/d${f}.md`] = Array.from({ length: n / 10 }, (_, i) => `## Definition Term number ${f}x${i}\nMeaning ${i}.\n\n`).join('');
  }
  files['/ws/defs/golden.md'] = '## Definition Golden Set\nThe frozen test data.\n';
  const { index } = await buildIndex(files);
  return index;
}

const hover = (index: WorkspaceIndex, lineText: string, needle: string) =>
  definitionAt(index, catalogue, index.getDocument('/ws/a.md')!, 0, lineText, lineText.indexOf(needle) + 1, neverCancelled);

describe('robustness: term hovers with many definitions', function () {
  this.timeout(120_000);

  it('hover time does not grow with the number of definitions', async () => {
    const small = await definitions(500);
    const large = await definitions(8000);
    const line = 'The golden set and ordinary words.';
    assert.equal(hover(small, line, 'golden')?.term, 'Golden Set');
    assert.equal(hover(large, line, 'golden')?.term, 'Golden Set');
    assert.equal(hover(large, 'see term number 3x7 here', 'number')?.definition, 'Meaning 7.');
    hover(small, line, 'ordinary');
    const a = Math.max(
      bestTime(() => hover(small, line, 'ordinary'), 5),
      0.5,
    );
    const b = bestTime(() => hover(large, line, 'ordinary'), 5);
    // 16x the definitions: the scan over every document grew 16x; the lookup stays flat.
    assert.ok(b / a < 4, `16x the definitions took ${(b / a).toFixed(1)}x (${a.toFixed(2)} -> ${b.toFixed(2)} ms)`);
  });

  it('follows edits and deletions of the defining documents', async () => {
    const { index } = await buildIndex({
      '/ws/a.md': '# A\n',
      '/ws/g.md': '## Definition Golden Set\nOld words.\n',
      '/ws/h.md': '## Definition Golden Set\nLater words.\n',
    });
    const line = 'the golden set';
    assert.equal(hover(index, line, 'golden')?.definition, 'Old words.');
    index.setOpenText('/ws/g.md', '## Definition Golden Set\nNew words.\n');
    assert.equal(hover(index, line, 'golden')?.definition, 'New words.');
    index.setOpenText('/ws/g.md', '# nothing\n');
    assert.equal(hover(index, line, 'golden')?.definition, 'Later words.', 'the next document by path');
    index.fileDeleted('/ws/h.md');
    assert.equal(hover(index, line, 'golden'), undefined);
  });

  it('a hover on a 100 KB line searches only around the cursor', async () => {
    const { index } = await buildIndex({ '/ws/a.md': '# A\n', '/ws/g.md': '## Definition Golden Set\nWords.\n' });
    const line = (n: number) => `${'word '.repeat(n)}the golden set ${'word '.repeat(n)}`;
    const short = line(100);
    const long = line(20_000);
    hover(index, short, 'golden');
    const a = Math.max(
      bestTime(() => hover(index, short, 'golden'), 5),
      0.5,
    );
    const b = bestTime(() => hover(index, long, 'golden'), 5);
    assert.equal(hover(index, long, 'golden')?.term, 'Golden Set');
    assert.ok(b / a < 10, `a 200x longer line took ${(b / a).toFixed(1)}x (${a.toFixed(2)} -> ${b.toFixed(2)} ms)`);
  });
});
