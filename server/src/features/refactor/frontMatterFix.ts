import { parseDocument } from 'yaml';
import type { FrontMatter } from '../../domain/document/types';
import type { TextEdit } from './workspaceChange';

/**
 * Repairs the common mistakes in a front-matter block that does not parse:
 * a missing space after a key's colon (`{Name:X}`, `Intent:Y`) and unbalanced
 * braces or brackets (`{Intent: Y]`, a missing final `]`). Returns per-line
 * edits, or undefined when no combination of these repairs makes it parse.
 */
export function fixFrontMatter(lines: readonly string[], frontMatter: FrontMatter): { edits: TextEdit[]; description: string } | undefined {
  const first = frontMatter.range.start.line + 1;
  let last = frontMatter.range.end.line;
  if (frontMatter.range.end.character === 0 || /^\s*---\s*$/.test(lines[last] ?? '')) last--;
  if (last < first) return undefined;
  const yaml = lines.slice(first, last + 1);
  if (parses(yaml.join('\n'))) return undefined;

  const attempts: Array<{ fixed: string[]; description: string }> = [];
  const colons = yaml.map(fixColons);
  const changedColons = colons.some((l, i) => l !== yaml[i]);
  const braces = balance(yaml);
  const changedBraces = braces.some((l, i) => l !== yaml[i]);
  if (changedColons && changedBraces) attempts.push({ fixed: balance(colons), description: 'add the missing spaces after colons and balance the braces' });
  if (changedBraces) attempts.push({ fixed: braces, description: 'balance the braces and brackets' });
  if (changedColons) attempts.push({ fixed: colons, description: 'add the missing spaces after colons' });
  if (changedBraces && !changedColons) {
    const both = balance(yaml).map(fixColons);
    if (both.some((l, i) => l !== braces[i])) attempts.push({ fixed: both, description: 'balance the braces and add the missing spaces after colons' });
  }

  for (const attempt of attempts) {
    if (!parses(attempt.fixed.join('\n'))) continue;
    const edits: TextEdit[] = [];
    attempt.fixed.forEach((line, i) => {
      if (line === yaml[i]) return;
      const lineNumber = first + i;
      edits.push({ range: { start: { line: lineNumber, character: 0 }, end: { line: lineNumber, character: yaml[i].length } }, newText: line });
    });
    return { edits, description: attempt.description };
  }
  return undefined;
}

function parses(yaml: string): boolean {
  return parseDocument(yaml, { prettyErrors: false, uniqueKeys: false }).errors.length === 0;
}

/** `{Name:X}` -> `{Name: X}`, `Intent:Y` -> `Intent: Y`: a key's colon glued to its value (never `http://`). */
export function fixColons(line: string): string {
  return line.replace(/(^\s*(?:-\s+)?|[{,]\s*)([A-Za-z][\w -]*?):(?=[^\s/:])/g, '$1$2: ');
}

/**
 * Balances `{}` and `[]` outside quotes and comments: a closer that does not
 * match closes the brackets opened inside it first (`{Intent: Y]` ->
 * `{Intent: Y}]`), a stray closer goes, and what is still open is closed at
 * the end of the last non-empty line.
 */
export function balance(lines: readonly string[]): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  let lastContent = -1;
  for (const line of lines) {
    let result = '';
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quote) {
        result += ch;
        if (ch === quote && !(quote === '"' && line[i - 1] === '\\')) quote = undefined;
        continue;
      }
      if ((ch === '"' || ch === "'") && (i === 0 || /[\s{[,:]/.test(line[i - 1]))) {
        quote = ch;
        result += ch;
        continue;
      }
      if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
        result += line.slice(i);
        break;
      }
      if (ch === '{' || ch === '[') {
        // `{Name: X, {Intent: Y}`: a map opened inside a map means the first one lacks its `}`.
        const comma = ch === '{' && stack[stack.length - 1] === '{' ? /,\s*$/.exec(result) : null;
        if (comma) {
          result = `${result.slice(0, comma.index)}}${result.slice(comma.index)}`;
          stack.pop();
        }
        stack.push(ch);
        result += ch;
      } else if (ch === '}' || ch === ']') {
        const opener = ch === '}' ? '{' : '[';
        const at = stack.lastIndexOf(opener);
        if (at < 0) continue; // stray closer
        while (stack.length - 1 > at) result += stack.pop() === '{' ? '}' : ']';
        stack.pop();
        result += ch;
      } else {
        result += ch;
      }
    }
    out.push(result);
    if (result.trim() !== '') lastContent = out.length - 1;
  }
  if (stack.length > 0 && lastContent >= 0) {
    const closers = stack
      .reverse()
      .map((c) => (c === '{' ? '}' : ']'))
      .join('');
    const line = out[lastContent];
    const comment = / #.*$/.exec(line);
    out[lastContent] = comment ? `${line.slice(0, comment.index).trimEnd()}${closers}${line.slice(comment.index)}` : `${line.trimEnd()}${closers}`;
  }
  return out;
}
