import { posix } from 'node:path';
import { parseDocument } from '../../domain/document/parseDocument';
import { tagValue } from '../../domain/document/types';
import { gateNameKey } from '../../domain/document/names';
import { LineIndex } from '../../base/lineIndex';
import { neverCancelled, type CancellationToken } from '../../base/cancellation';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { RenameRefused } from './headingRename';
import { computeMoveEdits } from './moveEdits';
import { applyTextEdits, WorkspaceChange } from './workspaceChange';
import { hasControlCharacter } from '../../base/controlCharacters';

/** Characters a file name cannot hold on some OS (and `#`/`?`, which links would have to encode). */
const UNSAFE_FILE_NAME = /[\\/:*?"<>|#]/;

/**
 * The file name a quality gate named `name` gets, keeping the view of the
 * current file name: `QG_<Name>_(<View>).md`. The Name may be written with or
 * without the `QG_` prefix and with a view of its own, which the file's view
 * replaces. Non-QG documents are named `<Name>.md`. Undefined when the name
 * cannot be a file name.
 */
export function fileNameForName(currentFileName: string, name: string): string | undefined {
  const ext = /\.(md|markdown)$/i.exec(currentFileName)?.[0] ?? '.md';
  const stem = currentFileName.slice(0, currentFileName.length - ext.length);
  const isQg = /^QG_/i.test(stem);
  let core = name.trim().replace(/_\([^)]*\)$/, '');
  if (isQg) core = core.replace(/^QG_/i, '');
  if (core === '' || UNSAFE_FILE_NAME.test(core) || hasControlCharacter(core) || /^\.+$/.test(core)) return undefined;
  const view = /_\(([^)]*)\)$/.exec(stem)?.[1];
  return `${isQg ? stem.slice(0, 3) : ''}${core}${view !== undefined ? `_(${view})` : ''}${ext}`;
}

export interface NameRenameOptions {
  /** Also rename the file to match (when the file name matches the old Name). */
  readonly renameFile: boolean;
}

/**
 * Renames a document's front-matter Name to `newName` and, when `renameFile`
 * and the file name followed the old Name, renames the file to match and
 * updates every link to it. The file operation comes last in the change, after
 * the text edits addressed to the old path.
 */
export function computeNameRename(
  index: WorkspaceIndex,
  path: string,
  text: string,
  newName: string,
  options: NameRenameOptions,
  token: CancellationToken = neverCancelled,
): { change: WorkspaceChange; newPath?: string } {
  const doc = index.getDocument(path);
  const tag = doc?.frontMatter?.tags.find((t) => t.key.toLowerCase() === 'name');
  if (!doc || !tag?.valueRange) throw new RenameRefused('This document has no front-matter Name to rename.');
  const name = newName.trim();
  if (name === '' || /[\r\n]/.test(name)) throw new RenameRefused('A Name must be one non-empty line.');

  // The new front matter must still parse and hold exactly this Name.
  const lines = new LineIndex(text);
  const edit = { range: tag.valueRange, newText: name };
  const after = parseDocument(
    path,
    applyTextEdits(text, [edit], (p) => lines.offsetAt(p)),
  );
  if ((after.frontMatter?.problems.length ?? 0) > 0 || tagValue(after, 'name') !== name) {
    throw new RenameRefused(`"${name}" cannot be written as a front-matter value as it is (characters like , { } [ ] or ": " need quotes).`);
  }

  const change = new WorkspaceChange().edit(path, edit);
  if (!options.renameFile) return { change };
  const fileName = posix.basename(path);
  const stem = fileName.replace(/\.(md|markdown)$/i, '');
  if (gateNameKey(tag.value) !== gateNameKey(stem)) return { change }; // the file was not named after the gate
  const newFileName = fileNameForName(fileName, name);
  if (!newFileName || newFileName === fileName) return { change };
  const newPath = posix.join(posix.dirname(path), newFileName);
  if (index.hasFile(newPath) || index.hasFolder(newPath)) return { change };

  change.merge(computeMoveEdits(index, [{ from: path, to: newPath }], token));
  change.operation({ kind: 'rename', from: path, to: newPath });
  return { change, newPath };
}
