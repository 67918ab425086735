// Markdown parsing under a budget: micromark is quadratic in the number of separate block
// quotes and lists, so past MAX_CONTAINERS they are read without that structure; and a worker
// parse far over the time budget is stopped.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { boundedMarkdown, MAX_CONTAINERS } from '../../../server/src/syntax/markdownParser';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { PARSE_STOP_FACTOR, ParseWorkerPool } from '../../../server/src/workspace/parsing/parseWorkerPool';
import { SMALL_TEXT } from '../../../server/src/workspace/parsing/documentParser';
import { growthRatio, MAX_LINEAR_RATIO } from './growth';

const quotes = (n: number, unit = '> a [x](b.md)\n\n') => unit.repeat(n);

describe('robustness: Markdown parsing under a budget', function () {
  this.timeout(120_000);

  it('a few block quotes are parsed as they are', () => {
    const text = quotes(MAX_CONTAINERS);
    assert.equal(boundedMarkdown(text).text, text);
    assert.equal(parseDocument('/ws/a.md', text).degraded, undefined);
  });

  it('past the limit, quote markers become blanks: same offsets, links and headings still found', () => {
    const unit = '> a [x](b.md)\n\n> > > > deep [y](c.md)\n\n- > > in a list [z](d.md)\n\n> # Heading\n\n';
    const text = quotes(MAX_CONTAINERS, unit);
    const bounded = boundedMarkdown(text);
    assert.equal(bounded.text.length, text.length);
    assert.match(bounded.degraded!, /opens 4000 separate block quotes or lists/);
    const doc = parseDocument('/ws/a.md', text);
    assert.equal(doc.links.length, 3 * MAX_CONTAINERS);
    assert.deepEqual(
      doc.links.slice(0, 3).map((l) => [l.destination, l.range.start.line, l.range.start.character]),
      [
        ['b.md', 0, 4],
        ['c.md', 2, 13],
        ['d.md', 4, 16],
      ],
    );
    assert.equal(doc.headings.length, MAX_CONTAINERS);
    assert.ok(doc.degraded);
  });

  it('thousands of blank-line-separated block quotes: linear growth', () => {
    assertLinear((n) => quotes(n), 1200);
    assertLinear((n) => quotes(n, '> > a\n\n'), 1200);
    assertLinear((n) => quotes(n, '- > a\n\n# h\n\n'), 1200);
    assertLinear((n) => quotes(n, '1. a\n\nb\n\n'), 1200);
  });

  const script = resolve(__dirname, '../../../dist/parseWorker.js');
  (existsSync(script) ? it : it.skip)('a worker parse far over its budget is stopped; the pool goes on', async () => {
    const pool = new ParseWorkerPool(script, false, 1);
    try {
      const slow = `# Slow\n\n${'Words and [a link](a.md) here.\n\n'.repeat(20_000)}`;
      const stopped = await pool.parse('/ws/slow.md', slow, { budgetMs: 1 });
      assert.match(stopped.degraded!, new RegExp(`stopped after \\d+ ms \\(${PARSE_STOP_FACTOR} times`));
      assert.deepEqual([stopped.links.length, stopped.headings.length, stopped.lineCount], [0, 0, 40_003]);
      assert.ok(pool.parseTimeOf(stopped)! >= PARSE_STOP_FACTOR);
      // The replaced worker parses the next document, and one within its budget is complete.
      const fine = await pool.parse('/ws/fine.md', '# Fine\n\n[x](y.md)\n', { budgetMs: 10_000 });
      assert.deepEqual([fine.degraded, fine.links.length], [undefined, 1]);
    } finally {
      await pool.dispose();
    }
  });
  (existsSync(script) ? it : it.skip)('documents waiting in a stopped worker are parsed by its replacement, in full', async () => {
    const pool = new ParseWorkerPool(script, false, 1);
    try {
      const slow = `# Slow\n\n${'Words and [a link](a.md) here.\n\n'.repeat(20_000)}`;
      const long = (i: number) => `# Next ${i}\n\n${'[x](y.md) and more words.\n\n'.repeat(400)}`;
      // Sent together: the slow one runs, the next waits in the same worker when it is stopped.
      const [stopped, ...next] = await Promise.all([
        pool.parse('/ws/slow.md', slow, { budgetMs: 1 }),
        pool.parse('/ws/next0.md', long(0), { budgetMs: 10_000 }),
        pool.parse('/ws/next1.md', long(1), { budgetMs: 10_000 }),
      ]);
      assert.ok(stopped.degraded);
      assert.deepEqual(
        next.map((d) => [d.path, d.degraded, d.links.length, d.title]),
        [
          ['/ws/next0.md', undefined, 400, 'Next 0'],
          ['/ws/next1.md', undefined, 400, 'Next 1'],
        ],
      );
    } finally {
      await pool.dispose();
    }
  });
  (existsSync(script) ? it : it.skip)('an urgent parse (the editor document) goes ahead of queued background parses; a small one parses at once', async () => {
    const pool = new ParseWorkerPool(script, false, 1);
    try {
      const text = (i: number) => `# Doc ${i}\n\n${'Words and [a link](a.md) here.\n\n'.repeat(2000)}`;
      const order: string[] = [];
      const background = [0, 1, 2, 3].map((i) => pool.parse(`/ws/bg${i}.md`, text(i)).then(() => order.push(`bg${i}`)));
      const urgent = pool.parse('/ws/open.md', text(9), { urgent: true }).then(() => order.push('open'));
      // Under SMALL_TEXT: parsed in this thread, answered before anything the worker holds.
      const small = pool.parse('/ws/small.md', '# Small\n', { urgent: true }).then(() => order.push('small'));
      assert.ok('# Small\n'.length < SMALL_TEXT);
      await Promise.all([...background, urgent, small]);
      // bg0 and bg1 were already in the worker (it holds its next document); the urgent parse overtook the two still queued.
      assert.deepEqual(order, ['small', 'bg0', 'bg1', 'open', 'bg2', 'bg3']);
    } finally {
      await pool.dispose();
    }
  });
});

function assertLinear(make: (n: number) => string, n: number): void {
  const { ratio, small, large } = growthRatio(make, (text) => parseDocument('/ws/a.md', text), n);
  assert.ok(ratio < MAX_LINEAR_RATIO, `4x the quotes took ${ratio.toFixed(1)}x (${small.toFixed(0)} -> ${large.toFixed(0)} ms)`);
}
