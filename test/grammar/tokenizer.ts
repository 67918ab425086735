/**
 * Tokenizes Markdown with a TextMate registry (vscode-textmate + vscode-oniguruma), the way VS Code
 * does: the MQG4AI injection grammar is handed out through `getInjections` for `text.html.markdown`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';

export const REPO_ROOT = resolve(__dirname, '../..');
export const INJECTION_SCOPE = 'markdown.mqg4ai.injection';
export const INJECTION_PATH = join(REPO_ROOT, 'syntaxes', 'mqg4ai.injection.tmLanguage.json');
export const FIXTURE_DIR = join(__dirname, 'fixtures');

/** VS Code's own grammars, present when `npm run test:e2e` has installed code-server. */
export const VSCODE_EXTENSIONS =
  process.env.MQG4AI_VSCODE_EXTENSIONS ??
  join(
    process.env.MQG4AI_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'mqg4ai-e2e'),
    'code-server',
    'node_modules',
    'code-server',
    'lib',
    'vscode',
    'extensions',
  );

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

export interface TokenizedLine {
  readonly text: string;
  readonly tokens: readonly Token[];
}

/** Tokenizes a whole document line by line, carrying the rule stack. */
export type Tokenize = (document: string) => TokenizedLine[];

let onigLib:
  | Promise<{
      createOnigScanner: (sources: string[]) => oniguruma.OnigScanner;
      createOnigString: (str: string) => oniguruma.OnigString;
    }>
  | undefined;

/** Loads vscode-oniguruma's WebAssembly once per process. */
export function loadOniguruma() {
  onigLib ??= (async () => {
    const wasm = readFileSync(join(REPO_ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM({ data: wasm });
    return {
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (str: string) => new oniguruma.OnigString(str),
    };
  })();
  return onigLib;
}

/**
 * A tokenizer for `text.html.markdown` with the MQG4AI injection.
 * @param grammarFiles scope name -> grammar file (JSON), e.g. the base Markdown and YAML grammars.
 * @param inject false to tokenize without the injection (for comparisons).
 */
export async function createTokenizer(grammarFiles: Record<string, string>, inject = true): Promise<Tokenize> {
  const files: Record<string, string> = { ...grammarFiles, [INJECTION_SCOPE]: INJECTION_PATH };
  const registry = new Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => {
      const file = files[scopeName];
      if (!file || !existsSync(file)) return null;
      return parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
    getInjections: (scopeName) => (inject && scopeName === 'text.html.markdown' ? [INJECTION_SCOPE] : undefined),
  });
  const grammar: IGrammar | null = await registry.loadGrammar('text.html.markdown');
  if (!grammar) throw new Error('text.html.markdown did not load');
  return (document) => {
    let stack: StateStack = INITIAL;
    return document.split('\n').map((text) => {
      const result = grammar.tokenizeLine(text, stack);
      stack = result.ruleStack;
      const tokens = result.tokens
        .map((t) => ({ text: text.slice(t.startIndex, t.endIndex), start: t.startIndex, end: Math.min(t.endIndex, text.length), scopes: t.scopes }))
        .filter((t) => t.end > t.start);
      return { text, tokens };
    });
  };
}

/** Renders tokens for assertion messages. */
export function describeTokens(tokens: readonly Token[]): string {
  return tokens.map((t) => `  ${JSON.stringify(t.text)}: ${t.scopes.join(' ')}`).join('\n');
}
