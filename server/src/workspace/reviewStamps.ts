import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { isInside } from '../syntax/resolveLink';
import { LineIndex } from '../base/lineIndex';
import type { Position } from '../base/range';
import { parseStampFile, StampFileError, type ReviewStamp } from '../domain/review/stampFile';

/** Where review stamps live, relative to the workspace folder: one file per reviewed document. */
export const REVIEWS_FOLDER = '.mqg4ai/reviews';
/** Where the reviewed texts live: one file per content fingerprint. */
export const SNAPSHOTS_FOLDER = '.mqg4ai/snapshots';
const STAMP_SUFFIX = '.yaml';

/** The stamp file of the document `path` in the workspace folder `root`. */
export function stampFileOf(root: string, path: string): string {
  return `${posix.join(root, REVIEWS_FOLDER, posix.relative(root, path))}${STAMP_SUFFIX}`;
}

/** The snapshot file of a fingerprint in the workspace folder `root`. */
export function snapshotFileOf(root: string, fingerprint: string): string {
  return posix.join(root, SNAPSHOTS_FOLDER, `${fingerprint}.txt`);
}

/** The document a stamp file stands for, or undefined when `file` is not a stamp file of `root`. */
export function documentOfStampFile(root: string, file: string): string | undefined {
  const folder = posix.join(root, REVIEWS_FOLDER);
  if (!isInside(file, folder) || file === folder || !file.endsWith(STAMP_SUFFIX)) return undefined;
  return posix.join(root, file.slice(folder.length + 1, -STAMP_SUFFIX.length));
}

/** A stamp as read from its file, or why it could not be read. */
export type LoadedStamp = (
  | { readonly file: string; readonly stamp: ReviewStamp; readonly problem?: undefined }
  | { readonly file: string; readonly stamp?: undefined; readonly problem: string }
) & {
  /** Just after the file's last character, as read (an edit replacing the whole file ends here). */
  readonly end?: Position;
};

/** Reads a stamp file's text into a `LoadedStamp`: a malformed file is a problem to report, never a crash. */
export function loadStamp(file: string, text: string | undefined): LoadedStamp {
  if (text === undefined) return { file, problem: 'the file cannot be read' };
  const end = new LineIndex(text).positionAt(text.length);
  try {
    return { file, stamp: parseStampFile(text), end };
  } catch (error) {
    if (error instanceof StampFileError) return { file, problem: error.message, end };
    throw error;
  }
}

/**
 * The review stamps of the workspace, by absolute document path: part of the index's state
 * (rules read them), loaded from the stamp files and reloaded when one changes.
 */
export class ReviewStampStore {
  private readonly byDocument = new Map<string, LoadedStamp>();
  private readonly hashes = new Map<string, string>();

  get(path: string): LoadedStamp | undefined {
    return this.byDocument.get(path);
  }

  /** Every stamped document (absolute paths). */
  documents(): IterableIterator<string> {
    return this.byDocument.keys();
  }

  set(path: string, loaded: LoadedStamp, text: string | undefined): void {
    this.byDocument.set(path, loaded);
    this.hashes.set(
      path,
      createHash('sha1')
        .update(text ?? '\0')
        .digest('hex'),
    );
  }

  delete(path: string): boolean {
    this.hashes.delete(path);
    return this.byDocument.delete(path);
  }

  /** Names the stamps' content, for the index's state fingerprint (cached results depend on the stamps). */
  stateFingerprint(): string {
    const hash = createHash('sha1');
    for (const path of [...this.hashes.keys()].sort()) hash.update(`${path}:${this.hashes.get(path)}\n`);
    return hash.digest('hex');
  }
}
