import { posix } from 'node:path';
import { DiagnosticSeverity, MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { effectiveConfig, isConfigFile, readConfigFile, type LoadedConfigFile } from '../config/loadConfig';
import type { ConfigLayer, ProjectConfig } from '../config/projectConfig';
import { loadWorkspacePacks, type PackProblem } from '../config/loadPacks';
import { registerPacks } from '../config/workspacePacks';
import { settingsLimits } from '../config/trust';
import type { Logger } from '../base/logger';
import { uriFromPath, type WorkspaceFileSystem } from '../workspace/fileSystem';

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
}

/**
 * Combines the editor's `mqg4ai.*` settings and the project file
 * (`.mqg4ai.yaml` / `.mqg4ai.json` in the first workspace folder) into the
 * effective configuration, and reports problems in the file as diagnostics on
 * it plus one notification, keeping the defaults for what is invalid.
 */
export class ConfigurationManager {
  private publishedFile: string | undefined;
  private lastProblemSummary = '';
  /** Pack files the configuration names (`questionPacks`): a change to one reloads like the configuration. */
  private packFiles: readonly string[] = [];
  private publishedPackFiles = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly fileSystem: WorkspaceFileSystem,
    private readonly logger: Logger,
    private readonly canPullSettings: () => boolean,
  ) {}

  /** Whether `path` is a project configuration file at the root of a workspace folder. */
  isConfigFile(path: string, roots: readonly string[]): boolean {
    return (isConfigFile(path) && roots.includes(posix.dirname(path))) || this.packFiles.includes(path);
  }

  async load(roots: readonly string[]): Promise<ProjectConfig> {
    const settings = await this.pullSettings(roots[0]);
    let file: LoadedConfigFile | undefined;
    try {
      file = roots[0] ? await readConfigFile(this.fileSystem, roots[0]) : undefined;
    } catch (error) {
      this.logger.log('warn', `Cannot read the project configuration: ${(error as Error).message}`);
    }
    const config = effectiveConfig(settings, file);
    // Assessment packs (docs/packs.md): the built-in ones and the team's pack files, for this configuration.
    let packProblems: readonly PackProblem[] = [];
    try {
      const packs = await loadWorkspacePacks(this.fileSystem, roots[0], config, file?.path);
      registerPacks(config, packs.registry);
      this.packFiles = packs.files;
      packProblems = packs.problems;
    } catch (error) {
      this.logger.log('warn', `Cannot load the assessment packs: ${(error as Error).message}`);
    }
    const onConfig = packProblems.filter((p) => p.path === file?.path);
    this.report(file && onConfig.length > 0 ? { ...file, problems: [...file.problems, ...onConfig] } : file);
    this.reportPackFiles(packProblems.filter((p) => p.path !== file?.path));
    this.logger.log('info', `Configuration: ${file ? `${file.path} over ` : ''}settings over defaults.`);
    return config;
  }

  /** Publishes problems of pack files on the files themselves (`config.invalid`) and clears fixed ones. */
  private reportPackFiles(problems: readonly PackProblem[]): void {
    const paths = new Set(problems.map((p) => p.path));
    for (const path of this.publishedPackFiles) if (!paths.has(path)) void this.connection.sendDiagnostics({ uri: uriFromPath(path), diagnostics: [] });
    for (const path of paths) {
      void this.connection.sendDiagnostics({
        uri: uriFromPath(path),
        diagnostics: problems
          .filter((p) => p.path === path)
          .map((p) => ({ range: p.range, severity: DiagnosticSeverity.Error, code: 'config.invalid', source: 'mqg4ai', message: p.message })),
      });
    }
    this.publishedPackFiles = paths;
  }

  private async pullSettings(root: string | undefined): Promise<ConfigLayer | undefined> {
    if (!this.canPullSettings()) return undefined;
    try {
      const value = (await this.connection.workspace.getConfiguration({ scopeUri: root ? uriFromPath(root) : undefined, section: 'mqg4ai' })) as EditorSettings | null;
      if (!value || typeof value !== 'object') return undefined;
      const layer: ConfigLayer = {};
      if (Array.isArray(value.include) && value.include.length > 0) layer.include = value.include;
      if (Array.isArray(value.exclude)) layer.exclude = value.exclude;
      if (value.rules && typeof value.rules === 'object') layer.rules = value.rules as ConfigLayer['rules'];
      if (value.requiredSections) {
        const { leafQg, risk } = value.requiredSections;
        layer.requiredSections = { ...(leafQg?.length ? { leafQg } : {}), ...(risk?.length ? { risk } : {}) };
      }
      if (value.externalLinks === 'ignore' || value.externalLinks === 'syntax') layer.externalLinks = value.externalLinks;
      if (Array.isArray(value.traceRoots)) layer.traceRoots = value.traceRoots;
      if (value.report) layer.report = { format: value.report.format ?? 'md', output: value.report.output || undefined, minAltai: value.report.minAltai };
      if (value.limits && typeof value.limits === 'object') layer.limits = settingsLimits(value.limits);
      return layer;
    } catch (error) {
      this.logger.log('warn', `Cannot read the mqg4ai settings: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Publishes the file's problems on the file itself; one notification per new set of problems. */
  private report(file: LoadedConfigFile | undefined): void {
    if (this.publishedFile && this.publishedFile !== file?.path) {
      void this.connection.sendDiagnostics({ uri: uriFromPath(this.publishedFile), diagnostics: [] });
    }
    this.publishedFile = file?.path;
    if (!file) return;
    void this.connection.sendDiagnostics({
      uri: uriFromPath(file.path),
      diagnostics: file.problems.map((p) => ({ range: p.range, severity: DiagnosticSeverity.Error, code: 'config.invalid', source: 'mqg4ai', message: p.message })),
    });
    const summary = file.problems.map((p) => p.message).join('|');
    if (summary && summary !== this.lastProblemSummary) {
      const name = file.path.slice(file.path.lastIndexOf('/') + 1);
      // A plain notification: nothing to answer, nothing to wait for.
      void this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `MQG4AI: ${name} has ${file.problems.length} problem(s); the invalid entries are ignored (see Problems).`,
      });
    }
    this.lastProblemSummary = summary;
  }
}
