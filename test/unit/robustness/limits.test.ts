// Limits (file size, parse time, index size), Workspace Trust in the core, reads confined to
// the workspace folders, and internal errors as diagnostics (docs/security.md).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { capLimits, DEFAULT_LIMITS, effectiveLimits, MB } from '../../../server/src/config/limits';
import { DEFAULT_CONFIG, mergeConfig, parseConfigText } from '../../../server/src/config/projectConfig';
import { applyTrust, settingsLimits } from '../../../server/src/config/trust';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import type { DocumentParser } from '../../../server/src/workspace/parsing/documentParser';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { silentLogger } from '../../../server/src/base/logger';
import { ConfinedFileSystem } from '../../../server/src/workspace/confinedFileSystem';
import { InMemoryFileSystem, NodeFileSystem, pathFromFsPath, type WorkspaceFileSystem } from '../../../server/src/base/fileSystem';
import { defaultIndexOptions, WorkspaceIndex, type IndexOptions } from '../../../server/src/workspace/workspaceIndex';
import { createEngine } from '../../../server/src/engine/engine';

async function indexOf(
  files: Record<string, string | Uint8Array>,
  config = DEFAULT_CONFIG,
  options: Partial<IndexOptions> = {},
  fs: WorkspaceFileSystem = new InMemoryFileSystem(files),
) {
  const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: ['/ws'], ...options }, silentLogger);
  index.setConfig(config);
  await index.initialize();
  return index;
}

const codesOf = (index: WorkspaceIndex, path: string) => computeDocumentDiagnostics(index, index.getDocument(path)!).map((d) => d.code);

/** A parser that takes `ms` of this thread's time per document, like a slow parse would. */
function slowParser(ms: number): DocumentParser {
  return {
    parse: async (path, text) => {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // busy: the parse itself is slow
      }
      return parseDocument(path, text);
    },
  };
}

