// "MQG4AI: Export Coverage Report": the extension's one file write, on the user's explicit request.
import * as vscode from 'vscode';
import { refusalInRestrictedMode } from '../trust';
import type { CoverageSource } from './coverageView';
import { MQG4AI_REQUESTS, type CoverageReportParams, type CoverageReportResult, type ReportFormat } from '../../../protocol/protocol';

export type { ReportFormat };

/** Optional arguments: with `format` and `target`, the command asks nothing (tests, tasks, keybindings). */
export interface ExportArgs {
  readonly format?: ReportFormat;
  /** Where to write; a Uri or a URI string. */
  readonly target?: vscode.Uri | string;
  /** The folder to report on; a Uri or a URI string (default: the workspace folder). */
  readonly root?: vscode.Uri | string;
  /** Report one assessment only (an ID or folder); the active one by default when there are several. */
  readonly assessment?: string;
}

const FORMATS: ReadonlyArray<vscode.QuickPickItem & { format: ReportFormat; filter: string }> = [
  {
    label: 'Markdown',
    description: '.md',
    detail: 'For the repository: renders on GitHub/GitLab, links open the documents.',
    format: 'md',
    filter: 'Markdown',
  },
  { label: 'HTML', description: '.html', detail: 'Self-contained page for reviewers; prints well.', format: 'html', filter: 'HTML' },
  { label: 'JSON', description: '.json', detail: 'Machine-readable: the tree, group tables, gaps and broken traces.', format: 'json', filter: 'JSON' },
];

const asUri = (value: vscode.Uri | string): vscode.Uri => (typeof value === 'string' ? vscode.Uri.parse(value) : value);

const folderOf = (uri: vscode.Uri): string => uri.with({ path: uri.path.replace(/\/[^/]*$/, '') || '/' }).toString();

/** Runs the export; resolves to the written file, or undefined when cancelled or failed. */
export async function exportCoverageReport(source: CoverageSource, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  // Restricted Mode: no file writes (the command is disabled in menus; this covers direct calls).
  const refusal = refusalInRestrictedMode('mqg4ai.exportCoverageReport', vscode.workspace.isTrusted);
  if (refusal) {
    void vscode.window.showWarningMessage(refusal);
    return undefined;
  }
  const interactive = args.target === undefined;
  const format = args.format ?? (await vscode.window.showQuickPick(FORMATS, { title: 'Export Coverage Report', placeHolder: 'Report format' }))?.format;
  if (!format) return undefined;
  if (!FORMATS.some((f) => f.format === format)) {
    void vscode.window.showErrorMessage(`Unknown report format "${String(format)}": use md, html or json.`);
    return undefined;
  }

  const folders = vscode.workspace.workspaceFolders ?? [];
  const root = args.root
    ? asUri(args.root)
    : folders.length > 1 && interactive
      ? (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to report on' }))?.uri
      : folders[0]?.uri;
  if (!root) {
    if (folders.length === 0) void vscode.window.showWarningMessage('Open a folder with MQG4AI quality gates to export its coverage report.');
    return undefined;
  }

  try {
    const request = (target?: vscode.Uri) =>
      source.sendRequest<CoverageReportResult>(MQG4AI_REQUESTS.coverageReport, {
        root: root.toString(),
        format,
        ...(target ? { target: target.toString() } : {}),
        ...(args.assessment ? { assessment: args.assessment } : {}),
      } satisfies CoverageReportParams);
    let target = args.target ? asUri(args.target) : undefined;
    let report = await request(target);
    if (!target) {
      const filter = FORMATS.find((f) => f.format === format)!.filter;
      target = await vscode.window.showSaveDialog({
        title: 'Export Coverage Report',
        defaultUri: vscode.Uri.joinPath(root, report.suggestedName),
        filters: { [filter]: [format] },
        saveLabel: 'Export',
      });
      if (!target) return undefined;
      // Links in the report are relative to the folder it is saved in.
      if (folderOf(target) !== root.toString().replace(/\/$/, '')) report = await request(target);
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(report.content));
    if (interactive) {
      const name = target.path.slice(target.path.lastIndexOf('/') + 1);
      void vscode.window.showInformationMessage(`Coverage report saved to ${name}.`, 'Open').then((choice) => {
        if (choice !== 'Open' || !target) return;
        if (format === 'html') void vscode.env.openExternal(target);
        else void vscode.commands.executeCommand('vscode.open', target);
      });
    }
    return target;
  } catch (error) {
    void vscode.window.showErrorMessage(`Exporting the coverage report failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
