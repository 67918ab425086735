// Source-level guard for "no code path writes files except user-triggered WorkspaceEdits and
// explicit exports" (docs/security.md): every use of a file-writing API in the shipped code
// (server/src, client/src) must be in one of the allowed modules. The protocol test
// test/protocol/noWrites.test.ts checks the same at run time.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** Where writing is allowed, and why. */
const ALLOWED: Record<string, string> = {
  'server/src/workspace/indexCache.ts': "the parse cache, in the extension's storage folder (never the workspace)",
  'client/src/coverage/exportReport.ts': 'Export Coverage Report: the file the user picked',
  'client/src/review/reviewFeature.ts': "Mark document/trace reviewed: applies the server's WorkspaceEdit of the review stamps, on that command (undoable)",
  // Flagged for `child_process`: git runs read-only (rev-parse, diff, show, ls-files, config) for the command line only.
  'server/src/workspace/git.ts': 'no write: git for mqg4ai impact and review mark; the language server never calls it (docs/security.md)',
  'client/src/documents/documentEdits.ts': "New documents and inserted questions: the WorkspaceEdit the server computed, applied on the user's command",
  // Flagged for `open`: it opens read-only and non-blocking, to refuse devices and FIFOs before reading.
  'server/src/base/fileSystem.ts': 'no write: opens files read-only (O_RDONLY | O_NONBLOCK) to check that they are regular files',
};
/** The command line writes only where its user says (--output, --write-baseline, ...). */
const ALLOWED_FOLDERS = ['server/src/cli/'];

const FS_WRITES = [
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'mkdir',
  'mkdirSync',
  'mkdtemp',
  'mkdtempSync',
  'rename',
  'renameSync',
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
  'unlink',
  'unlinkSync',
  'copyFile',
  'copyFileSync',
  'cp',
  'cpSync',
  'createWriteStream',
  'symlink',
  'symlinkSync',
  'link',
  'linkSync',
  'chmod',
  'chmodSync',
  'chown',
  'chownSync',
  'truncate',
  'truncateSync',
  'utimes',
  'utimesSync',
  'open',
  'openSync',
  'write',
  'writeSync',
  'writev',
  'writevSync',
];

function sourceFiles(folder: string): string[] {
  const result: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) result.push(...sourceFiles(path));
    else if (/\.(ts|js|mjs|cjs)$/.test(name)) result.push(path);
  }
  return result;
}

/** The writing calls in one file: fs named imports, calls through an fs namespace, VS Code's workspace.fs and applyEdit, child processes. */
export function writeUses(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const imports = [...code.matchAll(/import\s+([^;]*?)\s+from\s+['"](?:node:)?(fs|fs\/promises|child_process)['"]/g)];
  const aliases: string[] = [];
  for (const [, clause, module] of imports) {
    if (module === 'child_process') found.push(`imports ${module}`);
    const named = /\{([^}]*)\}/.exec(clause)?.[1] ?? '';
    for (const part of named
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [name, alias] = part.split(/\s+as\s+/).map((s) => s.trim());
      if (name === 'promises') aliases.push(alias ?? name);
      else if (FS_WRITES.includes(name)) found.push(`${name} from ${module}`);
    }
    const namespace = /\*\s+as\s+(\w+)/.exec(clause)?.[1] ?? /^(\w+)\s*(?:,|$)/.exec(clause)?.[1];
    if (namespace) aliases.push(namespace);
  }
  for (const alias of aliases) {
    for (const match of code.matchAll(new RegExp(`(?<![\\w.])${alias}\\.(\\w+)\\s*\\(`, 'g')))
      if (FS_WRITES.includes(match[1])) found.push(`${alias}.${match[1]}`);
  }
  for (const match of code.matchAll(/require\(\s*['"](?:node:)?(fs|fs\/promises|child_process)['"]\s*\)/g)) found.push(`require(${match[1]})`);
  for (const match of code.matchAll(/workspace\.fs\.(writeFile|delete|rename|copy|createDirectory)\b|workspace\.applyEdit\b/g)) found.push(match[0]);
  return found;
}

describe('robustness: only the allowed modules write files (source scan)', () => {
  it('the scanner finds every kind of write it looks for', () => {
    const sample = [
      "import { writeFileSync, readFileSync } from 'node:fs';",
      "import { promises as fsp } from 'fs';",
      "import * as fs from 'node:fs';",
      "import { spawn } from 'node:child_process';",
      'fsp.rename(a, b); fs.rmSync(x); // fs.unlinkSync(y) in a comment',
      'await vscode.workspace.fs.writeFile(u, c); await vscode.workspace.applyEdit(e);',
    ].join('\n');
    assert.deepEqual(
      writeUses(sample).sort(),
      ['fs.rmSync', 'fsp.rename', 'imports child_process', 'workspace.applyEdit', 'workspace.fs.writeFile', 'writeFileSync from fs'].sort(),
    );
  });

  it('server/src and client/src write only in the allowed modules', () => {
    const offenders: string[] = [];
    const allowedSeen = new Set<string>();
    for (const file of [...sourceFiles(join(ROOT, 'server/src')), ...sourceFiles(join(ROOT, 'client/src'))]) {
      const rel = relative(ROOT, file).split('\\').join('/');
      const uses = writeUses(readFileSync(file, 'utf8'));
      if (uses.length === 0) continue;
      if (ALLOWED[rel] || ALLOWED_FOLDERS.some((f) => rel.startsWith(f))) {
        allowedSeen.add(rel);
        continue;
      }
      offenders.push(`${rel}: ${uses.join(', ')}`);
    }
    assert.deepEqual(offenders, [], 'a new file write needs a reason in docs/security.md and an entry in ALLOWED');
    for (const rel of Object.keys(ALLOWED)) assert.ok(allowedSeen.has(rel), `${rel} no longer writes: remove it from ALLOWED`);
  });
});
