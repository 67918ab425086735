import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { tagValue, type FrontMatterTag } from '../../../server/src/domain/document/types';
import { rangeOf, tuple } from '../helpers';

const parse = (text: string, path = '/ws/dir/QG_File_(View).md') => parseDocument(path, text);
const tagShape = (t: FrontMatterTag) => ({ key: t.key, value: t.value, range: tuple(t.range), valueRange: tuple(t.valueRange) });

describe('core/model/frontMatter: tags, problems, title and summary', () => {
  describe('tags', () => {
    it('reads the MQG4AI flow sequence of single-key maps with exact key and value ranges', () => {
      const text = '---\ntags: [{Name: QG_FidelityRobustnessScore}, {Intent: Overview}, {Usage Example: see below}]\n---\n# T\n';
      const fm = parse(text).frontMatter!;
      assert.deepEqual(fm.tags.map(tagShape), [
        { key: 'Name', value: 'QG_FidelityRobustnessScore', range: rangeOf(text, 'Name'), valueRange: rangeOf(text, 'QG_FidelityRobustnessScore') },
        { key: 'Intent', value: 'Overview', range: rangeOf(text, 'Intent'), valueRange: rangeOf(text, 'Overview') },
        { key: 'Usage Example', value: 'see below', range: rangeOf(text, 'Usage Example'), valueRange: rangeOf(text, 'see below') },
      ]);
      assert.deepEqual(fm.problems, []);
      assert.deepEqual(tuple(fm.range), [0, 0, 2, 3]);
    });

    it('reads empty values `{Problem: }` as the empty string', () => {
      const text = '---\ntags: [{Name: X}, {Problem: }, {Solution:}]\n---\n';
      const fm = parse(text).frontMatter!;
      assert.deepEqual(
        fm.tags.map((t) => [t.key, t.value]),
        [
          ['Name', 'X'],
          ['Problem', ''],
          ['Solution', ''],
        ],
      );
      assert.deepEqual(tuple(fm.tags[1].range), rangeOf(text, 'Problem'));
      assert.deepEqual(fm.problems, []);
    });

    it('reads a plain top-level map the same way', () => {
      const text = '---\nName: Plain\nIntent: Y\n---\nbody\n';
      assert.deepEqual(parse(text).frontMatter!.tags.map(tagShape), [
        { key: 'Name', value: 'Plain', range: [1, 0, 1, 4], valueRange: [1, 6, 1, 11] },
        { key: 'Intent', value: 'Y', range: [2, 0, 2, 6], valueRange: [2, 8, 2, 9] },
      ]);
    });

    it('reads a block sequence and a `tags:` map', () => {
      assert.deepEqual(
        parse('---\ntags:\n  - Name: A\n  - Intent: B\n---\n').frontMatter!.tags.map((t) => [t.key, t.value, tuple(t.range)]),
        [
          ['Name', 'A', [2, 4, 2, 8]],
          ['Intent', 'B', [3, 4, 3, 10]],
        ],
      );
      assert.deepEqual(
        parse('---\ntags: {Name: A, Intent: B}\n---\n').frontMatter!.tags.map((t) => [t.key, t.value]),
        [
          ['Name', 'A'],
          ['Intent', 'B'],
        ],
      );
    });

    it('stringifies scalar values and unquotes quoted ones', () => {
      const tags = parse('---\ntags: [{Name: "quoted"}, {Intent: 12}, {Applicability: true}]\n---\n').frontMatter!.tags;
      assert.deepEqual(
        tags.map((t) => t.value),
        ['quoted', '12', 'true'],
      );
    });

    it('keeps duplicate keys without an error; tagValue takes the first, case-insensitively', () => {
      const doc = parse('---\ntags: [{Name: X}, {name: Y}]\n---\n');
      assert.deepEqual(doc.frontMatter!.problems, []);
      assert.deepEqual(
        doc.frontMatter!.tags.map((t) => t.value),
        ['X', 'Y'],
      );
      assert.equal(tagValue(doc, 'NAME'), 'X');
      assert.equal(tagValue(doc, 'intent'), undefined);
    });

    it('an empty block has no tags and no problems', () => {
      const fm = parse('---\n---\n# T\n').frontMatter!;
      assert.deepEqual([fm.tags, fm.problems, tuple(fm.range)], [[], [], [0, 0, 1, 3]]);
    });

    it('is undefined without front matter, and `---` later in the file is not front matter', () => {
      assert.equal(parse('# No front matter\n').frontMatter, undefined);
      assert.equal(parse('Text\n\n---\nName: X\n---\n').frontMatter, undefined);
    });

    it('locates tags exactly in CRLF documents', () => {
      const text = '---\r\nfoo: 1\r\ntags: [{Name: CRLF}]\r\n---\r\n# T\r\n';
      assert.deepEqual(parse(text).frontMatter!.tags.map(tagShape), [
        { key: 'foo', value: '1', range: [1, 0, 1, 3], valueRange: [1, 5, 1, 6] },
        { key: 'Name', value: 'CRLF', range: [2, 8, 2, 12], valueRange: [2, 14, 2, 18] },
      ]);
    });

    it('locates tags exactly in documents with lone CR line endings', () => {
      const text = '---\rtags: [{Name: CR}]\r---\r# T\r';
      assert.deepEqual(parse(text).frontMatter!.tags.map(tagShape), [{ key: 'Name', value: 'CR', range: [1, 8, 1, 12], valueRange: [1, 14, 1, 16] }]);
    });
  });

  describe('problems', () => {
    it('locates a missing `]` at the end of its line', () => {
      const text = '---\ntags: [{Name: QG_X}, {Intent: Overview}\n---\n# T\n';
      const { problems, tags } = parse(text).frontMatter!;
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /Flow sequence.*end with a \]/);
      assert.doesNotMatch(problems[0].message, /at line \d+, column \d+/);
      assert.deepEqual(problems[0].range.start, { line: 1, character: 39 });
      // What parsed before the mistake is still usable.
      assert.deepEqual(
        tags.map((t) => t.key),
        ['Name', 'Intent'],
      );
    });

    it('locates a block mapping inside a flow map at the offending value', () => {
      const text = '---\nfoo: 1\nbar: 2\ntags: [{Name: X}, {Intent: a: b}]\n---\n';
      const { problems } = parse(text).frontMatter!;
      assert.equal(problems.length, 1);
      assert.deepEqual(tuple(problems[0].range), rangeOf(text, 'a: b'));
      assert.match(problems[0].message, /Block collections are not allowed within flow collections/);
    });

    it('reports one problem for one mistake, mentioning its echoes', () => {
      const text = '---\ntags: [{Name: X}, {Intent: "unclosed}]\n---\n';
      const { problems } = parse(text).frontMatter!;
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /^Missing closing "quote \(\d+ more YAML error\(s\) follow from here\)$/);
      assert.deepEqual(problems[0].range.start, { line: 1, character: 38 });
    });

    it('locates a tab indentation error at its line', () => {
      const { problems } = parse('---\ntags: [{Name: X}]\n\tbad: tab\n---\n').frontMatter!;
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /Tabs are not allowed/);
      assert.deepEqual(tuple(problems[0].range), [2, 0, 2, 1]);
    });

    it('locates errors exactly in CRLF documents', () => {
      const text = '---\r\nfoo: 1\r\nbar: 2\r\ntags: [{Name: C}, {Intent: x: y}]\r\n---\r\n';
      const { problems } = parse(text).frontMatter!;
      assert.deepEqual(tuple(problems[0].range), rangeOf(text, 'x: y'));
    });

    it('gives every problem a non-empty range', () => {
      const { problems } = parse('---\ntags: [{Name: X}\n---\n').frontMatter!;
      assert.equal(problems.length, 1);
      assert.notDeepEqual(problems[0].range.start, problems[0].range.end);
    });
  });

  describe('title', () => {
    it('is the first heading, whatever its level', () => {
      assert.equal(parse('---\ntags: [{Name: QG_X}]\n---\nIntro\n\n### Deep first\n\n# Top\n').title, 'Deep first');
    });

    it('falls back to the front-matter Name, then to the file name', () => {
      assert.equal(parse('---\ntags: [{Name: QG_X}]\n---\nNo heading.\n').title, 'QG_X');
      assert.equal(parse('---\ntags: [{Intent: Y}]\n---\nNo heading.\n').title, 'QG_File_(View).md');
      assert.equal(parse('Just text.\n').title, 'QG_File_(View).md');
    });

    it('skips an empty first heading and an empty Name', () => {
      assert.equal(parse('---\ntags: [{Name: }]\n---\n#\n').title, 'QG_File_(View).md');
    });
  });

  describe('summary', () => {
    it('is the plain text of the first top-level paragraph', () => {
      const doc = parse(
        '---\ntags: [{Name: X}]\n---\n# T\n\n> Quoted prompt first.\n\n- a list item\n\nThe *first* [paragraph](x.md)\nspans `two` lines.\n\nSecond paragraph.\n',
      );
      assert.equal(doc.summary, 'The first paragraph spans two lines.');
    });

    it('is empty without a top-level paragraph', () => {
      assert.equal(parse('# T\n\n> only a quote\n').summary, '');
    });

    it('is shortened to 400 characters with an ellipsis', () => {
      const long = 'word '.repeat(200).trim();
      const summary = parse(`${long}\n`).summary;
      assert.equal(summary.length, 400);
      assert.ok(summary.endsWith('…'));
      assert.equal(summary.slice(0, 399), long.slice(0, 399));
      const exact = 'x'.repeat(400);
      assert.equal(parse(`${exact}\n`).summary, exact);
    });
  });
});
