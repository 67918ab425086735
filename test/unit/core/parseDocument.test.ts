import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import type { LinkOccurrence } from '../../../server/src/domain/document/types';
import { rangeOf, tuple } from '../helpers';

const parse = (text: string) => parseDocument('/ws/dir/doc.md', text);

/** The one link of `text`, asserting there is exactly one. */
function onlyLink(text: string): LinkOccurrence {
  const { links } = parse(text);
  assert.equal(links.length, 1, `expected one link, got ${JSON.stringify(links.map((l) => l.rawDestination))}`);
  return links[0];
}

/** Shape a link for deepEqual: syntax, raw, destination, destinationRange. */
const shape = (l: LinkOccurrence) => ({ syntax: l.syntax, raw: l.rawDestination, destination: l.destination, range: tuple(l.destinationRange) });

describe('core/model/parseDocument: links', () => {
  describe('inline links', () => {
    it('locates a plain destination exactly, and the whole link', () => {
      const text = 'See [the gate](QG_X.md) here.';
      const link = onlyLink(text);
      assert.deepEqual(shape(link), { syntax: 'inline', raw: 'QG_X.md', destination: 'QG_X.md', range: rangeOf(text, 'QG_X.md') });
      assert.deepEqual(tuple(link.range), rangeOf(text, '[the gate](QG_X.md)'));
      assert.equal(link.text, 'the gate');
      assert.equal(link.label, undefined);
    });

    it('excludes a double-quoted title', () => {
      const text = '[a](x.md "The title")';
      assert.deepEqual(shape(onlyLink(text)), { syntax: 'inline', raw: 'x.md', destination: 'x.md', range: [0, 4, 0, 8] });
    });

    it('excludes a single-quoted title', () => {
      const text = "[a](x.md 'The title')";
      assert.deepEqual(shape(onlyLink(text)), { syntax: 'inline', raw: 'x.md', destination: 'x.md', range: [0, 4, 0, 8] });
    });

    it('excludes a parenthesised title and surrounding spaces', () => {
      const text = '[a](  x.md  (title) )';
      assert.deepEqual(shape(onlyLink(text)), { syntax: 'inline', raw: 'x.md', destination: 'x.md', range: [0, 6, 0, 10] });
    });

    it('keeps the <angle brackets> in the raw destination and range, not in the destination', () => {
      const text = '[a](<../My Folder/QG A.md> "t")';
      assert.deepEqual(shape(onlyLink(text)), {
        syntax: 'inline',
        raw: '<../My Folder/QG A.md>',
        destination: '../My Folder/QG A.md',
        range: rangeOf(text, '<../My Folder/QG A.md>'),
      });
    });

    it('keeps balanced parentheses of MQG4AI file names', () => {
      const text = '- [Data](../../1_Data/QG_Data_(Lifecycle).md) and more)';
      const link = onlyLink(text);
      assert.equal(link.rawDestination, '../../1_Data/QG_Data_(Lifecycle).md');
      assert.deepEqual(tuple(link.destinationRange), rangeOf(text, '../../1_Data/QG_Data_(Lifecycle).md'));
    });

    it('keeps escaped parentheses in the raw text, unescaped in the destination', () => {
      const text = '[a](QG_A\\(B.md)';
      assert.deepEqual(shape(onlyLink(text)), { syntax: 'inline', raw: 'QG_A\\(B.md', destination: 'QG_A(B.md', range: [0, 4, 0, 14] });
    });

    it('does not percent-decode the destination', () => {
      assert.equal(onlyLink('[a](my%20file.md#caf%C3%A9)').destination, 'my%20file.md#caf%C3%A9');
    });

    it('decodes entities in the destination but not in the raw text', () => {
      const link = onlyLink('[a](a&amp;b.md)');
      assert.equal(link.rawDestination, 'a&amp;b.md');
      assert.equal(link.destination, 'a&b.md');
    });

    it('gives `[x]()` an empty destination range right after `(`', () => {
      const link = onlyLink('Broken [x]() here');
      assert.deepEqual(shape(link), { syntax: 'inline', raw: '', destination: '', range: [0, 11, 0, 11] });
      assert.deepEqual(tuple(link.range), [0, 7, 0, 12]);
    });

    it('gives `[x](<>)` the range of `<>` and an empty destination', () => {
      assert.deepEqual(shape(onlyLink('[x](<>)')), { syntax: 'inline', raw: '<>', destination: '', range: [0, 4, 0, 6] });
    });

    it('finds the destination on the second line when the link text spans two lines', () => {
      const text = 'A [long link\ntext](two.md) end';
      const link = onlyLink(text);
      assert.deepEqual(tuple(link.destinationRange), [1, 6, 1, 12]);
      assert.deepEqual(tuple(link.range), [0, 2, 1, 13]);
      assert.equal(link.text, 'long link\ntext');
    });

    it('finds a destination written on the line after `(`', () => {
      const link = onlyLink('- [a](\n  next.md)');
      assert.deepEqual(shape(link), { syntax: 'inline', raw: 'next.md', destination: 'next.md', range: [1, 2, 1, 9] });
    });

    it('handles nested brackets in the link text', () => {
      const text = '[a [nested] b](n.md)';
      const link = onlyLink(text);
      assert.deepEqual(tuple(link.destinationRange), rangeOf(text, 'n.md'));
      assert.equal(link.text, 'a [nested] b');
    });

    it('handles a code span containing `]` in the link text', () => {
      const text = '[see `a]b` here](c.md)';
      const link = onlyLink(text);
      assert.deepEqual(tuple(link.destinationRange), rangeOf(text, 'c.md'));
      assert.equal(link.text, 'see a]b here');
    });

    it('handles an escaped bracket at the end of the link text', () => {
      const text = '[a\\]](esc.md)';
      assert.deepEqual(tuple(onlyLink(text).destinationRange), rangeOf(text, 'esc.md'));
    });

    it('handles an empty link text and emphasis in the text', () => {
      assert.deepEqual(tuple(onlyLink('[](e.md)').destinationRange), [0, 3, 0, 7]);
      const em = onlyLink('[*a* **b**](em.md)');
      assert.deepEqual(tuple(em.destinationRange), [0, 12, 0, 17]);
      assert.equal(em.text, 'a b');
    });

    it('finds two adjacent links separately', () => {
      const text = '[a](x.md)[b](y.md)';
      assert.deepEqual(parse(text).links.map(shape), [
        { syntax: 'inline', raw: 'x.md', destination: 'x.md', range: [0, 4, 0, 8] },
        { syntax: 'inline', raw: 'y.md', destination: 'y.md', range: [0, 13, 0, 17] },
      ]);
    });

    it('keeps same-document fragments as written', () => {
      assert.deepEqual(shape(onlyLink('[a](#1-purpose)')), { syntax: 'inline', raw: '#1-purpose', destination: '#1-purpose', range: [0, 4, 0, 14] });
    });
  });

  describe('images', () => {
    it('locates the destination of an image followed by Pandoc attributes', () => {
      const text = '![Graph](<Images Folder/graph (1).png>){width=800 height=}';
      const link = onlyLink(text);
      assert.deepEqual(shape(link), {
        syntax: 'image',
        raw: '<Images Folder/graph (1).png>',
        destination: 'Images Folder/graph (1).png',
        range: rangeOf(text, '<Images Folder/graph (1).png>'),
      });
      assert.equal(link.text, 'Graph');
      assert.deepEqual(tuple(link.range), rangeOf(text, '![Graph](<Images Folder/graph (1).png>)'));
    });

    it('handles brackets and code spans in the alt text', () => {
      const nested = '![a [b] c](x.png)';
      assert.deepEqual(tuple(onlyLink(nested).destinationRange), rangeOf(nested, 'x.png'));
      const code = '![a `]` c](y.png){width=1}';
      assert.deepEqual(tuple(onlyLink(code).destinationRange), rangeOf(code, 'y.png'));
    });

    it('finds an image nested in a link as its own occurrence', () => {
      const text = '[![badge](b.png)](target.md)';
      const links = parse(text).links.map(shape);
      assert.deepEqual(
        links.sort((a, b) => a.raw.localeCompare(b.raw)),
        [
          { syntax: 'image', raw: 'b.png', destination: 'b.png', range: rangeOf(text, 'b.png') },
          { syntax: 'inline', raw: 'target.md', destination: 'target.md', range: rangeOf(text, 'target.md') },
        ],
      );
    });
  });

  describe('definitions and references', () => {
    it('locates the destination of a definition, with its normalised label', () => {
      const text = 'Text.\n\n[My Ref]: ../dest.md "Title"\n';
      const link = onlyLink(text);
      assert.deepEqual(shape(link), { syntax: 'definition', raw: '../dest.md', destination: '../dest.md', range: rangeOf(text, '../dest.md') });
      assert.equal(link.label, 'my ref');
      assert.deepEqual(tuple(link.range), rangeOf(text, '[My Ref]: ../dest.md "Title"'));
    });

    it('locates an <angle> destination of a definition on its next line', () => {
      const text = '[ref]:\n  <d d.md>\n  "title"\n';
      assert.deepEqual(shape(onlyLink(text)), { syntax: 'definition', raw: '<d d.md>', destination: 'd d.md', range: [1, 2, 1, 10] });
    });

    it('locates a definition inside a blockquote', () => {
      const text = '> [ref]: d.md';
      assert.deepEqual(shape(onlyLink(text)), { syntax: 'definition', raw: 'd.md', destination: 'd.md', range: [0, 9, 0, 13] });
    });

    it('an empty <> definition has an empty destination', () => {
      const text = '[a]\n\n[a]: <>';
      assert.deepEqual(shape(onlyLink(text)), { syntax: 'definition', raw: '<>', destination: '', range: [2, 5, 2, 7] });
    });

    it('records full, collapsed and shortcut references with their label ranges', () => {
      const text = '[text][Ref] [ref][] [REF]\n\n[ref]: d.md\n';
      const doc = parse(text);
      assert.deepEqual(
        doc.references.map((r) => ({ label: r.label, labelRange: tuple(r.labelRange), range: tuple(r.range), text: r.text })),
        [
          { label: 'ref', labelRange: [0, 7, 0, 10], range: [0, 0, 0, 11], text: 'text' },
          { label: 'ref', labelRange: [0, 13, 0, 16], range: [0, 12, 0, 19], text: 'ref' },
          { label: 'ref', labelRange: [0, 21, 0, 24], range: [0, 20, 0, 25], text: 'REF' },
        ],
      );
      assert.equal(doc.links.length, 1);
      assert.equal(doc.links[0].label, 'ref');
    });

    it('normalises whitespace and case of labels the same way on both sides', () => {
      const doc = parse('[Foo Bar][]\n\n[foo   bar]: fb.md\n');
      assert.equal(doc.references[0].label, 'foo bar');
      assert.equal(doc.links[0].label, 'foo bar');
    });

    it('records image references and references with nested brackets', () => {
      const doc = parse('![alt][img] [a [b] c][r]\n\n[img]: i.png\n[r]: r.md\n');
      assert.deepEqual(
        doc.references.map((r) => ({ label: r.label, labelRange: tuple(r.labelRange), text: r.text })),
        [
          { label: 'img', labelRange: [0, 7, 0, 10], text: 'alt' },
          { label: 'r', labelRange: [0, 22, 0, 23], text: 'a [b] c' },
        ],
      );
    });

    it('an undefined shortcut `[text]` or full reference is neither a link nor a reference', () => {
      const doc = parse('Checkbox [x] and [text] and [a][nope].\n');
      assert.deepEqual(doc.links, []);
      assert.deepEqual(doc.references, []);
    });

    it('front matter `tags: [{Name: X}]` produces no links or references', () => {
      const doc = parse('---\ntags: [{Name: X}, {Intent: [y]}]\n---\n# T\n\n[X]: x.md\n');
      assert.deepEqual(doc.references, []);
      assert.deepEqual(
        doc.links.map((l) => l.syntax),
        ['definition'],
      );
    });
  });

  describe('autolinks', () => {
    it('treats <https://...> as an autolink, range without the brackets; bare URLs are plain text (never checked, not parsed: see docs/performance.md)', () => {
      const text = 'See <https://x.org/a> and https://y.org/b.';
      const links = parse(text).links;
      assert.deepEqual(links.map(shape), [
        { syntax: 'autolink', raw: 'https://x.org/a', destination: 'https://x.org/a', range: rangeOf(text, 'https://x.org/a') },
      ]);
      assert.deepEqual(tuple(links[0].range), rangeOf(text, '<https://x.org/a>'));
    });

    it('gives email autolinks their scheme in the destination', () => {
      const text = '<me@example.org> www.example.com';
      assert.deepEqual(
        parse(text).links.map((l) => [l.syntax, l.rawDestination, l.destination]),
        [['autolink', 'me@example.org', 'mailto:me@example.org']],
      );
    });
  });

  describe('where links are (not) found', () => {
    it('finds nothing in code spans, fenced or indented code, or HTML blocks', () => {
      const text = [
        'Inline `[a](b.md)` code.',
        '',
        '```md',
        '[c](d.md)',
        '```',
        '',
        '~~~',
        '<https://x.org>',
        '~~~',
        '',
        '    [e](f.md)',
        '',
        '<div>',
        '[g](h.md)',
        '</div>',
      ].join('\n');
      assert.deepEqual(parse(text).links, []);
    });

    it('finds links in headings, tables, blockquotes, ALTAI question lists and nested lists', () => {
      const text = [
        '# [Head](h.md)',
        '',
        '| a | b |',
        '|---|---|',
        '| [Cell](t.md) | [pipe](x\\|y.md) |',
        '',
        'ALTAI:',
        '> - Could the system have critical [consequences](../q.md)?',
        '>> annotation [see](../n.md)',
        '',
        '- item',
        '  1. [deep](l.md)',
      ].join('\n');
      const links = parse(text).links;
      assert.deepEqual(
        links.map((l) => [l.rawDestination, l.destination, tuple(l.destinationRange)]),
        [
          ['h.md', 'h.md', rangeOf(text, 'h.md')],
          ['t.md', 't.md', rangeOf(text, 't.md')],
          ['x\\|y.md', 'x|y.md', rangeOf(text, 'x\\|y.md')],
          ['../q.md', '../q.md', rangeOf(text, '../q.md')],
          ['../n.md', '../n.md', rangeOf(text, '../n.md')],
          ['l.md', 'l.md', rangeOf(text, 'l.md')],
        ],
      );
    });

    it('finds the destination of a link whose text continues on the next quoted line', () => {
      const text = '> - a question with [a long\n>   link text](../q.md)?';
      assert.deepEqual(tuple(onlyLink(text).destinationRange), rangeOf(text, '../q.md'));
    });

    it('finds the destination of a link broken after `(` inside a blockquote', () => {
      const text = '> See [the gate](\n> ../QG_Gate.md) for details.';
      const link = onlyLink(text);
      assert.equal(link.destination, '../QG_Gate.md');
      assert.equal(link.rawDestination, '../QG_Gate.md');
      assert.deepEqual(tuple(link.destinationRange), rangeOf(text, '../QG_Gate.md'));
    });

    it('finds the destination of a definition continued on the next quoted line', () => {
      const text = '> [ref]:\n> ../d.md\n\n[ref]\n';
      const link = onlyLink(text);
      assert.equal(link.rawDestination, '../d.md');
      assert.deepEqual(tuple(link.destinationRange), rangeOf(text, '../d.md'));
    });

    it('locates links exactly in CRLF documents', () => {
      const text = '# T\r\n\r\nIntro [a](x.md) and [b\r\nc](<y z.md>)\r\n\r\n[r]: <r.md>\r\n';
      assert.deepEqual(parse(text).links.map(shape), [
        { syntax: 'inline', raw: 'x.md', destination: 'x.md', range: [2, 10, 2, 14] },
        { syntax: 'inline', raw: '<y z.md>', destination: 'y z.md', range: [3, 3, 3, 11] },
        { syntax: 'definition', raw: '<r.md>', destination: 'r.md', range: [5, 5, 5, 11] },
      ]);
    });

    it('locates links exactly after a front matter block', () => {
      const text = '---\ntags: [{Name: QG_X}]\n---\n[a](b.md)\n';
      assert.deepEqual(shape(onlyLink(text)), { syntax: 'inline', raw: 'b.md', destination: 'b.md', range: [3, 4, 3, 8] });
    });
  });

  describe('document basics', () => {
    it('keeps the path and counts lines', () => {
      const doc = parseDocument('/ws/a/b.md', 'a\nb\r\nc\rd\n');
      assert.equal(doc.path, '/ws/a/b.md');
      assert.equal(doc.lineCount, 5);
      assert.equal(doc.skipped, undefined);
    });

    it('survives deeply nested quotes without overflowing the stack', () => {
      const text = `${'>'.repeat(3000)} [deep](d.md)\n`;
      const doc = parse(text);
      assert.deepEqual(
        doc.links.map((l) => l.destination),
        ['d.md'],
      );
    });
  });
});
