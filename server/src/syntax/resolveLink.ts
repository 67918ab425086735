import { posix } from 'node:path';

/**
 * Where a destination points, before anything is checked against the workspace.
 * - `external`: has a URL scheme (http, mailto, ...) or is protocol-relative; never checked;
 * - `empty`: `[text]()`;
 * - `local`: a path in the file system, absolute POSIX, with an optional fragment.
 */
export type LinkTarget =
  | { readonly type: 'external'; readonly url: string }
  | { readonly type: 'empty' }
  | {
      readonly type: 'local';
      /** Normalised absolute path, no trailing slash. */
      readonly path: string;
      /** Percent-decoded fragment without `#`; undefined when the link has none. */
      readonly fragment?: string;
      /** The destination was only a fragment (`#x`) or only a query. */
      readonly sameDocument: boolean;
      /** Written with a trailing slash: the author means a folder. */
      readonly folderSyntax: boolean;
    };

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
const WINDOWS_DRIVE = /^[a-zA-Z]:[\\/]/;

/**
 * Resolves a destination (as remark returns it: unescaped, not percent-decoded)
 * found in the document at `fromPath`. Relative paths resolve against the
 * document's folder, `/`-rooted ones against `rootPath` (the workspace folder,
 * as GitHub resolves them against the repository root).
 */
export function resolveLinkTarget(fromPath: string, destination: string, rootPath?: string): LinkTarget {
  if (destination.trim() === '') return { type: 'empty' };
  if ((SCHEME.test(destination) && !WINDOWS_DRIVE.test(destination)) || destination.startsWith('//')) {
    return { type: 'external', url: destination };
  }

  const hash = destination.indexOf('#');
  const beforeHash = hash >= 0 ? destination.slice(0, hash) : destination;
  const fragment = hash >= 0 ? safeDecode(destination.slice(hash + 1)) : undefined;
  const query = beforeHash.indexOf('?');
  const pathPart = safeDecode(query >= 0 ? beforeHash.slice(0, query) : beforeHash);

  if (pathPart === '') return { type: 'local', path: fromPath, fragment, sameDocument: true, folderSyntax: false };

  const base = pathPart.startsWith('/') ? (rootPath ?? '/') : posix.dirname(fromPath);
  const joined = posix.join(base, pathPart);
  const path = joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
  return { type: 'local', path, fragment, sameDocument: false, folderSyntax: /\/\.{0,2}$/.test(pathPart) || pathPart === '.' || pathPart === '..' };
}

/** Percent-decodes, leaving malformed sequences as written instead of failing. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Whether `path` is `folder` or inside it. */
export function isInside(path: string, folder: string): boolean {
  if (folder === '/') return path.startsWith('/');
  return path === folder || path.startsWith(`${folder}/`);
}

/** Relative path from a document's folder to `target`, POSIX, as a link would spell it. */
export function relativeLinkPath(fromPath: string, target: string): string {
  const rel = posix.relative(posix.dirname(fromPath), target);
  return rel === '' ? '.' : rel;
}
