import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import {
  createTokenizer,
  describeTokens,
  FIXTURE_DIR,
  INJECTION_PATH,
  INJECTION_SCOPE,
  loadOniguruma,
  REPO_ROOT,
  VSCODE_EXTENSIONS,
  type Tokenize,
  type TokenizedLine,
} from './tokenizer';

const KEY = 'entity.name.tag.mqg4ai.frontmatter-key';
const VALUE = 'string.unquoted.mqg4ai.frontmatter-value';
const ALTAI = 'keyword.control.mqg4ai.altai-label';
const ADDITIONAL = 'keyword.control.mqg4ai.additional-label';
const ANSWER = 'markup.quote.mqg4ai.answer';
const QG_FILE = 'entity.name.type.mqg4ai.qg-file';
const ALL_OURS = [KEY, VALUE, ALTAI, ADDITIONAL, ANSWER, QG_FILE];

function scopesAt(line: TokenizedLine, offset: number): readonly string[] {
  return line.tokens.find((t) => t.start <= offset && offset < t.end)?.scopes ?? [];
}

/** Finds the `occurrence`-th (0-based) `needle` in the line. */
function rangeOf(line: TokenizedLine, needle: string, occurrence = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = line.text.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `${JSON.stringify(needle)} (#${occurrence}) not in ${JSON.stringify(line.text)}`);
  }
  return [at, at + needle.length];
}

/** `scope` covers exactly `needle`: every character of it, and neither neighbour. */
function assertExactly(line: TokenizedLine, needle: string, scope: string, occurrence = 0): void {
  const [start, end] = rangeOf(line, needle, occurrence);
  const why = `${scope} on exactly ${JSON.stringify(needle)} in ${JSON.stringify(line.text)}\n${describeTokens(line.tokens)}`;
  for (let i = start; i < end; i++) assert.ok(scopesAt(line, i).includes(scope), why);
  if (start > 0) assert.ok(!scopesAt(line, start - 1).includes(scope), why);
  if (end < line.text.length) assert.ok(!scopesAt(line, end).includes(scope), why);
}

/** Every character of `needle` carries `scope` (the scope may reach further). */
function assertWithin(line: TokenizedLine, needle: string, scope: string, occurrence = 0): void {
  const [start, end] = rangeOf(line, needle, occurrence);
  for (let i = start; i < end; i++) {
    assert.ok(scopesAt(line, i).includes(scope), `${scope} on ${JSON.stringify(needle)}\n${describeTokens(line.tokens)}`);
  }
}

/** No character of `needle` (default: the whole line) carries any of `scopes`. */
function assertNone(line: TokenizedLine, scopes: readonly string[], needle?: string): void {
  const [start, end] = needle === undefined ? [0, line.text.length] : rangeOf(line, needle);
  for (let i = start; i < end; i++) {
    const hit = scopes.find((s) => scopesAt(line, i).includes(s));
    assert.equal(hit, undefined, `${hit} in ${JSON.stringify(line.text)}\n${describeTokens(line.tokens)}`);
  }
}

interface GrammarSet {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly missing?: string;
}