describe('robustness: limits', () => {
  it('defaults, configuration in MB, fallbacks from the index options', () => {
    assert.deepEqual(effectiveLimits({}), { maxFileSize: 5 * MB, parseTimeBudgetMs: 2000, maxDocuments: 100_000, maxTotalBytes: 1024 * MB });
    assert.equal(effectiveLimits({ maxFileSizeMB: 0.5 }, { maxFileSize: 10 }).maxFileSize, MB / 2);
    assert.equal(effectiveLimits({}, { maxFileSize: 10 }).maxFileSize, 10);
    assert.deepEqual(mergeConfig({ limits: { maxDocuments: 5 } }, { limits: { maxFileSizeMB: 1 } }).limits, { maxDocuments: 5, maxFileSizeMB: 1 });
  });

  it('the project file accepts limits and reports bad ones at their key', () => {
    assert.deepEqual(parseConfigText('limits:\n  maxFileSizeMB: 2\n  maxDocuments: 100\n').layer.limits, { maxFileSizeMB: 2, maxDocuments: 100 });
    const bad = parseConfigText('limits:\n  maxDocuments: -3\n  maxPages: 2\n');
    assert.equal(bad.layer.limits, undefined);
    assert.deepEqual(bad.problems.map((p) => p.range.start.line).sort(), [1, 2]);
  });

  it('settings limits: only numbers in range are taken', () => {
    assert.deepEqual(settingsLimits({ maxFileSizeMB: 1.5, maxDocuments: 2.5, maxTotalSizeMB: 'x', parseTimeBudgetMs: -1 }), { maxFileSizeMB: 1.5 });
  });

  it('a file over limits.maxFileSizeMB is skipped with file.skipped naming the sizes', async () => {
    const index = await indexOf(
      { '/ws/big.md': `# Big\n${'x'.repeat(3000)}`, '/ws/small.md': '# Small\n' },
      mergeConfig({ limits: { maxFileSizeMB: 2000 / MB } }),
    );
    assert.equal(index.getDocument('/ws/big.md')!.skipped, 'File is 3 KB, above the 2 KB limit; links in it were not checked.');
    assert.deepEqual(codesOf(index, '/ws/big.md'), ['file.skipped']);
    assert.equal(index.getDocument('/ws/small.md')!.skipped, undefined);
  });

  it('a parse over the time budget is reported as file.slow (information) and the document stays indexed', async () => {
    const files = { '/ws/slow.md': '# Slow\n\n[b](b.md)\n', '/ws/b.md': '# B\n' };
    const index = await indexOf(files, mergeConfig({ limits: { parseTimeBudgetMs: 20 } }), { parser: slowParser(60) });
    const diagnostics = computeDocumentDiagnostics(index, index.getDocument('/ws/slow.md')!);
    const slow = diagnostics.find((d) => d.code === 'file.slow')!;
    assert.equal(slow.severity, 'information');
    assert.match(slow.message, /^Parsing this file took \d+ ms, over the 20 ms budget \(limits\.parseTimeBudgetMs\)\. It is indexed all the same/);
    assert.equal(index.getDocument('/ws/slow.md')!.links.length, 1, 'still indexed');
    // Under the default budget the same documents are not reported.
    const relaxed = await indexOf(files, DEFAULT_CONFIG, { parser: slowParser(5) });
    assert.ok(!codesOf(relaxed, '/ws/slow.md').includes('file.slow'));
    // The budget follows the configuration without a re-parse; the time survives the persistent cache.
    index.setConfig(DEFAULT_CONFIG);
    assert.ok(!codesOf(index, '/ws/slow.md').includes('file.slow'));
    const cached = index.cacheEntries();
    const entry = cached.paths.get('/ws/slow.md')!;
    assert.ok(cached.contents.get(entry.hash)!.parseMs! >= 60);
    const warm = new WorkspaceIndex(new InMemoryFileSystem(files), { ...defaultIndexOptions, roots: ['/ws'] }, silentLogger);
    warm.setConfig(mergeConfig({ limits: { parseTimeBudgetMs: 20 } }));
    warm.useCache({ paths: new Map([['/ws/slow.md', { ...entry, mtimeMs: 1, size: entry.size }]]), contents: cached.contents });
    await warm.initialize();
    assert.equal(warm.parsedDuringInitialize, 1, 'only b.md was parsed');
    assert.ok(codesOf(warm, '/ws/slow.md').includes('file.slow'));
  });

  it('an edit in the editor is timed too', async () => {
    const index = await indexOf({ '/ws/a.md': '# A\n' }, mergeConfig({ limits: { parseTimeBudgetMs: 1 } }));
    index.setOpenText('/ws/a.md', `# A\n\n${'- [l](x.md) *e* `c`\n'.repeat(300)}`);
    assert.ok(index.parseTimeOf('/ws/a.md')! > 1);
    assert.ok(codesOf(index, '/ws/a.md').includes('file.slow'));
  });

  it('past limits.maxDocuments indexing stops: the rest are listed, the first left out says so once', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`/ws/d${String(i).padStart(2, '0')}.md`] = `# D${i}\n\n[next](d${String(i + 1).padStart(2, '0')}.md)\n`;
    const index = await indexOf(files, mergeConfig({ limits: { maxDocuments: 25 } }));
    const parsed = [...index.allDocuments()].filter((d) => !d.skipped);
    assert.equal(parsed.length, 25);
    const placeholders = [...index.allDocuments()].filter((d) => d.skipped);
    assert.equal(placeholders.length, 1);
    assert.match(
      placeholders[0].skipped!,
      /^Indexing stopped at the limit of 25 Markdown documents \(limits\.maxDocuments\): this file and 14 more Markdown file\(s\) were not parsed\./,
    );
    assert.deepEqual(codesOf(index, placeholders[0].path), ['file.skipped']);
    assert.equal(index.indexLimit!.unparsed, 15);
    // The files left out still exist for link checks: nobody's link to them is broken.
    for (const doc of parsed) assert.ok(!codesOf(index, doc.path).includes('link.missing-file'), doc.path);
    assert.equal(index.fileCount, 40);
    // A change to a file left out does not sneak it in; opening it in the editor does.
    const left = Object.keys(files).find((p) => !index.getDocument(p))!;
    await index.fileChanged(left);
    assert.equal(index.getDocument(left), undefined);
    index.setOpenText(left, '# Opened\n');
    assert.equal(index.getDocument(left)!.title, 'Opened');
  });

  it('past limits.maxTotalSizeMB indexing stops the same way, in list order', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`/ws/f${String(i).padStart(2, '0')}.md`] = `# F${i}\n${'x'.repeat(1000)}\n`;
    const index = await indexOf(files, mergeConfig({ limits: { maxTotalSizeMB: 10_000 / MB } }));
    const parsed = [...index.allDocuments()]
      .filter((d) => !d.skipped)
      .map((d) => d.path)
      .sort();
    assert.deepEqual(parsed, Object.keys(files).sort().slice(0, parsed.length));
    assert.ok(parsed.length >= 8 && parsed.length <= 10, String(parsed.length));
    assert.match(index.indexLimit!.message, /limits\.maxTotalSizeMB/);
  });

  it('an unreadable file (EACCES, as a non-root user sees chmod 000) is skipped with the reason; the rest is indexed', async () => {
    const inner = new InMemoryFileSystem({ '/ws/locked.md': '# Locked\n', '/ws/a.md': '# A\n\n[l](locked.md)\n' });
    const fs: WorkspaceFileSystem = {
      stat: (p) => inner.stat(p),
      readDirectory: (p) => inner.readDirectory(p),
      readFile: async (p) => {
        if (p === '/ws/locked.md') throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
        return inner.readFile(p);
      },
    };
    const index = await indexOf({}, DEFAULT_CONFIG, {}, fs);
    assert.equal(
      index.getDocument('/ws/locked.md')!.skipped,
      "File could not be read (EACCES: permission denied, open '/ws/locked.md'); links in it were not checked.",
    );
    assert.deepEqual(codesOf(index, '/ws/locked.md'), ['file.skipped']);
    assert.deepEqual(codesOf(index, '/ws/a.md'), []);
  });

  it('in an untrusted workspace limits can be lowered, never raised', () => {
    const config = mergeConfig({ limits: { maxFileSizeMB: 500, maxDocuments: 10, parseTimeBudgetMs: 10 ** 7 } });
    const { config: restricted, restricted: notes } = applyTrust(config, false);
    assert.deepEqual(restricted.limits, { maxFileSizeMB: DEFAULT_LIMITS.maxFileSizeMB, maxDocuments: 10, parseTimeBudgetMs: DEFAULT_LIMITS.parseTimeBudgetMs });
    assert.equal(notes.length, 2);
    assert.equal(applyTrust(config, true).config, config);
    assert.deepEqual(capLimits(undefined), { limits: {}, capped: [] });
  });
});

