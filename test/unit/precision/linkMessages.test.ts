// Link findings a reviewer can act on (issue 16): what is wrong and the suggestion first, short
// relative paths, heading text for anchors, visible ranges for empty links.
import assert from 'node:assert/strict';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import { quickFixesFor } from '../../../server/src/features/refactor/quickFixes';
import { buildIndex, rangeOf, tuple } from '../helpers';

const DOC = '/ws/tree/2_Lifecycle/2_Model/QG_Training_(Model).md';
const text = [
  '# Training',
  '',
  'Input from [cleaning](../1_Data/QG_Cleaning_(Data)) and [the scope](../../1_System/Application/Application.md#4-scope).',
  'Report: [training report]().',
  'Metrics in [metrics](../3_Evaluation/Metrics/).',
  '',
].join('\n');

async function diagnostics() {
  const { index } = await buildIndex({
    [DOC]: text,
    '/ws/tree/2_Lifecycle/1_Data/QG_Cleaning_(Data).md': '# Cleaning\n',
    '/ws/tree/1_System/Application/Application.md': '# Application\n\n## 2. Scope\n\nEmergency rooms.\n',
    '/ws/tree/2_Lifecycle/3_Evaluation/QG_Metric_(Evaluation).md': '# Metric\n',
  });
  const doc = index.getDocument(DOC)!;
  return { index, doc, found: computeDocumentDiagnostics(index, doc).filter((d) => d.code.startsWith('link.')) };
}

describe('precision: link messages and ranges', () => {
  it('an extension-less link whose <path>.md exists is a missing file, with that file as the suggestion and a safe fix', async () => {
    const { index, doc, found } = await diagnostics();
    const d = found.find((x) => x.target === '../1_Data/QG_Cleaning_(Data)')!;
    assert.equal(d.code, 'link.missing-file');
    assert.equal(d.suggestion, '/ws/tree/2_Lifecycle/1_Data/QG_Cleaning_(Data).md');
    assert.equal(d.message, 'Not a folder: QG_Cleaning_(Data). Did you mean "../1_Data/QG_Cleaning_(Data).md"? Looked for ../1_Data/QG_Cleaning_(Data).');
    const fixes = quickFixesFor(index, doc, text.split('\n'), { canCreateFiles: false }).filter((f) => f.diagnostic === d || f.diagnostic.target === d.target);
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].title, 'Change the link to ../1_Data/QG_Cleaning_(Data).md');
    assert.ok(fixes[0].safe && fixes[0].isPreferred);
  });

  it('an anchor message names the suggested heading by its text, not only its slug', async () => {
    const d = (await diagnostics()).found.find((x) => x.code === 'link.missing-anchor')!;
    assert.equal(d.message, 'Heading not found: #4-scope in Application.md. Did you mean "#2-scope" (heading "2. Scope")?');
  });

  it('an empty link covers its () so the editor shows it', async () => {
    const d = (await diagnostics()).found.find((x) => x.code === 'link.empty')!;
    const [line, start] = rangeOf(text, '[training report]()');
    assert.deepEqual(tuple(d.range), [line, start + '[training report]'.length, line, start + '[training report]()'.length]);
    assert.ok(d.range.end.character > d.range.start.character);
  });

  it('messages lead with what is wrong, and carry no absolute path', async () => {
    for (const d of (await diagnostics()).found) {
      assert.match(d.message, /^(File not found|Folder not found|Not a folder|Heading not found|Empty link)/, d.message);
      assert.doesNotMatch(d.message, /\/ws\//, d.message);
    }
  });
});
