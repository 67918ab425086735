/** A setting as package.json contributes it. */
export interface ContributedSetting {
  readonly type?: string | string[];
  readonly scope?: string;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly enum?: string[];
  readonly order?: number;
  readonly properties?: Record<string, ContributedSetting>;
  readonly additionalProperties?: unknown;
  readonly [key: string]: unknown;
}

/** A section of `contributes.configuration` (the Settings UI groups settings by them). */
export interface SettingsSection {
  readonly id?: string;
  readonly title: string;
  readonly order?: number;
  readonly properties: Record<string, ContributedSetting>;
}

/** Every contributed setting by key, whether `contributes.configuration` is one section or an array of them. */
export function contributedSettings(pkg: { contributes: { configuration: SettingsSection | SettingsSection[] } }): Record<string, ContributedSetting> {
  const sections = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
  return Object.assign({}, ...sections.map((s) => s.properties)) as Record<string, ContributedSetting>;
}
