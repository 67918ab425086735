// The language client writes its own prefix on every line ("[Info  - 10:00:00] ..."), and a log
// output channel adds its timestamp and level too: "[info] [Info  - 10:00:00] text". This adapter
// gives the client a plain OutputChannel that passes each line to the log channel at its level,
// without the client's prefix, so a line reads "2026-... [info] text".
import type * as vscode from 'vscode';

export type LineLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const CLIENT_PREFIX = /^\[(Trace|Debug|Info|Warn|Error)\s*-\s*[^\]]*\]\s?/;
const LEVELS: Record<string, LineLevel> = { Trace: 'trace', Debug: 'debug', Info: 'info', Warn: 'warn', Error: 'error' };

/** A line the client wrote: its level and its text without the client's prefix (info when it has none). */
export function parseClientLine(line: string): { level: LineLevel; text: string } {
  const match = CLIENT_PREFIX.exec(line);
  return match ? { level: LEVELS[match[1]], text: line.slice(match[0].length) } : { level: 'info', text: line };
}

/** An OutputChannel over `log` for the language client: lines land at their own level, prefix dropped. */
export function clientOutputChannel(log: vscode.LogOutputChannel): vscode.OutputChannel {
  let pending = '';
  const write = (line: string) => {
    const { level, text } = parseClientLine(line);
    log[level](text);
  };
  return {
    name: log.name,
    append(value: string) {
      const lines = (pending + value).split(/\r?\n/);
      pending = lines.pop() ?? '';
      lines.forEach(write);
    },
    appendLine(value: string) {
      // The client appends data (JSON, stacks) as further lines: each goes at the level of its own prefix, else info.
      const lines = (pending + value).split(/\r?\n/);
      pending = '';
      const first = parseClientLine(lines[0]);
      log[first.level]([first.text, ...lines.slice(1)].join('\n'));
    },
    replace(value: string) {
      log.replace(value);
    },
    clear() {
      log.clear();
    },
    show(columnOrPreserve?: vscode.ViewColumn | boolean, preserveFocus?: boolean) {
      if (typeof columnOrPreserve === 'boolean') log.show(columnOrPreserve);
      else log.show(columnOrPreserve, preserveFocus);
    },
    hide() {
      log.hide();
    },
    // The extension owns the log channel and disposes it; the client must not.
    dispose() {},
  };
}
