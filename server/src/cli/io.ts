import { parseArgs, type ParseArgsConfig } from 'node:util';
import { NodeFileSystem } from '../base/fileSystem';
import { filteredLogger, type Logger } from '../base/logger';
import { createParser } from '../workspace/parsing/createParser';
import { createEngine, type Engine } from '../engine/engine';
import { neverCancelled } from '../base/cancellation';

/** Where a command writes, and the folder relative paths start from. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
}

/** A command-line mistake: printed with the usage, exit status 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with its errors turned into `UsageError`s that name the option. */
export function parseCommandLine<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = (error as Error).message;
    const option = /'(-[^']*)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option "${option ?? message}"`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`${option?.split(' ')[0] ?? 'an option'} needs a value`);
    throw new UsageError(message);
  }
}

/** The logger of a command: errors only, everything with --verbose, to stderr. */
export function cliLogger(io: CliIo, verbose: boolean): Logger {
  return filteredLogger(verbose ? 'debug' : 'error', (level, message) => io.stderr.write(`[${level}] ${message}\n`));
}

/**
 * The engine of one command-line run over the workspace folder `root`: configured from the
 * project file (or `configFile`), every document indexed. Parse workers run when the machine
 * has cores to spare; `dispose` stops them.
 */
export async function indexedWorkspace(root: string, options: { configFile?: string; logger: Logger }): Promise<Engine> {
  const engine = createEngine({
    fs: new NodeFileSystem(),
    roots: [root],
    configFile: options.configFile,
    logger: options.logger,
    parser: createParser(__dirname, 'throughput'),
  });
  try {
    await engine.configure();
    await engine.indexWorkspace(neverCancelled);
    return engine;
  } catch (error) {
    await engine.dispose();
    throw error;
  }
}