const vscodeMarkdown = join(VSCODE_EXTENSIONS, 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json');
const vscodeYaml = join(VSCODE_EXTENSIONS, 'yaml', 'syntaxes');
const GRAMMAR_SETS: readonly GrammarSet[] = [
  {
    name: 'the minimal Markdown + YAML fixture grammars',
    files: {
      'text.html.markdown': join(FIXTURE_DIR, 'markdown-base.tmLanguage.json'),
      'source.yaml': join(FIXTURE_DIR, 'yaml-base.tmLanguage.json'),
    },
  },
  {
    name: "VS Code's own Markdown + YAML grammars",
    files: {
      'text.html.markdown': vscodeMarkdown,
      'source.yaml': join(vscodeYaml, 'yaml.tmLanguage.json'),
      'source.yaml.1.2': join(vscodeYaml, 'yaml-1.2.tmLanguage.json'),
      'source.yaml.embedded': join(vscodeYaml, 'yaml-embedded.tmLanguage.json'),
    },
    missing: existsSync(vscodeMarkdown) ? undefined : `no VS Code grammars under ${VSCODE_EXTENSIONS} (npm run test:e2e installs them)`,
  },
];

describe('MQG4AI injection grammar: file and contribution', () => {
  const grammar = JSON.parse(readFileSync(INJECTION_PATH, 'utf8')) as Record<string, unknown>;

  it('is an injection grammar for text.html.markdown that also reaches into the front matter', () => {
    assert.equal(grammar.scopeName, INJECTION_SCOPE);
    const selector = String(grammar.injectionSelector);
    assert.match(selector, /^L:text\.html\.markdown\b/, 'left-priority injection into Markdown');
    assert.doesNotMatch(selector, /-\s*meta\.embedded/, 'must not exclude the front matter');
  });

  it('is contributed in package.json with injectTo text.html.markdown', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      contributes: { grammars?: { scopeName: string; path: string; injectTo?: string[] }[] };
    };
    const entry = pkg.contributes.grammars?.find((g) => g.scopeName === INJECTION_SCOPE);
    assert.deepEqual(entry, {
      scopeName: INJECTION_SCOPE,
      path: './syntaxes/mqg4ai.injection.tmLanguage.json',
      injectTo: ['text.html.markdown'],
    });
    assert.equal(join(REPO_ROOT, entry.path), INJECTION_PATH);
  });

  it('has only regular expressions that Oniguruma compiles', async () => {
    await loadOniguruma();
    const sources: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (['match', 'begin', 'end', 'while'].includes(k) && typeof v === 'string') sources.push(v);
          else walk(v);
        }
      }
    };
    walk(grammar.repository);
    assert.ok(sources.length >= 6, `found ${sources.length} expressions`);
    for (const source of sources) assert.doesNotThrow(() => new oniguruma.OnigScanner([source]).dispose(), source);
  });
});

