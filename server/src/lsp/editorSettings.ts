import { DiagnosticSeverity, MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import type { Logger } from '../base/logger';
import { uriFromPath } from '../base/fileSystem';
import type { ConfigLayer } from '../config/projectConfig';
import { settingsLimits } from '../config/trust';
import type { WorkspaceConfiguration } from '../config/workspaceConfiguration';
import type { ProblemsScope } from '../../../protocol/protocol';

/** The `mqg4ai.*` settings as VS Code sends them (section `mqg4ai`). */
interface EditorSettings {
  include?: string[];
  exclude?: string[];
  rules?: Record<string, string>;
  requiredSections?: { leafQg?: string[]; risk?: string[] };
  externalLinks?: 'ignore' | 'syntax';
  traceRoots?: string[];
  report?: { format?: 'md' | 'html' | 'json'; output?: string; minAltai?: number };
  limits?: Record<string, unknown>;
  activeAssessment?: string;
  problems?: { scope?: string };
}

/** Settings the session applies itself rather than the engine: which assessment is active, and whose problems are published. */
export interface AssessmentSettings {
  /** An assessment ID or folder, `auto` (follow the last document opened) or undefined for none. */
  readonly activeAssessment?: string;
  /** Undefined: the default (`activeAssessment` when the workspace has more than one application assessment). */
  readonly problemsScope?: ProblemsScope;
}

/** Pulls the `mqg4ai` settings section for a folder (workspace/configuration): the configuration layer and the assessment settings. */
export async function pullSettings(
  connection: Connection,
  root: string | undefined,
  logger: Logger,
): Promise<{ layer?: ConfigLayer; assessments: AssessmentSettings }> {
  try {
    const value = (await connection.workspace.getConfiguration({ scopeUri: root ? uriFromPath(root) : undefined, section: 'mqg4ai' })) as EditorSettings | null;
    return { layer: settingsLayer(value), assessments: assessmentSettings(value) };
  } catch (error) {
    logger.log('warn', `Cannot read the mqg4ai settings: ${(error as Error).message}`);
    return { assessments: {} };
  }
}

/**
 * Settings pushed by the client (`{mqg4ai: {...}}` or dotted keys `{"mqg4ai.rules": ...}`) as a
 * configuration layer; undefined when the payload holds none.
 */
export function settingsFromPayload(payload: unknown): { layer?: ConfigLayer; assessments: AssessmentSettings } | undefined {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const record = payload as Record<string, unknown>;
  const nested = record.mqg4ai && typeof record.mqg4ai === 'object' ? { ...(record.mqg4ai as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(record)) if (key.startsWith('mqg4ai.')) setDotted(nested, key.slice('mqg4ai.'.length).split('.'), value);
  if (Object.keys(nested).length === 0) return undefined;
  return { layer: settingsLayer(nested as EditorSettings), assessments: assessmentSettings(nested as EditorSettings) };
}

function setDotted(target: Record<string, unknown>, keys: string[], value: unknown): void {
  // Keys come from the client: never let one reach an object's prototype.
  if (keys.some((key) => key === '__proto__' || key === 'constructor' || key === 'prototype')) return;
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

/** The assessment settings of the editor's settings object; anything malformed counts as unset. */
export function assessmentSettings(value: EditorSettings | null | undefined): AssessmentSettings {
  if (!value || typeof value !== 'object') return {};
  const active = typeof value.activeAssessment === 'string' && value.activeAssessment.trim() ? value.activeAssessment.trim() : undefined;
  const scope = value.problems && typeof value.problems === 'object' ? value.problems.scope : undefined;
  return { activeAssessment: active, problemsScope: scope === 'workspace' || scope === 'activeAssessment' ? scope : undefined };
}

/** The editor's settings object as a configuration layer; anything malformed is left out. */
export function settingsLayer(value: EditorSettings | null | undefined): ConfigLayer | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const layer: ConfigLayer = {};
  if (Array.isArray(value.include) && value.include.length > 0) layer.include = value.include;
  if (Array.isArray(value.exclude)) layer.exclude = value.exclude;
  if (value.rules && typeof value.rules === 'object') layer.rules = value.rules as ConfigLayer['rules'];
  if (value.requiredSections && typeof value.requiredSections === 'object') {
    const { leafQg, risk } = value.requiredSections;
    layer.requiredSections = { ...(leafQg?.length ? { leafQg } : {}), ...(risk?.length ? { risk } : {}) };
  }
  if (value.externalLinks === 'ignore' || value.externalLinks === 'syntax') layer.externalLinks = value.externalLinks;
  if (Array.isArray(value.traceRoots)) layer.traceRoots = value.traceRoots;
  if (value.report && typeof value.report === 'object')
    layer.report = { format: value.report.format ?? 'md', output: value.report.output || undefined, minAltai: value.report.minAltai };
  if (value.limits && typeof value.limits === 'object') layer.limits = settingsLimits(value.limits);
  return layer;
}

/**
 * Publishes the problems of the project file and the pack files on those files
 * (`config.invalid`), clears the ones fixed, and says once per new set of project-file
 * problems that the invalid entries are ignored.
 */
export class ConfigurationProblemPublisher {
  private published = new Set<string>();
  private lastSummary = '';

  constructor(private readonly connection: Connection) {}

  publish(configuration: WorkspaceConfiguration): void {
    const paths = new Set([...configuration.problems.map((p) => p.path), ...(configuration.file ? [configuration.file] : [])]);
    for (const path of this.published) if (!paths.has(path)) void this.connection.sendDiagnostics({ uri: uriFromPath(path), diagnostics: [] });
    for (const path of paths) {
      void this.connection.sendDiagnostics({
        uri: uriFromPath(path),
        diagnostics: configuration.problems
          .filter((p) => p.path === path)
          .map((p) => ({ range: p.range, severity: DiagnosticSeverity.Error, code: 'config.invalid', source: 'mqg4ai', message: p.message })),
      });
    }
    this.published = paths;
    const onFile = configuration.problems.filter((p) => p.path === configuration.file);
    const summary = onFile.map((p) => p.message).join('|');
    if (summary && summary !== this.lastSummary && configuration.file) {
      const name = configuration.file.slice(configuration.file.lastIndexOf('/') + 1);
      // A plain notification: nothing to answer, nothing to wait for.
      void this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `MQG4AI: ${name} has ${onFile.length} problem(s); the invalid entries are ignored (see Problems).`,
      });
    }
    this.lastSummary = summary;
  }
}
