import assert from 'node:assert/strict';
import { decodeDocumentBytes } from '../../../server/src/base/decode';

const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const [hi, lo] = [code >> 8, code & 0xff];
    bytes.set(bigEndian ? [hi, lo] : [lo, hi], 2 + i * 2);
  }
  return bytes;
}

describe('core/workspace/decode', () => {
  it('decodes UTF-8 without BOM', () => {
    assert.deepEqual(decodeDocumentBytes(utf8('# Größe\n')), { text: '# Größe\n', binary: false });
  });

  it('drops a UTF-8 BOM', () => {
    assert.deepEqual(decodeDocumentBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('# T')])), { text: '# T', binary: false });
  });

  it('decodes UTF-16 LE and BE by their BOM, dropping it', () => {
    assert.deepEqual(decodeDocumentBytes(utf16('# Ü [a](b.md)\r\n', false)), { text: '# Ü [a](b.md)\r\n', binary: false });
    assert.deepEqual(decodeDocumentBytes(utf16('# Ü [a](b.md)\r\n', true)), { text: '# Ü [a](b.md)\r\n', binary: false });
  });

  it('UTF-16 text is not mistaken for binary although it has NUL bytes', () => {
    assert.equal(decodeDocumentBytes(utf16('abc', false)).binary, false);
  });

  it('reports NUL bytes as binary', () => {
    assert.deepEqual(decodeDocumentBytes(new Uint8Array([0x23, 0x20, 0x00, 0x41])), { text: '', binary: true });
    assert.equal(decodeDocumentBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x00])).binary, true);
  });

  it('replaces invalid UTF-8 with U+FFFD instead of failing', () => {
    assert.deepEqual(decodeDocumentBytes(new Uint8Array([0x61, 0xff, 0x62])), { text: 'a\ufffdb', binary: false });
  });

  it('decodes an empty file to empty text', () => {
    assert.deepEqual(decodeDocumentBytes(new Uint8Array()), { text: '', binary: false });
  });
});
