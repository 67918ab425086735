// The content-hash cache (server/src/workspace/contentCache.ts): a text is parsed once however
// many files hold it, and a model is never reused for different bytes.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { InMemoryFileSystem, type WorkspaceFileSystem } from '../../../server/src/base/fileSystem';
import type { Logger } from '../../../server/src/base/logger';
import { silentLogger } from '../../../server/src/base/logger';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { contentHash } from '../../../server/src/workspace/contentCache';
import { DiskIndexCache } from '../../../server/src/workspace/indexCache';
import { checkLink } from '../../../server/src/workspace/linkStatus';
import type { DocumentParser } from '../../../server/src/workspace/parsing/documentParser';
import { defaultIndexOptions, WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';

/** Counts parses per path. */
function countingParser(): DocumentParser & { parsed: string[] } {
  const parsed: string[] = [];
  return { parsed, parse: async (path, text) => (parsed.push(path), parseDocument(path, text)) };
}

/** Every file has the same mtime: only the content tells them apart. */
function sameStamps(files: Record<string, string>): WorkspaceFileSystem {
  const fs = new InMemoryFileSystem(files);
  return new Proxy(fs, {
    get(target, key) {
      if (key === 'stat') return async (path: string) => ((s) => s && { ...s, mtimeMs: 1000 })(await target.stat(path));
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function indexed(fs: WorkspaceFileSystem, parser: DocumentParser, prepare?: (index: WorkspaceIndex) => void): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: ['/ws'], parser }, silentLogger);
  prepare?.(index);
  await index.initialize();
  return index;
}

const SHARED = '# Design knowledge\n\nSee [the note](note.md) and [missing](gone.md#x).\n';

describe('content-hash cache', () => {
  it('parses a text once for all files holding it, each model keeping its own path, kind, title and link targets', async () => {
    const parser = countingParser();
    const files = { '/ws/app1/Design.md': SHARED, '/ws/app2/templates/Design.md': SHARED, '/ws/app1/note.md': '# Note\n', '/ws/other.md': '# Other\n' };
    const index = await indexed(new InMemoryFileSystem(files), parser);
    assert.equal(parser.parsed.filter((p) => p.endsWith('Design.md')).length, 1, `parsed: ${parser.parsed.join(', ')}`);
    const a = index.getDocument('/ws/app1/Design.md')!;
    const b = index.getDocument('/ws/app2/templates/Design.md')!;
    assert.equal(a.links, b.links, 'the parse result is shared');
    assert.equal(a.path, '/ws/app1/Design.md');
    assert.equal(b.path, '/ws/app2/templates/Design.md');
    assert.equal(a.kind, 'other');
    assert.equal(b.kind, 'template', 'the kind depends on the place and is decided per file');
    // The same link object resolves against each document's own folder.
    assert.deepEqual(checkLink(index, a, a.links[0]), { state: 'ok', path: '/ws/app1/note.md', fragment: undefined, isFolder: false });
    assert.deepEqual(checkLink(index, b, b.links[0]), { state: 'missing-file', path: '/ws/app2/templates/note.md' });
  });

  it('never reuses a model for different bytes: same size and mtime, different content', async () => {
    const parser = countingParser();
    // Same length, same mtime, one character apart.
    const files = { '/ws/a.md': '# Alpha\n\n[x](b.md)\n', '/ws/b.md': '# Alphb\n\n[x](a.md)\n' };
    assert.equal(files['/ws/a.md'].length, files['/ws/b.md'].length);
    const index = await indexed(sameStamps(files), parser);
    assert.equal(parser.parsed.length, 2);
    assert.equal(index.getDocument('/ws/a.md')!.title, 'Alpha');
    assert.equal(index.getDocument('/ws/b.md')!.title, 'Alphb');
    assert.equal(index.getDocument('/ws/b.md')!.links[0].destination, 'a.md');
  });

  it('an editor text equal to another file takes its parse; a different one is parsed', async () => {
    const index = await indexed(new InMemoryFileSystem({ '/ws/a.md': SHARED, '/ws/b.md': '# B\n' }), countingParser());
    index.setOpenText('/ws/b.md', SHARED);
    assert.equal(index.getDocument('/ws/b.md')!.links, index.getDocument('/ws/a.md')!.links);
    index.setOpenText('/ws/b.md', SHARED.replace('note.md', 'nose.md'));
    assert.equal(index.getDocument('/ws/b.md')!.links[0].destination, 'nose.md');
    assert.equal(index.getDocument('/ws/a.md')!.links[0].destination, 'note.md');
  });

  it('tells apart texts that UTF-8 would make equal (lone surrogates)', () => {
    assert.notEqual(contentHash('# A \uD800'), contentHash('# A \uFFFD'));
    assert.notEqual(contentHash('# A \uD800'), contentHash('# A \uDC00'));
    assert.equal(contentHash('# A'), contentHash('# A'));
    assert.match(contentHash(''), /^[0-9a-f]{64}$/);
  });

  describe('on disk', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mqg4ai-content-cache-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const saved = async (files: Record<string, string>) => {
      const index = await indexed(new InMemoryFileSystem(files), countingParser());
      await new DiskIndexCache(dir, 'test').save(index.cacheEntries());
    };

    it('a fresh clone (other mtimes) is warm: known contents are not parsed again, new ones are', async () => {
      await saved({ '/ws/a.md': SHARED, '/ws/b.md': '# B\n' });
      const loaded = (await new DiskIndexCache(dir, 'test').load())!;
      assert.equal(loaded.contents.size, 2);
      const parser = countingParser();
      // Every mtime differs from the cached ones; c.md has a.md's text, d.md is new.
      const index = await indexed(sameStamps({ '/ws/a.md': SHARED, '/ws/b.md': '# B\n', '/ws/c.md': SHARED, '/ws/d.md': '# D\n' }), parser, (i) =>
        i.useCache(loaded),
      );
      assert.deepEqual(parser.parsed, ['/ws/d.md']);
      assert.equal(index.getDocument('/ws/c.md')!.links.length, 2);
      assert.equal(index.getDocument('/ws/c.md')!.path, '/ws/c.md');
    });

    it('a file at a cached path with other bytes (another mtime) is parsed, not taken from the cache', async () => {
      await saved({ '/ws/a.md': SHARED });
      const loaded = (await new DiskIndexCache(dir, 'test').load())!;
      const parser = countingParser();
      const index = await indexed(sameStamps({ '/ws/a.md': SHARED.replace('note.md', 'nose.md') }), parser, (i) => i.useCache(loaded));
      assert.deepEqual(parser.parsed, ['/ws/a.md']);
      assert.equal(index.getDocument('/ws/a.md')!.links[0].destination, 'nose.md');
    });

    it('overlapping writes land in call order: the last state stays, nothing half-written', async () => {
      const big = await indexed(
        new InMemoryFileSystem(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`/ws/d${i}.md`, `# D${i}\n\n${'text '.repeat(500)}\n`]))),
        countingParser(),
      );
      const small = await indexed(new InMemoryFileSystem({ '/ws/a.md': SHARED }), countingParser());
      const cache = new DiskIndexCache(dir, 'test');
      // The larger, slower write is asked for first; the later state must win.
      await Promise.all([cache.save(big.cacheEntries()), cache.save(small.cacheEntries())]);
      assert.deepEqual([...(await cache.load())!.paths.keys()], ['/ws/a.md']);
      assert.deepEqual(readdirSync(dir).length, 1, 'no temporary file left');
    });

    it('deletes cache files other versions left (the former naming at once, others once unused for a week) and abandoned temporary files; nothing else', async () => {
      const old = join(dir, 'index-0123456789abcdef.bin');
      const otherVersion = join(dir, 'models-fedcba9876543210.bin');
      const recentOther = join(dir, 'models-00112233445566aa.bin');
      const unrelated = join(dir, 'notes.bin');
      // Temporary files of writes a killed process left: an old one goes, a fresh one may be a write in progress.
      const abandoned = join(dir, 'models-fedcba9876543210.bin.4242.1.tmp');
      const inProgress = join(dir, 'models-fedcba9876543210.bin.4243.1.tmp');
      for (const file of [old, otherVersion, recentOther, unrelated, abandoned, inProgress]) writeFileSync(file, 'x');
      const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
      utimesSync(otherVersion, eightDaysAgo, eightDaysAgo);
      utimesSync(abandoned, eightDaysAgo, eightDaysAgo);
      await saved({ '/ws/a.md': SHARED });
      const left = readdirSync(dir).sort();
      assert.deepEqual(left.filter((n) => n !== basename(new DiskIndexCache(dir, 'test').file)).sort(), [
        'models-00112233445566aa.bin',
        'models-fedcba9876543210.bin.4243.1.tmp',
        'notes.bin',
      ]);
      assert.equal(left.length, 4);
    });

    it('ignores a damaged file or damaged entries, with a log line', async () => {
      await saved({ '/ws/a.md': SHARED, '/ws/b.md': '# B\n' });
      const lines: string[] = [];
      const logger: Logger = { log: (_level, message) => void lines.push(message) };
      const cache = new DiskIndexCache(dir, 'test', logger);
      const [file] = readdirSync(dir);
      // Damaged entries (a writer of the same format with a bug): the rest is used.
      const good = (await cache.load())!;
      const [first] = good.contents.keys();
      const broken = new Map(good.contents);
      broken.set(first, { content: { headings: 'no' } } as never);
      await cache.save({ paths: good.paths, contents: broken });
      const partial = (await cache.load())!;
      assert.equal(partial.contents.size, 1);
      assert.match(lines.join('\n'), /1 damaged entries; ignored/);
      // One flipped byte in a piece: nothing of the file is used.
      const bytes = readFileSync(join(dir, file));
      bytes[bytes.length - 3] ^= 0xff;
      writeFileSync(join(dir, file), bytes);
      assert.equal(await cache.load(), undefined);
      assert.match(lines.join('\n'), /is damaged \(checksum mismatch\)/);
      // A damaged file: nothing is used.
      writeFileSync(join(dir, file), 'not a cache');
      assert.equal(await cache.load(), undefined);
      assert.match(lines.join('\n'), /is damaged/);
    });
  });
});
