/**
 * Resource limits of the index: how much of a repository is read and parsed.
 * Every limit that is hit is reported (docs/security.md), never silent:
 * - a file over `maxFileSizeMB` becomes a skipped document (`file.skipped`);
 * - a document whose parse took longer than `parseTimeBudgetMs` is kept, and
 *   reported (`file.slow`);
 * - past `maxDocuments` Markdown files or `maxTotalSizeMB` of Markdown, indexing
 *   stops: the remaining files are still listed (links to them resolve), the
 *   first one carries one `file.skipped` saying so, the server shows one
 *   notification and logs the count.
 */
export interface LimitsConfig {
  /** Largest Markdown file parsed, in MB (1 MB = 1,048,576 bytes). */
  readonly maxFileSizeMB?: number;
  /** A parse taking longer than this (ms) is reported as `file.slow`. */
  readonly parseTimeBudgetMs?: number;
  /** Most Markdown files indexed per workspace. */
  readonly maxDocuments?: number;
  /** Most Markdown bytes parsed per workspace, in MB. */
  readonly maxTotalSizeMB?: number;
}

/** The limits in force, in bytes and milliseconds. */
export interface EffectiveLimits {
  readonly maxFileSize: number;
  readonly parseTimeBudgetMs: number;
  readonly maxDocuments: number;
  readonly maxTotalBytes: number;
}

export const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Required<LimitsConfig>> = {
  maxFileSizeMB: 5,
  parseTimeBudgetMs: 2000,
  maxDocuments: 100_000,
  maxTotalSizeMB: 1024,
};

/** The configuration keys, for the schema, the settings and the docs. */
export const LIMIT_KEYS: ReadonlyArray<{ key: keyof LimitsConfig; minimum: number; integer: boolean; description: string }> = [
  {
    key: 'maxFileSizeMB',
    minimum: 0,
    integer: false,
    description: `Largest Markdown file parsed, in MB; larger files are listed but not parsed (file.skipped). Default: ${DEFAULT_LIMITS.maxFileSizeMB}.`,
  },
  {
    key: 'parseTimeBudgetMs',
    minimum: 1,
    integer: true,
    description: `A document whose parse takes longer than this many milliseconds is reported (file.slow) and still indexed. Default: ${DEFAULT_LIMITS.parseTimeBudgetMs}.`,
  },
  {
    key: 'maxDocuments',
    minimum: 1,
    integer: true,
    description: `Most Markdown files indexed; past it, indexing stops and the rest are listed but not parsed (one file.skipped and one notification say so). Default: ${DEFAULT_LIMITS.maxDocuments}.`,
  },
  {
    key: 'maxTotalSizeMB',
    minimum: 0,
    integer: false,
    description: `Most Markdown parsed in total, in MB; past it, indexing stops as for maxDocuments. Default: ${DEFAULT_LIMITS.maxTotalSizeMB}.`,
  },
];

/**
 * The limits in force: the configuration's where it sets them, else `fallback`
 * (the index's options, which default to `DEFAULT_LIMITS`).
 */
export function effectiveLimits(config: LimitsConfig | undefined, fallback: Partial<EffectiveLimits> = {}): EffectiveLimits {
  const c = config ?? {};
  return {
    maxFileSize: c.maxFileSizeMB !== undefined ? Math.floor(c.maxFileSizeMB * MB) : (fallback.maxFileSize ?? DEFAULT_LIMITS.maxFileSizeMB * MB),
    parseTimeBudgetMs: c.parseTimeBudgetMs ?? fallback.parseTimeBudgetMs ?? DEFAULT_LIMITS.parseTimeBudgetMs,
    maxDocuments: c.maxDocuments ?? fallback.maxDocuments ?? DEFAULT_LIMITS.maxDocuments,
    maxTotalBytes: c.maxTotalSizeMB !== undefined ? Math.floor(c.maxTotalSizeMB * MB) : (fallback.maxTotalBytes ?? DEFAULT_LIMITS.maxTotalSizeMB * MB),
  };
}

/**
 * Limits a repository cannot raise: in an untrusted workspace each configured
 * limit is capped at its default (a project file may tighten limits, never
 * loosen them). Returns the capped limits and a note per capped key.
 */
export function capLimits(config: LimitsConfig | undefined): { limits: LimitsConfig; capped: string[] } {
  const limits: Record<string, number> = {};
  const capped: string[] = [];
  for (const { key } of LIMIT_KEYS) {
    const value = config?.[key];
    if (value === undefined) continue;
    if (value > DEFAULT_LIMITS[key]) {
      capped.push(`limits.${key} ${value} (capped at ${DEFAULT_LIMITS[key]})`);
      limits[key] = DEFAULT_LIMITS[key];
    } else limits[key] = value;
  }
  return { limits, capped };
}

/** "2 KB", "1.5 MB": sizes in messages. */
export function formatSize(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
