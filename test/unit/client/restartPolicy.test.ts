import assert from 'node:assert/strict';
import { RestartPolicy } from '../../../client/src/restartPolicy';

const MINUTE = 60 * 1000;

describe('client: RestartPolicy (5 restarts in 3 minutes, as the extension configures it)', () => {
  const make = () => new RestartPolicy(5, 3 * MINUTE);

  it('allows 5 restarts in quick succession and refuses the 6th', () => {
    const policy = make();
    const answers = [0, 1000, 2000, 3000, 4000, 5000].map((t) => policy.allowRestart(t));
    assert.deepEqual(answers, [true, true, true, true, true, false]);
  });

  it('keeps refusing while the window is full', () => {
    const policy = make();
    for (let i = 0; i < 5; i++) policy.allowRestart(i * 10_000);
    assert.equal(policy.allowRestart(60_000), false);
    assert.equal(policy.allowRestart(3 * MINUTE - 1), false);
  });

  it('refused attempts do not count as restarts', () => {
    const policy = make();
    for (let i = 0; i < 5; i++) policy.allowRestart(0);
    for (let i = 0; i < 10; i++) assert.equal(policy.allowRestart(MINUTE + i), false);
    // Only the five real restarts at t=0 age out.
    assert.equal(policy.allowRestart(3 * MINUTE), true);
  });

  it('allows again once the oldest restart slides out of the window, one at a time', () => {
    const policy = make();
    const times = [0, 30_000, 60_000, 90_000, 120_000];
    for (const t of times) assert.equal(policy.allowRestart(t), true);
    assert.equal(policy.allowRestart(3 * MINUTE - 1), false); // t=0 still inside
    assert.equal(policy.allowRestart(3 * MINUTE), true); // t=0 just left
    assert.equal(policy.allowRestart(3 * MINUTE + 1), false); // window full again (30s..180s)
    assert.equal(policy.allowRestart(30_000 + 3 * MINUTE), true); // t=30s left
  });

  it('a restart exactly windowMs ago no longer counts', () => {
    const policy = new RestartPolicy(1, 1000);
    assert.equal(policy.allowRestart(5000), true);
    assert.equal(policy.allowRestart(5999), false);
    assert.equal(policy.allowRestart(6000), true);
  });

  it('reset() forgets every restart', () => {
    const policy = make();
    for (let i = 0; i < 5; i++) policy.allowRestart(i);
    assert.equal(policy.allowRestart(10), false);
    policy.reset();
    const answers = [11, 12, 13, 14, 15, 16].map((t) => policy.allowRestart(t));
    assert.deepEqual(answers, [true, true, true, true, true, false]);
  });

  it('a limit of 0 never allows a restart', () => {
    assert.equal(new RestartPolicy(0, 1000).allowRestart(0), false);
  });
});
