/**
 * An invitation as SOGo mails it to an outside attendee reaches the reader's
 * card: the core lists its text/calendar part and reads that part's text
 * from the server on request, and refuses to read other parts that way.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { injectMail, syncUntilDelivered } from '../support/mail/deliver.ts';
import { sogoInvitation } from '../support/mail/invitation.ts';
import { caPem, user } from '../support/stack.ts';

const alice = user('alice');
const tag = randomUUID().slice(0, 8);
/** As SOGo 5 writes it (the renderer's card is tested on the full one, ics-fixtures.ts). */
const invitation = sogoInvitation(alice.email, {
  summary: 'Conseil pédagogique – projet d’établissement',
});
let app: TestCore;
let accountId: string;

beforeAll(async () => {
  app = startTestCore({ watchMail: false, recentBodies: false, extraCaPem: [caPem()] });
  accountId = await signIn(app, alice);
  await injectMail({
    from: 'Marie Dupont <marie.dupont@ac-lyon.example.test>',
    to: alice.email,
    subject: `Invitation : Conseil pédagogique ${tag}`,
    text: 'Vous êtes invitée au conseil pédagogique.',
    icalEvent: { method: 'REQUEST', content: invitation },
    attachments: [{ filename: 'ordre-du-jour.txt', content: 'Bilan du trimestre' }],
  });
});
afterAll(() => app?.close());

async function invitationId(): Promise<number> {
  const [found] = await syncUntilDelivered(app, accountId, tag, 1);
  if (!found) throw new Error('invitation not delivered');
  return found.id;
}

describe('an invitation in the core', () => {
  it('lists its calendar part and reads its text, and reads no other part that way', async () => {
    const messageId = await invitationId();
    const body = await app.client.invoke('mail.getBody', { messageId });
    const calendar = body.parts.find((part) => part.mimeType === 'text/calendar');
    expect(calendar?.partId).toBeTruthy();
    const { text } = await app.client.invoke('mail.readCalendarPart', {
      messageId,
      partId: calendar?.partId ?? '',
    });
    expect(text).toContain('METHOD:REQUEST');
    expect(text).toContain('SUMMARY:Conseil pédagogique – projet d’établissement');
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20261112T140000');

    const other = body.parts.find((part) => part.filename === 'ordre-du-jour.txt');
    expect(other?.partId).toBeTruthy();
    await expect(
      app.client.invoke('mail.readCalendarPart', { messageId, partId: other?.partId ?? '' }),
    ).rejects.toMatchObject({ code: 'MESSAGE_NOT_FOUND' });
  });
});
