/** `[text](destination)` with one level of balanced parentheses in the destination. */
const LINK = /!?\[((?:[^\]\\]|\\.)*)\]\(((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?)\)/g;

/**
 * The catalogue text to put in place of a deviating question, keeping the
 * author's links: each link goes back around the same words in the catalogue
 * text (first occurrence, case-insensitive); links whose words the catalogue
 * text lacks follow the question in parentheses, so no evidence is lost.
 */
export function replacementKeepingLinks(written: string, catalogueText: string): string {
  const links = [...written.matchAll(LINK)].map((m) => ({ label: m[1], source: m[0] }));
  if (links.length === 0) return catalogueText;
  let result = catalogueText;
  // Spans of `result` already turned into links, which later links must not enter.
  const taken: Array<[number, number]> = [];
  const leftover: string[] = [];
  for (const link of links) {
    const label = link.label.replace(/\\(.)/g, '$1').trim();
    const at = label ? findWords(result, label, taken) : -1;
    if (at < 0) {
      leftover.push(link.source);
      continue;
    }
    const replaced = link.source.replace(/^(!?\[)(?:[^\]\\]|\\.)*\]/, (_m, open: string) => `${open}${result.slice(at, at + label.length)}]`);
    result = result.slice(0, at) + replaced + result.slice(at + label.length);
    const shift = replaced.length - label.length;
    for (const span of taken) {
      if (span[0] > at) {
        span[0] += shift;
        span[1] += shift;
      }
    }
    taken.push([at, at + replaced.length]);
  }
  return leftover.length > 0 ? `${result} (${leftover.join(', ')})` : result;
}

function findWords(text: string, words: string, taken: ReadonlyArray<[number, number]>): number {
  const lower = text.toLowerCase();
  const wanted = words.toLowerCase();
  for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + 1)) {
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + wanted.length] ?? '';
    const boundary = !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
    if (boundary && !taken.some(([s, e]) => at < e && at + wanted.length > s)) return at;
  }
  return -1;
}
