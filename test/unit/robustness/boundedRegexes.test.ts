// The regex audit: every pattern that ran super-linearly on repository text was replaced
// by a scanner (or a linear pattern). Each gets (1) a property that it still gives what the
// former regex gave on ordinary inputs, and (2) an adversarial input whose work must grow
// linearly: 4x the input may cost at most MAX_LINEAR_RATIO x the time (quadratic: 16x).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readSuppressions } from '../../../server/src/domain/suppressions';
import { definitionTerm, htmlAnchorIds, parseDocument, withoutStrikethrough } from '../../../server/src/domain/document/parseDocument';
import {
  hasInlineLink,
  parseQuestionBlocks,
  plainQuestionText,
  questionKey,
  withoutEmphasis,
  withoutLinks,
} from '../../../server/src/domain/altai/questionBlocks';
import { gateNameKey } from '../../../server/src/domain/document/names';
import { keyInMap, keyInSequence, valueInMap } from '../../../server/src/features/completion/frontMatterCompletion';
import { fuzzParams } from './fuzzHelpers';
import { growthRatio, MAX_LINEAR_RATIO } from './growth';

/** Strings over a small alphabet, so the structure characters meet often. */
const textOf = (chars: string, maxLength = 40) => fc.array(fc.constantFrom(...chars.split('')), { maxLength }).map((a) => a.join(''));

function assertLinear<T>(name: string, make: (n: number) => T, work: (input: T) => unknown, n: number): void {
  const { ratio, small, large } = growthRatio(make, work, n);
  assert.ok(ratio < MAX_LINEAR_RATIO, `${name}: 4x the input took ${ratio.toFixed(1)}x the time (${small.toFixed(1)} -> ${large.toFixed(1)} ms)`);
}

