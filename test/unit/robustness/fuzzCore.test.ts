// Fuzz and property tests over the core: parsing, link resolution, question blocks, the
// configuration and the whole index with its diagnostics, on random, mutated and hostile input.
// Each must give normal results or a clear diagnostic, within a time bound, without throwing.
// Seeded and bounded (see fuzzHelpers.ts for the long mode).
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import fc from 'fast-check';
import { parseQuestionBlocks } from '../../../server/src/domain/altai/questionBlocks';
import { mergeConfig, parseConfigText } from '../../../server/src/config/projectConfig';
import { loadWorkspacePacks } from '../../../server/src/config/loadPacks';
import { InMemoryFileSystem } from '../../../server/src/base/fileSystem';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import { checkLink, checkTarget } from '../../../server/src/workspace/linkStatus';
import { isInside, resolveLinkTarget } from '../../../server/src/syntax/resolveLink';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import type { QualityGateDocument } from '../../../server/src/domain/document/types';
import { comparePositions, type Position, type Range } from '../../../server/src/base/range';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { decodeDocumentBytes } from '../../../server/src/base/decode';
import { buildIndex, buildService } from '../helpers';
import { fixtureTexts, FUZZ_SEED, fuzzParams, HOSTILE_YAML, markdownArb, mutatedFixtureArb, nested, PATHOLOGICAL_MARKDOWN, timed } from './fuzzHelpers';
import { growthRatio, growthRatioAsync, MAX_LINEAR_RATIO } from './growth';

const FIXTURE_TEXTS = fixtureTexts();

/** Every range of a model lies inside the document and is ordered. */
function assertModelSane(doc: QualityGateDocument, text: string): void {
  const end = doc.endPosition;
  const inside = (p: Position) => p.line >= 0 && p.character >= 0 && comparePositions(p, end) <= 0;
  const check = (r: Range | undefined, what: string) => {
    if (!r) return;
    assert.ok(
      inside(r.start) && inside(r.end) && comparePositions(r.start, r.end) <= 0,
      `${what} ${JSON.stringify(r)} outside ${JSON.stringify(end)} in ${JSON.stringify(text.slice(0, 200))}`,
    );
  };
  for (const h of doc.headings) {
    check(h.range, 'heading');
    check(h.textRange, 'heading text');
  }
  for (const l of doc.links) {
    check(l.range, 'link');
    check(l.destinationRange, 'destination');
  }
  for (const r of doc.references) check(r.range, 'reference');
  for (const p of doc.frontMatter?.problems ?? []) check(p.range, 'front-matter problem');
  assert.ok(doc.lineCount >= 1);
}

