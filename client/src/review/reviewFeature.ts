// The review workflow in VS Code (docs/review.md): the commands the server's code actions name
// (mark document / trace reviewed, show what changed since review), and the Review group of the
// coverage view. Stamps are written only by applying the WorkspaceEdit the server returns, as a
// refactoring (undoable; saved when `files.refactoring.autoSave` is on, the default).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  MQG4AI_COMMANDS,
  MQG4AI_REQUESTS,
  type ReviewChangesParams,
  type ReviewChangesResult,
  type ReviewMarkParams,
  type ReviewMarkResult,
  type ReviewStatusResult,
} from '../../../protocol/protocol';
import type { CoverageTreeProvider } from '../coverage/coverageView';
import { withReviewGroups } from './reviewModel';

export const REVIEW_CHANGES_SCHEME = 'mqg4ai-review';

const uriString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : value instanceof vscode.Uri ? value.toString() : vscode.window.activeTextEditor?.document.uri.toString();

const byArg = (by: unknown): { by?: string } => (typeof by === 'string' && by.trim() ? { by: by.trim() } : {});

/** Serves `mqg4ai-review:` documents: the changes of a target since a document's review, rendered by the server on each read. */
class ReviewChangesDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly client: LanguageClient) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const params: ReviewChangesParams = { uri: query.get('uri') ?? '', ...(query.get('target') ? { target: query.get('target')! } : {}) };
    try {
      const result = await this.client.sendRequest<ReviewChangesResult>(MQG4AI_REQUESTS.reviewChanges, params);
      return `# ${result.title}\n\n${result.content}\n`;
    } catch (error) {
      return `# Changes since review\n\nThey cannot be shown: ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }
}

/** A structural view of the parts of the built-in Git extension's API (`vscode.git`, API 1) used here. */
interface GitApi {
  readonly repositories: ReadonlyArray<{ getConfig(key: string): Promise<string>; getGlobalConfig(key: string): Promise<string> }>;
}

const REVIEWER_KEY = 'mqg4ai.review.reviewer';

/**
 * The reviewer's name: git's `user.name` as the built-in Git extension reports it (the language
 * server starts no process), else the name given earlier in this workspace, else asked.
 */
async function reviewerName(state: vscode.Memento): Promise<string | undefined> {
  try {
    const git = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    const api = (git?.isActive ? git.exports : await git?.activate())?.getAPI(1);
    const repository = api?.repositories[0];
    const name = repository ? (await repository.getConfig('user.name').catch(() => '')) || (await repository.getGlobalConfig('user.name').catch(() => '')) : '';
    if (name.trim()) return name.trim();
  } catch {
    // No Git extension, or no repository: ask.
  }
  const remembered = state.get<string>(REVIEWER_KEY);
  const typed = await vscode.window.showInputBox({
    title: 'MQG4AI: Mark reviewed',
    prompt: 'Your name, as the reviewer (git user.name is not set)',
    value: remembered,
    ignoreFocusOut: true,
  });
  if (!typed?.trim()) return undefined;
  await state.update(REVIEWER_KEY, typed.trim());
  return typed.trim();
}

/** Asks the server for the stamps' WorkspaceEdit and applies it. Resolves to the documents marked. */
async function mark(client: LanguageClient, params: ReviewMarkParams, output: vscode.LogOutputChannel, state: vscode.Memento): Promise<string[]> {
  const by = params.by ?? (await reviewerName(state));
  if (!by) return [];
  const result = await client.sendRequest<ReviewMarkResult>(MQG4AI_REQUESTS.reviewMark, { ...params, by });
  for (const { uri, reason } of result.refused)
    void vscode.window.showWarningMessage(`MQG4AI: ${vscode.Uri.parse(uri).fsPath} was not marked reviewed: ${reason}`);
  if (result.edit) {
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit as never);
    const applied = edit !== undefined && (await vscode.workspace.applyEdit(edit, { isRefactoring: true }));
    if (!applied) {
      output.warn('The review stamps were not written: the workspace edit was not applied.');
      return [];
    }
  }
  for (const uri of result.marked)
    output.info(`Marked reviewed: ${vscode.Uri.parse(uri).fsPath}${params.trace ? ` (trace to ${vscode.Uri.parse(params.trace).fsPath})` : ''}`);
  return [...result.marked];
}

/** Registers the review commands and hooks the Review groups into the coverage view. */
export function registerReview(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  coverage: CoverageTreeProvider,
  output: vscode.LogOutputChannel,
): void {
  coverage.decorate = async (items, assessmentIds) => {
    try {
      return withReviewGroups(items, assessmentIds, await client.sendRequest<ReviewStatusResult>(MQG4AI_REQUESTS.reviewStatus, {}));
    } catch (error) {
      output.warn(`Review status request failed: ${error instanceof Error ? error.message : String(error)}`);
      return items;
    }
  };
  const afterMark = async (marked: string[]) => {
    if (marked.length > 0) await coverage.refresh();
    return marked;
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(REVIEW_CHANGES_SCHEME, new ReviewChangesDocuments(client)),
    // Arguments: the document (default: the active editor's), and for automation the reviewer's name.
    vscode.commands.registerCommand(MQG4AI_COMMANDS.markDocumentReviewed, async (arg?: unknown, by?: unknown) => {
      const uri = uriString(arg);
      return uri ? afterMark(await mark(client, { uris: [uri], ...byArg(by) }, output, context.workspaceState)) : [];
    }),
    vscode.commands.registerCommand(MQG4AI_COMMANDS.markTraceReviewed, async (arg?: unknown, target?: unknown, by?: unknown) => {
      const uri = uriString(arg);
      const trace = typeof target === 'string' ? target : target instanceof vscode.Uri ? target.toString() : undefined;
      return uri && trace ? afterMark(await mark(client, { uris: [uri], trace, ...byArg(by) }, output, context.workspaceState)) : [];
    }),
    vscode.commands.registerCommand(MQG4AI_COMMANDS.showChangesSinceReview, async (arg?: unknown, target?: unknown) => {
      const uri = uriString(arg);
      if (!uri) return undefined;
      const targetUri = typeof target === 'string' ? target : target instanceof vscode.Uri ? target.toString() : undefined;
      const name =
        vscode.Uri.parse(targetUri ?? uri)
          .path.split('/')
          .pop() ?? 'document';
      const query = new URLSearchParams({ uri, ...(targetUri ? { target: targetUri } : {}) }).toString();
      const view = vscode.Uri.from({ scheme: REVIEW_CHANGES_SCHEME, path: `/Changes in ${name} since review.md`, query });
      const document = await vscode.workspace.openTextDocument(view);
      try {
        await vscode.commands.executeCommand('markdown.showPreview', view);
      } catch {
        await vscode.window.showTextDocument(document, { preview: true });
      }
      return view;
    }),
  );
}
