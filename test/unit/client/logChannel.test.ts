// The language client's log lines, re-levelled for a log output channel (client/src/logChannel.ts).
import assert from 'node:assert/strict';
import { parseClientLine } from '../../../client/src/logChannel';

describe('client: clean output lines', () => {
  it("takes the level from the client's prefix and drops the prefix", () => {
    assert.deepEqual(parseClientLine('[Info  - 10:00:00 AM] Ready: 12 Markdown documents'), { level: 'info', text: 'Ready: 12 Markdown documents' });
    assert.deepEqual(parseClientLine('[Warn  - 10:00:01] Pack file skipped'), { level: 'warn', text: 'Pack file skipped' });
    assert.deepEqual(parseClientLine('[Error - 10:00:02] Uncaught exception: boom'), { level: 'error', text: 'Uncaught exception: boom' });
    assert.deepEqual(parseClientLine('[Trace - 10:00:03] Sending request'), { level: 'trace', text: 'Sending request' });
  });

  it('leaves a line without the prefix as it is, at info', () => {
    assert.deepEqual(parseClientLine('plain text [Info - not a prefix]'), { level: 'info', text: 'plain text [Info - not a prefix]' });
  });
});
