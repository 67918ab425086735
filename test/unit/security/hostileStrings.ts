/**
 * Strings a hostile repository can put into file names, headings, link destinations,
 * messages and pack fields, for the output-encoding tests: each tries to break out of
 * its context (an extra line in CI output, a GitHub Actions workflow command, a terminal
 * escape, a Markdown image that a hover would fetch, HTML in a report).
 */
export const ATTACKER = 'attacker.example';

export const HOSTILE_STRINGS: readonly string[] = [
  // Forged lines and workflow commands (what `%0A` in a link destination decodes to).
  '\n::error file=x.md,line=1::forged finding',
  '::warning::starts a line',
  '  ::set-output name=x::y',
  'x.md:1:1 error link.missing-file first\r\nx.md:2:2 error link.missing-file forged',
  'a\rb\u2028c\u2029d\u0085e',
  // Terminal escapes: colours, a hyperlink, a title change, bidi reordering.
  '\u001b[31mred\u001b[0m',
  `\u001b]8;;https://${ATTACKER}/t\u0007click\u001b]8;;\u0007`,
  '\u001b]0;title\u0007\u009b2J',
  'safe\u202Egnp.exe',
  // Markdown: images, links, code-span breakouts, HTML, references, entities.
  `![beacon](https://${ATTACKER}/a.png)`,
  `\`![beacon](https://${ATTACKER}/b.png)\``,
  `x\` ![beacon](https://${ATTACKER}/c.png) \`y`,
  `\`\`\` ![beacon](https://${ATTACKER}/d.png) \`\`\``,
  `<img src="https://${ATTACKER}/e.png">`,
  `"><img src=https://${ATTACKER}/f.png onerror=alert(1)>`,
  `' onmouseover='alert(1)`,
  `[ref]: https://${ATTACKER}/g.png\n![beacon][ref]`,
  `&#33;[beacon](https://${ATTACKER}/h.png)`,
  `\\![beacon](https://${ATTACKER}/i.png)`,
  `[![beacon](https://${ATTACKER}/j.png)](x)`,
  `<https://${ATTACKER}/k.png>`,
  `| cell | ![beacon](https://${ATTACKER}/l.png) |`,
  `) ![beacon](https://${ATTACKER}/m.png) (`,
  `<script>fetch('https://${ATTACKER}/n')</script>`,
  '\u0000nul\u0007bel\u007fdel',
];

/** A pack `url` that passes the pack schema's `^https?://` but injects an image after the link. */
export const HOSTILE_URLS: readonly string[] = [
  `https://ok.example/) ![beacon](https://${ATTACKER}/u.png`,
  `https://ok.example/x\n![beacon](https://${ATTACKER}/v.png)`,
  `https://ok.example/><img src=https://${ATTACKER}/w.png>`,
  `http://${ATTACKER}/plain-http`,
  `https://user:pass@${ATTACKER}/creds`,
  'javascript:alert(1)',
];

/** C0/C1 controls (tab excepted) and Unicode line breaks: none may reach a single-line output. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
export const CONTROL_OR_BREAK = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/** Pieces the fuzz property assembles into hostile strings: every breakout the corpus uses, plus controls. */
export const HOSTILE_PIECES: readonly string[] = [
  '`',
  '``',
  '```',
  '\\',
  '[',
  ']',
  '(',
  ')',
  '!',
  '<',
  '>',
  '"',
  "'",
  '&',
  '#',
  '|',
  '*',
  '_',
  '~',
  ':',
  '::',
  ' ',
  '  ',
  '1.',
  '-',
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u001b[31m',
  '\u001b]8;;',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u202e',
  '%0A',
  '%1B',
  '&#33;',
  '&lt;',
  'img',
  'src=',
  'onerror=',
  `https://${ATTACKER}/x.png`,
  '![b](',
  '[r]: ',
  '<script>',
];
