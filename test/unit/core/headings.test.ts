import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { hasAnchor } from '../../../server/src/domain/document/types';
import { rangeOf, tuple } from '../helpers';

const parse = (text: string) => parseDocument('/ws/doc.md', text);
const slugs = (text: string) => parse(text).headings.map((h) => h.slug);

describe('core/model/parseDocument: headings, slugs and anchors', () => {
  describe('GitHub slugs', () => {
    it('lower-cases, turns spaces into hyphens and removes punctuation', () => {
      assert.deepEqual(slugs('## Risk Analysis\n## 1. Purpose\n## a.b.c\n## C++ & C# (Lang)\n## What? Why!\n'), [
        'risk-analysis',
        '1-purpose',
        'abc',
        'c--c-lang',
        'what-why',
      ]);
    });

    it('keeps hyphens, underscores and unicode letters', () => {
      assert.deepEqual(slugs('## Hello_World-X\n## Größe & Maß\n## Überschrift 😀 emoji\n'), ['hello_world-x', 'größe--maß', 'überschrift--emoji']);
    });

    it('numbers duplicates -1, -2 in document order, case-insensitively', () => {
      assert.deepEqual(slugs('# Intro\n## Intro\n### intro\n## Other\n## INTRO\n'), ['intro', 'intro-1', 'intro-2', 'other', 'intro-3']);
    });

    it('skips a suffix already taken by a literal heading', () => {
      assert.deepEqual(slugs('## Intro\n## Intro-1\n## Intro\n'), ['intro', 'intro-1', 'intro-2']);
    });

    it('slugs the plain text of headings with inline code, links and emphasis', () => {
      const doc = parse('## `code` *em* [link](x.md) __strong__ ~~del~~\n');
      assert.equal(doc.headings[0].text, 'code em link strong del');
      assert.equal(doc.headings[0].slug, 'code-em-link-strong-del');
    });

    it('decodes entities and escapes before slugging', () => {
      assert.deepEqual(slugs('## Use &amp; Misuse\n## x\\_y\n'), ['use--misuse', 'x_y']);
    });

    it('leaves inline HTML tags out of the text and slug, as GitHub does', () => {
      const doc = parse('## Purpose <a id="purpose-anchor"></a>\n\n## Intro <br>\n');
      assert.deepEqual(
        doc.headings.map((h) => [h.text.trim(), h.slug]),
        [
          ['Purpose', 'purpose'],
          ['Intro', 'intro'],
        ],
      );
      assert.deepEqual(
        doc.htmlAnchors.map((a) => a.id),
        ['purpose-anchor'],
      );
    });

    it('counts slugs per document, not across documents', () => {
      assert.deepEqual(slugs('# A\n'), ['a']);
      assert.deepEqual(slugs('# A\n'), ['a']);
    });

    it('slugs headings nested in blockquotes and lists too', () => {
      assert.deepEqual(slugs('> # Quoted\n\n- ## In list\n'), ['quoted', 'in-list']);
    });

    it('does not treat `#` lines in code or front matter as headings', () => {
      assert.deepEqual(slugs('---\n# yaml comment\ntags: []\n---\n```\n# not a heading\n```\n    # indented code\n#hashtag\n'), []);
    });
  });

  describe('heading ranges', () => {
    it('gives level, text, whole-line range and a text range without the `#` markers', () => {
      const text = 'Intro\n\n### 1. Interdependency Graph\n';
      const [h] = parse(text).headings;
      assert.equal(h.level, 3);
      assert.equal(h.text, '1. Interdependency Graph');
      assert.deepEqual(tuple(h.range), rangeOf(text, '### 1. Interdependency Graph'));
      assert.deepEqual(tuple(h.textRange), rangeOf(text, '1. Interdependency Graph'));
    });

    it('excludes closing `#` markers and surrounding spaces from the text range', () => {
      const [closed, spaced] = parse('## Trailing ##\n#   Spaces   \n').headings;
      assert.deepEqual(tuple(closed.textRange), [0, 3, 0, 11]);
      assert.deepEqual(tuple(closed.range), [0, 0, 0, 14]);
      assert.deepEqual(tuple(spaced.textRange), [1, 4, 1, 10]);
    });

    it('covers the text of setext headings, the underline only in the whole range', () => {
      const [title, sub] = parse('Title\n=====\n\nSub\n---\n').headings;
      assert.deepEqual([title.level, tuple(title.textRange), tuple(title.range)], [1, [0, 0, 0, 5], [0, 0, 1, 5]]);
      assert.deepEqual([sub.level, tuple(sub.textRange), tuple(sub.range)], [2, [3, 0, 3, 3], [3, 0, 4, 3]]);
    });

    it('locates headings in CRLF documents', () => {
      const text = '# One\r\n\r\n## Two\r\n';
      assert.deepEqual(
        parse(text).headings.map((h) => tuple(h.textRange)),
        [
          [0, 2, 0, 5],
          [2, 3, 2, 6],
        ],
      );
    });

    it('gives an empty heading an empty slug and a text range without the `#` marker', () => {
      const [h] = parse('Text\n\n#\n').headings;
      assert.equal(h.text, '');
      assert.equal(h.slug, '');
      assert.deepEqual(tuple(h.range), [2, 0, 2, 1]);
      assert.deepEqual(tuple(h.textRange), [2, 1, 2, 1]);
    });
  });

  describe('HTML anchors', () => {
    it('reads <a id>, <a name>, single quotes, unquoted values and any element id', () => {
      const text = '<a id="one"></a>\n\n<a name=\'two\'></a>\n\nInline <a id=three>x</a> text.\n\n<div class="c" id="four"></div>\n';
      const anchors = parse(text).htmlAnchors;
      assert.deepEqual(
        anchors.map((a) => [a.id, tuple(a.range)]),
        [
          ['one', [0, 0, 0, 12]],
          ['two', [2, 0, 2, 14]],
          ['three', rangeOf(text, '<a id=three>')],
          ['four', [6, 0, 6, 31]],
        ],
      );
    });

    it('ignores data-id, empty ids and anchors in code', () => {
      const anchors = parse('<span data-id="nope"></span>\n\n<a id=""></a>\n\n`<a id="code">`\n\n```\n<a id="fenced">\n```\n').htmlAnchors;
      assert.deepEqual(anchors, []);
    });

    it('hasAnchor accepts heading slugs and HTML ids, case-sensitively', () => {
      const doc = parse('## 1. Purpose\n\n<a id="Legacy"></a>\n');
      assert.equal(hasAnchor(doc, '1-purpose'), true);
      assert.equal(hasAnchor(doc, 'Legacy'), true);
      assert.equal(hasAnchor(doc, 'legacy'), false);
      assert.equal(hasAnchor(doc, '1-Purpose'), false);
      assert.equal(hasAnchor(doc, 'purpose'), false);
    });
  });
});
