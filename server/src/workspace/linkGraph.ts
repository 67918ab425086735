/**
 * Which documents link to which paths. Targets are normalised absolute paths
 * without fragment, including paths that do not exist (yet): when a file
 * appears there, the graph says whose diagnostics change.
 */
export class LinkGraph {
  private readonly outgoing = new Map<string, ReadonlySet<string>>();
  private readonly incoming = new Map<string, Set<string>>();

  /** Replaces the edges of `source`. */
  setLinks(source: string, targets: Iterable<string>): void {
    this.removeSource(source);
    const set = new Set(targets);
    set.delete(source);
    this.outgoing.set(source, set);
    for (const target of set) {
      let sources = this.incoming.get(target);
      if (!sources) this.incoming.set(target, (sources = new Set()));
      sources.add(source);
    }
  }

  removeSource(source: string): void {
    const old = this.outgoing.get(source);
    if (!old) return;
    for (const target of old) {
      const sources = this.incoming.get(target);
      sources?.delete(source);
      if (sources?.size === 0) this.incoming.delete(target);
    }
    this.outgoing.delete(source);
  }

  /** Documents with a link to exactly `target`. */
  sourcesOf(target: string): ReadonlySet<string> {
    return this.incoming.get(target) ?? new Set<string>();
  }

  targetsOf(source: string): ReadonlySet<string> {
    return this.outgoing.get(source) ?? new Set<string>();
  }
}
