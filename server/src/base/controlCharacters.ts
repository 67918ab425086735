/** C0 control characters (U+0000-U+001F) and DEL, which no file name, XML text or single output line should carry. */
export function isControlCharacter(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

/** Whether `text` holds a C0 control character or DEL. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isControlCharacter(text.charCodeAt(i))) return true;
  return false;
}

/**
 * `text` with every character XML 1.0 forbids (C0 controls but tab, LF and CR; lone
 * surrogates; U+FFFE/U+FFFF) replaced by U+FFFD. One linear pass.
 */
export function xmlSafe(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i] + text[i + 1];
        i++;
      } else out += '\uFFFD';
    } else if ((code >= 0xdc00 && code <= 0xdfff) || code === 0xfffe || code === 0xffff || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)) {
      out += '\uFFFD';
    } else out += text[i];
  }
  return out;
}