describe('robustness: reads stay inside the workspace', () => {
  /** Records every path the index asks the file system about. */
  function spy(files: Record<string, string>): { fs: WorkspaceFileSystem; touched: string[] } {
    const inner = new InMemoryFileSystem(files);
    const touched: string[] = [];
    return {
      touched,
      fs: {
        // Like a disk: `..` segments lead where they lead.
        readFile: (p) => (touched.push(`read ${posix.normalize(p)}`), inner.readFile(posix.normalize(p))),
        stat: (p) => (touched.push(`stat ${posix.normalize(p)}`), inner.stat(posix.normalize(p))),
        readDirectory: (p) => (touched.push(`list ${posix.normalize(p)}`), inner.readDirectory(posix.normalize(p))),
      },
    };
  }

  it('links to a file outside the workspace folders are reported and never read, for diagnostics, hovers, anchors or completion', async () => {
    const text =
      '# A\n\n[out](../outside/secret.md#private-heading)\n\n[enc](%2e%2e/outside/secret.md)\n\n[abs](/../outside/secret.md#x)\n\n[c](../outside/secret.md#\n';
    const { fs, touched } = spy({ '/ws/a.md': text, '/outside/secret.md': '# Secret\n\n## Private heading\n\nDo not read me.\n' });
    const service = createEngine({ fs, roots: ['/ws'], logger: silentLogger });
    await service.index.initialize();
    const diagnostics = computeDocumentDiagnostics(service.index, service.index.getDocument('/ws/a.md')!);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['link.outside-workspace', 'link.outside-workspace', 'link.outside-workspace'],
    );
    for (const line of [2, 4, 6]) {
      const hover = service.features.hover.provideHover('/ws/a.md', { line, character: 8 }, neverCancelled, text);
      assert.ok(!JSON.stringify(hover ?? '').includes('Do not read me'), JSON.stringify(hover));
      service.features.definition.provideDefinition('/ws/a.md', { line, character: 8 }, neverCancelled);
    }
    const completion = service.features.completion.provideCompletions('/ws/a.md', { line: 8, character: 27 }, neverCancelled, text);
    assert.ok(!JSON.stringify(completion).includes('private-heading'));
    service.features.documentLinks.provideDocumentLinks('/ws/a.md', neverCancelled);
    assert.equal(await service.index.readText('/outside/secret.md'), undefined);
    // Paths with `..` segments (a hand-made URI in a request or a file event) count where they lead.
    assert.equal(await service.index.readText('/ws/../outside/secret.md'), undefined);
    assert.deepEqual([...(await service.index.fileCreated('/ws/../outside/secret.md'))], []);
    assert.equal(service.index.getDocument('/ws/../outside/secret.md'), undefined);
    // The one look above the folder: whether a `.git` names a repository around it (a stat, no read).
    const outside = touched.filter((t) => !/ \/ws(\/|$)/.test(t) && t !== 'stat /.git');
    assert.deepEqual(outside, []);
  });

  describe('on disk, with symbolic links (ConfinedFileSystem)', () => {
    let base: string;
    let ws: string;
    before(function () {
      base = mkdtempSync(join(tmpdir(), 'mqg4ai-confined-'));
      ws = join(base, 'ws');
      mkdirSync(join(ws, 'docs'), { recursive: true });
      mkdirSync(join(base, 'private'));
      writeFileSync(join(base, 'private/secret.md'), '# Secret\n\nThe private text.\n');
      writeFileSync(join(ws, 'docs/inside.md'), '# Inside\n');
      writeFileSync(join(ws, 'a.md'), '# A\n\n[n](notes.md) [i](docs/alias.md)\n');
      try {
        symlinkSync(join(base, 'private/secret.md'), join(ws, 'notes.md'));
        symlinkSync(join(ws, 'docs/inside.md'), join(ws, 'docs/alias.md'));
        symlinkSync(ws, join(ws, 'docs/loop')); // a folder loop: never followed
      } catch {
        this.skip(); // no symbolic links on this system
      }
    });
    after(() => rmSync(base, { recursive: true, force: true }));

    it('untrusted: a link leading outside is listed but not read; links inside the folders are followed; loops are not entered', async () => {
      const root = pathFromFsPath(ws);
      const fs = new ConfinedFileSystem(new NodeFileSystem(), () => [root]);
      fs.confined = true;
      const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: [root] }, silentLogger);
      await index.initialize();
      const notes = index.getDocument(`${root}/notes.md`)!;
      assert.match(notes.skipped!, /leads outside the workspace folders, and is not read in an untrusted workspace/);
      assert.equal(notes.summary, '');
      assert.equal(index.getDocument(`${root}/docs/alias.md`)!.title, 'Inside');
      assert.equal(await index.readText(`${root}/notes.md`), undefined);
      assert.ok(![...index.allDocuments()].some((d) => d.path.includes('/loop/')));
      assert.deepEqual(codesOf(index, `${root}/a.md`), [], 'links to the listed file still resolve');
      // Trusted: followed, as before.
      fs.confined = false;
      const trusted = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: [root] }, silentLogger);
      await trusted.initialize();
      assert.equal(trusted.getDocument(`${root}/notes.md`)!.summary, 'The private text.');
    });
  });
});

