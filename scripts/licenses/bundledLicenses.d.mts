// Types of bundledLicenses.mjs (plain JavaScript so that esbuild.mjs can import it without a build step).
export interface BundledPackage {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly author?: string;
  readonly homepage?: string;
  readonly path: string;
  readonly files: readonly { readonly name: string; readonly text: string }[];
}
export interface Metafile {
  readonly inputs: Record<string, unknown>;
}
export function bundledPackages(metafiles: readonly Metafile[], cwd?: string): BundledPackage[];
export function renderNotices(packages: readonly BundledPackage[]): string;
export function writeBundledLicenses(results: readonly { readonly metafile?: Metafile }[], file: string): BundledPackage[];
