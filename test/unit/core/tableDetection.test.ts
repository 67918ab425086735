import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { mayHoldTable, parseMarkdown } from '../../../server/src/syntax/markdownParser';
import { CORPUS, FIXTURES } from '../../helpers/fixtures';
import { requireCorpus } from '../../helpers/corpus';

// The reference: one parser with the table construct for every text, as before texts were told apart.
const tableAware = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(function (this: unknown) {
    const data = (this as { data(): { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] } }).data();
    (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmTable());
    (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmTableFromMarkdown());
  })
  .freeze();

function sameTree(text: string): void {
  assert.equal(JSON.stringify(parseMarkdown(text)), JSON.stringify(tableAware.parse(text)), JSON.stringify(text));
}

function markdownFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = join(folder, name);
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : [];
  });
}

describe('markdownParser: texts that cannot hold a table skip the table construct', () => {
  it('tells texts that may hold a table, a one-column table without pipes included', () => {
    assert.equal(mayHoldTable('| a |\n| - |\n'), true);
    assert.equal(mayHoldTable('Name\n:-:\n'), true);
    assert.equal(mayHoldTable('Name\n  --:\n'), true);
    assert.equal(mayHoldTable('---\ntags: [{Name: X}]\n---\n\n# Title\n\nText - with: colons.\n\n---\n'), false);
    // The pipe-less table is a table to the parser: the reason for the second test above.
    assert.equal(parseMarkdown('Name\n:-:\n').children[0].type, 'table');
  });

  it('gives the same tree as the table-aware parser on generated texts', () => {
    const atoms = [
      'a',
      ' ',
      '\n',
      '\r\n',
      '-',
      ':',
      '---',
      ':-:',
      '-:',
      ':-',
      '\t',
      '> ',
      '* ',
      '1. ',
      '`',
      '[x](y)',
      '[^1]',
      '\\',
      '    ',
      '=',
      '#',
      '<a>',
      ']',
      '|',
    ];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 5000; i++) {
      let text = '';
      for (let n = 1 + Math.floor(next() * 20); n > 0; n--) text += atoms[Math.floor(next() * atoms.length)];
      sameTree(text);
    }
  });

  it('gives the same tree on every fixture document, and on each with its pipes replaced', () => {
    for (const file of markdownFiles(FIXTURES)) {
      const text = readFileSync(file, 'utf8');
      sameTree(text);
      sameTree(text.replaceAll('|', '\u00a6'));
    }
  });

  it('gives the same tree on every corpus document', function () {
    const corpus = join(CORPUS, 'mqg4ai');
    requireCorpus(this, corpus);
    for (const file of markdownFiles(corpus)) sameTree(readFileSync(file, 'utf8'));
  });
});
