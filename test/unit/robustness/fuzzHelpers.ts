// Shared pieces of the fuzz/property suites (test/unit/robustness/fuzzCore.test.ts and
// test/protocol/robustness.test.ts): the fixed seed, the run counts, Markdown generators and
// mutators fed from the fixture workspaces, and hostile inputs.
//
// Runs are seeded and bounded so CI is deterministic and fast. The longer mode runs on demand:
//   MQG4AI_FUZZ_RUNS=2000 npx mocha --no-config --node-option import=tsx --timeout 0 test/unit/robustness/fuzzCore.test.ts
// and MQG4AI_FUZZ_SEED=<n> replays (or varies) a run; a failure prints its seed and path.
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../helpers/fixtures';

export const FUZZ_SEED = Number(process.env.MQG4AI_FUZZ_SEED ?? 20260409);
/** Scales every property's run count (1 in CI; MQG4AI_FUZZ_RUNS=N sets the base count). */
export const FUZZ_RUNS = Number(process.env.MQG4AI_FUZZ_RUNS ?? 0);

/** fast-check parameters: the fixed seed, and `ciRuns` runs unless the long mode asks for more. */
export function fuzzParams(ciRuns: number): { seed: number; numRuns: number; endOnFailure: true } {
  return { seed: FUZZ_SEED, numRuns: FUZZ_RUNS > 0 ? Math.max(ciRuns, FUZZ_RUNS) : ciRuns, endOnFailure: true };
}

/** Every Markdown file of the fixture workspaces, as text: the seeds of the mutations. */
export function fixtureTexts(): string[] {
  const result: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.md$/i.test(name)) result.push(readFileSync(path, 'utf8'));
    }
  };
  walk(FIXTURES);
  return result;
}

/** Markdown fragments that change structure: link forms, containers, HTML, front-matter fences, ALTAI blocks. */
const TOKENS = [
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '!',
  '#',
  '*',
  '_',
  '`',
  '```',
  '~~~',
  '|',
  '\\',
  '&amp;',
  '&#0;',
  '\u0000',
  '\uFFFD',
  '\uD800',
  '---\n',
  '\n---\n',
  '> ',
  '- ',
  '1. ',
  '    ',
  '\t',
  '\r',
  '\r\n',
  '\n',
  '\n\n',
  '[^1]',
  '[^1]: note\n',
  '[x](a.md)',
  '[x](../../../../etc/passwd)',
  '[x](%2e%2e/%2e%2e/secret.md)',
  '[x](..\\..\\win.md)',
  '[x](C:\\x.md)',
  '[x](/abs.md#h)',
  '[x](<a b.md>)',
  '[x](#)',
  '[x]()',
  '[x][ref]',
  '[ref]: ./r.md "t"\n',
  '![i](img.png)',
  '<https://example.org>',
  '[x](http://10.0.0.1/)',
  '<a id="x">',
  '<!-- mqg4ai-disable-next-line link.missing-file -- why -->',
  '<!-- mqg4ai-disable-file -->',
  'ALTAI:\n',
  '> Did you assess the risk?\n',
  '- [x] yes\n',
  'tags: [{Name: X}]',
  '{Name: ',
  '&a ',
  '*a',
  '%YAML 1.2\n',
  '# Heading\n',
  '## Poses Risk(s)\n',
  'Definition Term\n',
  '| a | b |\n| - | - |\n',
  // Issue 14's hostile shapes: nested containers on one line, bracket runs, forged output in
  // destinations (line breaks, escapes, workflow commands), a backtick in a name, a remote image,
  // long runs before a Definition heading and inside a suppression comment.
  `${'>'.repeat(40)} `,
  `${'- '.repeat(30)}`,
  '['.repeat(30),
  '[x](a%0A::error%20file=x.md)',
  '[x](%1B[31mred.md)',
  '[x](a`b.md)',
  '![b](https://attacker.example/x.png)',
  `## Definition${' '.repeat(60)}x\n`,
  `<!-- mqg4ai-disable-line ${'-'.repeat(60)} -->`,
];

