/**
 * The "always show remote content" list through the core's RPC, as the
 * renderer uses it: an address added from one window is heard by another,
 * removed again, and the list follows the profile when its folder moves.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectInMemory } from '../../electron/core/index.ts';
import { startTestCore, type TestCore } from '../support/core.ts';

const opened: TestCore[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

describe('remote content senders in the core', () => {
  it('round-trips, notifies every window, and survives a profile move', async () => {
    const app = startTestCore({ watchMail: false });
    opened.push(app);
    const otherWindow = connectInMemory(app.core);
    const heard: string[] = [];
    otherWindow.subscribe('mail.remoteContentChanged', () => heard.push('changed'));

    expect(await app.client.invoke('mail.getRemoteContentSenders', {})).toEqual({ senders: [] });
    await app.client.invoke('mail.allowRemoteContent', { sender: 'Lettre@College.example', allow: true });
    await app.client.invoke('mail.allowRemoteContent', { sender: 'bob@ecole.example', allow: true });
    await app.client.invoke('mail.allowRemoteContent', { sender: 'bob@ecole.example', allow: false });
    expect(await otherWindow.invoke('mail.getRemoteContentSenders', {})).toEqual({
      senders: ['lettre@college.example'],
    });
    expect(heard).toEqual(['changed', 'changed', 'changed']);
    await expect(
      app.client.invoke('mail.allowRemoteContent', { sender: 'pas une adresse', allow: true }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    otherWindow.disconnect();

    await app.close();
    opened.splice(0);
    const moved = path.join(mkdtempSync(path.join(tmpdir(), 'cartable-moved-')), 'profil');
    cpSync(app.profileDir, moved, { recursive: true });
    const reopened = startTestCore({ watchMail: false, databasePath: path.join(moved, 'cartable.sqlite') });
    opened.push(reopened);
    expect(await reopened.client.invoke('mail.getRemoteContentSenders', {})).toEqual({
      senders: ['lettre@college.example'],
    });
  });
});
