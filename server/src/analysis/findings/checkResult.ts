import type { TraceDiagnostic } from '../../domain/codes';
import type { SuppressedDiagnostic } from '../diagnostics/documentDiagnostics';

/** Diagnostics of one file, with its path relative to the checked root. */
export interface FileReport {
  readonly path: string;
  readonly relativePath: string;
  readonly diagnostics: readonly TraceDiagnostic[];
  /** Findings silenced by `mqg4ai-disable` comments, with their reasons. */
  readonly suppressed: readonly SuppressedDiagnostic[];
}

/** The findings of a batch check (`mqg4ai check`), file by file in path order. */
export interface CheckResult {
  readonly root: string;
  readonly files: number;
  /** Absolute paths of the checked documents (those `files` counts), in path order. */
  readonly checked: readonly string[];
  readonly reports: readonly FileReport[];
  /** The project configuration file that applied, if any. */
  readonly configFile?: string;
}
