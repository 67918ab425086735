// The server's own file watcher (lsp/fileWatching.ts): excluded folders are never watched, and
// past its cap it watches no more entries and says so once.
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { ServerFileWatcher, type WatchedChange } from '../../../server/src/lsp/fileWatching';
import { makeWorkspace } from '../../helpers/workspace';
import type { Logger } from '../../../server/src/base/logger';

function recorder(maxEntries?: number) {
  const batches: WatchedChange[][] = [];
  const logs: string[] = [];
  const logger: Logger = { log: (level, message) => logs.push(`${level}: ${message}`) };
  let notify = () => {};
  const watcher = new ServerFileWatcher(
    (changes) => {
      batches.push([...changes]);
      notify();
    },
    logger,
    maxEntries,
  );
  const seen = () => batches.flat();
  /** Resolves once a change of `path` has been handed on. */
  const until = (path: string) =>
    new Promise<void>((resolve) => {
      notify = () => seen().some((c) => c.path === path) && resolve();
      notify();
    });
  const ready = async () => {
    while (!watcher.active) await new Promise((r) => setTimeout(r, 20));
  };
  return { watcher, logs, seen, until, ready };
}

describe('server-side file watching', function () {
  this.timeout(20000);

  it('reports files created on disk, never inside excluded folders or through folder links', async () => {
    const ws = makeWorkspace({ 'a.md': '# A\n', 'node_modules/m/x.md': '# x\n', 'outside/o.md': '# o\n' });
    const root = makeWorkspace({ 'in.md': '# in\n' });
    symlinkSync(ws.path('outside'), root.path('linked'));
    const { watcher, seen, until, ready } = recorder();
    const excluded = (p: string) => p.split('/').includes('node_modules');
    watcher.follow({ roots: [ws.root, root.root], isExcluded: excluded });
    try {
      await ready();
      writeFileSync(ws.path('node_modules/m/y.md'), '# y\n');
      writeFileSync(ws.path('outside/p.md'), '# p\n');
      writeFileSync(ws.path('b.md'), '# B\n');
      await until(ws.path('b.md'));
      assert.ok(!seen().some((c) => c.path.includes('node_modules') || c.path.includes('/linked/')), JSON.stringify(seen()));
      assert.ok(
        seen().some((c) => c.path === ws.path('outside/p.md') && c.change === 'created'),
        'the real folder is watched',
      );
      await watcher.stop();
      assert.equal(watcher.active, false);
    } finally {
      await watcher.stop();
      ws.cleanup();
      root.cleanup();
    }
  });

  it('watches at most its cap of entries and logs once when it is reached', async () => {
    const ws = makeWorkspace({ 'a.md': '', 'b.md': '', 'c/d.md': '', 'c/e.md': '' });
    const { watcher, logs, ready } = recorder(3);
    watcher.follow({ roots: [ws.root], isExcluded: () => false });
    try {
      await ready();
      assert.equal(logs.filter((l) => l.startsWith('warn: File watching stopped at 3 files and folders')).length, 1, logs.join('\n'));
    } finally {
      await watcher.stop();
      ws.cleanup();
    }
  });
});
