import * as fs from 'node:fs';
import { MQG4AI_REQUESTS } from '../../../protocol/protocol';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'mqg4ai.mqg4ai';

/** The part of the extension's exports the tests use (a vscode-languageclient LanguageClient). */
export interface MqgClient {
  isRunning(): boolean;
  sendRequest<R>(method: string, params?: unknown): Promise<R>;
}

export interface ExpectedBrokenLink {
  file: string;
  /** 1-based line of the link. */
  line: number;
  destination: string;
  code: string;
}

export interface Expected {
  broken: ExpectedBrokenLink[];
  frontmatter: { file: string; line?: number; code?: string }[];
}

/** Root of the (copied) sample workspace the runner opened. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('No workspace folder is open: the runner must open the sample assessment.');
  return folder.uri.fsPath;
}

export function workspaceUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), ...relative.split('/')));
}

export function readExpected(): Expected {
  return JSON.parse(fs.readFileSync(path.join(workspaceRoot(), 'EXPECTED.json'), 'utf8')) as Expected;
}

/** Activates the extension (idempotent) and waits until the server has indexed and published. */
export async function activate(): Promise<MqgClient> {
  const extension = vscode.extensions.getExtension<{ client: MqgClient }>(EXTENSION_ID);
  if (!extension) throw new Error(`Extension ${EXTENSION_ID} is not installed in this VS Code.`);
  const api = await extension.activate();
  if (!api?.client) throw new Error('The extension activated but exports no language client.');
  await waitFor(() => api.client.isRunning(), 'the language client to be running');
  await api.client.sendRequest(MQG4AI_REQUESTS.waitForIdle);
  return api.client;
}

/** Polls `probe` until it returns a truthy value, or fails after `timeoutMs` with `what` in the message. */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The diagnostic code as a string, whether VS Code gives it plain or as { value, target }. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function mqgDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'mqg4ai');
}

/**
 * The diagnostics EXPECTED.json describes: errors about links and front matter. Other rules
 * (template sections, one-way traces, orphans...) add warnings and hints that it does not list.
 */
export function isTraceError(diagnostic: vscode.Diagnostic): boolean {
  const code = codeOf(diagnostic) ?? '';
  return (
    diagnostic.source === 'mqg4ai' && diagnostic.severity === vscode.DiagnosticSeverity.Error && (code.startsWith('link.') || code === 'frontmatter.invalid')
  );
}

export function traceErrors(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(isTraceError);
}

/** 0-based position of the first occurrence of `needle` in the document, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const index = document.getText().indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" not found in ${document.uri.fsPath}`);
  return document.positionAt(index + offset);
}

/** The text of a hover's contents, whatever form each part takes. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n---\n');
}

/** The target URI of a Location or LocationLink. */
export function targetUri(location: vscode.Location | vscode.LocationLink): vscode.Uri {
  return 'targetUri' in location ? location.targetUri : location.uri;
}

export function targetRange(location: vscode.Location | vscode.LocationLink): vscode.Range {
  return 'targetUri' in location ? (location.targetSelectionRange ?? location.targetRange) : location.range;
}

/** 0-based line of the first Markdown heading whose text matches. */
export function headingLine(relative: string, text: RegExp): number {
  const lines = fs.readFileSync(workspaceUri(relative).fsPath, 'utf8').split(/\r?\n/);
  const line = lines.findIndex((l) => /^#{1,6}\s/.test(l) && text.test(l.replace(/^#+\s+/, '')));
  if (line < 0) throw new Error(`No heading matching ${text} in ${relative}`);
  return line;
}

/** Text of the first Markdown heading of a file (what the server uses as the document title). */
export function firstHeading(relative: string): string {
  const lines = fs.readFileSync(workspaceUri(relative).fsPath, 'utf8').split(/\r?\n/);
  const heading = lines.find((l) => /^#{1,6}\s/.test(l));
  if (!heading) throw new Error(`No heading in ${relative}`);
  return heading.replace(/^#+\s+/, '').trim();
}

export function samePath(a: vscode.Uri, b: vscode.Uri): boolean {
  return path.normalize(a.fsPath) === path.normalize(b.fsPath);
}
