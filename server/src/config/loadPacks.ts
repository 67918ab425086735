import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { posix } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import packSchema from '../../../schemas/mqg4ai-pack.schema.json';
import { schemaErrorPath, type ProjectConfig } from './projectConfig';
import { LineIndex } from '../base/lineIndex';
import type { Range } from '../base/range';
import { MAX_PROJECT_FILE_BYTES, readProjectFile } from './projectFiles';
import { firstDuplicateKey } from './yamlKeys';
import { safeHttpsUrl } from '../base/escape';
import type { WorkspaceFileSystem } from '../base/fileSystem';
import { builtInCrosswalk, builtInPacks, itemKey, packItems, PackRegistry } from '../domain/packs/registry';
import type { CrosswalkEntry, Pack, PackData } from '../domain/packs/types';
import { lazy } from '../base/memo';

/** A problem with a pack file or with the packs named in the configuration, reported as `config.invalid`. */
export interface PackProblem {
  /** The file it is in: a pack file or the configuration file. */
  readonly path: string;
  readonly message: string;
  readonly range: Range;
}

export interface LoadedPacks {
  readonly registry: PackRegistry;
  readonly problems: readonly PackProblem[];
  /** Absolute paths of the pack files the configuration names (existing or not): a change to one reloads. */
  readonly files: readonly string[];
}

/** Problems reported one by one per pack file; the rest are counted. */
const MAX_PACK_PROBLEMS = 50;

const packValidator = lazy((): ValidateFunction => new Ajv({ allErrors: true, strict: false, verbose: true }).compile(packSchema));

