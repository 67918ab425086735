/** C0 control characters (U+0000-U+001F) and DEL, which no file name, XML text or single output line should carry. */
export function isControlCharacter(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

/** Whether `text` holds a C0 control character or DEL. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isControlCharacter(text.charCodeAt(i))) return true;
  return false;
}
