import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES } from '../../helpers/fixtures';
import { buildIndex } from '../helpers';

export const MULTI = join(FIXTURES, 'multi-assessment');
export const DK = '/ws/DesignKnowledge';
export const V1 = '/ws/Applications/v1_Triage_(Pilot)';
export const V2 = '/ws/Applications/v2_Triage_(Rollout)';
export const V2A = '/ws/Applications/v2a_Calibration_(IntraSelection)';

/** The multi-assessment fixture as in-memory files under `/ws`. */
export function multiAssessmentFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== 'EXPECTED.json') files[`/ws/${relative(MULTI, full).split('\\').join('/')}`] = readFileSync(full, 'utf8');
    }
  };
  walk(MULTI);
  return files;
}

export function expected(): {
  assessments: Array<{
    id: string;
    label: string;
    folder: string;
    kind: string;
    complete: boolean;
    blocks: string[];
    documents: number;
    basedOn: string | null;
  }>;
  diff: Record<string, unknown>;
} {
  return JSON.parse(readFileSync(join(MULTI, 'EXPECTED.json'), 'utf8'));
}

export async function multiIndex(extra: Record<string, string> = {}) {
  return buildIndex({ ...multiAssessmentFiles(), ...extra });
}
