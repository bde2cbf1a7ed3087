/**
 * Attachments uploaded by the page (the browser host knows no file paths): alice stages a
 * 1.5 MB file in chunks, sends it to bob through the real Postfix, bob's copy carries it byte
 * for byte, and the staged file is gone once the server accepted the message.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_CHUNK_BYTES } from '../../shared/contract/index.ts';
import { signIn, type TestCore } from '../support/core.ts';
import { connect, uidsWithSubject, withMailbox } from '../support/mail/imap-admin.ts';
import { coreOpener, waitFor } from '../support/mail/send-setup.ts';
import { user } from '../support/stack.ts';

const alice = user('alice');
const bob = user('bob');
let bobAdmin: ImapFlow;
let app: TestCore;

beforeAll(async () => {
  bobAdmin = await connect(bob);
  app = coreOpener().start();
});
afterAll(async () => {
  await app.close();
  await bobAdmin.logout();
});

async function stage(name: string, bytes: Buffer): Promise<string> {
  let uploadId: string | undefined;
  for (let offset = 0; ; offset += STAGE_CHUNK_BYTES) {
    const final = offset + STAGE_CHUNK_BYTES >= bytes.length;
    const result = await app.client.invoke('mail.stageAttachment', {
      ...(uploadId ? { uploadId } : {}),
      name,
      type: 'application/pdf',
      chunkBase64: bytes.subarray(offset, offset + STAGE_CHUNK_BYTES).toString('base64'),
      final,
    });
    uploadId = result.uploadId;
    expect(result.size).toBe(Math.min(offset + STAGE_CHUNK_BYTES, bytes.length));
    if (final) return result.stagedId ?? '';
  }
}

async function bobsCopy(tag: string): Promise<Buffer | undefined> {
  const [uid] = await uidsWithSubject(bobAdmin, 'INBOX', tag);
  if (uid === undefined) return undefined;
  return withMailbox(bobAdmin, 'INBOX', async () => {
    const message = await bobAdmin.fetchOne(String(uid), { source: true }, { uid: true });
    return message ? message.source : undefined;
  });
}

describe('staged attachments', () => {
  it('alice sends bob a 1.5 MB file uploaded in chunks; his copy has it byte for byte', async () => {
    const accountId = await signIn(app, alice);
    const bytes = randomBytes(1_500_000);
    const stagedId = await stage('../bulletin trimestriel.pdf', bytes);
    const stagingDir = path.join(app.profileDir, 'staged-attachments');
    expect(readdirSync(path.join(stagingDir, stagedId))).toEqual(['_bulletin trimestriel.pdf']);

    const tag = randomUUID();
    await app.client.invoke('mail.send', {
      accountId,
      message: {
        to: [{ name: 'Bob', address: bob.email }],
        subject: `Bulletin ${tag}`,
        text: 'Ci-joint le bulletin.',
        attachments: [{ stagedId, name: 'bulletin trimestriel.pdf' }],
      },
      undoDelayMs: 0,
    });
    const source = await waitFor(() => bobsCopy(tag), 'delivery to bob');
    const parsed = await PostalMime.parse(source);
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]?.filename).toBe('_bulletin trimestriel.pdf');
    expect(Buffer.from(parsed.attachments[0]?.content as ArrayBuffer).equals(bytes)).toBe(true);
    // Accepted by the server: the staged file is no longer needed.
    await waitFor(
      () => Promise.resolve(existsSync(path.join(stagingDir, stagedId)) ? undefined : true),
      'cleanup',
      10_000,
    );
  });

  it('refuses a staged id that names no staged file, and a malformed upload id', async () => {
    const accountId = (await app.client.invoke('accounts.list', {}))[0]?.id ?? '';
    await expect(
      app.client.invoke('mail.send', {
        accountId,
        message: {
          to: [{ name: 'Bob', address: bob.email }],
          subject: 'absent',
          text: '',
          attachments: [{ stagedId: randomUUID(), name: 'absent.pdf' }],
        },
      }),
    ).rejects.toMatchObject({ code: 'ATTACHMENT_UNREADABLE' });
    await expect(
      app.client.invoke('mail.stageAttachment', {
        name: 'x',
        type: '',
        chunkBase64: 'eA==',
        final: false,
        uploadId: 'nope',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });
});
