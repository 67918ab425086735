import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

export const SERVER_PATH = resolve(__dirname, '../../dist/server.js');

/** Normalises a file URI so URIs from the server and from tests compare equal. */
export function uriKey(uri: string): string {
  return URI.parse(uri).path;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * A real JSON-RPC client over stdio to the bundled server (`node dist/server.js
 * --stdio`), recording every published diagnostic.
 */
export class LspTestClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  /** Every URI diagnostics were published under, exactly as the server spelled it. */
  readonly publishedUris = new Set<string>();
  /** Diagnostics publications and log messages in the order they arrived (for tests of their order). */
  readonly events: Array<
    { readonly kind: 'diagnostics'; readonly uri: string; readonly codes: string[] } | { readonly kind: 'log'; readonly message: string }
  > = [];
  /** What the client answers to `workspace/configuration` for section `mqg4ai`. */
  settings: Record<string, unknown> | null = null;
  /** `window/showMessage` notifications received. */
  readonly messages: Array<{ type: number; message: string }> = [];
  private readonly process: ChildProcess;
  private listeners: Array<() => void> = [];

  private constructor(extraArgs: string[] = [], spawnOptions: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}) {
    this.process = spawn(process.execPath, [...(spawnOptions.nodeArgs ?? []), SERVER_PATH, '--stdio', ...extraArgs], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: spawnOptions.env ?? process.env,
    });
    this.process.stderr!.on('data', (chunk) => this.logs.push(String(chunk)));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(uriKey(params.uri), params.diagnostics);
      this.publishedUris.add(params.uri);
      this.events.push({ kind: 'diagnostics', uri: params.uri, codes: params.diagnostics.map((d) => String(d.code)) });
      this.listeners.forEach((l) => l());
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.events.push({ kind: 'log', message: params.message });
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'mqg4ai' ? this.settings : null)),
    );
    this.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => this.messages.push(params));
    this.connection.listen();
  }

  /** Starts the server on the given workspace folders and waits until it has indexed and validated them. */
  static async start(
    folders: string[],
    options: {
      waitForIdle?: boolean;
      settings?: Record<string, unknown>;
      capabilities?: Record<string, unknown>;
      initializationOptions?: Record<string, unknown>;
      /** Node options before the server script (e.g. `--require` a preload), and the server's environment. */
      nodeArgs?: string[];
      env?: NodeJS.ProcessEnv;
    } = {},
  ): Promise<LspTestClient> {
    const client = new LspTestClient([], { nodeArgs: options.nodeArgs, env: options.env });
    client.settings = options.settings ?? null;
    try {
      await client.initialize(folders, options);
    } catch (error) {
      // The caller never gets the client to stop: do not leave the server running (it would keep mocha alive).
      client.connection.dispose();
      client.process.kill();
      throw error;
    }
    return client;
  }

  private async initialize(
    folders: string[],
    options: { waitForIdle?: boolean; capabilities?: Record<string, unknown>; initializationOptions?: Record<string, unknown> },
  ): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? fileUri(folders[0]) : null,
      workspaceFolders: folders.map((f, i) => ({ uri: fileUri(f), name: `folder${i}` })),
      capabilities: deepMerge(
        {
          workspace: {
            didChangeWatchedFiles: { dynamicRegistration: true },
            workspaceFolders: true,
            configuration: true,
            didChangeConfiguration: { dynamicRegistration: true },
          },
          textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } },
        },
        options.capabilities ?? {},
      ),
      initializationOptions: options.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    if (options.waitForIdle !== false) await this.idle();
  }

  idle(): Promise<{ documents: number }> {
    return this.connection.sendRequest('mqg4ai/waitForIdle');
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  diagnosticsFor(path: string): Diagnostic[] {
    return this.diagnostics.get(uriKey(fileUri(path))) ?? [];
  }

  /** Waits until the diagnostics published for `path` satisfy `predicate`. */
  waitForDiagnostics(path: string, predicate: (d: Diagnostic[]) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    const key = uriKey(fileUri(path));
    return new Promise((resolvePromise, reject) => {
      const check = () => {
        const current = this.diagnostics.get(key);
        if (current && predicate(current)) {
          this.listeners = this.listeners.filter((l) => l !== check);
          clearTimeout(timer);
          resolvePromise(current);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== check);
        reject(new Error(`Timed out waiting for diagnostics of ${path}; last: ${JSON.stringify(this.diagnostics.get(key))}`));
      }, timeoutMs);
      if (!check()) this.listeners.push(check);
    });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // the process may already be gone
    }
    this.connection.dispose();
    this.process.kill();
  }

  get pid(): number | undefined {
    return this.process.pid;
  }
}

/** `extra` merged into `base`, objects key by key (for extra client capabilities). */
function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = result[key];
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    result[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return result;
}
