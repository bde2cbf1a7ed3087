import { describe, expect, it } from 'vitest';
import { CartableError, composeMessageSchema, type Account } from '../../../../shared/contract/index.ts';
import { openDatabase } from '../../db/database.ts';
import { createConsoleLogger } from '../../log.ts';
import type { Clock } from '../../ports.ts';
import { classifySendFailure, type SendOutcome, type submitMessage } from '../../smtp/send.ts';
import { OutboxRepository, SEND_TASK, SENT_COPY_TASK } from './outbox-repository.ts';
import { OutboxService } from './outbox-service.ts';
import { isFinal, MAX_RETRY_DELAY_MS, nextState, retryDelay } from './state.ts';

const logger = createConsoleLogger('error', () => undefined);
const where = { service: 'smtp', host: 'smtp.ac-lyon.fr', port: 465 };

function manualClock(start = Date.parse('2026-09-01T08:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

const account: Account = {
  id: 'a',
  email: 'elodie@ac-lyon.fr',
  displayName: 'Élodie',
  login: 'elodie',
  imap: { host: 'imap.ac-lyon.fr', port: 993, security: 'tls' },
  smtp: { host: 'smtp.ac-lyon.fr', port: 465, security: 'tls' },
  tlsPins: [],
  createdAt: 'now',
};

type Submit = typeof submitMessage;

function setup(play: (beforeMessage: () => boolean) => SendOutcome | Promise<SendOutcome>) {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO accounts VALUES ('a', 'elodie@ac-lyon.fr', '{}', NULL, 'now', NULL)").run();
  const clock = manualClock();
  const repository = new OutboxRepository(db);
  const changed: string[] = [];
  let submits = 0;
  const submitted: Buffer[] = [];
  const submit: Submit = (_login, _network, outgoing, beforeMessage) => {
    submits += 1;
    submitted.push(outgoing.raw);
    return Promise.resolve(play(beforeMessage));
  };
  const service = new OutboxService({
    repository,
    clock,
    logger,
    network: { authorities: [], timeoutMs: 1000 },
    account: (id) => (id === 'a' ? account : undefined),
    password: () => Promise.resolve('secret'),
    withSession: () => Promise.reject(new Error('no IMAP in unit tests')),
    kickTasks: () => undefined,
    onChanged: (id) => changed.push(id),
    submit,
  });
  const tasks = () =>
    db
      .prepare<[], { kind: string; next_at: string; payload_json: string }>(
        "SELECT kind, next_at, payload_json FROM tasks WHERE state = 'pending' ORDER BY next_at",
      )
      .all();
  return { db, clock, repository, service, changed, tasks, submits: () => submits, submitted };
}

const message = composeMessageSchema.parse({
  to: [{ name: 'Paul', address: 'paul@ac-lyon.fr' }],
  subject: 'Sortie',
  text: 'Bonjour',
});

describe('the outbox state machine', () => {
  it('leaves "sending" only by what the server said, or as uncertain', () => {
    expect(nextState('scheduled', 'begin')).toBe('sending');
    expect(nextState('scheduled', 'cancel')).toBe('cancelled');
    expect(nextState('sending', 'cancel')).toBeUndefined();
    expect(nextState('sending', 'begin')).toBeUndefined();
    expect(nextState('sending', 'delivered')).toBe('sent');
    expect(nextState('sending', 'lost')).toBe('uncertain');
    expect(nextState('sending', 'retry')).toBe('scheduled');
    for (const state of ['sent', 'uncertain', 'failed', 'cancelled'] as const) {
      expect(nextState(state, 'begin')).toBeUndefined();
    }
    for (const state of ['sent', 'failed', 'cancelled'] as const) expect(isFinal(state)).toBe(true);
  });

  it('moves an uncertain message on only by the user’s decision, and nothing else', () => {
    expect(isFinal('uncertain')).toBe(false);
    expect(nextState('uncertain', 'resend')).toBe('scheduled');
    expect(nextState('uncertain', 'confirmSent')).toBe('sent');
    expect(nextState('uncertain', 'discard')).toBe('cancelled');
    for (const state of ['scheduled', 'sending', 'sent', 'failed', 'cancelled'] as const)
      for (const event of ['resend', 'confirmSent', 'discard'] as const)
        expect(nextState(state, event)).toBeUndefined();
  });

  it('backs off doubling, up to a ceiling', () => {
    expect([1, 2, 3].map((n) => retryDelay(n, 1000))).toEqual([1000, 2000, 4000]);
    expect(retryDelay(40)).toBe(MAX_RETRY_DELAY_MS);
  });
});

describe('classifySendFailure', () => {
  const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error('smtp'), fields);
  it('a reply after the final dot decides; silence after it is uncertain', () => {
    expect(
      classifySendFailure(smtpError({ responseCode: 554, response: '554 5.7.1 spam' }), true, where),
    ).toMatchObject({
      kind: 'refused',
      error: { code: 'SEND_REFUSED', details: { response: '554 5.7.1 spam' } },
    });
    expect(classifySendFailure(smtpError({ responseCode: 451 }), true, where).kind).toBe('retry');
    expect(classifySendFailure(smtpError({ code: 'ECONNECTION' }), true, where)).toMatchObject({
      kind: 'uncertain',
      error: { code: 'SEND_UNCERTAIN' },
    });
    expect(classifySendFailure(smtpError({ code: 'ETIMEDOUT' }), true, where).kind).toBe('uncertain');
  });

  it('before the message was handed over, a lost connection is safe to retry', () => {
    expect(
      classifySendFailure(smtpError({ code: 'ECONNECTION', originalCode: 'ECONNREFUSED' }), false, where),
    ).toMatchObject({ kind: 'retry', error: { code: 'PORT_CLOSED' } });
    expect(classifySendFailure(smtpError({ code: 'ECONNECTION' }), false, where)).toMatchObject({
      kind: 'retry',
      error: { code: 'NETWORK' },
    });
    expect(classifySendFailure(smtpError({ code: 'EAUTH', responseCode: 535 }), false, where)).toMatchObject({
      kind: 'refused',
      error: { code: 'AUTH_FAILED' },
    });
    expect(classifySendFailure(smtpError({ responseCode: 550 }), false, where).kind).toBe('refused');
  });
});

describe('OutboxService', () => {
  it('queues with the undo delay as the task’s due time', async () => {
    const t = setup(() => ({ kind: 'sent', response: '250 ok' }));
    const { outboxId, sendAt } = await t.service.queue('a', message, 10_000);
    expect(sendAt).toBe('2026-09-01T08:00:10.000Z');
    expect(t.tasks()).toEqual([
      { kind: SEND_TASK, next_at: sendAt, payload_json: JSON.stringify({ accountId: 'a', outboxId }) },
    ]);
    expect(t.service.list('a')).toMatchObject([
      { id: outboxId, state: 'scheduled', subject: 'Sortie', attempts: 0 },
    ]);
    expect(t.changed).toEqual(['a']);
  });

  it('commits "sending" before the message leaves, then files the copy after 250', async () => {
    const seenDuring: string[] = [];
    const t = setup((beforeMessage) => {
      expect(beforeMessage()).toBe(true);
      seenDuring.push(t.service.list()[0]?.state ?? '');
      return { kind: 'sent', response: '250 2.0.0 queued' };
    });
    const { outboxId } = await t.service.queue('a', message, 0);
    await t.service.runSend({ accountId: 'a', outboxId });
    expect(seenDuring).toEqual(['sending']);
    expect(t.service.list()[0]).toMatchObject({ state: 'sent', sentCopy: 'pending', attempts: 1 });
    expect(t.tasks().map((task) => task.kind)).toEqual([SEND_TASK, SENT_COPY_TASK]);
    // The finished send task's row is the queue's; a second run of it sends nothing.
    await t.service.runSend({ accountId: 'a', outboxId });
    expect(t.submits()).toBe(1);
  });

  it('offline: stays scheduled with the error and a later attempt', async () => {
    const t = setup(() => ({ kind: 'retry', error: new CartableError('PORT_CLOSED', where) }));
    const { outboxId } = await t.service.queue('a', message, 0);
    await t.service.runSend({ accountId: 'a', outboxId });
    const [item] = t.service.list();
    expect(item).toMatchObject({ state: 'scheduled', attempts: 1, error: { code: 'PORT_CLOSED' } });
    expect(item?.sendAt).toBe('2026-09-01T08:00:02.000Z');
    expect(t.tasks().at(-1)?.next_at).toBe(item?.sendAt);
  });

  it('after the final dot without an answer: uncertain, and never submitted again', async () => {
    const t = setup((beforeMessage) => {
      beforeMessage();
      return { kind: 'uncertain', error: new CartableError('SEND_UNCERTAIN', where) };
    });
    const { outboxId } = await t.service.queue('a', message, 0);
    await t.service.runSend({ accountId: 'a', outboxId });
    await t.service.runSend({ accountId: 'a', outboxId });
    expect(t.service.list()[0]).toMatchObject({ state: 'uncertain', error: { code: 'SEND_UNCERTAIN' } });
    expect(t.submits()).toBe(1);
  });

  it('a refusal is final, with the server’s words', async () => {
    const t = setup((beforeMessage) => {
      beforeMessage();
      return { kind: 'refused', error: new CartableError('SEND_REFUSED', { response: '552 too big' }) };
    });
    const { outboxId } = await t.service.queue('a', message, 0);
    await t.service.runSend({ accountId: 'a', outboxId });
    expect(t.service.list()[0]).toMatchObject({
      state: 'failed',
      error: { details: { response: '552 too big' } },
    });
  });

  it('undo: cancels a waiting send and its task; too late once it is sending', async () => {
    const t = setup(() => ({ kind: 'sent', response: '250' }));
    const first = await t.service.queue('a', message, 10_000);
    expect(t.service.cancel(first.outboxId)).toBe(true);
    expect(t.service.cancel(first.outboxId)).toBe(false);
    expect(t.tasks()).toEqual([]);
    await t.service.runSend({ accountId: 'a', outboxId: first.outboxId });
    expect(t.submits()).toBe(0);
    expect(t.service.list()[0]?.state).toBe('cancelled');

    // Cancelled while the task was connecting: the gate says no and nothing is sent.
    let gate: boolean | undefined;
    const racing = setup((beforeMessage) => {
      expect(racing.service.cancel(second.outboxId)).toBe(true);
      gate = beforeMessage();
      return gate ? { kind: 'sent', response: '250' } : { kind: 'skipped' };
    });
    const second = await racing.service.queue('a', message, 0);
    await racing.service.runSend({ accountId: 'a', outboxId: second.outboxId });
    expect(gate).toBe(false);
    expect(racing.service.list()[0]?.state).toBe('cancelled');

    // Once 'sending' is committed, undo is refused.
    const late = setup((beforeMessage) => {
      beforeMessage();
      expect(late.service.cancel(third.outboxId)).toBe(false);
      return { kind: 'sent', response: '250' };
    });
    const third = await late.service.queue('a', message, 0);
    await late.service.runSend({ accountId: 'a', outboxId: third.outboxId });
    expect(late.service.list()[0]?.state).toBe('sent');
  });

  it('at start: a row caught "sending" becomes uncertain; a scheduled row without a task gets one', async () => {
    const t = setup(() => ({ kind: 'sent', response: '250' }));
    const inFlight = await t.service.queue('a', message, 0);
    const orphan = await t.service.queue('a', message, 0);
    t.db.prepare("UPDATE outbox SET state = 'sending' WHERE id = ?").run(inFlight.outboxId);
    t.db.prepare('DELETE FROM tasks').run();
    t.service.recover();
    const states = new Map(t.service.list().map((item) => [item.id, item]));
    expect(states.get(inFlight.outboxId)).toMatchObject({
      state: 'uncertain',
      error: { code: 'SEND_UNCERTAIN' },
    });
    expect(states.get(orphan.outboxId)?.state).toBe('scheduled');
    expect(t.tasks().map((task) => JSON.parse(task.payload_json) as unknown)).toEqual([
      { accountId: 'a', outboxId: orphan.outboxId },
    ]);
    await t.service.runSend({ accountId: 'a', outboxId: inFlight.outboxId });
    expect(t.submits()).toBe(0);
  });
});

describe('OutboxService.resolveUncertain', () => {
  /** A message whose connection was cut after the final dot the first time, then goes. */
  async function uncertain() {
    let first = true;
    const t = setup((beforeMessage) => {
      beforeMessage();
      if (!first) return { kind: 'sent', response: '250' };
      first = false;
      return { kind: 'uncertain', error: new CartableError('SEND_UNCERTAIN', where) };
    });
    const { outboxId } = await t.service.queue('a', message, 0);
    await t.service.runSend({ accountId: 'a', outboxId });
    t.db.prepare("UPDATE tasks SET state = 'done'").run(); // what the queue does after the run
    expect(t.service.list()[0]?.state).toBe('uncertain');
    return { ...t, outboxId };
  }
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof CartableError ? error.toShape() : 'other';
    }
    return 'none';
  };

  it('resend: the same bytes (same Message-ID) again, as a new task due now', async () => {
    const t = await uncertain();
    t.clock.advance(60_000);
    expect(t.service.resolveUncertain(t.outboxId, 'resend')).toEqual({ state: 'scheduled' });
    const [item] = t.service.list();
    expect(item).toMatchObject({ state: 'scheduled', sendAt: t.clock.now().toISOString() });
    expect(item?.error).toBeUndefined();
    expect(t.tasks().map((task) => [task.kind, task.next_at])).toEqual([
      [SEND_TASK, t.clock.now().toISOString()],
    ]);
    await t.service.runSend({ accountId: 'a', outboxId: t.outboxId });
    expect(t.service.list()[0]).toMatchObject({ state: 'sent', attempts: 2 });
    expect(t.submitted).toHaveLength(2);
    expect(t.submitted[1]?.equals(t.submitted[0] ?? Buffer.alloc(0))).toBe(true);
  });

  it('markSent: sent, and its copy filed in Sent by a task', async () => {
    const t = await uncertain();
    expect(t.service.resolveUncertain(t.outboxId, 'markSent')).toEqual({ state: 'sent' });
    expect(t.service.list()[0]).toMatchObject({ state: 'sent', sentCopy: 'pending' });
    expect(t.tasks().map((task) => task.kind)).toEqual([SENT_COPY_TASK]);
    expect(t.submits()).toBe(1);
  });

  it('discard: dropped, nothing queued, nothing sent', async () => {
    const t = await uncertain();
    expect(t.service.resolveUncertain(t.outboxId, 'discard')).toEqual({ state: 'cancelled' });
    expect(t.tasks()).toEqual([]);
    await t.service.runSend({ accountId: 'a', outboxId: t.outboxId });
    expect(t.submits()).toBe(1);
  });

  it('refuses a second decision, an item that is not uncertain, and an unknown one', async () => {
    const t = await uncertain();
    t.service.resolveUncertain(t.outboxId, 'resend');
    expect(refusal(() => t.service.resolveUncertain(t.outboxId, 'resend'))).toEqual({
      code: 'SEND_NOT_UNCERTAIN',
      details: { outboxId: t.outboxId, state: 'scheduled' },
    });
    expect(t.tasks()).toHaveLength(1);
    expect(refusal(() => t.service.resolveUncertain('nope', 'discard'))).toEqual({
      code: 'SEND_NOT_UNCERTAIN',
      details: { outboxId: 'nope', state: 'missing' },
    });
  });
});
