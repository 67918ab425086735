/**
 * Turns a file's bytes into the text an editor would show: UTF-8 by default,
 * UTF-16 when a byte-order mark says so, the BOM itself dropped (VS Code does
 * not count it in positions). Invalid UTF-8 becomes U+FFFD rather than an error.
 */
export function decodeDocumentBytes(bytes: Uint8Array): { text: string; binary: boolean } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), binary: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), binary: false };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // NUL bytes do not occur in text files; their presence means a binary named .md.
  const probe = bytes.subarray(start, Math.min(bytes.length, start + 8192));
  if (probe.includes(0)) return { text: '', binary: true };
  return { text: new TextDecoder('utf-8').decode(bytes.subarray(start)), binary: false };
}
