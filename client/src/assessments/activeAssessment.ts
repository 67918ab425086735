// The active assessment: `mqg4ai.activeAssessment` resolved against the server's list (and the
// active editor for `auto`), its status-bar picker, and the announcement to the server, whose
// Problems scope follows it.
import * as vscode from 'vscode';
import { MQG4AI_NOTIFICATIONS, MQG4AI_REQUESTS, type ActiveAssessmentParams } from '../../../protocol/protocol';
import {
  assessmentPickItems,
  assessmentStatusView,
  FOLLOW_EDITOR,
  resolveActiveAssessment,
  type AssessmentInfo,
  type AssessmentsResult,
} from './assessmentModel';

export const SELECT_ACTIVE_ASSESSMENT = 'mqg4ai.selectActiveAssessment';

/** What the controller needs from the language client. */
export interface AssessmentSource {
  sendRequest<R>(method: string, params?: unknown): Promise<R>;
  sendNotification(method: string, params?: unknown): Promise<void>;
}

/** The `mqg4ai` settings of the (first) workspace folder: the server reads them for it too. */
const settings = () => vscode.workspace.getConfiguration('mqg4ai', vscode.workspace.workspaceFolders?.[0]?.uri ?? null);
const setting = (): string => settings().get<string>('activeAssessment') ?? '';

export class ActiveAssessmentController implements vscode.Disposable {
  private result: AssessmentsResult | undefined;
  private current: AssessmentInfo | undefined;
  /** The last assessment `auto` found in an editor: kept while the editor shows no assessment's file. */
  private lastFollowed: string | undefined;
  /** What the server was last told (undefined: nothing yet). */
  private announced: string | null | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<AssessmentInfo | undefined>();
  /** Fires when the effective active assessment changes. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly status = vscode.window.createStatusBarItem('mqg4ai.activeAssessment', vscode.StatusBarAlignment.Left, 11);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly source: AssessmentSource,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.status.name = 'MQG4AI Active Assessment';
    this.status.command = SELECT_ACTIVE_ASSESSMENT;
    this.disposables.push(
      this.status,
      this.changeEmitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mqg4ai.activeAssessment')) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => {
        if (setting().trim() === FOLLOW_EDITOR) this.update();
      }),
    );
  }

  /** Every assessment of the workspace, as last listed by the server. */
  get assessments(): readonly AssessmentInfo[] {
    return this.result?.assessments ?? [];
  }

  /** The folder (absolute path) the assessments' folders are relative to, once listed. */
  get root(): string | undefined {
    return this.result?.root;
  }

  /** The effective active assessment. */
  get active(): AssessmentInfo | undefined {
    return this.current;
  }

  /** The server (re)started: it knows nothing of what it was told before. */
  async serverStarted(): Promise<void> {
    this.announced = undefined;
    await this.refresh();
  }

  /** Lists the assessments again (files or folders may have changed). */
  async refresh(): Promise<void> {
    try {
      this.result = (await this.source.sendRequest<AssessmentsResult | null>(MQG4AI_REQUESTS.assessments, {})) ?? undefined;
    } catch (error) {
      this.log(`Listing the assessments failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.update();
  }

  /**
   * "MQG4AI: Select Active Assessment". `choice`: an assessment ID or folder, `auto` or `''`
   * (written as is, no UI); without it, a quick pick. Resolves to the value written, or undefined.
   */
  async select(choice?: string): Promise<string | undefined> {
    let value = choice;
    if (value === undefined) {
      if (!this.result) await this.refresh();
      const items = assessmentPickItems(this.assessments, setting(), this.current?.id);
      const picked = await vscode.window.showQuickPick(items, {
        title: 'Select Active Assessment',
        placeHolder: 'The assessment you work on: status bar, coverage and Problems follow it',
      });
      value = picked?.value;
    }
    if (value === undefined) return undefined;
    // Written for the workspace: the choice belongs to this repository, not to the user everywhere.
    await settings().update('activeAssessment', value, vscode.ConfigurationTarget.Workspace);
    this.update();
    return value;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor?.document.uri;
    const editorPath = editor?.scheme === 'file' ? editor.path : undefined;
    const value = setting();
    const next = resolveActiveAssessment(value, this.result, editorPath, this.lastFollowed);
    if (value.trim() === FOLLOW_EDITOR && next) this.lastFollowed = next.id;
    const changed = next?.id !== this.current?.id;
    this.current = next;
    const shown = assessmentStatusView(this.assessments, next, value);
    if (shown) {
      this.status.text = shown.text;
      this.status.tooltip = new vscode.MarkdownString(shown.tooltip, true);
      this.status.show();
    } else {
      this.status.hide();
    }
    const id = next?.id ?? null;
    if (this.result && id !== this.announced) {
      this.announced = id;
      void this.source.sendNotification(MQG4AI_NOTIFICATIONS.activeAssessmentChanged, { assessment: id } satisfies ActiveAssessmentParams);
    }
    if (changed) this.changeEmitter.fire(next);
  }
}
