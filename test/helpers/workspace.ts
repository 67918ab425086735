import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes `files` (relative path -> content) into a fresh temp folder. */
export function makeWorkspace(files: Record<string, string | Buffer>): {
  root: string;
  write: (rel: string, content: string) => string;
  path: (rel: string) => string;
  cleanup: () => void;
} {
  const root = mkdtempSync(join(tmpdir(), 'mqg4ai-ws-'));
  const write = (rel: string, content: string | Buffer) => {
    const full = join(root, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return full;
  };
  for (const [rel, content] of Object.entries(files)) write(rel, content);
  return { root, write, path: (rel) => join(root, rel), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The 0-based position of the first occurrence of `needle` in `text` (plus `offset` characters). */
export function positionOf(text: string, needle: string, offset = 0): { line: number; character: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}
