import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The commit checked out in the git repository holding `folder` (an OS path), read from
 * `.git/HEAD` and its refs (loose or packed; worktrees and submodules through `gitdir:`).
 * Undefined outside a repository or when HEAD cannot be resolved. Runs no process and
 * touches no network.
 */
export function readGitCommit(folder: string): string | undefined {
  try {
    const gitDir = findGitDir(resolve(folder));
    if (!gitDir) return undefined;
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (COMMIT.test(head)) return head;
    const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
    if (!ref || ref.split('/').includes('..')) return undefined;
    // A linked worktree keeps its HEAD but shares the refs of the main repository.
    const common = existsSync(join(gitDir, 'commondir'))
      ? resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim())
      : gitDir;
    for (const dir of new Set([gitDir, common])) {
      const loose = join(dir, ref);
      if (existsSync(loose)) {
        const value = readFileSync(loose, 'utf8').trim();
        if (COMMIT.test(value)) return value;
      }
    }
    for (const dir of new Set([gitDir, common])) {
      const packed = join(dir, 'packed-refs');
      if (!existsSync(packed)) continue;
      for (const line of readFileSync(packed, 'utf8').split(/\r?\n/)) {
        const [sha, name] = line.trim().split(/\s+/);
        if (name === ref && COMMIT.test(sha)) return sha;
      }
    }
  } catch {
    // unreadable repository data: report no commit
  }
  return undefined;
}

/** The `.git` folder for `folder`, following a `.git` file's `gitdir:` line. */
function findGitDir(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    if (existsSync(dotGit)) {
      if (statSync(dotGit).isDirectory()) return dotGit;
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
      if (pointer) return isAbsolute(pointer) ? pointer : resolve(dir, pointer);
      return undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}