/** A Markdown-ish document built from structural tokens and random text. */
export const markdownArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
      { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

/** A fixture document with edits: insertions of tokens, deletions, duplications and line-ending changes. */
export function mutatedFixtureArb(texts: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('insert', 'delete', 'duplicate', 'crlf', 'cr'),
    token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })),
    length: fc.nat({ max: 40 }),
  });
  return fc.record({ base: fc.constantFrom(...texts), edits: fc.array(edit, { maxLength: 8 }) }).map(({ base, edits }) => {
    let text = base;
    for (const e of edits) {
      const at = text.length === 0 ? 0 : e.at % text.length;
      if (e.kind === 'insert') text = text.slice(0, at) + e.token + text.slice(at);
      else if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.length);
      else if (e.kind === 'duplicate') text = text.slice(0, at + e.length) + text.slice(at);
      else if (e.kind === 'crlf') text = text.replace(/\r?\n/g, '\r\n');
      else text = text.replace(/\r?\n/g, '\r');
    }
    return text;
  });
}

/** YAML front matter meant to hurt: alias bombs, deep nesting, huge scalars, broken syntax, tags. */
export const HOSTILE_YAML: ReadonlyArray<[name: string, yaml: string]> = [
  [
    'billion laughs',
    [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      'tags: [{Name: *i}]',
    ].join('\n'),
  ],
  ['alias in tags', 'x: &x {Name: Bomb}\ntags: [*x, *x, *x]'],
  ['deep flow nesting', `tags: ${'['.repeat(3000)}${']'.repeat(3000)}`],
  ['deep block nesting', Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v'],
  ['huge scalar', `tags: [{Name: ${'x'.repeat(2_000_000)}}]`],
  ['huge key count', Array.from({ length: 20000 }, (_, i) => `k${i}: v`).join('\n')],
  ['unterminated', 'tags: [{Name: "open'],
  ['tabs and garbage', '\t- : : [\n\u0000\n'],
  ['custom tags', 'tags: !!binary aGVsbG8=\nx: !!js/function "function(){}"\ny: !<tag:yaml.org,2002:python/object> {}'],
  ['merge keys', 'base: &b {Name: X}\ntags: [{<<: *b}]'],
  ['directive', '%YAML 9.9\n%TAG ! tag:evil,2000:\n---\nName: x'],
];

/** `depth` nested block quotes, or list items (markers on one line), around a link. */
export function nested(kind: 'quote' | 'list' | 'indented-list', depth: number): string {
  if (kind === 'quote') return `${'> '.repeat(depth)}[deep](missing.md)\n`;
  if (kind === 'list') return `${'- '.repeat(depth)}[deep](missing.md)\n`;
  return Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item [l${i}](missing${i}.md)`).join('\n');
}

/** Milliseconds `run` takes. */
export function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

/**
 * Pathological shapes that made some step super-linear (docs/security.md, bounds on work), as
 * documents of about `n` units: each must parse and validate in time growing linearly with `n`.
 */
export const PATHOLOGICAL_MARKDOWN: ReadonlyArray<[name: string, make: (n: number) => string]> = [
  ['blank-line-separated block quotes', (n) => '> a [x](a.md)\n\n'.repeat(n)],
  ['lists separated by headings', (n) => '- a\n\n# h\n\n'.repeat(n)],
  [
    'headings x broken anchors',
    (n) => `${Array.from({ length: n }, (_, i) => `## Section ${i}\n`).join('')}${Array.from({ length: n }, (_, i) => `[x](#sectin-${i}) `).join('')}\n`,
  ],
  ['unclosed suppression comments in one HTML block', (n) => `<div>\n${'<!-- mqg4ai-disable-file x '.repeat(n)}\n</div>\n`],
  ['an HTML tag that never closes', (n) => `<div>\n<a${' x'.repeat(4 * n)}\n`],
  ['a Definition heading with runs of spaces', (n) => `# Definition${' '.repeat(4 * n)}-${' '.repeat(4 * n)}x${' :'.repeat(n)}\n\ntext\n`],
  ['strikethrough openings in a heading', (n) => `# ${'~~a'.repeat(n)}\n`],
  ['a question of brackets and emphasis', (n) => `ALTAI:\n> - ${'[]('.repeat(n)}${'**a'.repeat(n)}${'. '.repeat(n)}\n`],
  ['an ALTAI label and a heading with runs of spaces', (n) => `ALTAI${' '.repeat(4 * n)}x\n# x${' '.repeat(4 * n)}y\n`],
  ['a Name of many _(', (n) => `---\ntags: [{Name: "${'_('.repeat(n)}x)"}]\n---\n# N\n`],
];