describe(`robustness: core fuzz and property tests (seed ${FUZZ_SEED})`, function () {
  this.timeout(120000);

  it('parseDocument: random Markdown never throws, stays in range and is quick', () => {
    fc.assert(
      fc.property(markdownArb, (text) => {
        const { value: doc, ms } = timed(() => parseDocument('/ws/doc.md', text));
        assertModelSane(doc, text);
        assert.ok(ms < 3000, `${ms} ms`);
      }),
      fuzzParams(300),
    );
  });

  it('parseDocument: mutated fixture documents (inserted tokens, deletions, CRLF and lone CR) parse sanely', () => {
    fc.assert(
      fc.property(mutatedFixtureArb(FIXTURE_TEXTS), (text) => {
        const { value: doc, ms } = timed(() => parseDocument('/ws/QG_Doc_(System).md', text));
        assertModelSane(doc, text);
        assert.ok(ms < 3000, `${ms} ms`);
      }),
      fuzzParams(150),
    );
  });

  it('parseDocument: LF, CRLF and lone CR give the same positions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURE_TEXTS), (text) => {
        const lf = text.replace(/\r\n?/g, '\n');
        const shape = (doc: QualityGateDocument) => [
          doc.links.map((l) => [l.destination, l.destinationRange]),
          doc.headings.map((h) => [h.slug, h.range.start]),
        ];
        const expected = shape(parseDocument('/ws/a.md', lf));
        assert.deepEqual(shape(parseDocument('/ws/a.md', lf.replace(/\n/g, '\r\n'))), expected);
        assert.deepEqual(shape(parseDocument('/ws/a.md', lf.replace(/\n/g, '\r'))), expected);
      }),
      fuzzParams(30),
    );
  });

  it('parseDocument: hostile YAML front matter (alias bombs, deep nesting, huge scalars) is reported or read, never expanded', () => {
    for (const [name, yaml] of HOSTILE_YAML) {
      const text = `---\n${yaml}\n---\n# Title\n\n[x](missing.md)\n`;
      const { value: doc, ms } = timed(() => parseDocument('/ws/a.md', text));
      assert.ok(doc.frontMatter, name);
      assert.ok(ms < 10000, `${name}: ${ms} ms`);
      assert.equal(doc.links.length, 1, name);
      // Tag values are scalars as written: an alias is never expanded into a value.
      for (const tag of doc.frontMatter!.tags) assert.ok(tag.value.length <= 2_000_001, name);
    }
    const laughs = parseDocument('/ws/a.md', `---\n${HOSTILE_YAML[0][1]}\n---\n`);
    assert.deepEqual(laughs.frontMatter!.tags.find((t) => t.key === 'Name')?.value, '');
  });

  it('parseDocument: 1,000-deep quotes and lists, 10,000 links in one file, a 1 MB line: bounded time', () => {
    for (const kind of ['quote', 'list'] as const) {
      const { value: doc, ms } = timed(() => parseDocument('/ws/deep.md', nested(kind, 1000)));
      assert.equal(doc.links.length, 1, kind);
      assert.ok(ms < 10000, `${kind}: ${ms} ms`);
    }
    const staircase = timed(() => parseDocument('/ws/stairs.md', nested('indented-list', 150)));
    assert.equal(staircase.value.links.length, 150);
    const many = Array.from({ length: 10000 }, (_, i) => `- [link ${i}](missing/${i}.md#part-${i})`).join('\n');
    const links = timed(() => parseDocument('/ws/many.md', many));
    assert.equal(links.value.links.length, 10000);
    assert.ok(links.ms < 30000, `10,000 links: ${links.ms} ms`);
    const line = timed(() => parseDocument('/ws/line.md', `# T\n${'word '.repeat(200_000)}[x](y.md)\n`));
    assert.equal(line.value.links.length, 1);
  });

  it('pathological shapes: parsing and every diagnostic grow linearly (block quotes, anchors, comments, tags, headings, names)', async () => {
    for (const [name, make] of PATHOLOGICAL_MARKDOWN) {
      const built = new Map<number, Awaited<ReturnType<typeof buildIndex>>['index']>();
      const index = async (n: number) => built.get(n) ?? built.set(n, (await buildIndex({ '/ws/a.md': make(n) })).index).get(n)!;
      await index(300);
      await index(1200);
      // Each round's text differs by a trailing comment, so it is parsed: the content cache would
      // otherwise answer the texts it can share and not those it cannot (degraded), and time nothing alike.
      let round = 0;
      const { ratio, small, large } = growthRatio(
        (n) => ({ text: make(n), index: built.get(n)! }),
        ({ text, index }) =>
          computeDocumentDiagnostics(index, index.setOpenText('/ws/a.md', `${text}\n<!-- round ${++round} -->\n`) && index.getDocument('/ws/a.md')!),
        300,
      );
      assert.ok(ratio < MAX_LINEAR_RATIO, `${name}: 4x the input took ${ratio.toFixed(1)}x (${small.toFixed(1)} -> ${large.toFixed(1)} ms)`);
    }
  });

  it('decodeDocumentBytes: any bytes decode (invalid UTF-8 to U+FFFD, UTF-16 with BOM, odd lengths) or are binary', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([0xff, 0xfe, ...b])),
          fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([0xfe, 0xff, ...b])),
          fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([0xef, 0xbb, 0xbf, ...b])),
        ),
        (bytes) => {
          const decoded = decodeDocumentBytes(bytes);
          if (decoded.binary) assert.equal(decoded.text, '');
          else {
            assert.equal(typeof decoded.text, 'string');
            assertModelSane(parseDocument('/ws/b.md', decoded.text), decoded.text);
          }
        },
      ),
      fuzzParams(300),
    );
    assert.equal(decodeDocumentBytes(new Uint8Array([0x23, 0xc3, 0x28, 0xa0, 0xa1, 0x0a])).text, '#\uFFFD(\uFFFD\uFFFD\n');
    assert.equal(decodeDocumentBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])).binary, true);
  });

  it('resolveLinkTarget: any destination resolves to a normalised absolute path, external, or empty', () => {
    const segment = fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2e',
      '%2e',
      'a',
      'b c',
      '%2F',
      '%5c..',
      '..\\..',
      'C:',
      '~',
      '',
      'x.md',
      '%00',
      '%',
      '%zz',
      '?q=1',
      '#frag',
    );
    const destination = fc.oneof(
      fc.array(segment, { maxLength: 10 }).chain((parts) => fc.constantFrom('/', '\\').map((sep) => parts.join(sep))),
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    fc.assert(
      fc.property(destination, fc.constantFrom('/ws/a.md', '/ws/deep/er/b.md'), (dest, from) => {
        const target = resolveLinkTarget(from, dest, '/ws');
        if (target.type !== 'local') return;
        assert.ok(target.path.startsWith('/'), target.path);
        assert.equal(posix.normalize(target.path), target.path, dest);
        assert.ok(target.path === '/' || !target.path.endsWith('/'), target.path);
        assert.ok(!target.path.split('/').includes('..'), target.path);
      }),
      fuzzParams(1000),
    );
  });

  it('links escaping the workspace with .., %2e%2e/ or backslashes are outside (never read) or stay inside', async () => {
    const { index } = await buildIndex({
      '/ws/docs/a.md': [
        '[up](../../outside.md)',
        '[enc](%2e%2e/%2e%2e/%2e%2e/etc/passwd)',
        '[mixed](%2E%2e/../x.md)',
        '[win](..\\..\\..\\windows\\win.ini)',
        '[encslash](..%2f..%2f..%2fetc%2fpasswd)',
        '[abs](/../../etc/passwd)',
        '[drive](C:\\Windows\\win.ini)',
      ].join('\n\n'),
    });
    const doc = index.getDocument('/ws/docs/a.md')!;
    const states = doc.links.map((l) => checkLink(index, doc, l));
    assert.deepEqual(
      states.map((s) => s.state),
      ['outside', 'outside', 'outside', 'missing-file', 'outside', 'outside', 'missing-file'],
    );
    // `/..` above the root is outside too. Backslashes are file-name characters on POSIX (as on GitHub): such a "path" stays in the folder.
    for (const s of states) if (s.state !== 'outside') assert.ok(isInside((s as { path: string }).path, '/ws'));
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '%2e%2e', '%2E%2E', 'a', '.'), { maxLength: 8 }), (parts) => {
        const target = resolveLinkTarget('/ws/docs/a.md', parts.join('/'), '/ws');
        const status = checkTarget(index, target);
        if (target.type === 'local' && !isInside(target.path, '/ws')) assert.equal(status.state, 'outside');
      }),
      fuzzParams(300),
    );
  });

  it('parseQuestionBlocks: random and mutated text never throws and stays quick', () => {
    fc.assert(
      fc.property(fc.oneof(markdownArb, mutatedFixtureArb(FIXTURE_TEXTS)), (text) => {
        const { value, ms } = timed(() => parseQuestionBlocks(`ALTAI:\n${text}`));
        assert.ok(Array.isArray(value));
        assert.ok(ms < 2000, `${ms} ms`);
      }),
      fuzzParams(150),
    );
    assert.ok(parseQuestionBlocks(`ALTAI:\n${'> '.repeat(5000)}q?\n`).length <= 1);
  });

  it('parseConfigText: random and hostile YAML/JSON yields a layer and problems, never an exception', () => {
    const yamlish = fc
      .array(
        fc.constantFrom(
          'include',
          'rules',
          'limits',
          'maxFileSizeMB',
          ':',
          ' ',
          '\n',
          '- ',
          '[',
          ']',
          '{',
          '}',
          '&a',
          '*a',
          '"',
          "'",
          '!!str',
          '1e999',
          '-1',
          'off',
          'null',
          '~',
          '\t',
          '#',
        ),
        { maxLength: 40 },
      )
      .map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 60 })), (text) => {
        const result = parseConfigText(text);
        assert.equal(typeof result.layer, 'object');
        assert.ok(Array.isArray(result.problems));
      }),
      fuzzParams(400),
    );
    for (const [name, yaml] of HOSTILE_YAML) {
      const { value, ms } = timed(() => parseConfigText(yaml));
      assert.ok(ms < 10000, `${name}: ${ms} ms`);
      assert.ok(value.problems.length > 0 || Object.keys(value.layer).length === 0 || name === 'merge keys', name);
    }
    // The alias bomb is a located problem, not an exception (it used to throw out of parseConfigText).
    const bomb = parseConfigText(`x: &x 1\ninclude: [${Array(100).fill('*x').join(',')}]`);
    assert.deepEqual(bomb.layer, {});
    assert.match(bomb.problems[0].message, /alias/i);
  });

  it('a configuration file with 20,000 keys loads in linear time (config and question packs)', async () => {
    const keys = (n: number) => `packs: [altai, no-such-pack]\n${Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n')}\n`;
    const text = keys(20000);
    // Growth, not wall-clock time: 4x the keys may cost at most ~2.5x linear (a quadratic check costs 16x).
    const growth = growthRatio(keys, (t) => parseConfigText(t), 5000);
    assert.ok(growth.ratio < MAX_LINEAR_RATIO, `parseConfigText grows ${growth.ratio.toFixed(1)}x for 4x the keys`);
    const config = timed(() => parseConfigText(text));
    assert.equal(config.value.problems.length, 51, 'the first 50 located, the rest counted');
    const loadPacks = (configText: string) =>
      loadWorkspacePacks(
        new InMemoryFileSystem({ '/ws/.mqg4ai.yaml': configText }),
        '/ws',
        mergeConfig({ packs: ['altai', 'no-such-pack'] }),
        '/ws/.mqg4ai.yaml',
      );
    const packGrowth = await growthRatioAsync(keys, loadPacks, 5000);
    assert.ok(packGrowth.ratio < MAX_LINEAR_RATIO, `loadWorkspacePacks grows ${packGrowth.ratio.toFixed(1)}x for 4x the keys`);
    const packs = await loadPacks(text);
    assert.ok(packs.problems.some((p) => /no-such-pack/.test(p.message)));
  });

  it('the whole index and every provider on random workspaces: results or diagnostics, never an exception', async function () {
    const names = ['README.md', 'QG_A_(System).md', 'sub/QG_B_(Lifecycle).md', 'sub/deeper/risk.md', 'x.markdown', 'bin.md'];
    const workspace = fc.dictionary(fc.constantFrom(...names), fc.oneof(markdownArb, mutatedFixtureArb(FIXTURE_TEXTS)), { minKeys: 1, maxKeys: names.length });
    await fc.assert(
      fc.asyncProperty(workspace, fc.nat(), async (files, seed) => {
        const memory: Record<string, string | Uint8Array> = {};
        for (const [name, text] of Object.entries(files))
          memory[`/ws/${name}`] = name === 'bin.md' ? new Uint8Array([0x23, 0, ...new TextEncoder().encode(text)]) : text;
        const { service } = await buildService(memory);
        for (const doc of [...service.index.allDocuments()]) {
          const diagnostics = computeDocumentDiagnostics(service.index, doc, neverCancelled);
          assert.ok(!diagnostics.some((d) => d.code === 'internal.error'), JSON.stringify(diagnostics.filter((d) => d.code === 'internal.error')));
          for (const d of diagnostics) if (d.resolvedPath && d.code !== 'link.outside-workspace') assert.ok(isInside(d.resolvedPath, '/ws'), d.resolvedPath);
          const text = typeof memory[doc.path] === 'string' ? (memory[doc.path] as string) : '';
          const line = doc.lineCount > 0 ? seed % doc.lineCount : 0;
          const position = { line, character: seed % 7 };
          service.features.hover.provideHover(doc.path, position, neverCancelled, text);
          service.features.definition.provideDefinition(doc.path, position, neverCancelled);
          service.features.completion.provideCompletions(doc.path, position, neverCancelled, text);
          service.features.documentLinks.provideDocumentLinks(doc.path, neverCancelled);
          service.features.documentSymbols.provideDocumentSymbols(doc.path, neverCancelled);
        }
        service.features.coverage.provideCoverage(undefined, neverCancelled);
      }),
      fuzzParams(40),
    );
  });

  it('memory stays bounded over the hostile inputs', () => {
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 2; i++) {
      for (const [, yaml] of HOSTILE_YAML) parseDocument('/ws/a.md', `---\n${yaml}\n---\n`);
      parseDocument('/ws/d.md', nested('quote', 1000) + nested('list', 1000));
    }
    const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
    assert.ok(grown < 600, `RSS grew by ${grown.toFixed(0)} MB`);
  });
});
