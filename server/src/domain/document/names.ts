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

/** Number of folder steps from one absolute POSIX path to another. */
export function folderDistance(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  let common = 0;
  while (common < pa.length && common < pb.length && pa[common] === pb[common]) common++;
  return pa.length + pb.length - 2 * common;
}
