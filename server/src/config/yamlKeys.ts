import { isMap, isScalar, visit, type Document, type Node as YamlNode } from 'yaml';

/**
 * The first key that repeats within its map, found in one pass. The `yaml`
 * library's own check (`uniqueKeys: true`) compares every key with every other,
 * which takes seconds on a file with tens of thousands of keys; parse with
 * `uniqueKeys: false` and call this instead.
 */
export function firstDuplicateKey(doc: Document): YamlNode | undefined {
  let found: YamlNode | undefined;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key) && isScalar(pair.key)) {
          found = pair.key;
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}
