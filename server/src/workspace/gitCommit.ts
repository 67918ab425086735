import { existsSync, statSync } from 'node:fs';
import { readRegularFileSync } from '../base/fileSystem';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
/** HEAD, refs and `.git` files are tiny; packed-refs of a large repository are not. */
const SMALL = 64 * 1024;
const PACKED_REFS = 64 * 1024 * 1024;

/** Repository data is untrusted too (a `.git` file's `gitdir:` may point at a link to /dev/zero): regular files, capped. */
function readText(path: string, maxBytes = SMALL): string {
  return readRegularFileSync(path, maxBytes).toString('utf8');
}

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
    const head = readText(join(gitDir, 'HEAD')).trim();
    if (COMMIT.test(head)) return head;
    const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
    if (!ref || ref.split('/').includes('..')) return undefined;
    // A linked worktree keeps its HEAD but shares the refs of the main repository.
    const common = existsSync(join(gitDir, 'commondir')) ? resolve(gitDir, readText(join(gitDir, 'commondir')).trim()) : gitDir;
    for (const dir of new Set([gitDir, common])) {
      const loose = join(dir, ref);
      if (existsSync(loose)) {
        const value = readText(loose).trim();
        if (COMMIT.test(value)) return value;
      }
    }
    for (const dir of new Set([gitDir, common])) {
      const packed = join(dir, 'packed-refs');
      if (!existsSync(packed)) continue;
      for (const line of readText(packed, PACKED_REFS).split(/\r?\n/)) {
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
      const pointer = /^gitdir:\s*(.+)$/m.exec(readText(dotGit))?.[1]?.trim();
      if (pointer) return isAbsolute(pointer) ? pointer : resolve(dir, pointer);
      return undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}
