import assert from 'node:assert/strict';
import { definitionDestination, findClosingBracket, inlineDestination, scanDestination, skipLinkWhitespace } from '../../../server/src/syntax/linkSyntax';

/** The source text a span covers. */
const slice = (text: string, span: { start: number; end: number } | undefined) => span && text.slice(span.start, span.end);

describe('core/model/linkSyntax: destination scanners', () => {
  describe('findClosingBracket', () => {
    it('finds the matching bracket across nested brackets', () => {
      const text = '[a [b [c]] d](x)';
      assert.equal(findClosingBracket(text, 0, text.length), text.indexOf('](x)'));
    });

    it('ignores escaped brackets', () => {
      const text = '[a \\] b \\[ c](x)';
      assert.equal(findClosingBracket(text, 0, text.length), text.indexOf('](x)'));
    });

    it('ignores brackets inside code spans, with any backtick run length', () => {
      const one = '[a `]` b](x)';
      assert.equal(findClosingBracket(one, 0, one.length), one.indexOf('](x)'));
      const two = '[a ``]`]`` b](x)';
      assert.equal(findClosingBracket(two, 0, two.length), two.indexOf('](x)'));
    });

    it('treats an unclosed backtick run as literal text', () => {
      const text = '[a `b](x)';
      assert.equal(findClosingBracket(text, 0, text.length), text.indexOf('](x)'));
    });

    it('returns -1 when the bracket does not close before the limit', () => {
      const text = '[abc] more';
      assert.equal(findClosingBracket(text, 0, 4), -1);
      assert.equal(findClosingBracket('[a [b]', 0, 6), -1);
    });
  });

  describe('skipLinkWhitespace', () => {
    it('skips spaces and tabs, one line ending and the indentation after it', () => {
      assert.equal(skipLinkWhitespace('( \t\n   x', 1, 8), 7);
      assert.equal(skipLinkWhitespace('( \r\n  x', 1, 7), 6);
      assert.equal(skipLinkWhitespace('(\r x', 1, 4), 3);
    });

    it('skips at most one line ending', () => {
      assert.equal(skipLinkWhitespace('(\n\nx', 1, 4), 2);
    });

    it('stays put on non-whitespace', () => {
      assert.equal(skipLinkWhitespace('(x', 1, 2), 1);
    });
  });

  describe('scanDestination', () => {
    it('ends a bare destination at whitespace (before a title)', () => {
      const text = 'x.md "title")';
      assert.equal(slice(text, scanDestination(text, 0, text.length)), 'x.md');
    });

    it('keeps balanced parentheses, stops at the unbalanced closing one', () => {
      const text = 'QG_A_(B)_(C).md)';
      assert.equal(slice(text, scanDestination(text, 0, text.length)), 'QG_A_(B)_(C).md');
      const nested = 'a((b)c).md) tail';
      assert.equal(slice(nested, scanDestination(nested, 0, nested.length)), 'a((b)c).md');
    });

    it('skips backslash-escaped parentheses', () => {
      const text = 'QG_A\\)B.md)';
      assert.equal(slice(text, scanDestination(text, 0, text.length)), 'QG_A\\)B.md');
    });

    it('a backslash before a non-punctuation character is literal', () => {
      const text = 'dir\\name.md)';
      assert.equal(slice(text, scanDestination(text, 0, text.length)), 'dir\\name.md');
    });

    it('stops at control characters', () => {
      const text = 'a.md\u0001b)';
      assert.equal(slice(text, scanDestination(text, 0, text.length)), 'a.md');
    });

    it('includes the angle brackets of a <...> destination with spaces', () => {
      const text = '<my file (1).md> "t")';
      assert.equal(slice(text, scanDestination(text, 0, text.length)), '<my file (1).md>');
    });

    it('honours escaped > inside angle brackets', () => {
      const text = '<a\\>b.md>)';
      assert.equal(slice(text, scanDestination(text, 0, text.length)), '<a\\>b.md>');
    });

    it('does not run an unclosed <...> past the line end', () => {
      const text = '<abc\ndef>';
      assert.equal(scanDestination(text, 0, text.length).end, 5);
    });
  });

  describe('inlineDestination', () => {
    it('returns the span after `](`', () => {
      const text = '[a](x.md "t")';
      assert.equal(slice(text, inlineDestination(text, 2, text.length)), 'x.md');
    });

    it('returns an empty span right before `)` for `[x]()`', () => {
      const text = '[x]()';
      assert.deepEqual(inlineDestination(text, 2, text.length), { start: 4, end: 4 });
    });

    it('skips whitespace and a line break before the destination', () => {
      const text = '[a](\n  next.md)';
      assert.deepEqual(inlineDestination(text, 2, text.length), { start: 7, end: 14 });
    });

    it('is undefined when the label is not followed by `(`', () => {
      assert.equal(inlineDestination('[a][b]', 2, 6), undefined);
      assert.equal(inlineDestination('[a] (x)', 2, 7), undefined);
      assert.equal(inlineDestination('a](x)', 0, 5), undefined);
    });
  });

  describe('definitionDestination', () => {
    it('locates the destination after `]:`', () => {
      const text = '[ref]: dest.md "t"';
      assert.deepEqual(definitionDestination(text, 0, text.length), { start: 7, end: 14 });
    });

    it('allows the destination on the next line', () => {
      const text = '[ref]:\n   <a b.md>';
      assert.equal(slice(text, definitionDestination(text, 0, text.length)), '<a b.md>');
    });

    it('handles labels with nested brackets', () => {
      const text = '[a [b]]: x.md';
      assert.equal(slice(text, definitionDestination(text, 0, text.length)), 'x.md');
    });

    it('is undefined without a colon after the label', () => {
      assert.equal(definitionDestination('[ref] x.md', 0, 10), undefined);
      assert.equal(definitionDestination('[ref', 0, 4), undefined);
    });
  });
});