/** Validates pack data against schemas/mqg4ai-pack.schema.json. */
export function validatePackData(value: unknown): ErrorObject[] {
  const validator = packValidator();
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/**
 * The packs of a workspace folder under `config`: the built-in ones, plus the pack
 * files `questionPacks` names (paths relative to `root`, JSON or YAML, each checked
 * against the pack schema). Enabled are the packs `packs` lists and every pack file
 * that loaded. Never throws: unreadable or invalid files and unknown pack IDs become
 * problems, located in the pack file or in `configFile`, and the rest still applies.
 */
export async function loadWorkspacePacks(fs: WorkspaceFileSystem, root: string | undefined, config: ProjectConfig, configFile?: string): Promise<LoadedPacks> {
  const problems: PackProblem[] = [];
  const configText = configFile ? await readProjectFile(fs, root ?? '/', configFile, { anywhere: true }).catch(() => undefined) : undefined;
  const configDoc = configText !== undefined ? parseDocument(configText, { prettyErrors: false, uniqueKeys: false }) : undefined;
  const configLines = configText !== undefined ? new LineIndex(configText) : undefined;
  /** Where a value of the `packs` / `questionPacks` list is written in the configuration file. */
  const configRange = (key: 'packs' | 'questionPacks', value: string): Range => {
    const list = configDoc?.get(key, true);
    const node = isSeq(list) ? (list.items.find((i) => isScalar(i) && i.value === value) as YamlNode | undefined) : undefined;
    const at = node?.range ?? (isSeq(list) ? list.range : undefined);
    return at && configLines ? configLines.rangeOf(at[0], at[1]) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  };
  const configProblem = (key: 'packs' | 'questionPacks', value: string, message: string) => {
    if (configFile) problems.push({ path: configFile, message, range: configRange(key, value) });
  };

  const available: Pack[] = [...builtInPacks()];
  const ids = new Map<string, Pack>();
  for (const pack of available) {
    for (const entry of packItems(pack)) {
      ids.set(itemKey(entry.item.id), pack);
      // A built-in item's former IDs stay its own: citations of them still count for it.
      for (const alias of entry.item.aliases ?? []) ids.set(itemKey(alias), pack);
    }
  }
  const crosswalk: CrosswalkEntry[] = [...builtInCrosswalk().entries];
  const files: string[] = [];
  const ownIds: string[] = [];

  for (const relative of root ? config.questionPacks : []) {
    const path = posix.normalize(posix.isAbsolute(relative) ? relative : posix.join(root!, relative));
    if (path !== root && !path.startsWith(`${root}/`)) {
      configProblem('questionPacks', relative, `The pack file "${relative}" is outside the workspace folder and is not read.`);
      continue;
    }
    files.push(path);
    const stat = await fs.stat(path);
    if (stat?.type !== 'file') {
      configProblem('questionPacks', relative, `Pack file not found: ${relative}`);
      continue;
    }
    if (stat.size > MAX_PROJECT_FILE_BYTES) {
      problems.push({ path, message: `The pack file is larger than ${MAX_PROJECT_FILE_BYTES / 1024 / 1024} MB and is not read.`, range: zeroRange });
      continue;
    }
    let text: string;
    try {
      // A regular file really inside the folder: a link to a file elsewhere is not read, so no problem quotes its keys.
      text = await readProjectFile(fs, root!, path);
    } catch (error) {
      problems.push({ path, message: `Cannot read the pack file: ${(error as Error).message}.`, range: zeroRange });
      continue;
    }
    const loaded = parsePackText(path, text, ids, available);
    problems.push(...loaded.problems);
    if (!loaded.pack) continue;
    available.push(loaded.pack);
    ownIds.push(loaded.pack.id);
    for (const entry of packItems(loaded.pack)) if (!ids.has(itemKey(entry.item.id))) ids.set(itemKey(entry.item.id), loaded.pack);
    crosswalk.push(...(loaded.pack.crosswalk ?? []));
  }

  for (const id of config.packs) {
    if (!available.some((p) => p.id === id)) {
      const known = available.map((p) => p.id).join(', ');
      configProblem('packs', id, `Unknown pack "${id}". Known packs: ${known}. A pack of your own is added with questionPacks.`);
    }
  }
  const enabled = [...config.packs, ...ownIds.filter((id) => !config.packs.includes(id))];
  return { registry: new PackRegistry(available, enabled, crosswalk), problems, files };
}

const zeroRange: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Parses and checks one pack file's text (JSON, or YAML). `taken` maps the item IDs of
 * the packs loaded before it (lower case) to their pack; `before` are those packs.
 */
export function parsePackText(
  path: string,
  text: string,
  taken: ReadonlyMap<string, Pack> = new Map(),
  before: readonly Pack[] = [],
): { pack?: Pack; problems: PackProblem[] } {
  const lines = new LineIndex(text);
  const problems: PackProblem[] = [];
  const at = (range: readonly number[] | null | undefined): Range => (range ? lines.rangeOf(range[0], Math.max(range[1], range[0])) : zeroRange);
  // Keys are checked for uniqueness below, in linear time (`yaml`'s own check is quadratic: 20,000 keys took seconds).
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const [error] = doc.errors;
    problems.push({
      path,
      message: `Not valid JSON/YAML: ${error.message.split('\n')[0]}`,
      range: lines.rangeOf(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
    });
    return { problems };
  }
  const duplicate = firstDuplicateKey(doc)?.range;
  if (duplicate) {
    problems.push({
      path,
      message: 'Not valid JSON/YAML: Map keys must be unique',
      range: lines.rangeOf(duplicate[0], Math.max(duplicate[1], duplicate[0] + 1)),
    });
    return { problems };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 }) as unknown;
  } catch (error) {
    // An alias bomb: a problem at this file; the other packs still load.
    problems.push({ path, message: `Not a usable pack file: ${(error as Error).message}.`, range: at([0, Math.min(text.length, 1)]) });
    return { problems };
  }
  const errors = validatePackData(value);
  if (errors.length > 0) {
    const reported = errors.filter(isReported);
    for (const error of reported.slice(0, MAX_PACK_PROBLEMS)) {
      const location = schemaErrorPath(error);
      problems.push({ path, message: `Pack file: ${describe(error)}`, range: at(nodeAt(doc, location)?.range) });
    }
    if (reported.length > MAX_PACK_PROBLEMS) problems.push(moreProblems(path, reported.length - MAX_PACK_PROBLEMS));
    return { problems };
  }
  const data = value as PackData;
  if (before.some((p) => p.id === data.id)) {
    problems.push({ path, message: `A pack with the ID "${data.id}" already exists; this file is not used.`, range: at(nodeAt(doc, ['id'])?.range) });
    return { problems };
  }
  const { url, ...rest } = data;
  const shownUrl = safeHttpsUrl(url);
  if (url !== undefined && !shownUrl) {
    problems.push({
      path,
      message: 'url: only a plain https URL is shown (no spaces, quotes, angle brackets or credentials); this one is left out.',
      range: at(nodeAt(doc, ['url'])?.range),
    });
  }
  const pack: Pack = { ...rest, ...(shownUrl ? { url: shownUrl } : {}), origin: { type: 'file', path } };
  // Item IDs are cited without their pack, so they must be unique across all packs.
  const own = new Set<string>();
  const walk = (items: readonly unknown[], location: Array<string | number>) => {
    items.forEach((raw, i) => {
      const item = raw as { id: string; items?: unknown[] };
      const key = itemKey(item.id);
      const here = [...location, i];
      if (own.has(key)) {
        problems.push({
          path,
          message: `The item ID "${item.id}" appears twice in this pack; citations find only the first.`,
          range: at(nodeAt(doc, [...here, 'id'])?.range),
        });
      } else if (taken.has(key)) {
        problems.push({
          path,
          message: `The item ID "${item.id}" is already used by the pack "${taken.get(key)!.id}"; citations find that one.`,
          range: at(nodeAt(doc, [...here, 'id'])?.range),
        });
      }
      own.add(key);
      if (item.items) walk(item.items, [...here, 'items']);
    });
  };
  walk(data.items, ['items']);
  (data.crosswalk ?? []).forEach((entry, e) => {
    // Uniqueness checked here in linear time (ajv's uniqueItems compares every pair of IDs).
    const seen = new Set<string>();
    entry.items.forEach((id, i) => {
      if (seen.has(id)) {
        problems.push({
          path,
          message: `Crosswalk: the item "${id}" is listed twice in this entry.`,
          range: at(nodeAt(doc, ['crosswalk', e, 'items', i])?.range),
        });
      } else if (!own.has(itemKey(id)) && !taken.has(itemKey(id))) {
        problems.push({ path, message: `Crosswalk: no pack has an item "${id}".`, range: at(nodeAt(doc, ['crosswalk', e, 'items', i])?.range) });
      }
      seen.add(id);
    });
  });
  if (problems.length > MAX_PACK_PROBLEMS)
    return { pack, problems: [...problems.slice(0, MAX_PACK_PROBLEMS), moreProblems(path, problems.length - MAX_PACK_PROBLEMS)] };
  return { pack, problems };
}

