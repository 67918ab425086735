import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

/**
 * The GFM parts that change where links are: tables (cells hold links, pipes
 * end them) and footnotes (`[^1]` must not read as a reference link). The other
 * GFM extensions (bare-URL autolinks, strikethrough, task lists) only add
 * external links or styling and cost about half of all parsing time, so they
 * are left out on purpose (see docs/performance.md).
 */
function gfmLinkStructure(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmTableFromMarkdown());
}

// One frozen processor for all documents: building it is the expensive part.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmLinkStructure).freeze();

/** The Markdown syntax tree of `text` (CommonMark + YAML front matter + GFM tables and footnotes). */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