describe('robustness: internal errors become diagnostics', () => {
  it('a rule that throws costs its own findings (internal.error) and a log line; the other rules still report', async () => {
    const logged: string[] = [];
    const logger = { log: (level: string, message: string) => void (level === 'error' && logged.push(message.split('\n')[0])) };
    const fs = new InMemoryFileSystem({ '/ws/a.md': '# A\n\n[x](missing.md)\n' });
    const index = new WorkspaceIndex(fs, { ...defaultIndexOptions, roots: ['/ws'] }, logger);
    await index.initialize();
    {
      // The parse-time rule asks the index; make that fail as a bug would.
      (index as unknown as { parseTimeOf: () => number }).parseTimeOf = () => {
        throw new Error('boom');
      };
      const diagnostics = computeDocumentDiagnostics(index, index.getDocument('/ws/a.md')!, neverCancelled);
      assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['internal.error', 'link.missing-file']);
      assert.match(diagnostics.find((d) => d.code === 'internal.error')!.message, /Internal error in the "parse-time" check \(boom\)/);
      assert.deepEqual(logged, ['The "parse-time" check of /ws/a.md failed: Error: boom']);
      // Like every code, it can be turned off.
      index.setConfig(mergeConfig({ rules: { 'internal.error': 'off' } }));
      assert.deepEqual(
        computeDocumentDiagnostics(index, index.getDocument('/ws/a.md')!).map((d) => d.code),
        ['link.missing-file'],
      );
    }
  });
});
