import { parseDocument } from 'yaml';
import { isFingerprint } from './fingerprint';

/**
 * A review stamp (docs/review.md): who reviewed a document, when, and what it and each
 * document it traces to said then, as content fingerprints.
 */
export interface ReviewStamp {
  readonly reviewedBy: string;
  /** ISO 8601, UTC. */
  readonly reviewedAt: string;
  /** The document's own content fingerprint when it was reviewed. */
  readonly fingerprint: string;
  /** Each trace target's fingerprint when it was reviewed, by path relative to the workspace folder. */
  readonly traces: Readonly<Record<string, string>>;
}

/** A stamp file that cannot be read as a stamp: why. */
export class StampFileError extends Error {}

/**
 * Reads a stamp file's YAML. Unknown keys are ignored (a later version may add some);
 * a missing or malformed field is a `StampFileError` that says which.
 */
export function parseStampFile(text: string): ReviewStamp {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) throw new StampFileError(`not valid YAML (${document.errors[0].message.split('\n')[0]})`);
  const data: unknown = document.toJS({ maxAliasCount: 0 });
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new StampFileError('expected a mapping with reviewedBy, reviewedAt, fingerprint and traces');
  const record = data as Record<string, unknown>;
  const text_ = (key: string): string => {
    const value = record[key];
    if (typeof value !== 'string' || value.trim() === '') throw new StampFileError(`"${key}" must be a non-empty string`);
    return value;
  };
  const reviewedBy = text_('reviewedBy');
  const reviewedAt = text_('reviewedAt');
  if (Number.isNaN(Date.parse(reviewedAt))) throw new StampFileError(`"reviewedAt" must be a date and time (ISO 8601), not "${reviewedAt}"`);
  const fingerprint = record.fingerprint;
  if (!isFingerprint(fingerprint)) throw new StampFileError('"fingerprint" must be 16 hexadecimal digits');
  const rawTraces = record.traces ?? {};
  if (!rawTraces || typeof rawTraces !== 'object' || Array.isArray(rawTraces)) throw new StampFileError('"traces" must map paths to fingerprints');
  const traces: Record<string, string> = {};
  for (const [target, value] of Object.entries(rawTraces as Record<string, unknown>)) {
    if (!isFingerprint(value)) throw new StampFileError(`the fingerprint of trace "${target}" must be 16 hexadecimal digits`);
    traces[target] = value;
  }
  return { reviewedBy, reviewedAt, fingerprint, traces };
}

/**
 * Writes a stamp file: fixed key order, trace targets sorted, every string quoted (JSON
 * strings are YAML), so the same stamp is always the same bytes and a diff shows what changed.
 */
export function renderStampFile(documentPath: string, stamp: ReviewStamp): string {
  const targets = Object.keys(stamp.traces).sort(compareCodeUnits);
  return [
    `# MQG4AI review stamp of ${JSON.stringify(documentPath)} (see docs/review.md). Written by "Mark document reviewed" or mqg4ai review mark.`,
    `reviewedBy: ${JSON.stringify(stamp.reviewedBy)}`,
    `reviewedAt: ${JSON.stringify(stamp.reviewedAt)}`,
    `fingerprint: ${JSON.stringify(stamp.fingerprint)}`,
    targets.length === 0 ? 'traces: {}' : 'traces:',
    ...targets.map((target) => `  ${JSON.stringify(target)}: ${JSON.stringify(stamp.traces[target])}`),
    '',
  ].join('\n');
}

/** Plain code-unit order: the same on every machine and locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
