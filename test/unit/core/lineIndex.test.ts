import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/base/lineIndex';
import { comparePositions, rangeContains } from '../../../server/src/base/range';

describe('core/text: LineIndex', () => {
  describe('line endings', () => {
    it('counts LF lines, including the empty line after a trailing newline', () => {
      const index = new LineIndex('ab\ncd\n');
      assert.equal(index.lineCount, 3);
      assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
      assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
    });

    it('treats CRLF as one line ending', () => {
      const index = new LineIndex('ab\r\ncd\r\nef');
      assert.equal(index.lineCount, 3);
      assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
      assert.deepEqual(index.positionAt(8), { line: 2, character: 0 });
      assert.equal(index.lineText(0), 'ab');
      assert.equal(index.lineText(1), 'cd');
      assert.equal(index.lineText(2), 'ef');
    });

    it('treats a lone CR as a line ending', () => {
      const index = new LineIndex('ab\rcd\ref');
      assert.equal(index.lineCount, 3);
      assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
      assert.deepEqual(index.positionAt(7), { line: 2, character: 1 });
      assert.equal(index.lineText(1), 'cd');
    });

    it('handles mixed endings and consecutive blank lines', () => {
      const text = 'a\r\n\rb\n\nc';
      const index = new LineIndex(text);
      assert.equal(index.lineCount, 5);
      assert.deepEqual(
        [0, 1, 2, 3, 4].map((l) => index.lineText(l)),
        ['a', '', 'b', '', 'c'],
      );
      assert.deepEqual(index.positionAt(text.indexOf('c')), { line: 4, character: 0 });
    });

    it('a CR at the very end starts a last, empty line', () => {
      const index = new LineIndex('x\r');
      assert.equal(index.lineCount, 2);
      assert.deepEqual(index.positionAt(2), { line: 1, character: 0 });
    });

    it('an empty text has one line', () => {
      const index = new LineIndex('');
      assert.equal(index.lineCount, 1);
      assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
      assert.equal(index.offsetAt({ line: 0, character: 5 }), 0);
      assert.equal(index.lineText(0), '');
    });
  });

  describe('offsets <-> positions', () => {
    it('positionAt puts the offset of a line ending on the line it ends', () => {
      const index = new LineIndex('ab\r\ncd');
      assert.deepEqual(index.positionAt(2), { line: 0, character: 2 }); // the \r
      assert.deepEqual(index.positionAt(3), { line: 0, character: 3 }); // the \n of CRLF
    });

    it('round-trips every offset of a mixed document', () => {
      const text = '# T\r\n\r\n[a](b.md)\rnext\nlast line';
      const index = new LineIndex(text);
      for (let offset = 0; offset <= text.length; offset++) {
        assert.equal(index.offsetAt(index.positionAt(offset)), offset, `offset ${offset}`);
      }
    });

    it('counts UTF-16 code units, as LSP does', () => {
      const text = '😀x\nü';
      const index = new LineIndex(text);
      assert.deepEqual(index.positionAt(text.indexOf('x')), { line: 0, character: 2 });
      assert.equal(index.offsetAt({ line: 1, character: 1 }), text.length);
    });

    it('rangeOf maps both ends', () => {
      const index = new LineIndex('abc\ndef');
      assert.deepEqual(index.rangeOf(1, 6), { start: { line: 0, character: 1 }, end: { line: 1, character: 2 } });
    });
  });

  describe('clamping', () => {
    const text = 'ab\ncd\r\nef';
    const index = new LineIndex(text);

    it('clamps offsets below 0 and beyond the end', () => {
      assert.deepEqual(index.positionAt(-10), { line: 0, character: 0 });
      assert.deepEqual(index.positionAt(1000), { line: 2, character: 2 });
    });

    it('clamps lines before the first and after the last', () => {
      assert.equal(index.offsetAt({ line: -1, character: 3 }), 0);
      assert.equal(index.offsetAt({ line: 3, character: 0 }), text.length);
      assert.equal(index.offsetAt({ line: 99, character: 99 }), text.length);
    });

    it('clamps characters to the line, negative ones to its start', () => {
      assert.equal(index.offsetAt({ line: 0, character: 99 }), 3); // start of next line at most
      assert.equal(index.offsetAt({ line: 1, character: -4 }), 3);
      assert.equal(index.offsetAt({ line: 2, character: 99 }), text.length);
    });

    it('lineText is empty outside the document', () => {
      assert.equal(index.lineText(-1), '');
      assert.equal(index.lineText(3), '');
      assert.equal(index.lineText(1), 'cd');
    });
  });

  describe('range helpers', () => {
    it('comparePositions orders by line then character', () => {
      assert.ok(comparePositions({ line: 1, character: 0 }, { line: 0, character: 9 }) > 0);
      assert.ok(comparePositions({ line: 2, character: 3 }, { line: 2, character: 4 }) < 0);
      assert.equal(comparePositions({ line: 2, character: 3 }, { line: 2, character: 3 }), 0);
    });

    it('rangeContains includes both ends', () => {
      const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } };
      assert.equal(rangeContains(range, { line: 1, character: 2 }), true);
      assert.equal(rangeContains(range, { line: 1, character: 5 }), true);
      assert.equal(rangeContains(range, { line: 1, character: 6 }), false);
      assert.equal(rangeContains(range, { line: 0, character: 3 }), false);
    });
  });
});
