// Pack citations: what the parser records as `[ID]` / `[ID](evidence)`, and that neither form
// is taken for a broken link.
import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { citationAt } from '../../../server/src/domain/packs/citations';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { buildService, rangeOf, tuple } from '../helpers';

const TEXT = `---
tags: [{Name: QG_X}, {Note: "[AMLAS-9.9] in front matter"}]
---
# Evidence [AMLAS-1.1]

See [AMLAS-3.1] and **[SAD.design.2]**, or (AIACT.art15) without brackets.

| Item | Where |
| --- | --- |
| [AIACT.art9] | the risk plan |

- [AMLAS-3.2](./data.md): linked evidence
- [x] a task, [ ] another, [note] a word, [1.2] a number, [^1] a footnote
- \`[AMLAS-5.2]\` in code, \\[AMLAS-5.3] escaped, ![AMLAS-5.4](img.png) an image
- [text][AMLAS-6.1] a full reference to nothing, [AMLAS-6.2][ev] a defined one

[ev]: ./data.md

[^1]: A footnote citing [TRS.accuracy.3].
`;

describe('packs: citations in the document model', () => {
  const doc = parseDocument('/ws/2_Lifecycle/QG_X.md', TEXT);

  it('records bare [ID] tokens and links whose text is an ID, in document order', () => {
    assert.deepEqual(
      doc.citations?.map((c) => c.id),
      ['AMLAS-1.1', 'AMLAS-3.1', 'SAD.design.2', 'AIACT.art9', 'AMLAS-3.2', 'AMLAS-6.1', 'AMLAS-6.2', 'TRS.accuracy.3'],
    );
  });

  it('ranges cover the brackets; a linked citation also has the whole link', () => {
    const bare = doc.citations!.find((c) => c.id === 'AMLAS-3.1')!;
    assert.deepEqual(tuple(bare.range), rangeOf(TEXT, '[AMLAS-3.1]'));
    assert.equal(bare.linkRange, undefined);
    const linked = doc.citations!.find((c) => c.id === 'AMLAS-3.2')!;
    assert.deepEqual(tuple(linked.range), rangeOf(TEXT, '[AMLAS-3.2]'));
    assert.deepEqual(tuple(linked.linkRange), rangeOf(TEXT, '[AMLAS-3.2](./data.md)'));
    assert.equal(citationAt(doc, { line: bare.range.start.line, character: bare.range.start.character + 3 }), bare);
  });

  it('are neither links nor references for the link checker', async () => {
    const { service } = await buildService({ '/ws/2_Lifecycle/QG_X.md': TEXT, '/ws/2_Lifecycle/data.md': '# Data\n', '/ws/2_Lifecycle/img.png': '' });
    assert.deepEqual(
      doc.references.map((r) => r.label),
      ['ev'],
      'only the defined reference',
    );
    assert.deepEqual(
      doc.links.map((l) => l.destination),
      ['./data.md', 'img.png', './data.md'],
    );
    const problems = service.features.diagnostics.provideDiagnostics('/ws/2_Lifecycle/QG_X.md', neverCancelled);
    assert.deepEqual(
      problems.filter((d) => String(d.code).startsWith('link.')),
      [],
    );
  });
});