function moreProblems(path: string, count: number): PackProblem {
  return { path, message: `Pack file: ${count} more problem(s), not listed one by one.`, range: zeroRange };
}

/** `oneOf`/`anyOf` summaries and `not` add nothing a user can act on beyond the specific errors. */
function isReported(error: ErrorObject): boolean {
  return error.keyword !== 'if';
}

/** The node at `path`: a scalar value itself, else the key naming it, else the collection. */
function nodeAt(doc: Document, path: ReadonlyArray<string | number>): YamlNode | undefined {
  let node: YamlNode | null | undefined = doc.contents as YamlNode | null;
  let key: YamlNode | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === part);
      if (!pair) return key ?? node;
      key = pair.key as YamlNode;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part] as YamlNode | undefined;
      if (!item) return node;
      key = undefined;
      node = item;
    } else return key ?? node ?? undefined;
  }
  if (node && isScalar(node)) return node;
  return key ?? node ?? undefined;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'the pack';
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key "${(error.params as { additionalProperty: string }).additionalProperty}" in ${where}.`;
    case 'required':
      return `${where} needs "${(error.params as { missingProperty: string }).missingProperty}".`;
    case 'pattern':
      return where.endsWith('id') || /\.items\.\d+$/.test(where)
        ? `${where} "${String(error.data ?? '')}" is not a valid ID (${error.parentSchema?.description ?? error.message}).`
        : `${where} ${error.message ?? 'is invalid'}.`;
    case 'not':
      return `${where} may not be one of lifecycle, risks, system (coverage groups of their own).`;
    case 'type':
      return `${where} must be ${(error.params as { type: string }).type === 'array' ? 'a list' : `of type ${(error.params as { type: string }).type}`}.`;
    default:
      return `${where} ${error.message ?? 'is invalid'}.`;
  }
}
