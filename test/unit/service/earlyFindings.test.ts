// The full pass takes over an early pass's findings only while everything they were computed
// from is unchanged (DiagnosticsProvider, docs/architecture.md): the document's model, the
// listing, and every document the rules read. Each case compares with a fresh computation.
import assert from 'node:assert/strict';
import { neverCancelled } from '../../../server/src/base/cancellation';
import type { Engine } from '../../../server/src/engine/engine';
import { buildService } from '../helpers';

const LINKING = '# QG Linking\n\nSee [the scope](QG_Target.md#scope) and [later](QG_Later.md).\n';
const TARGET = '# QG Target\n\n## Scope\n\nText.\n';

const codes = (engine: Engine, path: string, pass: 'early' | 'full') =>
  (pass === 'early'
    ? engine.features.diagnostics.provideEarlyDiagnostics(path, neverCancelled)
    : Promise.resolve(engine.features.diagnostics.provideDiagnostics(path, neverCancelled))
  ).then((all) => all.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`).sort());

describe('service: early findings carried over to the full pass', () => {
  let engine: Engine;
  let fs: Awaited<ReturnType<typeof buildService>>['fs'];
  beforeEach(async () => {
    ({ service: engine, fs } = await buildService({ '/ws/QG_Linking.md': LINKING, '/ws/QG_Target.md': TARGET }));
  });

  const carried = () => engine.features.diagnostics.earlyFindingsCarriedOver;

  it('takes them over when nothing changed, with the same result as a fresh full pass', async () => {
    const fresh = await codes(engine, '/ws/QG_Linking.md', 'full');
    const early = await codes(engine, '/ws/QG_Linking.md', 'early');
    assert.deepEqual(
      early.filter((c) => c.startsWith('link.')),
      ['link.missing-file 2:48'],
    );
    const before = carried();
    assert.deepEqual(await codes(engine, '/ws/QG_Linking.md', 'full'), fresh);
    assert.equal(carried(), before + 1);
    // Taken once: the next full pass (after an edit, say) computes again.
    await codes(engine, '/ws/QG_Linking.md', 'full');
    assert.equal(carried(), before + 1);
  });

  it('computes again when a document the rules read has a new model (the anchor is gone)', async () => {
    await codes(engine, '/ws/QG_Linking.md', 'early');
    fs.write('/ws/QG_Target.md', '# QG Target\n\n## Purpose\n\nText.\n');
    await engine.fileChanged('/ws/QG_Target.md', 'changed');
    const before = carried();
    const full = await codes(engine, '/ws/QG_Linking.md', 'full');
    assert.ok(full.includes('link.missing-anchor 2:16'), full.join('\n'));
    assert.equal(carried(), before);
  });

  it('computes again when the listing changed (the missing file was created)', async () => {
    await codes(engine, '/ws/QG_Linking.md', 'early');
    fs.write('/ws/QG_Later.md', '# QG Later\n');
    await engine.fileChanged('/ws/QG_Later.md', 'created');
    const before = carried();
    const full = await codes(engine, '/ws/QG_Linking.md', 'full');
    assert.ok(!full.some((c) => c.startsWith('link.missing-file')), full.join('\n'));
    assert.equal(carried(), before);
  });

  it('computes again when the document itself has a new model', async () => {
    await codes(engine, '/ws/QG_Linking.md', 'early');
    await engine.openDocument('/ws/QG_Linking.md', '# QG Linking\n\nSee [the scope](QG_Target.md#nowhere).\n');
    const before = carried();
    const full = await codes(engine, '/ws/QG_Linking.md', 'full');
    assert.ok(full.includes('link.missing-anchor 2:16'), full.join('\n'));
    assert.equal(carried(), before);
  });
});
