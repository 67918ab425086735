import { make } from '../../domain/codes';
import type { DocumentRule } from './rule';

/**
 * `pack.former-id`: a citation names an item by a former ID (an `aliases` entry, such as
 * `AMLAS-3.1` for `AMLAS-L`). It still counts as evidence; the hint suggests the current
 * ID and carries it as the replacement a quick fix applies.
 */
export const formerIdRule: DocumentRule = {
  name: 'pack-former-id',
  check: ({ index, doc }) => {
    if (doc.kind === 'template' || !doc.citations?.length) return [];
    const registry = index.packs;
    return doc.citations.flatMap((citation) => {
      if (!registry.isAlias(citation.id)) return [];
      const { item } = registry.item(citation.id)!;
      return [
        make('pack.former-id', {
          message: `${citation.id} is the former ID of ${item.id} (${item.title}); cite it as [${item.id}].`,
          range: citation.range,
          replacement: `[${item.id}]`,
        }),
      ];
    });
  },
};
