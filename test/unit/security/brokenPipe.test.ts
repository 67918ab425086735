// `mqg4ai check | head` (issue 14, finding 8): a reader that goes away is no crash, and the
// command still exits with its own code.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

function runAndCloseEarly(mode: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'epipeChild.ts'), mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head`: read one chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

(process.platform === 'win32' ? describe.skip : describe)('security: a closed output pipe', function () {
  this.timeout(30000);

  it('unguarded, Node crashes with EPIPE (what the helper prevents)', async () => {
    const { code, stderr } = await runAndCloseEarly('unguarded');
    assert.notEqual(code, 3);
    assert.match(stderr, /EPIPE/);
  });

  it('with ignoreBrokenPipe: no stack trace, and the real exit code', async () => {
    const { code, stderr } = await runAndCloseEarly('guarded');
    assert.equal(stderr, '');
    assert.equal(code, 3);
  });
});
