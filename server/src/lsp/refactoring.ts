import {
  ErrorCodes,
  FileOperationPatternKind,
  ResponseError,
  type Connection,
  type FileOperationOptions,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { RenameRefused } from '../features/refactor/headingRename';
import { OperationCancelled } from '../base/cancellation';
import type { Logger } from '../base/logger';
import type { LanguageService } from '../engine/languageService';
import { editCapabilitiesOf, type EditCapabilities } from '../features/refactor/workspaceEdits';

/** The `mqg4ai.links.updateOnFileMove` and `mqg4ai.rename.renameFileWithName` settings. */
export interface RefactorSettings {
  readonly updateOnFileMove: 'never' | 'prompt' | 'always';
  readonly renameFileWithName: boolean;
}

export const DEFAULT_REFACTOR_SETTINGS: RefactorSettings = { updateOnFileMove: 'prompt', renameFileWithName: true };

/** What the refactoring handlers need from the server. */
export interface RefactoringHost {
  /** Resolves once the index is built. */
  ready(): Promise<void>;
  service(): LanguageService;
  /** The `mqg4ai` settings section for a folder, or undefined when the client cannot be asked. */
  settings(scopePath: string | undefined): Promise<Record<string, unknown> | undefined>;
  readonly logger: Logger;
}

/** Every file and folder: links can lead to anything (images, folders, Markdown). */
const ALL_FILES_AND_FOLDERS: FileOperationOptions = {
  willRename: {
    filters: [
      { scheme: 'file', pattern: { glob: '**/*', matches: FileOperationPatternKind.file } },
      { scheme: 'file', pattern: { glob: '**/*', matches: FileOperationPatternKind.folder } },
    ],
  },
};

/** The server capabilities the refactoring features add, given the client's capabilities. */
export function refactoringCapabilities(params: InitializeParams) {
  const prepareSupport = params.capabilities.textDocument?.rename?.prepareSupport === true;
  return {
    renameProvider: prepareSupport ? { prepareProvider: true } : true,
    fileOperations: ALL_FILES_AND_FOLDERS,
  };
}

/** Reads the refactoring settings out of the `mqg4ai` section (nested or dotted keys). */
export function readRefactorSettings(section: Record<string, unknown> | undefined): RefactorSettings {
  const pick = (group: string, key: string): unknown => {
    const nested = section?.[group];
    if (nested && typeof nested === 'object' && key in nested) return (nested as Record<string, unknown>)[key];
    return section?.[`${group}.${key}`];
  };
  const move = pick('links', 'updateOnFileMove');
  const withName = pick('rename', 'renameFileWithName');
  return {
    updateOnFileMove: move === 'never' || move === 'always' || move === 'prompt' ? move : DEFAULT_REFACTOR_SETTINGS.updateOnFileMove,
    renameFileWithName: typeof withName === 'boolean' ? withName : DEFAULT_REFACTOR_SETTINGS.renameFileWithName,
  };
}

/**
 * Wires rename, prepare-rename and `workspace/willRenameFiles`. Every answer
 * is a WorkspaceEdit for the client to apply; nothing is written here.
 * `mqg4ai.links.updateOnFileMove: never` is honoured here too (for clients
 * other than the extension, which asks the user for `prompt` itself).
 */
export function registerRefactoring(connection: Connection, host: RefactoringHost, params: () => InitializeParams | undefined): { editCapabilities: () => EditCapabilities } {
  const editCapabilities = () => editCapabilitiesOf(params()?.capabilities ?? {});
  const pathOf = (uri: string) => URI.parse(uri).path;

  const run = async <T>(name: string, fallback: T, handler: () => Promise<T> | T): Promise<T | ResponseError<never>> => {
    await host.ready();
    try {
      return await handler();
    } catch (error) {
      if (error instanceof RenameRefused) return new ResponseError<never>(ErrorCodes.InvalidRequest, error.message);
      if (!(error instanceof OperationCancelled)) host.logger.log('error', `${name} failed: ${(error as Error).stack ?? error}`);
      return fallback;
    }
  };

  connection.onPrepareRename((p, token) =>
    run('prepareRename', null, () => host.service().rename.prepareRename(pathOf(p.textDocument.uri), p.position, token)),
  );

  connection.onRenameRequest((p, token) =>
    run('rename', null, async () => {
      const path = pathOf(p.textDocument.uri);
      const settings = readRefactorSettings(await host.settings(path));
      return host.service().rename.rename(path, p.position, p.newName, { capabilities: editCapabilities(), renameFileWithName: settings.renameFileWithName }, token);
    }),
  );

  connection.workspace.onWillRenameFiles((p, token) =>
    run('willRenameFiles', null, async () => {
      const first = p.files[0] ? pathOf(p.files[0].oldUri) : undefined;
      const settings = readRefactorSettings(await host.settings(first));
      if (settings.updateOnFileMove === 'never') return null;
      const started = Date.now();
      const edit = host.service().fileMoves.provideMoveEdits(p.files, editCapabilities(), token);
      const count = edit?.documentChanges?.length ?? Object.keys(edit?.changes ?? {}).length;
      host.logger.log('info', `Link updates for ${p.files.length} moved item(s): ${count} document(s) in ${Date.now() - started} ms.`);
      return edit;
    }),
  );

  return { editCapabilities };
}
