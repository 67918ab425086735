// Workspace Trust on the client side: the manifest declares limited support and what it
// restricts, the export command is disabled in Restricted Mode, and the pure logic the
// extension uses (client/src/trust.ts). The server side is tested in test/protocol/trust.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { refusalInRestrictedMode, serverInitializationOptions, TRUST_GRANTED_NOTIFICATION, WRITING_COMMANDS } from '../../../client/src/trust';
import { contributedSettings } from '../../helpers/packageSettings';

const root = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

describe('client: Workspace Trust', () => {
  it('package.json declares limited support in untrusted workspaces, restricting only settings that exist', () => {
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.match(untrusted.description, /Restricted Mode/);
    const settings = Object.keys(contributedSettings(pkg));
    assert.ok(untrusted.restrictedConfigurations.length > 0);
    for (const key of untrusted.restrictedConfigurations) assert.ok(settings.includes(key), key);
    for (const key of settings.filter((k: string) => k.startsWith('mqg4ai.limits.'))) assert.ok(untrusted.restrictedConfigurations.includes(key), key);
  });

  it('every command that writes files is disabled while the workspace is untrusted', () => {
    for (const command of WRITING_COMMANDS) {
      const contribution = pkg.contributes.commands.find((c: { command: string }) => c.command === command);
      assert.equal(contribution.enablement, 'isWorkspaceTrusted', command);
      assert.match(refusalInRestrictedMode(command, false)!, /Restricted Mode/);
      assert.equal(refusalInRestrictedMode(command, true), undefined);
    }
    assert.equal(refusalInRestrictedMode('mqg4ai.coverage.refresh', false), undefined);
  });

  it('tells the server whether the workspace is trusted, and when trust is granted', () => {
    assert.deepEqual(serverInitializationOptions('/storage', false), { storagePath: '/storage', trusted: false });
    assert.equal(TRUST_GRANTED_NOTIFICATION, 'mqg4ai/trustGranted');
    const extension = readFileSync(resolve(root, 'client/src/extension.ts'), 'utf8');
    assert.match(extension, /serverInitializationOptions\(.*, vscode\.workspace\.isTrusted\)/);
    assert.match(extension, /onDidGrantWorkspaceTrust\(\(\) => void client\?\.sendNotification\(TRUST_GRANTED_NOTIFICATION\)\)/);
    const exporter = readFileSync(resolve(root, 'client/src/coverage/exportReport.ts'), 'utf8');
    assert.match(exporter, /refusalInRestrictedMode\('mqg4ai\.exportCoverageReport', vscode\.workspace\.isTrusted\)/);
  });
});
