import { make } from '../diagnostics/codes';
import { diagnoseLink } from '../diagnostics/linkDiagnostics';
import { throwIfCancelled } from '../util/cancellation';
import type { DocumentRule } from './rule';

/** `file.skipped`: the file was listed but not parsed. */
export const fileRule: DocumentRule = {
  name: 'file',
  check: ({ doc }) =>
    doc.skipped ? [make('file.skipped', { message: doc.skipped, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } })] : [],
};

/** `frontmatter.invalid`: YAML that does not parse. */
export const frontMatterRule: DocumentRule = {
  name: 'front-matter',
  check: ({ doc }) =>
    (doc.frontMatter?.problems ?? []).map((p) => make('frontmatter.invalid', { message: `Front matter is not valid YAML: ${p.message}`, range: p.range })),
};

/** `link.*`: every link and image resolves. */
export const linkRule: DocumentRule = {
  name: 'links',
  check: ({ index, doc }, token) => {
    const result = [];
    for (const link of doc.links) {
      throwIfCancelled(token);
      const problem = diagnoseLink(index, doc, link);
      if (problem) result.push(problem);
    }
    return result;
  },
};
