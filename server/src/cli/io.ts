import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { NodeFileSystem } from '../base/fileSystem';
import { filteredLogger, type Logger } from '../base/logger';
import { createParser } from '../workspace/parsing/createParser';
import { createEngine, type Engine } from '../engine/engine';
import type { Assessment } from '../workspace/assessments';
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

/** What a command's engine is built from besides its folder. */
export interface WorkspaceOptions {
  readonly configFile?: string;
  readonly logger: Logger;
  /** `--cache DIR`: parse results are taken from and written to this folder (docs/performance.md). */
  readonly cacheDir?: string;
}

/**
 * The engine of one command-line run over the workspace folder `root`: configured from the
 * project file (or `configFile`), every document indexed (through the parse cache in
 * `cacheDir`, written back afterwards). Parse workers run when the machine has cores to
 * spare; `dispose` stops them.
 */
export async function indexedWorkspace(root: string, options: WorkspaceOptions): Promise<Engine> {
  const engine = createEngine({
    fs: new NodeFileSystem(),
    roots: [root],
    configFile: options.configFile,
    logger: options.logger,
    parser: createParser(__dirname, 'throughput'),
    cacheDir: options.cacheDir,
  });
  try {
    await engine.configure();
    if (options.cacheDir) await engine.loadCache();
    await engine.indexWorkspace(neverCancelled);
    // Models only: the results of a run depend on its options, and are computed anew each time.
    if (options.cacheDir) await engine.saveCache();
    return engine;
  } catch (error) {
    await engine.dispose();
    throw error;
  }
}

/** How a command reports: usage mistakes with the usage text, failures without; both exit 2. */
export class CommandOutput {
  constructor(
    private readonly io: CliIo,
    /** `mqg4ai coverage` (or `mqg4ai` for check, as before). */
    private readonly prefix: string,
    private readonly usage: string,
  ) {}

  usageError(message: string): number {
    this.io.stderr.write(`${this.prefix}: ${message}\n\n${this.usage}\n`);
    return 2;
  }

  fail(message: string): number {
    this.io.stderr.write(`${this.prefix}: ${message}\n`);
    return 2;
  }

  help(): number {
    this.io.stdout.write(`${this.usage}\n`);
    return 0;
  }
}

/** A command's arguments, or the exit code to return at once (a usage error, or `--help` shown). */
export function parseOrExit<O extends Options>(args: readonly string[], options: O, out: CommandOutput): ReturnType<typeof parseCommandLine<O>> | number {
  let parsed: ReturnType<typeof parseCommandLine<O>>;
  try {
    parsed = parseCommandLine(args, options);
  } catch (error) {
    return out.usageError((error as Error).message);
  }
  return (parsed.values as { help?: boolean }).help ? out.help() : parsed;
}

/** Runs `work` on the indexed engine of `root` and stops the engine's workers afterwards. */
export async function withIndexedWorkspace<T>(root: string, options: WorkspaceOptions, work: (engine: Engine) => T | Promise<T>): Promise<T> {
  const engine = await indexedWorkspace(root, options);
  try {
    return await work(engine);
  } finally {
    await engine.dispose();
  }
}

/** The assessment `name` (ID or folder) names; undefined for none; a UsageError naming the known ones when unknown. */
export function assessmentNamed(engine: Engine, name: string | undefined): Assessment | undefined {
  if (!name) return undefined;
  const found = engine.findAssessment(name);
  if (!found)
    throw new UsageError(
      `no assessment "${name}" (known: ${
        engine
          .assessments()
          .map((a) => a.id)
          .join(', ') || 'none'
      })`,
    );
  return found;
}

/** The one folder a command takes (default: the current one), or the exit code of a usage error. */
export function folderArgument(positionals: readonly string[], io: CliIo, out: CommandOutput): string | number {
  if (positionals.length > 1) return out.usageError('give at most one folder');
  const folder = resolve(io.cwd, positionals[0] ?? '.');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return out.usageError(`not a folder: ${folder}`);
  return folder;
}

/** The workspace folder of `path` (an OS path): the nearest folder holding `.mqg4ai/`, a project file or `.git`. */
export function workspaceFolderOf(path: string): string {
  const start = existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
  for (let folder = start; ; folder = dirname(folder)) {
    if (['.mqg4ai', '.mqg4ai.yaml', '.mqg4ai.json', '.git'].some((name) => existsSync(resolve(folder, name)))) return folder;
    if (dirname(folder) === folder) return start;
  }
}
