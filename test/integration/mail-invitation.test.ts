/**
 * An invitation as SOGo mails it to an outside attendee reaches the reader's
 * card: the core lists its text/calendar part and reads that part's text
 * from the server on request, and refuses to read other parts that way.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { caPem, user } from '../support/stack.ts';

const alice = user('alice');
const tag = randomUUID().slice(0, 8);
/** As SOGo 5 writes it (the renderer's card is tested on the full one, ics-fixtures.ts). */
const sogoInvitation = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Inverse inc./SOGo 5.11.2//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:4D2A-6718F3A0-5-1B7E8C00',
  'SUMMARY:Conseil pédagogique – projet d’établissement',
  'DTSTART;TZID=Europe/Paris:20261112T140000',
  'DTEND;TZID=Europe/Paris:20261112T160000',
  'ORGANIZER;CN="Dupont, Marie":mailto:marie.dupont@ac-lyon.example.test',
  `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Alice Martin:mailto:${alice.email}`,
  'DTSTAMP:20261020T101500Z',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');
let app: TestCore;
let accountId: string;

beforeAll(async () => {
  app = startTestCore({ watchMail: false, recentBodies: false, extraCaPem: [caPem()] });
  accountId = await signIn(app, alice);
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: 1025,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from: 'Marie Dupont <marie.dupont@ac-lyon.example.test>',
    to: alice.email,
    subject: `Invitation : Conseil pédagogique ${tag}`,
    text: 'Vous êtes invitée au conseil pédagogique.',
    icalEvent: { method: 'REQUEST', content: sogoInvitation },
    attachments: [{ filename: 'ordre-du-jour.txt', content: 'Bilan du trimestre' }],
  });
  transport.close();
});
afterAll(() => app?.close());

async function invitationId(): Promise<number> {
  const inbox = (await app.client.invoke('mail.listFolders', { accountId })).find(
    (f) => f.specialUse === 'inbox',
  );
  if (!inbox) throw new Error('no inbox');
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await app.client.invoke('mail.syncAccount', { accountId });
    await app.core.idle();
    const { messages } = await app.client.invoke('mail.listMessages', {
      folderId: inbox.id,
      sort: 'date',
      order: 'desc',
      offset: 0,
      limit: 100,
    });
    const found = messages.find((message) => message.subject.includes(tag));
    if (found) return found.id;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('invitation not delivered');
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
