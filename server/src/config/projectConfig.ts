import Ajv, { type ErrorObject } from 'ajv';
import { isMap, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from '../domain/codes';
import { LineIndex } from '../base/lineIndex';
import type { Range } from '../base/range';
import { buildConfigSchema } from './configSchema';
import type { LimitsConfig } from './limits';
import { firstDuplicateKey } from './yamlKeys';
import { lazy } from '../base/memo';

export type SeverityOrOff = Severity | 'off';

/** The effective configuration: defaults, overlaid by settings, overlaid by the project file. */
export interface ProjectConfig {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly rules: Readonly<Partial<Record<DiagnosticCode, SeverityOrOff>>>;
  readonly requiredSections: { readonly leafQg?: readonly string[]; readonly risk?: readonly string[] };
  readonly externalLinks: 'ignore' | 'syntax';
  readonly traceRoots: readonly string[];
  readonly report: { readonly format: 'md' | 'html' | 'json'; readonly output?: string; readonly minAltai?: number };
  readonly packs: readonly string[];
  readonly questionPacks: readonly string[];
  readonly glossary: ReadonlyArray<{ readonly term: string; readonly definition: string; readonly aliases?: readonly string[] }>;
  /** Resource limits (see `limits.ts`); unset keys take the built-in defaults. */
  readonly limits: LimitsConfig;
  /** Assessments declared or corrected by hand (see `workspace/assessments.ts`). */
  readonly assessments: AssessmentsConfig;
}

export type AssessmentKind = 'design-knowledge' | 'application';

/** One assessment folder as written under `assessments.folders`. */
export interface AssessmentDeclaration {
  /** Relative to the workspace folder. */
  readonly folder: string;
  readonly id?: string;
  readonly label?: string;
  readonly kind?: AssessmentKind;
  /** ID or folder of the assessment this one is a copy or later version of; null: none. */
  readonly basedOn?: string | null;
  /** IDs or folders (or `design-knowledge`) this assessment may link into, added to the global list. */
  readonly allowLinksInto?: readonly string[];
  /** Not an assessment, even if it looks like one. */
  readonly ignore?: boolean;
}

export interface AssessmentsConfig {
  /** Detect assessments from the MQG4AI layout (default true); false: only the declared ones. */
  readonly detect?: boolean;
  /** IDs or folders of assessments any application may link into; `design-knowledge` names every such assessment. Default: ["design-knowledge"]. */
  readonly allowLinksInto?: readonly string[];
  readonly folders?: readonly AssessmentDeclaration[];
}

/** One layer of configuration as written by a user: any subset of the keys. */
export type ConfigLayer = { -readonly [K in keyof ProjectConfig]?: ProjectConfig[K] };

export const DEFAULT_CONFIG: ProjectConfig = {
  include: ['**/*.md', '**/*.markdown'],
  exclude: [],
  rules: {},
  requiredSections: {},
  externalLinks: 'ignore',
  traceRoots: [],
  report: { format: 'md' },
  packs: ['altai'],
  questionPacks: [],
  glossary: [],
  limits: {},
  assessments: {},
};

/** The file names looked for at a workspace folder's root, first found wins. */
export const CONFIG_FILE_NAMES = ['.mqg4ai.yaml', '.mqg4ai.yml', '.mqg4ai.json'] as const;

/** A problem in a configuration file, located at the offending key. */
export interface ConfigProblem {
  readonly message: string;
  readonly range: Range;
}

const configValidator = lazy(() => new Ajv({ allErrors: true, strict: false }).compile(buildConfigSchema()));
/** Problems of one configuration file located and listed one by one; the rest are counted. */
const MAX_CONFIG_PROBLEMS = 50;

/**
 * Parses and validates a configuration file's text (YAML, or JSON which is
 * YAML). Invalid parts are reported with their position and left out, so the
 * rest still applies; an unreadable file yields an empty layer.
 */
export function parseConfigText(text: string): { layer: ConfigLayer; problems: ConfigProblem[] } {
  const lines = new LineIndex(text);
  // Keys are checked for uniqueness below, in linear time (`yaml`'s own check is quadratic).
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const problems: ConfigProblem[] = [];
  if (doc.errors.length > 0) {
    const [error] = doc.errors;
    problems.push({
      message: `Not valid YAML/JSON: ${error.message.split('\n')[0]}`,
      range: lines.rangeOf(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
    });
    return { layer: {}, problems };
  }
  const duplicate = firstDuplicateKey(doc)?.range;
  if (duplicate) {
    problems.push({ message: 'Not valid YAML/JSON: Map keys must be unique', range: lines.rangeOf(duplicate[0], Math.max(duplicate[1], duplicate[0] + 1)) });
    return { layer: {}, problems };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (error) {
    // An alias bomb ("billion laughs") or similar: report it like broken YAML instead of failing the whole load.
    problems.push({ message: `Not a usable configuration: ${(error as Error).message}.`, range: lines.rangeOf(0, Math.min(text.length, 1)) });
    return { layer: {}, problems };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({
      message: 'The configuration must be a mapping of keys (include, exclude, rules, ...).',
      range: lines.rangeOf(0, Math.min(text.length, 1)),
    });
    return { layer: {}, problems };
  }

  const validator = configValidator();
  const layer: Record<string, unknown> = { ...value };
  if (!validator(value)) {
    const errors = validator.errors ?? [];
    for (const [i, error] of errors.entries()) {
      const path = schemaErrorPath(error);
      // Locating a problem searches the file: past the first few, only drop the key (a file with
      // thousands of bad keys would otherwise take seconds) and say how many more there are.
      if (i >= MAX_CONFIG_PROBLEMS) {
        if (path.length > 0) delete layer[String(path[0])];
        if (i === errors.length - 1)
          problems.push({ message: `${errors.length - MAX_CONFIG_PROBLEMS} more problem(s) in this file are not listed.`, range: lines.rangeOf(0, 0) });
        continue;
      }
      const node = doc.getIn(path, true) as YamlNode | undefined;
      const keyNode = keyNodeOf(doc.contents as YamlNode, path);
      const at = keyNode?.range ?? node?.range;
      problems.push({ message: describe(error), range: at ? lines.rangeOf(at[0], at[1]) : lines.rangeOf(0, 0) });
      // Drop the invalid top-level key: the rest of the file still applies.
      if (path.length > 0) delete layer[String(path[0])];
    }
  }
  return { layer: layer as ConfigLayer, problems };
}

/** Overlays layers left to right: later layers win; `rules` merge per code. */
export function mergeConfig(...layers: ConfigLayer[]): ProjectConfig {
  let result: ProjectConfig = DEFAULT_CONFIG;
  for (const layer of layers) {
    result = {
      ...result,
      ...Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== undefined && v !== null)),
      rules: { ...result.rules, ...(layer.rules ?? {}) },
      report: { ...result.report, ...(layer.report ?? {}) },
      requiredSections: { ...result.requiredSections, ...(layer.requiredSections ?? {}) },
      limits: { ...result.limits, ...(layer.limits ?? {}) },
      assessments: { ...result.assessments, ...(layer.assessments ?? {}) },
    } as ProjectConfig;
  }
  return result;
}

/** The severity a diagnostic gets under `config`, or `off`. */
export function effectiveSeverity(config: ProjectConfig, code: DiagnosticCode): SeverityOrOff {
  return config.rules[code] ?? DIAGNOSTIC_CODES[code].severity;
}

/** The YAML path a schema error points at (JSON pointer segments; the extra key of `additionalProperties`). */
export function schemaErrorPath(error: ErrorObject): Array<string | number> {
  const parts = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') parts.push(String((error.params as { additionalProperty: string }).additionalProperty));
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The key node of a map entry at `path` (so the range covers the key, not its value). */
function keyNodeOf(root: YamlNode | null | undefined, path: Array<string | number>): YamlNode | undefined {
  let node: YamlNode | null | undefined = root;
  let key: YamlNode | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === part);
      key = pair?.key as YamlNode | undefined;
      node = pair?.value as YamlNode | null | undefined;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part] as YamlNode | undefined;
      key = node ?? undefined;
    } else return key;
  }
  return key;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'configuration';
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      return where.startsWith('rules') || where === 'rules' ? `Unknown rule code "${key}".` : `Unknown key "${key}" in ${where}.`;
    }
    case 'enum':
      return `${where} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'type':
      return `${where} must be ${(error.params as { type: string }).type === 'array' ? 'a list' : `of type ${(error.params as { type: string }).type}`}.`;
    default:
      return `${where} ${error.message ?? 'is invalid'}.`;
  }
}
