import { LEAF_QG_TEMPLATE, RISK_TEMPLATE } from './templateTexts';

/** A section a template asks for: its heading and the guiding question under it. */
export interface TemplateSection {
  /** Heading text as in the template, e.g. `Related QGs`. */
  readonly heading: string;
  readonly level: number;
  /** Headings above it, outermost first, e.g. [`1. Interdependency Graph`, `Input Information`]. */
  readonly parents: readonly string[];
  /** The `> question` prompt right under the heading, without `>`. */
  readonly prompt?: string;
}

export interface DocumentTemplate {
  readonly kind: 'leaf-qg' | 'risk';
  readonly text: string;
  /** Sections in template order, the document title heading excluded. */
  readonly sections: readonly TemplateSection[];
}

const HEADING = /^[ \t]*(?:[-*+][ \t]+)?(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const PROMPT = /^[ \t]*>(?!>)[ \t]*(.*\S)/;

/** Reads a template's headings (also inside list items) and the prompt under each. */
export function readTemplate(kind: DocumentTemplate['kind'], text: string): DocumentTemplate {
  const lines = text.split(/\r?\n/);
  const sections: TemplateSection[] = [];
  const stack: Array<{ level: number; heading: string }> = [];
  let titleSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const match = HEADING.exec(lines[i]);
    if (!match) continue;
    const level = match[1].length;
    const heading = match[2].trim();
    if (!titleSeen && level <= 2) {
      titleSeen = true; // `## QG Name (View)` / `## Name`: the document's own title
      continue;
    }
    while (stack.length > 0 && stack[stack.length - 1].level >= level) stack.pop();
    let prompt: string | undefined;
    for (let j = i + 1; j < lines.length && !HEADING.test(lines[j]); j++) {
      if (lines[j].trim() === '') continue;
      prompt = PROMPT.exec(lines[j])?.[1];
      break;
    }
    if (heading !== '...' && heading !== '…') sections.push({ heading, level, parents: stack.map((s) => s.heading), prompt });
    stack.push({ level, heading });
  }
  return { kind, text, sections };
}

export const leafQgTemplate: DocumentTemplate = readTemplate('leaf-qg', LEAF_QG_TEMPLATE);
export const riskTemplate: DocumentTemplate = readTemplate('risk', RISK_TEMPLATE);

/** Normalises a heading for comparison with a template heading. */
export function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
