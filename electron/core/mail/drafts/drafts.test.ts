import { describe, expect, it } from 'vitest';
import {
  CartableError,
  composeMessageSchema,
  draftMessageSchema,
  type Account,
  type DraftMessage,
} from '../../../../shared/contract/index.ts';
import { openDatabase } from '../../db/database.ts';
import { appendFailure, draftHeaderValue } from '../../imap/drafts.ts';
import { createConsoleLogger } from '../../log.ts';
import type { Clock } from '../../ports.ts';
import type { SendOutcome } from '../../smtp/send.ts';
import { OutboxRepository } from '../outbox/outbox-repository.ts';
import { OutboxService } from '../outbox/outbox-service.ts';
import { DraftRepository } from './draft-repository.ts';
import { DraftService } from './draft-service.ts';
import { draftTaskKinds } from './model.ts';

const where = { service: 'imap', host: 'imap.ac-lyon.fr', port: 993 };

function account(id: string): Account {
  return {
    id,
    email: `${id}@ac-lyon.fr`,
    displayName: 'Élodie',
    login: id,
    imap: { host: 'imap.ac-lyon.fr', port: 993, security: 'tls' },
    smtp: { host: 'smtp.ac-lyon.fr', port: 465, security: 'tls' },
    tlsPins: [],
    createdAt: 'now',
  };
}

