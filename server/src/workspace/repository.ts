import { posix } from 'node:path';
import { decodeDocumentBytes } from '../base/decode';
import type { EntryType, WorkspaceFileSystem } from '../base/fileSystem';
import type { QualityGateDocument } from '../domain/document/types';
import { isInside } from '../syntax/resolveLink';
import type { DocumentParser } from './parsing/documentParser';

/**
 * What a path outside the workspace folders is in the enclosing git repository, as far as a
 * link check needs to know: nothing, a folder, or a file (with its model when it is Markdown and
 * could be read, for anchors). Never part of the workspace's documents (docs/assessments.md).
 */
export type RepositoryEntry =
  | { readonly type: 'absent' }
  | { readonly type: 'directory' }
  | {
      readonly type: 'file';
      /** Size and modification time, so a later look-up can tell whether it changed. */
      readonly stamp: string;
      /** The parsed target (headings and anchors), when it is a Markdown file that was read; else its anchors are not judged. */
      readonly doc?: QualityGateDocument;
    };

/**
 * The root of the git repository holding `folder`: the nearest folder, `folder` itself or
 * above it, with a `.git` folder or file (a linked worktree or a submodule has a file). Read
 * from the names alone, no git process; a `.git` that is a symbolic link is not followed and
 * does not count; the walk stops at the file-system root.
 */
export async function findRepositoryRoot(fs: WorkspaceFileSystem, folder: string): Promise<string | undefined> {
  for (let dir = folder; ; dir = posix.dirname(dir)) {
    const dotGit = dir === '/' ? '/.git' : `${dir}/.git`;
    if (!(await fs.isSymbolicLink?.(dotGit)) && (await fs.stat(dotGit))) return dir;
    if (posix.dirname(dir) === dir) return undefined;
  }
}

/** What a look-up may read. */
export interface RepositoryReadOptions {
  /** Folder names never entered (`.git`, `node_modules`, ...), as in the workspace. */
  readonly excludedFolderNames: ReadonlySet<string>;
  /** Markdown larger than this (bytes) is not read: its anchors are not judged. */
  readonly maxFileSize: number;
  /** Who parses a Markdown target. */
  readonly parser: DocumentParser;
  readonly parseTimeBudgetMs: number;
}

/**
 * Looks paths up in a repository, read-only: each folder on the way is listed (names are
 * compared exactly, so the check is case-sensitive like GitHub on every OS); folder links are
 * never entered (the listing skips them); a Markdown file is read only when it is a regular file,
 * within the byte cap, and its real location is inside the repository.
 */
export async function lookUpInRepository(
  fs: WorkspaceFileSystem,
  repositoryRoot: string,
  paths: readonly string[],
  options: RepositoryReadOptions,
): Promise<Map<string, RepositoryEntry>> {
  const listings = new Map<string, Promise<Map<string, EntryType> | undefined>>();
  const list = (folder: string) => {
    let listing = listings.get(folder);
    if (!listing) {
      listing = fs.readDirectory(folder).then(
        (entries) => new Map(entries),
        () => undefined,
      );
      listings.set(folder, listing);
    }
    return listing;
  };
  let realRoot: Promise<string> | undefined;
  const results = new Map<string, RepositoryEntry>();
  for (const path of paths) {
    if (!isInside(path, repositoryRoot) || path === repositoryRoot) {
      results.set(path, path === repositoryRoot ? { type: 'directory' } : { type: 'absent' });
      continue;
    }
    const segments = posix.relative(repositoryRoot, path).split('/');
    let type: EntryType | undefined;
    let folder = repositoryRoot;
    for (let i = 0; i < segments.length; i++) {
      if (options.excludedFolderNames.has(segments[i]) || (i > 0 && type !== 'directory')) {
        type = undefined;
        break;
      }
      type = (await list(folder))?.get(segments[i]);
      if (!type) break;
      folder = posix.join(folder, segments[i]);
    }
    if (type === 'directory') results.set(path, { type: 'directory' });
    else if (type === 'file') results.set(path, await readFileEntry(fs, path, options, () => (realRoot ??= realPathOf(fs, repositoryRoot))));
    else results.set(path, { type: 'absent' });
  }
  return results;
}

async function readFileEntry(fs: WorkspaceFileSystem, path: string, options: RepositoryReadOptions, realRoot: () => Promise<string>): Promise<RepositoryEntry> {
  const stat = await fs.stat(path);
  if (stat?.type !== 'file') return { type: 'absent' };
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  if (!/\.(md|markdown)$/i.test(path) || stat.size > options.maxFileSize) return { type: 'file', stamp };
  try {
    // A file link whose real location is outside the repository is not read (its anchors are not judged).
    if (!isInside(await realPathOf(fs, path), await realRoot())) return { type: 'file', stamp };
    const decoded = decodeDocumentBytes(await fs.readFile(path, options.maxFileSize));
    if (decoded.binary) return { type: 'file', stamp };
    const doc = await options.parser.parse(path, decoded.text, { budgetMs: options.parseTimeBudgetMs });
    return { type: 'file', stamp, doc };
  } catch {
    return { type: 'file', stamp };
  }
}

function realPathOf(fs: WorkspaceFileSystem, path: string): Promise<string> {
  return fs.realPath ? fs.realPath(path) : Promise.resolve(path);
}

/** Whether two look-ups of one path found the same thing. */
export function sameEntry(a: RepositoryEntry | undefined, b: RepositoryEntry): boolean {
  if (!a || a.type !== b.type) return false;
  return a.type !== 'file' || b.type !== 'file' || (a.stamp === b.stamp && !!a.doc === !!b.doc);
}