for (const set of GRAMMAR_SETS) {
  describe(`MQG4AI injection grammar on ${set.name}`, function () {
    let tokenize: Tokenize;
    let plain: Tokenize;

    before(async function () {
      if (set.missing) {
        console.log(`      (skipped: ${set.missing})`);
        this.skip();
      }
      tokenize = await createTokenizer(set.files);
      plain = await createTokenizer(set.files, false);
    });

    describe('front-matter tags', () => {
      const doc = [
        '---',
        'tags: [{Name: QG_Calibration}, {intent: Overview}, {Usage Example: none}, {Problem: }, {Foo: bar}]',
        'title: Name',
        '---',
        '',
        'A sentence about {Name: QG_Calibration} in braces, and [{Intent: x}] too.',
      ].join('\n');

      it('scopes each design-pattern key and its value inside {Key: value}', () => {
        const line = tokenize(doc)[1]!;
        assertExactly(line, 'Name', KEY);
        assertExactly(line, 'QG_Calibration', VALUE);
        assertExactly(line, 'intent', KEY);
        assertExactly(line, 'Overview', VALUE);
        assertExactly(line, 'Usage Example', KEY);
        assertExactly(line, 'none', VALUE);
        assertExactly(line, 'Problem', KEY);
      });

      it('keeps the entries embedded YAML: front-matter scope, YAML braces, no value for an empty one', () => {
        const line = tokenize(doc)[1]!;
        for (const needle of ['Name', 'QG_Calibration', 'Usage Example', 'none']) {
          assertWithin(line, needle, 'meta.embedded.block.frontmatter');
        }
        const [, afterProblem] = rangeOf(line, 'Problem');
        for (let i = afterProblem; i < line.text.indexOf('}', afterProblem); i++) {
          assert.ok(!scopesAt(line, i).includes(VALUE), describeTokens(line.tokens));
        }
        for (const [i, ch] of [...line.text].entries()) {
          if ('{}[],'.includes(ch)) assert.ok(!scopesAt(line, i).some((s) => s.includes('mqg4ai')), `${ch} at ${i}`);
        }
        assert.ok(!line.tokens.some((t) => t.scopes.some((s) => s.startsWith('invalid'))), describeTokens(line.tokens));
      });

      it('leaves other keys, other front-matter lines and body text alone', () => {
        const lines = tokenize(doc);
        assertNone(lines[1]!, [KEY, VALUE], '{Foo: bar}');
        assertNone(lines[2]!, ALL_OURS);
        assertNone(lines[5]!, ALL_OURS);
        assert.ok(!scopesAt(lines[5]!, 0).includes('meta.embedded.block.frontmatter'), 'the front matter ended');
      });
    });

    describe('ALTAI and Additional Questions labels', () => {
      const doc = [
        '##### Accuracy',
        'ALTAI:',
        '> - Did you measure the accuracy of the system?',
        '',
        'ALTAI:   ',
        '',
        'ALTAI',
        '',
        'Additional Questions:',
        '> - Did you compare it with a simple baseline?',
        '',
        'Additional Questions  ',
        '',
        'We answered the ALTAI questions with ALTAI',
        'The ALTAI: list comes first.',
        'Additional Questions: see below',
        '##### ALTAI',
        '```',
        'ALTAI:',
        '```',
      ].join('\n');

      it('scopes `ALTAI:` on its own line, also with trailing blanks', () => {
        const lines = tokenize(doc);
        assertExactly(lines[1]!, 'ALTAI:', ALTAI);
        assertExactly(lines[4]!, 'ALTAI:', ALTAI);
      });

      it('scopes `ALTAI` without its colon', () => {
        assertExactly(tokenize(doc)[6]!, 'ALTAI', ALTAI);
      });

      it('scopes `Additional Questions:`, also without colon and with trailing blanks', () => {
        const lines = tokenize(doc);
        assertExactly(lines[8]!, 'Additional Questions:', ADDITIONAL);
        assertExactly(lines[11]!, 'Additional Questions', ADDITIONAL);
      });

      it('does not scope the word inside a sentence, a heading or a code block', () => {
        const lines = tokenize(doc);
        for (const i of [13, 14, 15, 16, 18]) assertNone(lines[i]!, [ALTAI, ADDITIONAL]);
        assertNone(lines[2]!, ALL_OURS);
      });
    });

    describe('>> answer lines', () => {
      const doc = [
        '>> answer',
        '',
        '> - Did you test the system against a held-out set?',
        '>> yes, see the evaluation report',
        '>   - Did you document the test set?',
        '    >> indented answer',
        '> - Did you monitor it after deployment?',
        '',
        '    >> indented answer',
        '',
        '> quote',
        '> > nested quote',
      ].join('\n');

      it('scopes a `>>` line that starts a block, markers included', () => {
        const line = tokenize(doc)[0]!;
        assertExactly(line, '>> answer', ANSWER);
        assertExactly(line, '>>', 'punctuation.definition.quote.begin.mqg4ai');
      });

      it('scopes a `>>` line under a quoted question from its second `>` on', () => {
        const line = tokenize(doc)[3]!;
        assertExactly(line, '> yes, see the evaluation report', ANSWER);
        // Markdown has already read the first `>` as continuing the question's quote.
        assert.ok(scopesAt(line, 0).includes('punctuation.definition.quote.begin.markdown'));
        assertWithin(line, '>> yes', 'markup.quote.markdown');
      });

      it('scopes `    >> indented answer`, under a sub-question and on its own', () => {
        const lines = tokenize(doc);
        assertExactly(lines[5]!, '> indented answer', ANSWER);
        assertExactly(lines[8]!, '>> indented answer', ANSWER);
        assertNone(lines[8]!, ['markup.raw.block.markdown']);
      });

      it('does not scope normal or nested quotes, nor the lines after an answer', () => {
        const lines = tokenize(doc);
        assertWithin(lines[10]!, '> quote', 'markup.quote.markdown');
        assertNone(lines[10]!, ALL_OURS);
        assertNone(lines[11]!, ALL_OURS);
        assertNone(lines[4]!, ALL_OURS);
        assertNone(lines[6]!, ALL_OURS);
      });
    });

    describe('QG file names in links', () => {
      const doc = [
        'Inputs come from [data lifecycle](../1_Data/QG_Data_(Lifecycle).md) and [evaluation](./QG_Eval.md#2-method).',
        'A spaced one: [spaced](<../My Folder/QG_Some Name.md> "title").',
        '> - Could the system fail [under drift](../../QG_Drift_(Maintenance).md)?',
        '>> see [the gate](./QG_Answer.md)',
        'Not QG: [application](../1_System/Application.md), [QG_Data.md](../README.md), ' +
          '[web](https://example.org/QG_notes.html) and QG_Data_(Lifecycle).md as text.',
      ].join('\n');

      it('scopes the QG_*.md part of the destination and keeps the link scopes', () => {
        const line = tokenize(doc)[0]!;
        assertExactly(line, 'QG_Data_(Lifecycle).md', QG_FILE);
        assertWithin(line, 'QG_Data_(Lifecycle).md', 'markup.underline.link.markdown');
        assertWithin(line, '../1_Data/', 'markup.underline.link.markdown');
        assertWithin(line, '[data lifecycle](../1_Data/QG_Data_(Lifecycle).md)', 'meta.link.inline.markdown');
        assertWithin(line, 'data lifecycle', 'string.other.link.title.markdown');
        assertExactly(line, 'QG_Eval.md', QG_FILE);
        assertNone(line, [QG_FILE], '#2-method');
      });

      it('scopes destinations in angle brackets, with spaces and a title', () => {
        assertExactly(tokenize(doc)[1]!, 'QG_Some Name.md', QG_FILE);
      });

      it('scopes links inside ALTAI questions and answers', () => {
        const lines = tokenize(doc);
        assertExactly(lines[2]!, 'QG_Drift_(Maintenance).md', QG_FILE);
        assertExactly(lines[3]!, 'QG_Answer.md', QG_FILE);
        assertWithin(lines[3]!, 'QG_Answer.md', ANSWER);
        assertWithin(lines[3]!, 'QG_Answer.md', 'meta.link.inline.markdown');
      });

      it('does not scope other links, link text or plain text', () => {
        assertNone(tokenize(doc)[4]!, [QG_FILE]);
      });
    });

    it('changes nothing else: lines without MQG4AI scopes tokenize as without the injection', () => {
      const doc = [
        '---',
        'tags: [{Name: QG_X}, {Intent: Overview}]',
        '---',
        '# QG X',
        'ALTAI:',
        '> - Did you check [x](./QG_Y.md)?',
        '>> yes',
        '> - Another question?',
        '    >> indented',
        '',
        'A paragraph with **bold** and `code`, then [a link](../Other.md).',
        '- a list item',
      ].join('\n');
      const ours = tokenize(doc);
      const theirs = plain(doc);
      assert.ok(theirs.every((l) => l.tokens.every((t) => !t.scopes.some((s) => s.includes('mqg4ai')))));
      let checked = 0;
      ours.forEach((line, i) => {
        if (line.tokens.some((t) => t.scopes.some((s) => s.includes('mqg4ai')))) return;
        checked++;
        assert.deepEqual(line.tokens, theirs[i]!.tokens, `line ${i + 1} ${JSON.stringify(line.text)}`);
      });
      assert.ok(checked >= 5, `compared ${checked} lines`);
    });
  });
}