function manualClock(start = Date.parse('2026-09-01T08:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

function setup() {
  const db = openDatabase(':memory:');
  for (const id of ['a', 'b'])
    db.prepare("INSERT INTO accounts VALUES (?, ?, '{}', NULL, 'now', NULL)").run(id, `${id}@ac-lyon.fr`);
  const clock = manualClock();
  const repository = new DraftRepository(db);
  const changed: string[] = [];
  const service = new DraftService({
    repository,
    clock,
    account: (id) => (id === 'a' || id === 'b' ? account(id) : undefined),
    kickTasks: () => undefined,
    onChanged: (id) => changed.push(id),
  });
  const tasks = (state = 'pending') =>
    db
      .prepare<[string], { kind: string; payload_json: string }>(
        'SELECT kind, payload_json FROM tasks WHERE state = ? ORDER BY created_at, rowid',
      )
      .all(state)
      .map((row) => ({ kind: row.kind, ...(JSON.parse(row.payload_json) as object) }));
  return { db, clock, repository, service, changed, tasks };
}

function typed(text: string, input: Partial<DraftMessage> = {}): DraftMessage {
  return draftMessageSchema.parse({ subject: 'Conseil de classe', text, ...input });
}

describe('the draft model', () => {
  it('lets a draft wait for its recipients; sending still needs one', () => {
    expect(draftMessageSchema.safeParse({ text: 'Bonjour' }).success).toBe(true);
    expect(composeMessageSchema.safeParse({ text: 'Bonjour' }).success).toBe(false);
  });
});

describe('saving drafts', () => {
  it('keeps the latest text at once and queues one upload however many saves come before it runs', () => {
    const { service, repository, tasks } = setup();
    const { draftId } = service.save('a', undefined, typed('Bonjour'));
    for (const text of ['Bonjour à tous', 'Bonjour à tous,\nÀ jeudi', 'Bonjour à tous,\nÀ jeudi.'])
      expect(service.save('a', draftId, typed(text))).toEqual({ draftId });
    expect(tasks()).toEqual([{ kind: draftTaskKinds.upload, accountId: 'a', draftId }]);
    expect(service.open(draftId)).toMatchObject({
      id: draftId,
      accountId: 'a',
      onServer: false,
      message: { text: 'Bonjour à tous,\nÀ jeudi.' },
    });
    const stored = repository.get(draftId);
    expect(stored?.version).toBe(4);
    expect(service.list('a')).toEqual([
      expect.objectContaining({ id: draftId, subject: 'Conseil de classe', to: [], onServer: false }),
    ]);
  });

  it('gives every version its own Message-ID part', () => {
    const { service, repository } = setup();
    const { draftId } = service.save('a', undefined, typed('un'));
    const first = repository.get(draftId)?.versionId;
    service.save('a', draftId, typed('deux'));
    expect(repository.get(draftId)?.versionId).not.toBe(first);
  });

  it('queues a new upload for a save made while the previous one runs', () => {
    const { db, service, tasks } = setup();
    const { draftId } = service.save('a', undefined, typed('un'));
    db.prepare("UPDATE tasks SET state = 'running'").run();
    service.save('a', draftId, typed('deux'));
    expect(tasks()).toEqual([{ kind: draftTaskKinds.upload, accountId: 'a', draftId }]);
    expect(tasks('running')).toHaveLength(1);
  });

  it('marks a version uploaded only while it is still the latest', () => {
    const { service, repository } = setup();
    const { draftId } = service.save('a', undefined, typed('un'));
    service.save('a', draftId, typed('deux'));
    expect(repository.markUploaded(draftId, 1)).toBe(false);
    expect(service.open(draftId).onServer).toBe(false);
    repository.setError(draftId, new CartableError('QUOTA_EXCEEDED'));
    expect(service.open(draftId).error).toEqual({ code: 'QUOTA_EXCEEDED' });
    expect(repository.markUploaded(draftId, 2)).toBe(true);
    const reopened = service.open(draftId);
    expect(reopened.onServer).toBe(true);
    expect(reopened.error).toBeUndefined();
  });

  it('removes the copy from the first account when the user changes the sender', () => {
    const { service, tasks, changed } = setup();
    const { draftId } = service.save('a', undefined, typed('un'));
    service.save('b', draftId, typed('un'));
    expect(tasks()).toEqual([
      { kind: draftTaskKinds.upload, accountId: 'a', draftId },
      { kind: draftTaskKinds.upload, accountId: 'b', draftId },
      { kind: draftTaskKinds.removeCopies, accountId: 'a', draftId },
    ]);
    expect(changed).toContain('a');
    expect(service.list('a')).toEqual([]);
  });

  it('refuses an unknown account and an unknown draft', () => {
    const { service } = setup();
    expect(() => service.save('z', undefined, typed('x'))).toThrow(/ACCOUNT_NOT_FOUND/);
    expect(() => service.open('1b4e28ba-2fa1-11d2-883f-0016d3cca427')).toThrow(/DRAFT_NOT_FOUND/);
  });

  it('keeps a save racing a delete under the same id', () => {
    const { service } = setup();
    const { draftId } = service.save('a', undefined, typed('un'));
    service.delete(draftId);
    service.save('a', draftId, typed('tapé pendant la suppression'));
    expect(service.open(draftId).message.text).toBe('tapé pendant la suppression');
  });
});

describe('deleting drafts', () => {
  it('is gone here at once, its server copies removed by a task; twice is harmless', () => {
    const { service, tasks } = setup();
    const { draftId } = service.save('a', undefined, typed('un'));
    expect(service.delete(draftId)).toEqual({ deleted: true });
    expect(service.list()).toEqual([]);
    expect(tasks()).toContainEqual({ kind: draftTaskKinds.removeCopies, accountId: 'a', draftId });
    expect(service.delete(draftId)).toEqual({ deleted: false });
    expect(tasks().filter((t) => t.kind === draftTaskKinds.removeCopies)).toHaveLength(1);
  });
});

describe('recovering at start', () => {
  it('queues again the upload of a draft whose task gave up, and removals that gave up', () => {
    const { db, service, tasks } = setup();
    const { draftId } = service.save('a', undefined, typed('un'));
    const other = service.save('a', undefined, typed('deux')).draftId;
    service.delete(other);
    db.prepare("UPDATE tasks SET state = 'failed'").run();
    service.recover();
    expect(tasks()).toEqual(
      expect.arrayContaining([
        { kind: draftTaskKinds.upload, accountId: 'a', draftId },
        { kind: draftTaskKinds.removeCopies, accountId: 'a', draftId: other },
      ]),
    );
    expect(tasks()).toHaveLength(2);
    service.recover();
    expect(tasks()).toHaveLength(2);
  });
});

describe('sending a draft', () => {
  function withOutbox(play: SendOutcome) {
    const rig = setup();
    const outbox = new OutboxService({
      repository: new OutboxRepository(rig.db),
      clock: rig.clock,
      logger: createConsoleLogger('error', () => undefined),
      network: { authorities: [], timeoutMs: 1000 },
      account: (id) => (id === 'a' ? account('a') : undefined),
      password: () => Promise.resolve('secret'),
      withSession: () => Promise.reject(new Error('no IMAP in unit tests')),
      kickTasks: () => undefined,
      onChanged: () => undefined,
      submit: (_login, _network, _outgoing, beforeMessage) => {
        beforeMessage();
        return Promise.resolve(play);
      },
      draftSent: (id) => rig.service.sent(id),
    });
    return { ...rig, outbox };
  }
  const ready = { to: [{ name: 'Paul', address: 'paul@ac-lyon.fr' }] };

  it('removes the draft once the server accepted the message', async () => {
    const { service, outbox, tasks } = withOutbox({ kind: 'sent', response: '250 OK' });
    const { draftId } = service.save('a', undefined, typed('Bonjour', ready));
    const message = composeMessageSchema.parse(service.open(draftId).message);
    const { outboxId } = await outbox.queue('a', message, 0, draftId);
    expect(service.list()).toHaveLength(1);
    await outbox.runSend({ accountId: 'a', outboxId });
    expect(service.list()).toEqual([]);
    expect(tasks()).toContainEqual({ kind: draftTaskKinds.removeCopies, accountId: 'a', draftId });
  });

  it('keeps the draft when the send is undone or refused', async () => {
    const { service, outbox } = withOutbox({ kind: 'refused', error: new CartableError('SEND_REFUSED') });
    const { draftId } = service.save('a', undefined, typed('Bonjour', ready));
    const message = composeMessageSchema.parse(service.open(draftId).message);
    const undone = await outbox.queue('a', message, 10_000, draftId);
    expect(outbox.cancel(undone.outboxId)).toBe(true);
    const refused = await outbox.queue('a', message, 0, draftId);
    await outbox.runSend({ accountId: 'a', outboxId: refused.outboxId });
    expect(service.open(draftId).message.text).toBe('Bonjour');
  });
});

describe('the IMAP side', () => {
  it('reads the X-Cartable-Draft value back from a fetched header block, folded or not', () => {
    expect(draftHeaderValue(Buffer.from('X-Cartable-Draft: 1b4e28ba\r\n\r\n'))).toBe('1b4e28ba');
    expect(draftHeaderValue(Buffer.from('x-cartable-draft:\r\n 1b4e28ba\r\n\r\n'))).toBe('1b4e28ba');
    expect(draftHeaderValue(Buffer.from('\r\n'))).toBeUndefined();
    expect(draftHeaderValue(undefined)).toBeUndefined();
  });

  it('tells a full mailbox from other refusals of APPEND', () => {
    const refusal = (serverResponseCode: string | undefined) =>
      Object.assign(new Error('Command failed'), {
        serverResponseCode,
        response: 'NO [OVERQUOTA] Quota exceeded (mailbox for user is full)',
      });
    expect(appendFailure(refusal('OVERQUOTA'), where)).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { response: 'NO [OVERQUOTA] Quota exceeded (mailbox for user is full)' },
    });
    expect(appendFailure(refusal('TOOBIG'), where).code).toBe('MESSAGE_TOO_LARGE');
    expect(appendFailure(refusal(undefined), where).code).toBe('PROTOCOL_ERROR');
    expect(appendFailure(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), where).code).toBe(
      'NETWORK',
    );
  });
});
