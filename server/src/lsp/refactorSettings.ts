import { FileOperationPatternKind, type FileOperationOptions, type InitializeParams } from 'vscode-languageserver/node';

/** The `mqg4ai.links.updateOnFileMove` and `mqg4ai.rename.renameFileWithName` settings. */
export interface RefactorSettings {
  readonly updateOnFileMove: 'never' | 'prompt' | 'always';
  readonly renameFileWithName: boolean;
}

export const DEFAULT_REFACTOR_SETTINGS: RefactorSettings = { updateOnFileMove: 'always', renameFileWithName: true };

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
