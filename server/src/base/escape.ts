/**
 * Output encoding for strings that come from a repository (file names, headings, link
 * destinations, pack fields): one function per output context. Every renderer escapes
 * through these, so a hostile string can neither break out of its context (inject a
 * Markdown image, an HTML tag, a second line in CI output) nor carry terminal escapes.
 * docs/security.md lists the contexts; test/unit/security/ runs a hostile corpus through them.
 */

/** Line breaks, including the Unicode ones some viewers honour. */
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
/** C0 controls (ESC among them), DEL and C1 controls; tab, LF and CR are handled apart. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** Bidirectional overrides and isolates: they reorder what a terminal or viewer shows. */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/** Removes controls and bidi overrides, and turns line breaks and tabs into spaces. */
export function stripControls(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(/\t/g, ' ').replace(CONTROLS, '').replace(BIDI, '');
}

/**
 * One line of plain text (compiler-style output, logs, SARIF and JUnit messages): no line
 * break, no control character, and no leading `::`, which GitHub Actions would run as a
 * workflow command (it trims leading whitespace first, so a space alone would not do).
 */
export function plainLine(text: string): string {
  return stripControls(text).replace(/^(\s*):(?=:)/, '$1: ');
}

/** Text of several lines (log messages with stack traces): each line a {@link plainLine}. */
export function plainLines(text: string): string {
  return text
    .split(/\r\n|[\r\n\u0085\u2028\u2029]/)
    .map(plainLine)
    .join('\n');
}

/** Markdown inline text (also in a table cell): no syntax, no line break, no control. */
export function markdownText(text: string): string {
  return stripControls(text)
    .replace(/[\\`*_{}[\]<>|~&#!]/g, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+=])/, '\\$1');
}

/**
 * Inline code for any text: a backtick fence longer than any run inside it. In a GFM table
 * cell a `|` must be escaped even inside code (GFM removes the backslash before parsing it).
 */
export function markdownCode(text: string, inTable = false): string {
  const flat = stripControls(text).replace(/\|/g, inTable ? '\\|' : '|');
  let longest = 0;
  let run = 0;
  for (const ch of flat) {
    run = ch === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each end when both ends have one: pad so the text survives.
  const spaced = flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '';
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' || spaced ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * A Markdown link destination: every character that could end it or start other syntax
 * (space, parentheses, angle brackets, quotes, backslash, controls, non-ASCII) is
 * percent-encoded. Existing `%XX` escapes are kept.
 */
export function markdownLinkTarget(target: string): string {
  let out = '';
  for (const ch of target) {
    if (/[A-Za-z0-9\-._~:/?#@!$&*+,;=%]/.test(ch)) out += ch;
    else out += encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out;
}

/** HTML text content and (single- or double-quoted) attribute values; controls other than tab and line breaks removed. */
export function htmlText(text: string): string {
  return text
    .replace(CONTROLS, '')
    .replace(BIDI, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Characters XML 1.0 does not allow (most C0 controls, lone surrogates, U+FFFE/F), and DEL and C1 controls. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** XML text content (JUnit): well-formed whatever the input; invalid characters become U+FFFD. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

/** An XML attribute value (double-quoted): a single line (`plainLine`), then escaped. */
export function xmlAttr(text: string): string {
  return xmlText(plainLine(text)).replace(/"/g, '&quot;');
}

/** Longest URL `safeHttpsUrl` accepts. */
export const MAX_URL_LENGTH = 2048;

/**
 * The URL when `value` is a plain https URL (printable ASCII, a host, no credentials, no
 * characters that end a Markdown or HTML context), else undefined: the only URLs a hover
 * or report shows as a link come from pack fields that pass this.
 */
export function safeHttpsUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return undefined;
  if (!/^https:\/\/[\x21-\x7E]+$/i.test(value) || /[<>"'`\\{}|^]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return undefined;
  return url.href;
}
