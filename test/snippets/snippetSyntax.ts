/**
 * A small reader for the part of VS Code's snippet syntax our snippets use:
 * tab stops `$1` / `${1}`, placeholders `${1:default}` (nested allowed), the
 * final stop `$0`, and the escapes `\$`, `\}`, `\\`. Like VS Code, an
 * unescaped `}` outside a placeholder is plain text. Stricter than VS Code:
 * a `$` that does not start a tab stop (a variable, a choice or a stray `$`)
 * is an error, so literal dollars must be escaped.
 */

export type SnippetNode =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'tabstop'; readonly index: number; readonly children?: readonly SnippetNode[] };

export interface ParsedSnippet {
  readonly nodes: readonly SnippetNode[];
  readonly errors: readonly string[];
}

export function parseSnippet(source: string): ParsedSnippet {
  const errors: string[] = [];
  let pos = 0;
  const where = (at: number) => {
    const before = source.slice(0, at);
    const line = before.split('\n').length;
    return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
  };

  const sequence = (openedAt: number | undefined): SnippetNode[] => {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (pos < source.length) {
      const ch = source[pos];
      if (ch === '\\') {
        const next = source[pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          pos += 2;
        } else {
          text += ch; // VS Code keeps a backslash before anything else
          pos++;
        }
        continue;
      }
      if (ch === '}' && openedAt !== undefined) {
        pos++;
        flush();
        return nodes;
      }
      if (ch === '$') {
        const start = pos;
        const simple = /^\$(\d+)/.exec(source.slice(pos));
        if (simple) {
          flush();
          nodes.push({ kind: 'tabstop', index: Number(simple[1]) });
          pos += simple[0].length;
          continue;
        }
        const complex = /^\$\{(\d+)([:}])/.exec(source.slice(pos));
        if (complex) {
          flush();
          pos += complex[0].length;
          const index = Number(complex[1]);
          if (complex[2] === '}') nodes.push({ kind: 'tabstop', index });
          else nodes.push({ kind: 'tabstop', index, children: sequence(start) });
          continue;
        }
        errors.push(`${where(start)}: unescaped "$" not followed by a tab stop (${JSON.stringify(source.slice(start, start + 12))})`);
        text += ch;
        pos++;
        continue;
      }
      text += ch;
      pos++;
    }
    if (openedAt !== undefined) errors.push(`${where(openedAt)}: "\${" is never closed by "}"`);
    flush();
    return nodes;
  };

  const nodes = sequence(undefined);
  // One index, one default: VS Code would show the first default in every mirror.
  const defaults = new Map<number, string>();
  let finals = 0;
  const visit = (list: readonly SnippetNode[]) => {
    for (const node of list) {
      if (node.kind !== 'tabstop') continue;
      if (node.index === 0) {
        finals++;
        if (node.children?.length) errors.push('$0 must not carry a default');
      }
      const text = node.children ? render(node.children, new Map()) : '';
      const known = defaults.get(node.index);
      if (text && known && known !== text) errors.push(`tab stop ${node.index} has two defaults: ${JSON.stringify(known)} and ${JSON.stringify(text)}`);
      if (text && !known) defaults.set(node.index, text);
      if (node.children) visit(node.children);
    }
  };
  visit(nodes);
  if (finals > 1) errors.push(`$0 occurs ${finals} times`);
  return { nodes, errors };
}

function render(nodes: readonly SnippetNode[], defaults: ReadonlyMap<number, readonly SnippetNode[]>): string {
  return nodes
    .map((node) => {
      if (node.kind === 'text') return node.value;
      const children = defaults.get(node.index) ?? node.children;
      return children ? render(children, defaults) : '';
    })
    .join('');
}

/**
 * The text VS Code inserts when the user tabs through without typing: every
 * placeholder shows its default (mirrors share the first default), bare tab
 * stops are empty. Throws on invalid syntax.
 */
export function expandSnippet(body: readonly string[]): string {
  const { nodes, errors } = parseSnippet(body.join('\n'));
  if (errors.length > 0) throw new Error(errors.join('\n'));
  const defaults = new Map<number, readonly SnippetNode[]>();
  const collect = (list: readonly SnippetNode[]) => {
    for (const node of list) {
      if (node.kind !== 'tabstop') continue;
      if (node.children?.length && !defaults.has(node.index)) defaults.set(node.index, node.children);
      if (node.children) collect(node.children);
    }
  };
  collect(nodes);
  return render(nodes, defaults);
}

/** The tab-stop indices a snippet uses, sorted. */
export function tabStops(body: readonly string[]): number[] {
  const found = new Set<number>();
  const walk = (list: readonly SnippetNode[]) => {
    for (const node of list) {
      if (node.kind !== 'tabstop') continue;
      found.add(node.index);
      if (node.children) walk(node.children);
    }
  };
  walk(parseSnippet(body.join('\n')).nodes);
  return [...found].sort((a, b) => a - b);
}
