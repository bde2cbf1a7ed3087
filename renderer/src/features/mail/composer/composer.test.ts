import { describe, expect, it } from 'vitest';
import { FakeRpc } from '../../../lib/rpc/testing.ts';
import { parseEntries } from './addresses.ts';
import { Autosave } from './autosave.ts';
import type { ComposeInitial } from './compose-request.ts';
import { Composer } from './composer.svelte.ts';

const DRAFT_ID = '0b7f3c1e-2a4d-4c8e-9f1a-6d5e4c3b2a10';
const initial: ComposeInitial = {
  accountId: 'acc',
  to: [{ name: 'Bob', address: 'bob@example.org' }],
  cc: [],
  bcc: [],
  subject: 'Sortie',
  html: '<p>Bonjour <strong>Bob</strong></p>',
  attachments: [],
  inReplyTo: '<m1@example.org>',
  references: ['<m1@example.org>'],
};

function setup() {
  const rpc = new FakeRpc({
    'mail.saveDraft': () => ({ draftId: DRAFT_ID }),
    'mail.send': () => ({ outboxId: 'out-1', sendAt: '2026-11-24T10:00:10.000Z' }),
    'mail.deleteDraft': () => ({ deleted: true }),
  });
  // No timers in these tests: saves happen on flush only.
  const composer = new Composer(rpc, initial, (save) => new Autosave(save, 1e9, 1e9));
  return { rpc, composer };
}

describe('the message being written', () => {
  it('saves a draft with both bodies and its threading headers, then reuses the draft id', async () => {
    const { rpc, composer } = setup();
    composer.changed();
    await composer.close();
    composer.subject = 'Sortie (2)';
    composer.changed();
    await composer.close();
    const saves = rpc.callsOf('mail.saveDraft');
    expect(saves).toHaveLength(2);
    expect(saves[0]?.draftId).toBeUndefined();
    expect(saves[1]?.draftId).toBe(DRAFT_ID);
    expect(saves[0]?.message.text).toBe('Bonjour Bob');
    expect(saves[0]?.message.html).toContain('<strong>Bob</strong>');
    expect(saves[0]?.message.inReplyTo).toBe('<m1@example.org>');
    expect(composer.saveStatus).toBe('saved');
  });

  it('sends with its draft, so the engine removes the draft once sent', async () => {
    const { rpc, composer } = setup();
    composer.changed();
    await composer.close();
    const sent = await composer.send();
    expect(sent).toEqual({ outboxId: 'out-1', sendAt: Date.parse('2026-11-24T10:00:10.000Z') });
    expect(rpc.callsOf('mail.send')[0]?.draftId).toBe(DRAFT_ID);
    // A pending autosave does not put the draft back after the send.
    await composer.close();
    expect(rpc.callsOf('mail.saveDraft')).toHaveLength(1);
  });

  it('does not send without a recipient, with an invalid one, or with a file the core cannot read', async () => {
    const { rpc, composer } = setup();
    composer.to = [];
    expect(composer.sendBlock).toBe('noRecipient');
    composer.to = parseEntries('bob@example');
    expect(composer.sendBlock).toBe('invalidRecipient');
    composer.to = parseEntries('bob@example.org');
    composer.attachments = [{ key: 'k', name: 'a.pdf', size: 10, path: undefined }];
    expect(composer.sendBlock).toBe('attachmentPending');
    composer.attachments = [{ key: 'k', name: 'a.pdf', size: 10, path: undefined, stagedId: 'x' }];
    expect(composer.sendBlock).toBeUndefined();
    composer.attachments = [{ key: 'k', name: 'a.pdf', size: 30 * 1024 * 1024, path: '/tmp/a.pdf' }];
    expect(composer.sendBlock).toBe('tooLarge');
    expect(await composer.send()).toBeUndefined();
    expect(rpc.callsOf('mail.send')).toHaveLength(0);
  });

  it('keeps the error of a failed save and tries again at the next flush', async () => {
    let fail = true;
    const rpc = new FakeRpc({
      'mail.saveDraft': () => {
        if (fail) throw new Error('offline');
        return { draftId: DRAFT_ID };
      },
    });
    const composer = new Composer(rpc, initial, (save) => new Autosave(save, 1e9, 1e9));
    composer.changed();
    await composer.close();
    expect(composer.saveStatus).toBe('error');
    fail = false;
    await composer.close();
    expect(composer.saveStatus).toBe('saved');
  });

  it('discards: the draft is deleted and nothing is saved any more', async () => {
    const { rpc, composer } = setup();
    composer.changed();
    await composer.close();
    composer.changed();
    await composer.discard();
    await composer.close();
    expect(rpc.callsOf('mail.deleteDraft')).toEqual([{ draftId: DRAFT_ID }]);
    expect(rpc.callsOf('mail.saveDraft')).toHaveLength(1);
  });
});
