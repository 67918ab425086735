import { execFile } from 'node:child_process';

/** What git said when it failed (not a repository, unknown ref, git not installed). */
export class GitError extends Error {}

/** Longest git output read (a diff listing or one file's content). */
const MAX_OUTPUT = 64 * 1024 * 1024;

/**
 * Runs git with a fixed argument list in `cwd` (no shell: nothing in an argument is interpreted),
 * without prompts or pagers; resolves to its stdout.
 */
export function runGit(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['--no-pager', '-c', 'core.quotePath=false', ...args],
      { cwd, maxBuffer: MAX_OUTPUT, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' }, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return reject(new GitError('git is not installed (or not on PATH)'));
        reject(new GitError(stderr.trim().split('\n')[0] || error.message));
      },
    );
  });
}

/** The configured git user name for `folder` (`git config user.name`), or undefined. */
export async function gitUserName(folder: string): Promise<string | undefined> {
  try {
    return (await runGit(folder, ['config', 'user.name'])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The top folder of the work tree holding `folder`. */
export async function gitTopLevel(folder: string): Promise<string> {
  return (await runGit(folder, ['rev-parse', '--show-toplevel'])).trim();
}

/** A file change between a commit and the work tree, paths relative to the top level. */
export interface GitChange {
  readonly status: 'added' | 'modified' | 'deleted' | 'renamed';
  readonly path: string;
  /** For renames: the path at the ref. */
  readonly from?: string;
}

/** Files changed between the commit `commit` and the work tree (tracked files; renames detected), relative to the top level. */
export async function gitChangesSince(folder: string, commit: string): Promise<GitChange[]> {
  const out = await runGit(folder, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-textconv', commit, '--', '.']);
  const fields = out.split('\0');
  const changes: GitChange[] = [];
  for (let i = 0; i < fields.length - 1;) {
    const status = fields[i++];
    if (status.startsWith('R')) {
      const from = fields[i++];
      changes.push({ status: 'renamed', from, path: fields[i++] });
    } else {
      const path = fields[i++];
      changes.push({ status: status.startsWith('A') ? 'added' : status.startsWith('D') ? 'deleted' : 'modified', path });
    }
  }
  return changes;
}

/** The content of `path` (relative to the top level) at `ref`, or undefined when it did not exist there. */
export async function gitShowFile(folder: string, ref: string, path: string): Promise<string | undefined> {
  try {
    return await runGit(folder, ['show', '--no-textconv', `${ref}:${path}`]);
  } catch {
    return undefined;
  }
}

/** The commit a ref names (`git rev-parse --verify REF^{commit}`). */
export async function gitCommitOf(folder: string, ref: string): Promise<string> {
  if (ref === '' || ref.startsWith('-')) throw new GitError(`not a git ref: "${ref}"`);
  const commit = (await runGit(folder, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch(() => '')).trim();
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) throw new GitError(`unknown git ref "${ref}"`);
  return commit;
}

/** Files in the work tree that git does not track and does not ignore (new, not yet added), relative to the top level. */
export async function gitUntracked(folder: string): Promise<string[]> {
  const out = await runGit(folder, ['ls-files', '--others', '--exclude-standard', '--full-name', '-z', '--', '.']);
  return out.split('\0').filter((p) => p !== '');
}
