import assert from 'node:assert/strict';
import { InMemoryFileSystem } from '../../../server/src/base/fileSystem';
import { defaultIndexOptions, WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';
import { silentLogger } from '../../../server/src/base/logger';

/** A file system whose reads wait until released, to interleave editor events with disk reads. */
class SlowFileSystem extends InMemoryFileSystem {
  private gate: Promise<void> = Promise.resolve();
  private release: () => void = () => {};
  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }
  open(): void {
    this.release();
  }
  override async readFile(path: string): Promise<Uint8Array> {
    await this.gate;
    return super.readFile(path);
  }
}

// Moves, renames and "create from template" make files appear while the editor opens and edits them:
// the watcher's event must not replace the editor's text with the disk's.
describe('refactor: the editor text wins over a disk read that finishes later', () => {
  for (const event of ['fileCreated', 'fileChanged'] as const) {
    it(`${event} while the document is opened and edited`, async () => {
      const fs = new SlowFileSystem({ '/ws/a.md': '# Old\n' });
      const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: ['/ws'] }, silentLogger);
      await index.initialize();
      fs.write('/ws/b.md', '# Disk\n');
      fs.hold();
      const pending = event === 'fileCreated' ? index.fileCreated('/ws/b.md') : index.fileChanged('/ws/a.md');
      const path = event === 'fileCreated' ? '/ws/b.md' : '/ws/a.md';
      await new Promise((r) => setTimeout(r, 5));
      index.setOpenText(path, '# Editor\n');
      fs.open();
      await pending;
      assert.equal(index.getDocument(path)?.title, 'Editor');
    });
  }
});
