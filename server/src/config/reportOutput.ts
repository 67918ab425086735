import { lstatSync, realpathSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep, win32 } from 'node:path';
import { plainLine } from '../base/escape';

/** Where a report goes, or why it may not go there. */
export type ReportOutput = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly error: string };

/** The disk access the check needs (injectable for tests). */
export interface ReportOutputDisk {
  lstat(path: string): Stats | undefined;
  realpath(path: string): string;
}

const nodeDisk: ReportOutputDisk = {
  lstat: (path) => lstatSync(path, { throwIfNoEntry: false }),
  realpath: (path) => realpathSync(path),
};

/**
 * The file a report output named in a PROJECT FILE (`report.output` in `.mqg4ai.yaml`) may be
 * written to: a relative path that stays inside the repository `root` (an OS path), whose
 * existing parent folders really are inside it (no folder link leading out), and which is not
 * itself a symbolic link or anything but a regular file. The repository is untrusted input,
 * so without this a `report: {output: ../../.bashrc}` would write attacker-chosen text
 * anywhere. A path the user gives on the command line (`--output`) is not checked here.
 */
export function resolveReportOutput(root: string, value: string, disk: ReportOutputDisk = nodeDisk): ReportOutput {
  const refuse = (why: string): ReportOutput => ({
    ok: false,
    error: `report.output "${plainLine(value)}" in the project file ${why}; give --output on the command line to write elsewhere.`,
  });
  if (value.trim() === '' || value.includes('\0')) return refuse('is not a file name');
  if (isAbsolute(value) || win32.isAbsolute(value) || /^[a-zA-Z]:/.test(value))
    return refuse('is an absolute path, and only paths inside the repository are allowed');
  const target = resolve(root, value);
  if (!inside(root, target) || target === resolve(root)) return refuse('leads outside the repository');

  let realRoot: string;
  try {
    realRoot = disk.realpath(root);
  } catch {
    return refuse('cannot be checked: the repository folder cannot be resolved');
  }
  const existing = disk.lstat(target);
  if (existing) {
    if (existing.isSymbolicLink()) return refuse('is a symbolic link, which could lead outside the repository');
    if (!existing.isFile()) return refuse('is not a regular file');
  }
  // The nearest existing folder above the target must really be inside the repository.
  let folder = dirname(target);
  while (!disk.lstat(folder) && dirname(folder) !== folder) folder = dirname(folder);
  let realFolder: string;
  try {
    realFolder = disk.realpath(folder);
  } catch {
    return refuse('cannot be checked: its folder cannot be resolved');
  }
  if (!inside(realRoot, realFolder)) return refuse('leads outside the repository through a symbolic link');
  return { ok: true, path: target };
}

function inside(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
