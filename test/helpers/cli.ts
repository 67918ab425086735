import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI_PATH = resolve(__dirname, '../../dist/cli.js');

export interface CliJsonReport {
  version: number;
  root: string;
  files: number;
  diagnostics: Array<{
    file: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity: string;
    code: string;
    message: string;
    target?: string;
    link?: { start: { line: number; character: number }; end: { line: number; character: number } };
  }>;
}

/** Runs the bundled CLI as a user would. */
export function runCli(args: string[], cwd = process.cwd()): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
