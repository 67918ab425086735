import { checkSuppressions } from '../../domain/suppressions';
import { make, type TraceDiagnostic } from '../../domain/codes';
import { resolveLinkTarget } from '../../syntax/resolveLink';
import { diagnoseLink } from '../diagnostics/linkDiagnostics';
import { throwIfCancelled } from '../../base/cancellation';
import { DOCUMENT_SEARCH_BUDGET, SearchBudget } from '../../base/editDistance';
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
  check: ({ index, doc, config }, token) => {
    const result: TraceDiagnostic[] = [];
    // One budget for the whole document: suggestions never cost (links x candidates).
    const budget = new SearchBudget(DOCUMENT_SEARCH_BUDGET);
    for (const link of doc.links) {
      throwIfCancelled(token);
      const problem = diagnoseLink(index, doc, link, undefined, budget);
      if (problem) result.push(problem);
      else if (config.externalLinks === 'syntax') {
        const target = resolveLinkTarget(doc.path, link.destination);
        if (target.type === 'external' && /^https?:/i.test(target.url) && !isValidUrl(target.url)) {
          result.push(
            make('link.invalid-url', {
              message: `"${target.url}" is not a valid web address (external links are never fetched, only their syntax is checked).`,
              range: link.destinationRange,
              linkRange: link.range,
              target: link.rawDestination,
            }),
          );
        }
      }
    }
    return result;
  },
};

function isValidUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.hostname.length > 0 && !/\s/.test(url);
  } catch {
    return false;
  }
}

/** `suppression.*`: every mqg4ai-disable comment gives a reason and names real codes. */
export const suppressionRule: DocumentRule = {
  name: 'suppressions',
  check: ({ doc }) => checkSuppressions(doc),
};
