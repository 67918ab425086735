/**
 * How names are compared across the product: file names of quality gates,
 * anchors of numbered sections, distances between paths. One definition each,
 * used by the rules, the "did you mean" suggestions and the quick fixes.
 */

/** A file name without its extension. */
export function fileStem(name: string): string {
  return name.replace(/\.[^./]*$/, '');
}

/**
 * A quality gate's name without `QG_` prefix, `_(View)` suffix, extension, case and
 * separators: `QG_Data_(Lifecycle).md`, `QG_Data.md` and the Name tag `QG_Data` all give `data`.
 */
export function gateNameKey(name: string): string {
  return withoutView(
    name
      .trim()
      .replace(/\.(md|markdown)$/i, '')
      .replace(/^QG_/i, ''),
  )
    .replace(/[_\-\s]/g, '')
    .toLowerCase();
}

/** Without a final `_(View)` (as `/_\([^)]*\)$/`, which is quadratic on `_(_(_(...`): a Name tag can be long. */
function withoutView(name: string): string {
  if (!name.endsWith(')')) return name;
  const previousClose = name.lastIndexOf(')', name.length - 2);
  const start = name.indexOf('_(', previousClose + 1);
  return start >= 0 && start <= name.length - 3 ? name.slice(0, start) : name;
}

/** An anchor without its section number: `7-scope` and `2-scope` are the same section renumbered. */
export function withoutSectionNumber(slug: string): string {
  return slug.replace(/^\d+(?:-\d+)*-/, '');
}

/**
 * Number of folder steps from one absolute POSIX path to another (their segments minus twice the
 * leading ones they share). Without splitting: "Did you mean" ranks every namesake of a missing file
 * with it, and a large workspace has thousands of broken links to rank.
 */
export function folderDistance(a: string, b: string): number {
  let same = 0;
  while (same < a.length && same < b.length && a.charCodeAt(same) === b.charCodeAt(same)) same++;
  // Shared segments: those closed by a `/` inside the common prefix, plus the one it ends with if both end it there.
  let shared = 0;
  for (let i = 0; i < same; i++) if (a.charCodeAt(i) === SLASH) shared++;
  if ((same === a.length || a.charCodeAt(same) === SLASH) && (same === b.length || b.charCodeAt(same) === SLASH)) shared++;
  return segments(a) + segments(b) - 2 * shared;
}

const SLASH = 47;

function segments(path: string): number {
  let count = 1;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === SLASH) count++;
  return count;
}
