// Bad input over JSON-RPC: the bundled server on a real folder full of hostile files (binary,
// invalid UTF-8, UTF-16 with BOM, CRLF and lone CR, 20 MB, 10,000 links, 1,000-deep nesting,
// YAML bombs, symbolic link loops, an unreadable file, links escaping the workspace, fuzzed
// Markdown), then fuzzed edits. Each file gets normal results or a clear diagnostic, within a
// time bound, with no crash, no internal error and bounded memory. Seeded (fuzzHelpers.ts).
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, symlinkSync } from 'node:fs';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { makeWorkspace } from '../helpers/workspace';
import { fixtureTexts, FUZZ_SEED, fuzzParams, HOSTILE_YAML, markdownArb, mutatedFixtureArb, nested } from '../unit/robustness/fuzzHelpers';

const utf16 = (text: string, bigEndian: boolean) => {
  const bytes = [bigEndian ? 0xfe : 0xff, bigEndian ? 0xff : 0xfe];
  for (const c of text) {
    const code = c.charCodeAt(0);
    bytes.push(...(bigEndian ? [code >> 8, code & 0xff] : [code & 0xff, code >> 8]));
  }
  return Buffer.from(bytes);
};

/** Peak resident memory of a process (Linux), in MB. */
function peakRssMb(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));

