// An open document is answered before the walk and the parse reach what it needs
// (WorkspaceIndex.onDemand, docs/architecture.md): the walk is held at one folder here, so
// the order of events is fixed, not a matter of timing.
import assert from 'node:assert/strict';
import { InMemoryFileSystem } from '../../../server/src/base/fileSystem';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { silentLogger } from '../../../server/src/base/logger';
import { createEngine, type Engine } from '../../../server/src/engine/engine';
import { positionOf } from '../helpers';

const OPEN = `# Open

See [the target](../b/QG_Target.md#scope), [a missing heading](../b/QG_Target.md#nowhere),
[a missing file](../b/QG_Nothing.md) and [a folder](../c/).

[](../b/)
`;

const FILES = {
  '/ws/a/open.md': OPEN,
  '/ws/b/QG_Target.md': '# QG Target\n\n## Scope\n\nText.\n',
  '/ws/b/QG_Other.md': '# QG Other\n',
  '/ws/c/notes.md': '# Notes\n',
  '/ws/node_modules/pkg/README.md': '# Package\n',
  // The walk reads the root's sub-folders level by level: it stops at this one until released.
  '/ws/held/deep/QG_Later.md': '# Later\n',
};

/** An in-memory workspace whose listing of `/ws/held` waits until `release()`. */
class HeldFileSystem extends InMemoryFileSystem {
  private releaseHeld: () => void = () => {};
  private readonly held = new Promise<void>((resolve) => (this.releaseHeld = resolve));
  readonly reads: string[] = [];
  override async readDirectory(path: string) {
    this.reads.push(path);
    if (path === '/ws/held') await this.held;
    return super.readDirectory(path);
  }
  release(): void {
    this.releaseHeld();
  }
}

describe('workspace: an open document is answered on demand while the workspace is listed', () => {
  let fs: HeldFileSystem;
  let engine: Engine;
  let indexing: Promise<void>;
  let listed = false;

  beforeEach(async () => {
    fs = new HeldFileSystem(FILES);
    engine = createEngine({ fs, roots: ['/ws'], logger: silentLogger });
    listed = false;
    indexing = engine.indexWorkspace(neverCancelled, () => (listed = true));
    await engine.openDocument('/ws/a/open.md', OPEN);
  });

  afterEach(async () => {
    fs.release();
    await indexing;
  });

  it('early diagnostics: exact link findings from the folders and targets listed and parsed on demand', async () => {
    const diagnostics = await engine.onDemand(() => engine.features.diagnostics.provideEarlyDiagnostics('/ws/a/open.md', neverCancelled), neverCancelled);
    assert.equal(listed, false, 'the walk is still held');
    assert.equal(engine.index.hasFile('/ws/held/deep/QG_Later.md'), false, 'the held folder is not listed');
    assert.deepEqual(
      diagnostics.map((d) => `${d.code} ${d.range.start.line}`).sort(),
      ['link.missing-anchor 2', 'link.missing-file 3'],
      JSON.stringify(diagnostics.map((d) => d.message)),
    );
    assert.ok(engine.index.getDocument('/ws/b/QG_Target.md'), 'the target was parsed out of turn');
  });

  it('hover and completion: the target’s title and the folder’s files, before the listing completes', async () => {
    const hover = await engine.onDemand(
      () => engine.features.hover.provideHover('/ws/a/open.md', positionOf(OPEN, 'the target', 2), neverCancelled, OPEN),
      neverCancelled,
    );
    assert.match(JSON.stringify(hover?.contents), /QG Target/);
    const completion = await engine.onDemand(
      () => engine.features.completion.provideCompletions('/ws/a/open.md', positionOf(OPEN, '[](../b/)', 8), neverCancelled, OPEN),
      neverCancelled,
    );
    assert.deepEqual(completion.items.map((i) => i.label).sort(), ['QG_Other.md', 'QG_Target.md']);
    assert.equal(listed, false, 'answered while the walk is held');
    fs.release();
    await indexing;
    assert.equal(fs.reads.filter((r) => r === '/ws/b').length, 1, 'a folder read on demand is not read again by the walk');
  });

  it('without onDemand the same question sees only what the walk has reached; the full index agrees in the end', async () => {
    const before = engine.features.completion.provideCompletions('/ws/a/open.md', positionOf(OPEN, '[](../b/)', 8), neverCancelled, OPEN);
    assert.deepEqual(before.items, [], 'nothing listed yet: onDemand is what makes the answer exact');
    fs.release();
    await indexing;
    assert.equal(listed, true);
    assert.ok(engine.index.hasFile('/ws/held/deep/QG_Later.md'));
    const after = engine.features.completion.provideCompletions('/ws/a/open.md', positionOf(OPEN, '[](../b/)', 8), neverCancelled, OPEN);
    assert.deepEqual(after.items.map((i) => i.label).sort(), ['QG_Other.md', 'QG_Target.md']);
  });

  it('a missing folder or a path outside the workspace is asked for once, not in every round', async () => {
    const text = '# Y\n\n[gone](../nowhere/deeper/QG_Gone.md) and [outside](../../../etc/QG_Out.md) and [there](../b/QG_Target.md)\n';
    await engine.openDocument('/ws/a/y.md', text);
    let rounds = 0;
    const diagnostics = await engine.onDemand(() => {
      rounds++;
      return engine.features.diagnostics.provideEarlyDiagnostics('/ws/a/y.md', neverCancelled);
    }, neverCancelled);
    assert.equal(rounds, 2, 'one round to list what it asked for, one to answer');
    assert.equal(listed, false);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['link.missing-file', 'link.outside-workspace'], JSON.stringify(diagnostics.map((d) => d.message)));
  });

  it('a link into an excluded folder stays unlisted on demand, as in the walk', async () => {
    const text = '# X\n\n[dep](../node_modules/pkg/README.md)\n';
    await engine.openDocument('/ws/a/x.md', text);
    await engine.onDemand(() => engine.features.diagnostics.provideEarlyDiagnostics('/ws/a/x.md', neverCancelled), neverCancelled);
    assert.ok(!fs.reads.includes('/ws/node_modules'), fs.reads.join(', '));
    assert.equal(engine.index.hasFile('/ws/node_modules/pkg/README.md'), false);
  });
});
