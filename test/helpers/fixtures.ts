import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const FIXTURES = resolve(__dirname, '../../test-fixtures');
/** The shared corpus beside the checkout; MQG4AI_CORPUS points elsewhere (e.g. from a git worktree). */
export const CORPUS = process.env.MQG4AI_CORPUS ? resolve(process.env.MQG4AI_CORPUS) : resolve(__dirname, '../../../shared/corpus');

/** A scratch copy of a fixture workspace, removed by the returned cleanup. */
export function copyFixture(name: string): { root: string; cleanup: () => void } {
  const base = mkdtempSync(join(tmpdir(), `mqg4ai-${name}-`));
  const root = join(base, name);
  cpSync(join(FIXTURES, name), root, { recursive: true });
  return { root, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export interface ExpectedBroken {
  readonly file: string;
  readonly line: number;
  readonly destination: string;
  readonly code: string;
}
