import * as assert from 'node:assert/strict';
import { MQG4AI_REQUESTS } from '../../../protocol/protocol';
import * as vscode from 'vscode';
import { activate, codeOf, mqgDiagnostics, waitFor, workspaceUri, type MqgClient } from './helpers';

const BROKEN = '2_Lifecycle/3_Deployment/QG_Deployment_(Lifecycle).md';

describe('a crashed language server', () => {
  it('is restarted by the client and publishes its diagnostics again', async () => {
    const client: MqgClient = await activate();
    const before = await client.sendRequest<{ pid: number }>(MQG4AI_REQUESTS.serverInfo);
    process.kill(before.pid, 'SIGKILL');
    const after = await waitFor(
      async () => {
        if (!client.isRunning()) return undefined;
        const info = await client.sendRequest<{ pid: number }>(MQG4AI_REQUESTS.serverInfo).catch(() => undefined);
        return info && info.pid !== before.pid ? info : undefined;
      },
      'the client to restart the server',
      30_000,
    );
    assert.notEqual(after.pid, before.pid);
    await client.sendRequest(MQG4AI_REQUESTS.waitForIdle);
    const uri = workspaceUri(BROKEN);
    await waitFor(() => mqgDiagnostics(uri).some((d) => codeOf(d) === 'link.missing-folder'), 'diagnostics after the restart');
    assert.ok(vscode.extensions.getExtension('mqg4ai.mqg4ai')?.isActive);
  });
});
