import { plainLines } from './escape';

/** Severity of a log line, lowest first. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/**
 * Where the core writes what it does. The server routes it to the client's
 * output channel, the CLI to stderr (only when asked), tests to nowhere.
 */
export interface Logger {
  log(level: LogLevel, message: string): void;
}

export const silentLogger: Logger = { log() {} };

const order: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

/**
 * Drops lines below `minimum` before passing them to `sink`. Messages quote file names and
 * errors from the repository, and the CLI's sink is a terminal or a CI log: every line is
 * passed through `plainLine` (no escape sequence, no `::` workflow command).
 */
export function filteredLogger(minimum: LogLevel, sink: (level: LogLevel, message: string) => void): Logger {
  return {
    log(level, message) {
      if (order[level] >= order[minimum]) sink(level, plainLines(message));
    },
  };
}
