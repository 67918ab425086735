import { decodeDocumentBytes } from '../base/decode';
import { isInside } from '../syntax/resolveLink';

/** Project files (`.mqg4ai.yaml`, pack files) larger than this are not read. */
export const MAX_PROJECT_FILE_BYTES = 5 * 1024 * 1024;

/** What is needed of the workspace's file system (`WorkspaceFileSystem` fits; declared here so config/ stays below workspace/). */
export interface ProjectFileSource {
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  realPath?(path: string): Promise<string>;
}

/** Why a project file was not read; the message names no content of the file. */
export class ProjectFileRefused extends Error {}

/**
 * The text of a project file the repository names (`.mqg4ai.yaml`, a pack file): only a
 * regular file whose real location (symbolic links resolved) is inside `root`, at most
 * {@link MAX_PROJECT_FILE_BYTES}. A link to a file elsewhere is refused before it is read,
 * so no problem message can quote that file's keys. `anywhere` is for a path the user gave
 * on the command line (`--config`): still a regular file, still capped.
 */
export async function readProjectFile(fs: ProjectFileSource, root: string, path: string, options: { anywhere?: boolean } = {}): Promise<string> {
  if (!options.anywhere) {
    if (!isInside(path, root)) throw new ProjectFileRefused('it is outside the workspace folder, and is not read');
    if (fs.realPath) {
      let real: string;
      let realRoot: string;
      try {
        [real, realRoot] = await Promise.all([fs.realPath(path), fs.realPath(root).catch(() => root)]);
      } catch {
        throw new ProjectFileRefused('it does not exist');
      }
      if (!isInside(real, realRoot)) throw new ProjectFileRefused('it is a symbolic link that leads outside the workspace folders, and is not read');
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path, MAX_PROJECT_FILE_BYTES);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EFBIG') throw new ProjectFileRefused(`it is larger than ${MAX_PROJECT_FILE_BYTES / 1024 / 1024} MB, and is not read`);
    if (code === 'ENOTREG') throw new ProjectFileRefused('it is not a regular file (a device, FIFO or socket), and is not read');
    if (code === 'ENOENT') throw new ProjectFileRefused('it does not exist');
    if (code === 'EOUTSIDE') throw new ProjectFileRefused((error as Error).message);
    throw new ProjectFileRefused(`it cannot be read (${code ?? 'error'})`);
  }
  return decodeDocumentBytes(bytes).text;
}