describe(`protocol: hostile workspace content over JSON-RPC (seed ${FUZZ_SEED})`, function () {
  this.timeout(180000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: LspTestClient | undefined;
  let startMs = 0;
  const fuzzed = fc.sample(fc.oneof(markdownArb, mutatedFixtureArb(fixtureTexts())), { seed: FUZZ_SEED, numRuns: fuzzParams(40).numRuns });
  const isRoot = process.getuid?.() === 0;

  before(async () => {
    const files: Record<string, string | Buffer> = {
      'README.md': '# Readme\n\n[binary](binary.md) [huge](huge.md) [le](utf16le.md#little-endian)\n',
      'binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      'invalid-utf8.md': Buffer.concat([
        Buffer.from('# Invalid \xff\xfe bytes\n\n', 'latin1'),
        Buffer.from([0xc3, 0x28, 0xa0, 0xa1]),
        Buffer.from('\n\n[gone](gone.md)\n'),
      ]),
      'utf16le.md': utf16('# Little endian\n\n[gone](gone-le.md)\n', false),
      'utf16be.md': utf16('# Big endian\n\n[gone](gone-be.md)\n', true),
      'crlf.md': '# CRLF\r\n\r\n[gone](gone-crlf.md)\r\n',
      'cr.md': '# CR\r\r[gone](gone-cr.md)\r',
      'huge.md': `# Huge\n\n${'All work and no play. [x](nowhere.md)\n'.repeat(560_000)}`,
      'links.md': Array.from({ length: 10000 }, (_, i) => `- [l${i}](${i % 2 ? `gone/${i}.md` : 'README.md'})`).join('\n'),
      'deep.md': `${nested('quote', 1000)}\n${nested('list', 1000)}`,
      'traversal.md':
        '[a](../../../../etc/passwd) [b](%2e%2e/%2e%2e/%2e%2e/etc/shadow) [c](..\\..\\windows\\win.ini) [d](/../../etc/hosts) [e](%2E%2E%2F%2E%2E%2Fx.md)\n',
      'locked.md': '# Locked\n\n[gone](gone-locked.md)\n',
    };
    HOSTILE_YAML.forEach(([, yaml], i) => (files[`yaml/${i}.md`] = `---\n${yaml}\n---\n# Y${i}\n\n[gone](gone.md)\n`));
    fuzzed.forEach((text, i) => (files[`fuzz/${String(i).padStart(2, '0')}.md`] = text));
    ws = makeWorkspace(files);
    chmodSync(ws.path('locked.md'), 0o000);
    try {
      symlinkSync(ws.root, ws.path('fuzz/loop')); // folder loop
      symlinkSync(ws.path('self.md'), ws.path('self.md')); // file loop (ELOOP)
      symlinkSync(ws.path('b-link.md'), ws.path('a-link.md'));
      symlinkSync(ws.path('a-link.md'), ws.path('b-link.md'));
    } catch {
      // no symbolic links here: the rest still runs
    }
    const started = performance.now();
    // A parse time budget no busy machine overruns: `file.slow` is measured in wall-clock time, not what these tests check.
    client = await LspTestClient.start([ws.root], { settings: { limits: { parseTimeBudgetMs: 600000 } } });
    startMs = performance.now() - started;
  });
  after(async () => {
    await client?.stop();
    chmodSync(ws.path('locked.md'), 0o644);
    ws.cleanup();
  });

  it('indexes and validates everything within the time bound, with bounded memory', () => {
    assert.ok(startMs < 120000, `${startMs} ms`);
    const peak = peakRssMb(client!.pid!);
    if (process.env.MQG4AI_DEBUG_MEMORY) console.log(`peak RSS ${peak?.toFixed(0)} MB, start ${startMs.toFixed(0)} ms`);
    if (peak !== undefined) assert.ok(peak < 1024, `peak RSS ${peak.toFixed(0)} MB`);
  });

  it('binary and oversized files are skipped with a reason; links to them still resolve', () => {
    assert.match(client!.diagnosticsFor(ws.path('binary.md'))[0].message, /looks binary/);
    const huge = client!.diagnosticsFor(ws.path('huge.md'));
    assert.deepEqual(codes(huge), ['file.skipped']);
    assert.match(huge[0].message, /^File is \d+\.\d MB, above the 5\.0 MB limit/);
    assert.deepEqual(codes(client!.diagnosticsFor(ws.path('README.md'))), []);
  });

  it('decodes invalid UTF-8 and UTF-16 LE/BE with BOM; CRLF and lone CR keep positions', () => {
    const line = (file: string) =>
      client!
        .diagnosticsFor(ws.path(file))
        .filter((d) => d.code === 'link.missing-file')
        .map((d) => d.range.start);
    assert.deepEqual(line('invalid-utf8.md'), [{ line: 4, character: 7 }]);
    assert.deepEqual(line('utf16le.md'), [{ line: 2, character: 7 }]);
    assert.deepEqual(line('utf16be.md'), [{ line: 2, character: 7 }]);
    assert.deepEqual(line('crlf.md'), [{ line: 2, character: 7 }]);
    assert.deepEqual(line('cr.md'), [{ line: 2, character: 7 }]);
  });

  it('10,000 links and 1,000-deep nesting are checked', () => {
    assert.equal(client!.diagnosticsFor(ws.path('links.md')).filter((d) => d.code === 'link.missing-file').length, 5000);
    assert.equal(client!.diagnosticsFor(ws.path('deep.md')).filter((d) => d.code === 'link.missing-file').length, 2);
  });

  it('links escaping the workspace are reported, not read', () => {
    assert.deepEqual(codes(client!.diagnosticsFor(ws.path('traversal.md'))), [
      'link.outside-workspace',
      'link.outside-workspace',
      'link.missing-file',
      'link.outside-workspace',
      'link.outside-workspace',
    ]);
  });

  it('hostile YAML front matter gives frontmatter.invalid or normal results', () => {
    HOSTILE_YAML.forEach(([name], i) => {
      const found = codes(client!.diagnosticsFor(ws.path(`yaml/${i}.md`)));
      // A NUL byte makes a file binary: skipped, with that reason.
      if (found[0] === 'file.skipped') return assert.match(client!.diagnosticsFor(ws.path(`yaml/${i}.md`))[0].message, /binary/, name);
      assert.ok(found.includes('link.missing-file'), `${name}: ${found}`);
      assert.ok(
        found.every((c) => ['link.missing-file', 'frontmatter.invalid', 'frontmatter.name-mismatch', 'doc.orphan'].includes(c)),
        `${name}: ${found}`,
      );
    });
  });

  it(`an unreadable file (chmod 000) is ${isRoot ? 'read anyway by root, as root can' : 'skipped with the reason'}`, () => {
    const found = client!.diagnosticsFor(ws.path('locked.md'));
    if (isRoot) assert.deepEqual(codes(found), ['link.missing-file']);
    else {
      assert.deepEqual(codes(found), ['file.skipped']);
      assert.match(found[0].message, /could not be read \(EACCES/);
    }
  });

  it('symbolic link loops are not followed and do not stop the index', async () => {
    const { documents } = await client!.idle();
    assert.ok(documents >= 12 + HOSTILE_YAML.length, String(documents));
    assert.ok(![...client!.diagnostics.keys()].some((k) => k.includes('/loop/') || k.endsWith('self.md') || k.endsWith('-link.md')));
  });

  it('no internal error, no unhandled failure in the log', () => {
    for (const [uri, diagnostics] of client!.diagnostics) assert.ok(!codes(diagnostics).includes('internal.error'), uri);
    const failures = client!.logs.filter((l) => /Unhandled rejection|Uncaught exception|failed:|Internal error/.test(l));
    assert.deepEqual(failures, []);
  });

  it('every request on every hostile document is answered', async () => {
    const targets = [
      'binary.md',
      'invalid-utf8.md',
      'utf16le.md',
      'cr.md',
      'links.md',
      'deep.md',
      'traversal.md',
      'yaml/0.md',
      'yaml/4.md',
      'fuzz/00.md',
      'fuzz/07.md',
    ];
    for (const file of targets) {
      const textDocument = { uri: fileUri(ws.path(file)) };
      for (const position of [
        { line: 0, character: 0 },
        { line: 2, character: 9 },
        { line: 999, character: 3 },
      ]) {
        await client!.request('textDocument/hover', { textDocument, position });
        await client!.request('textDocument/definition', { textDocument, position });
        await client!.request('textDocument/completion', { textDocument, position });
      }
      await client!.request('textDocument/documentSymbol', { textDocument });
      await client!.request('textDocument/documentLink', { textDocument });
    }
    assert.ok(Array.isArray(await client!.request<unknown[]>('mqg4ai/coverage', {})));
  });

  it('fuzzed edits in the editor: the server keeps answering and publishing', async () => {
    const uri = fileUri(ws.path('fuzz/edited.md'));
    await client!.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '# Start\n' } });
    let version = 1;
    for (const text of fc.sample(fc.oneof(markdownArb, mutatedFixtureArb(fixtureTexts())), { seed: FUZZ_SEED + 1, numRuns: fuzzParams(30).numRuns })) {
      await client!.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
      await client!.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
    }
    await client!.notify('textDocument/didChange', {
      textDocument: { uri, version: version + 1 },
      contentChanges: [{ text: '# End\n\n[gone](final-gone.md)\n' }],
    });
    await client!.waitForDiagnostics(ws.path('fuzz/edited.md'), (d) => d.some((x) => x.code === 'link.missing-file' && /final-gone/.test(x.message)));
  });
});

describe('protocol: the index size limit is reported once, never silently', function () {
  this.timeout(60000);
  it('past mqg4ai.limits.maxDocuments: one notification, one file.skipped, the rest listed', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`d${String(i).padStart(2, '0')}.md`] = `# D${i}\n\n[all](d00.md)\n`;
    const ws = makeWorkspace(files);
    const client = await LspTestClient.start([ws.root], { settings: { limits: { maxDocuments: 5 } } });
    try {
      const notes = client.messages.filter((m) => /indexing stopped/.test(m.message));
      assert.equal(notes.length, 1);
      assert.match(
        notes[0].message,
        /^MQG4AI: indexing stopped at the limit of 5 Markdown documents \(limits\.maxDocuments\); 7 Markdown file\(s\) were not parsed/,
      );
      const skipped = [...client.diagnostics.values()].flat().filter((d) => d.code === 'file.skipped');
      assert.equal(skipped.length, 1);
      assert.equal((await client.idle()).documents, 6);
      assert.ok(client.logs.some((l) => /indexing stopped at the limit/.test(l)));
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});
