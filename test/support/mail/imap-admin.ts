/**
 * A second IMAP client for tests: it seeds folders and changes them behind
 * the engine's back, over its own connection to the real Dovecot, the way
 * another device (or SOGo's web mail) would.
 */
import { randomUUID } from 'node:crypto';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { caPem, endpoints, type StackUser } from '../stack.ts';
import type { GeneratedMessage } from './corpus.ts';

export interface ServerMessage {
  uid: number;
  flags: string[];
  size: number;
}

/** `options` add to or override the stack's connection settings (e.g. the bench's disableAutoIdle). */
export async function connect(user: StackUser, options: Partial<ImapFlowOptions> = {}): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: endpoints.imaps.host,
    port: endpoints.imaps.port,
    secure: true,
    tls: { ca: [caPem()] },
    auth: { user: user.login, pass: user.password },
    logger: false,
    ...options,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** A folder of its own for one test, so tests never see each other's mail. */
export async function createTestFolder(client: ImapFlow, prefix = 'Tests'): Promise<string> {
  const path = `${prefix}/${randomUUID().slice(0, 8)}`;
  await client.mailboxCreate(path);
  return path;
}

/** Deletes the folders tests created under `prefix` (theirs, or ones a killed run left behind). */
export async function deleteTestFolders(client: ImapFlow, prefix = 'Tests'): Promise<void> {
  for (const folder of await client.list()) {
    if (folder.path === prefix || folder.path.startsWith(`${prefix}/`)) {
      await client.mailboxDelete(folder.path).catch(() => undefined);
    }
  }
}

export async function append(
  client: ImapFlow,
  path: string,
  messages: readonly GeneratedMessage[],
): Promise<void> {
  for (const message of messages) await client.append(path, message.raw, message.flags, message.internalDate);
}

/** UID → flags (sorted) and size, straight from the server. */
export async function serverState(client: ImapFlow, path: string): Promise<Map<number, ServerMessage>> {
  const lock = await client.getMailboxLock(path);
  try {
    const state = new Map<number, ServerMessage>();
    if (client.mailbox && client.mailbox.exists === 0) return state;
    for (const message of await client.fetchAll('1:*', { uid: true, flags: true, size: true })) {
      state.set(message.uid, {
        uid: message.uid,
        // \\Recent is this connection's own view (RFC 3501 §2.3.2), not the message's state.
        flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(),
        size: message.size ?? 0,
      });
    }
    return state;
  } finally {
    lock.release();
  }
}

export async function withMailbox<T>(client: ImapFlow, path: string, run: () => Promise<T>): Promise<T> {
  const lock = await client.getMailboxLock(path);
  try {
    return await run();
  } finally {
    lock.release();
  }
}

/**
 * UIDs of messages in `folder` whose subject contains `subject`. NOOP first: a
 * session that keeps the folder selected learns of messages others appended
 * (or Postfix delivered) only when it asks.
 */
export async function uidsWithSubject(client: ImapFlow, folder: string, subject: string): Promise<number[]> {
  return withMailbox(client, folder, async () => {
    await client.noop();
    return (await client.search({ subject }, { uid: true })) || [];
  });
}

/** The path of `owner`'s folder with this special use (RFC 6154), e.g. '\\Sent'. */
export async function specialFolderPath(
  client: ImapFlow,
  specialUse: string,
  owner: string,
): Promise<string> {
  const folder = (await client.list()).find((f) => f.specialUse === specialUse);
  if (!folder) throw new Error(`${owner} has no ${specialUse.slice(1)} folder`);
  return folder.path;
}