describe('MQG4AI injection grammar on the MQG4AI corpus (VS Code grammars)', function () {
  const corpus = join(REPO_ROOT, '..', 'shared', 'corpus', 'mqg4ai');
  const vscode = GRAMMAR_SETS[1]!;

  function markdownFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return markdownFiles(path);
      return name.endsWith('.md') ? [path] : [];
    });
  }

  it('scopes every label, answer line, tags line and QG link, and leaves the other lines as they were', async function () {
    if (vscode.missing || !existsSync(corpus)) this.skip();
    const tokenize = await createTokenizer(vscode.files);
    const plain = await createTokenizer(vscode.files, false);
    const seen = { labels: 0, answers: 0, tags: 0, links: 0 };
    for (const file of markdownFiles(corpus)) {
      const doc = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      const theirs = plain(doc);
      tokenize(doc).forEach((line, i) => {
        const where = `${file.slice(corpus.length + 1)}:${i + 1}`;
        const has = (scope: string) => line.tokens.some((t) => t.scopes.includes(scope));
        if (/^\s*(ALTAI|Additional Questions)\s*:?\s*$/.test(line.text)) {
          assert.ok(has(ALTAI) || has(ADDITIONAL), where);
          seen.labels++;
        }
        if (/^\s*(>\s*)?>>/.test(line.text)) {
          assert.ok(has(ANSWER), where);
          seen.answers++;
        }
        if (i > 0 && i < 5 && /^tags:\s*\[\s*\{\s*Name\s*:/.test(line.text)) {
          assert.ok(has(KEY), where);
          seen.tags++;
        }
        if (/\]\(<?[^\s>]*QG_[^\s/]*\.md/.test(line.text)) {
          assert.ok(has(QG_FILE), where);
          seen.links++;
        }
        if (!line.tokens.some((t) => t.scopes.some((s) => s.includes('mqg4ai')))) {
          assert.deepEqual(line.tokens, theirs[i]!.tokens, where);
        }
        assert.ok(
          !line.tokens.some((t) => t.scopes.some((s) => s.startsWith('invalid'))) ||
            theirs[i]!.tokens.some((t) => t.scopes.some((s) => s.startsWith('invalid'))),
          `new invalid scope at ${where}`,
        );
      });
    }
    assert.ok(seen.labels > 10 && seen.answers > 10 && seen.tags > 10 && seen.links > 10, JSON.stringify(seen));
  });
});
