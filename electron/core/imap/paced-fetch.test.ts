import { describe, expect, it } from 'vitest';
import { PARSE_TURN_MS, turnTaker } from './paced-fetch.ts';

describe('turnTaker', () => {
  it('gives the event loop a turn only once the budget is spent, then starts a new budget', async () => {
    let now = 0;
    const turn = turnTaker(PARSE_TURN_MS, { now: () => now });
    let immediates = 0;
    const count = () => setImmediate(() => immediates++);

    // Within the budget: no turn, so an immediate queued meanwhile has not run.
    count();
    now = PARSE_TURN_MS - 1;
    await turn();
    expect(immediates).toBe(0);

    // Budget spent: the caller waits for the event loop, and the immediate runs first.
    now = PARSE_TURN_MS;
    await turn();
    expect(immediates).toBe(1);

    // A new budget from the turn: the next call right after does not yield.
    count();
    now += 1;
    await turn();
    expect(immediates).toBe(1);
    now += PARSE_TURN_MS;
    await turn();
    expect(immediates).toBe(2);
  });
});