// The former patterns, as references on short inputs.
const OLD = {
  comment: /<!--\s*mqg4ai-disable(-next-line|-file)\b([\s\S]*?)-->/g,
  anchor: /<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g,
  definition: /^definitions?(?:\s+of)?\s*[:\-–—]?\s+(\S.*?)[\s:]*$/i,
  keyInMap: /\{[ \t]*([^{}:,]*)$/,
  keyInSequence: /[[,][ \t]*([A-Za-z][A-Za-z ]*)?$/,
  value: /\{[ \t]*([^{}:,]+?)[ \t]*:[ \t]*([^{}:,]*)$/,
};

describe('robustness: regexes on repository text are linear', () => {
  describe('suppression comments (domain/suppressions.ts)', () => {
    it('reads what the former regex read', () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom('<!--', '-->', ' mqg4ai-disable-file', ' mqg4ai-disable-next-line', ' link.empty', ' -- why', '\n', 'x', '--', ' '), {
            maxLength: 14,
          }),
          (parts) => {
            const html = parts.join('');
            const expected = [...html.matchAll(OLD.comment)].map((m) => [m[1] === '-file' ? 'file' : 'next-line', m.index]);
            const lineOf = (offset: number) => html.slice(0, offset).split('\n').length - 1;
            assert.deepEqual(
              readSuppressions(html, 0, lineOf).map((s) => [s.scope, s.line]),
              expected.map(([scope, index]) => [scope, lineOf(index as number)]),
            );
          },
        ),
        fuzzParams(400),
      );
    });

    it('unclosed comments in one HTML block', () => {
      assertLinear(
        'unclosed',
        (n) => '<!-- mqg4ai-disable-file x '.repeat(n / 27),
        (html) => readSuppressions(html, 0, () => 0),
        40_000,
      );
    });

    it('thousands of suppressions in one HTML block (line numbers)', () => {
      const block = (n: number) => `<!--\n${'<!-- mqg4ai-disable-next-line link.empty -- ok -->\n'.repeat(n)}-->\n`;
      const doc = parseDocument('/ws/a.md', block(50));
      assert.deepEqual(
        doc.suppressions.slice(0, 2).map((s) => s.line),
        [1, 2],
      );
      assertLinear('suppressions', block, (text) => parseDocument('/ws/a.md', text), 1000);
    });
  });

  describe('HTML anchors (domain/document/parseDocument.ts)', () => {
    it('finds what the former regex found', () => {
      fc.assert(
        fc.property(textOf('<a> idname="\'=x\n', 40), (html) => {
          const expected = [...html.matchAll(OLD.anchor)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter(Boolean);
          assert.deepEqual(htmlAnchorIds(html), expected, JSON.stringify(html));
        }),
        fuzzParams(1000),
      );
    });

    it('tags that never close', () => {
      assertLinear('open tags', (n) => '<a x '.repeat(n / 5), htmlAnchorIds, 40_000);
      assertLinear('one open tag', (n) => `<a${' x'.repeat(n / 2)}`, htmlAnchorIds, 40_000);
    });
  });

  describe('definition headings and strikethrough in headings', () => {
    it('definitionTerm gives what the former regex gave', () => {
      fc.assert(
        fc.property(fc.constantFrom('Definition', 'definitions', 'DEFINITION', 'Definitionof'), textOf(' \t:–-ofsXy\n', 16), (prefix, rest) => {
          const heading = `${prefix}${rest}`.trim();
          assert.equal(definitionTerm(heading), OLD.definition.exec(heading)?.[1], JSON.stringify(heading));
        }),
        fuzzParams(2000),
      );
    });

    it('withoutStrikethrough gives what /~~(.+?)~~/g gave', () => {
      fc.assert(
        fc.property(textOf('~a\n ', 30), (text) => assert.equal(withoutStrikethrough(text), text.replace(/~~(.+?)~~/g, '$1'), JSON.stringify(text))),
        fuzzParams(1000),
      );
    });

    it('long runs of spaces and openings', () => {
      assertLinear('definition', (n) => `Definition${' '.repeat(n)}-${' '.repeat(n)}x${' :'.repeat(n)}\ny`, definitionTerm, 20_000);
      assertLinear('strikethrough', (n) => '~~a'.repeat(n / 3), withoutStrikethrough, 30_000);
    });
  });

  describe('question blocks (domain/altai/questionBlocks.ts)', () => {
    const oldPlain = (raw: string) =>
      raw
        .replace(/!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/\s+/g, ' ')
        .trim();

    it('link and emphasis scanners give what the former regexes gave', () => {
      fc.assert(
        fc.property(textOf('[]()!*_a \n', 30), (raw) => {
          assert.equal(withoutLinks(raw), raw.replace(/!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1'), `links ${JSON.stringify(raw)}`);
          assert.equal(withoutEmphasis(raw), raw.replace(/(\*\*|__)(.+?)\1/g, '$2'), `emphasis ${JSON.stringify(raw)}`);
          assert.equal(plainQuestionText(raw), oldPlain(raw));
          assert.equal(hasInlineLink(raw), /\[[^\]]*\]\([^)]*\)/.test(raw), `link ${JSON.stringify(raw)}`);
          assert.equal(
            questionKey(raw),
            oldPlain(raw)
              .toLowerCase()
              .replace(/\s+/g, ' ')
              .replace(/[\s.;:?!]+$/, '')
              .trim(),
          );
        }),
        fuzzParams(2000),
      );
    });

    it('brackets, parentheses, emphasis markers and punctuation runs', () => {
      assertLinear('links', (n) => '[](a(b)'.repeat(n / 7), withoutLinks, 30_000);
      assertLinear('nested', (n) => `${'[]('.repeat(n / 3)}`, withoutLinks, 30_000);
      assertLinear('brackets', (n) => '['.repeat(n), hasInlineLink, 30_000);
      assertLinear('emphasis', (n) => '**a'.repeat(n / 3), withoutEmphasis, 30_000);
      assertLinear('punctuation', (n) => `${'. '.repeat(n / 2)}x`, questionKey, 30_000);
    });

    it('label and heading lines with long runs of spaces', () => {
      const text = (n: number) => `ALTAI:\n> - q?\n\nALTAI${' '.repeat(n)}x\n# x${' '.repeat(n)}y\nALTAI:${' '.repeat(n)}\n> - q?\n`;
      assert.equal(parseQuestionBlocks(text(10)).length, 2);
      assertLinear('lines', text, parseQuestionBlocks, 20_000);
    });
  });

  describe('names (domain/document/names.ts)', () => {
    it('gateNameKey drops a final _(View) as before', () => {
      fc.assert(
        fc.property(textOf('_()aQG.md', 20), (name) => {
          const old = name
            .trim()
            .replace(/\.(md|markdown)$/i, '')
            .replace(/^QG_/i, '')
            .replace(/_\([^)]*\)$/, '')
            .replace(/[_\-\s]/g, '')
            .toLowerCase();
          assert.equal(gateNameKey(name), old, JSON.stringify(name));
        }),
        fuzzParams(1000),
      );
    });

    it('a Name of many `_(`', () => {
      assertLinear('view', (n) => `${'_('.repeat(n / 2)}x)`, gateNameKey, 30_000);
    });
  });

  describe('front-matter completion (features/completion/frontMatterCompletion.ts)', () => {
    it('reads the line as the former regexes did', () => {
      fc.assert(
        fc.property(textOf('{}[],: \tab', 24), (before) => {
          const value = OLD.value.exec(before);
          const got = valueInMap(before);
          assert.deepEqual(got ? [got.key.trim(), got.typed] : null, value && [value[1].trim(), value[2]], `value ${JSON.stringify(before)}`);
          assert.equal(keyInMap(before), OLD.keyInMap.exec(before)?.[1], `map ${JSON.stringify(before)}`);
          const sequence = OLD.keyInSequence.exec(before);
          assert.equal(keyInSequence(before)?.typed, sequence ? (sequence[1] ?? '') : undefined, `sequence ${JSON.stringify(before)}`);
        }),
        fuzzParams(2000),
      );
    });

    it('typing a space after a long run of spaces (the former cubic regex)', () => {
      assertLinear('value', (n) => `tags: [{${' '.repeat(n)}`, valueInMap, 30_000);
      assertLinear('key', (n) => `tags: [{${' \t'.repeat(n / 2)}:`, keyInMap, 30_000);
      assertLinear('sequence', (n) => `tags: [${' a'.repeat(n / 2)}!`, keyInSequence, 30_000);
    });
  });
});
