import type { ProjectConfig } from './projectConfig';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { PackRegistry } from '../domain/packs/registry';

/**
 * The packs that go with a configuration. Loading pack files needs the file system
 * (see `loadWorkspacePacks`); whoever loads a configuration (the language server's
 * configuration manager, the CLI's batch check) registers the result for that very
 * configuration object, and everything that reads `index.config` finds it here.
 * A configuration nobody registered packs for gets the built-in packs it enables.
 */
const registered = new WeakMap<ProjectConfig, PackRegistry>();
const builtInFor = new WeakMap<ProjectConfig, PackRegistry>();

export function registerPacks(config: ProjectConfig, registry: PackRegistry): void {
  registered.set(config, registry);
}

/** The packs of a configuration: the registered ones, else the built-in packs it enables. */
export function packsFor(config: ProjectConfig): PackRegistry {
  const found = registered.get(config) ?? builtInFor.get(config);
  if (found) return found;
  const registry = PackRegistry.builtIn(config.packs);
  builtInFor.set(config, registry);
  return registry;
}

/** The packs of the index's current configuration. */
export function packsOf(index: WorkspaceIndex): PackRegistry {
  return packsFor(index.config);
}
