import { MQG4AI_NOTIFICATIONS } from '../../protocol/protocol';
// Workspace Trust, the parts without `vscode` (so they are unit-tested): what the client tells
// the server, and which commands refuse to run in Restricted Mode. See docs/security.md.

/** The notification the client sends when the user trusts the workspace while the server runs. */
export const TRUST_GRANTED_NOTIFICATION = MQG4AI_NOTIFICATIONS.trustGranted;

/** Commands that write files; disabled (package.json `enablement`) and refused while the workspace is untrusted. */
export const WRITING_COMMANDS = ['mqg4ai.exportCoverageReport'] as const;

/** The server's initialization options: where its cache lives, and whether the workspace is trusted. */
export function serverInitializationOptions(storagePath: string, trusted: boolean): { storagePath: string; trusted: boolean } {
  return { storagePath, trusted };
}

/** Why a writing command does nothing in Restricted Mode, or undefined when it may run. */
export function refusalInRestrictedMode(command: string, trusted: boolean): string | undefined {
  if (trusted || !(WRITING_COMMANDS as readonly string[]).includes(command)) return undefined;
  return 'MQG4AI does not write files in Restricted Mode. Trust this workspace to export the coverage report.';
}
