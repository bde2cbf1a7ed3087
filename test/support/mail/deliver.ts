/**
 * Mail into the stack as the outside world sends it: a stack user through
 * the authenticated submission port, as their own mail client would, or
 * another school's server through the local injection port. Postfix and
 * Dovecot's LMTP deliver quickly but not instantly: poll with serverHas, or
 * sync until the cache holds the tagged messages.
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { MessageSummary } from '../../../shared/contract/index.ts';
import type { TestCore } from '../core.ts';
import { caPem, endpoints, type StackUser } from '../stack.ts';
import { connect } from './imap-admin.ts';

/** Through the submission port (SMTPS), authenticated as `from`. */
export async function submitAs(from: StackUser, mail: SendMailOptions): Promise<void> {
  const transport = nodemailer.createTransport({
    host: endpoints.submissions.host,
    port: endpoints.submissions.port,
    secure: true,
    tls: { ca: [caPem()] },
    auth: { user: from.login, pass: from.password },
  });
  await transport.sendMail(mail);
  transport.close();
}

/** Port 1025: the stack's local injection port (no AUTH, loopback only), as another school's server would. */
export async function injectMail(mail: SendMailOptions): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: 1025,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail(mail);
  transport.close();
}

/** Whether `owner`'s folder on the server holds a message with this subject, read over IMAP. */
export async function serverHas(owner: StackUser, folder: string, subject: string): Promise<boolean> {
  const client = await connect(owner);
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      const found = await client.search({ subject }, { uid: true });
      return Array.isArray(found) && found.length > 0;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/**
 * Syncs until `count` messages whose subject contains `tag` are in the
 * account's cached inbox; returns them, newest first, for tests that then
 * open one.
 */
export async function syncUntilDelivered(
  app: TestCore,
  accountId: string,
  tag: string,
  count: number,
): Promise<MessageSummary[]> {
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
      limit: 200,
    });
    const delivered = messages.filter((message) => message.subject.includes(tag));
    if (delivered.length >= count) return delivered;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('test mail not delivered');
}
