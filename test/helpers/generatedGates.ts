/**
 * Generated quality gates for tests on large workspaces: `count` documents `gates/QG_<i>.md`,
 * each unique (no two files alike, so no content cache merges them), each linking to its
 * neighbours' headings. Every `brokenEvery`-th gate (if given) also links to a missing file.
 */
export function generatedGates(count: number, brokenEvery?: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`gates/QG_${i}.md`] = gate(i, count, brokenEvery !== undefined && i % brokenEvery === 0);
  return files;
}

/** A quality gate of some size, unique per `i`, linking to its neighbours. */
function gate(i: number, count: number, broken: boolean): string {
  const sections = Array.from(
    { length: 12 },
    (_, s) =>
      `## Section ${s} of gate ${i}\n\nText ${i}-${s} with a [link](QG_${(i + s) % count}.md#section-${s}-of-gate-${(i + s) % count}) and more words about data, models and risks.\n\n- item ${s}\n- item ${s + i}\n`,
  ).join('\n');
  const missing = broken ? `\nSee [the missing record](Missing_${i}.md).\n` : '';
  return `---\ntags: [{Name: QG_${i}}, {Intent: Gate${i}}]\n---\n# QG ${i}\n${missing}\n${sections}`;
}
