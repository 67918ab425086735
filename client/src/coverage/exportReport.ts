// "MQG4AI: Export Coverage Report": the extension's one file write, on the user's explicit request.
import * as vscode from 'vscode';
import { refusalInRestrictedMode } from '../trust';
import type { CoverageSource } from './coverageView';
import { MQG4AI_REQUESTS, type CoverageReportParams, type CoverageReportResult, type ReportFormat } from '../../../protocol/protocol';

export type { ReportFormat };

/** Where the last interactive export went (per workspace): offered first next time. */
const LAST_EXPORT_KEY = 'mqg4ai.lastReportExport';
interface LastExport {
  readonly format: ReportFormat;
  readonly target: string;
}

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

/**
 * `mqg4ai.report.output`, relative to the workspace folder: the file, or why it cannot be used
 * (absolute, or leading outside the folder: settings may come from the repository).
 */
export function configuredOutput(root: vscode.Uri, value: string | undefined): vscode.Uri | string | undefined {
  const text = (value ?? '').trim();
  if (!text) return undefined;
  if (/^([a-zA-Z]:|[\\/])/.test(text)) return `mqg4ai.report.output must be relative to the workspace folder, not "${text}".`;
  const parts: string[] = [];
  for (const part of text.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.pop() === undefined) return `mqg4ai.report.output "${text}" leads outside the workspace folder.`;
    } else parts.push(part);
  }
  return parts.length > 0 ? vscode.Uri.joinPath(root, ...parts) : undefined;
}

/** The format a file name implies, if any. */
function formatOfName(uri: vscode.Uri): ReportFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(uri.path)?.[1]?.toLowerCase();
  return ext === 'md' || ext === 'markdown' ? 'md' : ext === 'html' || ext === 'htm' ? 'html' : ext === 'json' ? 'json' : undefined;
}

/**
 * Runs the export; resolves to the written file, or undefined when cancelled or failed. Without
 * arguments: `mqg4ai.report.output` (when set) is the file and `mqg4ai.report.format` (when set,
 * else the file's extension) the format, and nothing is asked; otherwise a format pick (the setting's
 * or the last choice first) and a save dialog (at the last file). `memory` keeps the last choice.
 */
export async function exportCoverageReport(source: CoverageSource, args: ExportArgs = {}, memory?: vscode.Memento): Promise<vscode.Uri | undefined> {
  // Restricted Mode: no file writes (the command is disabled in menus; this covers direct calls).
  const refusal = refusalInRestrictedMode('mqg4ai.exportCoverageReport', vscode.workspace.isTrusted);
  if (refusal) {
    void vscode.window.showWarningMessage(refusal);
    return undefined;
  }
  const interactive = args.target === undefined;
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

  const settings = vscode.workspace.getConfiguration('mqg4ai.report', root);
  const formatSetting = settings.inspect<string>('format');
  const formatSet = [formatSetting?.workspaceFolderValue, formatSetting?.workspaceValue, formatSetting?.globalValue].find((v) => v !== undefined);
  const output = interactive ? configuredOutput(root, settings.get<string>('output')) : undefined;
  if (typeof output === 'string') {
    void vscode.window.showErrorMessage(output);
    return undefined;
  }
  const last = memory?.get<LastExport>(LAST_EXPORT_KEY);
  const preferred = (formatSet as ReportFormat | undefined) ?? last?.format ?? (settings.get<string>('format') as ReportFormat | undefined);
  const format =
    args.format ??
    (output ? ((formatSet as ReportFormat | undefined) ?? formatOfName(output) ?? preferred) : undefined) ??
    (
      await vscode.window.showQuickPick(
        [...FORMATS].sort((a, b) => (a.format === preferred ? -1 : b.format === preferred ? 1 : 0)),
        { title: 'Export Coverage Report', placeHolder: 'Report format' },
      )
    )?.format;
  if (!format) return undefined;
  if (!FORMATS.some((f) => f.format === format)) {
    void vscode.window.showErrorMessage(`Unknown report format "${String(format)}": use md, html or json.`);
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
    let target = args.target ? asUri(args.target) : output;
    let report = await request(target);
    if (!target) {
      const filter = FORMATS.find((f) => f.format === format)!.filter;
      const lastFolder = last ? vscode.Uri.parse(last.target).with({ path: vscode.Uri.parse(last.target).path.replace(/\/[^/]*$/, '') }) : undefined;
      target = await vscode.window.showSaveDialog({
        title: 'Export Coverage Report',
        defaultUri: vscode.Uri.joinPath(lastFolder ?? root, report.suggestedName),
        filters: { [filter]: [format] },
        saveLabel: 'Export',
      });
      if (!target) return undefined;
      // Links in the report are relative to the folder it is saved in.
      if (folderOf(target) !== root.toString().replace(/\/$/, '')) report = await request(target);
    }
    await vscode.workspace.fs.createDirectory(target.with({ path: target.path.replace(/\/[^/]*$/, '') || '/' }));
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(report.content));
    if (interactive) {
      await memory?.update(LAST_EXPORT_KEY, { format, target: target.toString() } satisfies LastExport);
      const name = target.path.slice(target.path.lastIndexOf('/') + 1);
      const written = target;
      const actions = format === 'html' ? ['Open', 'Print / PDF'] : ['Open'];
      void vscode.window.showInformationMessage(`Coverage report saved to ${name}.`, ...actions).then((choice) => {
        if (choice) void openReport(written, format, report.content, choice === 'Print / PDF');
      });
    }
    return target;
  } catch (error) {
    void vscode.window.showErrorMessage(`Exporting the coverage report failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Whether an external browser can open a file of this machine: a local desktop VS Code only. */
export function canOpenFilesExternally(): boolean {
  return vscode.env.uiKind === vscode.UIKind.Desktop && vscode.env.remoteName === undefined;
}

export const REPORT_PREVIEW = 'mqg4ai.reportPreview';

/**
 * Opens an exported report: Markdown and JSON in an editor; HTML in the system browser through
 * the editor's own external opener on a local desktop (print it there for a PDF), and in a
 * preview panel in remote and browser setups, where no browser can reach the file (download it
 * from the Explorer to print it). Resolves to how it was shown.
 */
export async function openReport(target: vscode.Uri, format: ReportFormat, content?: string, print = false): Promise<'editor' | 'browser' | 'preview'> {
  if (format !== 'html') {
    await vscode.commands.executeCommand('vscode.open', target);
    return 'editor';
  }
  if (canOpenFilesExternally() && (await vscode.env.openExternal(await vscode.env.asExternalUri(target)))) {
    if (print) void vscode.window.showInformationMessage('The report is open in your browser: print it there (Ctrl+P / Cmd+P) and choose "Save as PDF".');
    return 'browser';
  }
  const html = content ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  const panel = vscode.window.createWebviewPanel(REPORT_PREVIEW, name, vscode.ViewColumn.Active, { enableScripts: false, enableFindWidget: true });
  // The report is self-contained and has no scripts; the panel allows none either.
  panel.webview.html = html.replace(
    /<head>/i,
    `<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline';">`,
  );
  if (print) {
    void vscode.window.showInformationMessage(
      `The browser cannot reach ${name} here: download it (right-click it in the Explorer, Download...), open it in your browser and print it there to save a PDF.`,
    );
  }
  return 'preview';
}
