import { mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from './applyWorkspaceEdit';
import { runCli, type CliJsonReport } from './cli';
import { fileUri, type LspTestClient } from './lspClient';

/** Client capabilities of an editor that applies versioned edits and file operations (like VS Code). */
export const EDITOR_CAPABILITIES = {
  workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] }, fileOperations: { willRename: true } },
  textDocument: { rename: { prepareSupport: true } },
};

/** The broken-link errors the CLI reports for a folder, as `file: destination (code)`, sorted. */
export function brokenLinksByCli(root: string): string[] {
  const result = runCli(['check', root, '--format', 'json']);
  const report = JSON.parse(result.stdout) as CliJsonReport;
  return report.diagnostics
    .filter((d) => d.code.startsWith('link.') && d.severity === 'error')
    .map((d) => `${d.file}: ${d.target} (${d.code})`)
    .sort();
}

/** Every diagnostic code the CLI reports for one file of a folder. */
export function codesByCli(root: string, file: string): string[] {
  const report = JSON.parse(runCli(['check', root, '--format', 'json']).stdout) as CliJsonReport;
  return report.diagnostics.filter((d) => d.file === file).map((d) => d.code);
}

/**
 * Moves files/folders as VS Code does: asks the server (`workspace/willRenameFiles`) before the
 * move, applies the returned edit to the files where they are, then moves them on disk.
 */
export async function moveWithServer(client: LspTestClient, moves: Array<[from: string, to: string]>): Promise<WorkspaceEdit | null> {
  const edit = await client.request<WorkspaceEdit | null>('workspace/willRenameFiles', {
    files: moves.map(([from, to]) => ({ oldUri: fileUri(from), newUri: fileUri(to) })),
  });
  const touched = applyWorkspaceEdit(edit);
  for (const [from, to] of moves) {
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
  }
  await client.notify('workspace/didChangeWatchedFiles', {
    changes: [
      ...touched.map((path) => ({ uri: fileUri(path), type: 2 })),
      ...moves.flatMap(([from, to]) => [
        { uri: fileUri(from), type: 3 },
        { uri: fileUri(to), type: 1 },
      ]),
    ],
  });
  await client.idle();
  return edit;
}

/** Applies an edit to the files on disk and tells the server, as an editor's file watcher would. */
export async function applyAndNotify(client: LspTestClient, edit: WorkspaceEdit | null | undefined): Promise<void> {
  const changes: Array<{ uri: string; type: number }> = [];
  for (const change of edit?.documentChanges ?? []) {
    if ('kind' in change && change.kind === 'rename') changes.push({ uri: change.oldUri, type: 3 }, { uri: change.newUri, type: 1 });
    else if ('kind' in change && change.kind === 'create') changes.push({ uri: change.uri, type: 1 });
  }
  for (const path of applyWorkspaceEdit(edit)) changes.push({ uri: fileUri(path), type: 2 });
  await client.notify('workspace/didChangeWatchedFiles', { changes });
  await client.idle();
}
