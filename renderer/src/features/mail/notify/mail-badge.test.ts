import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Account, Folder } from '$shared/contract/index.ts';
import { FakeRpc } from '../../../lib/rpc/testing.ts';
import { folder } from '../fixtures.ts';
import { MailBadge } from './mail-badge.svelte.ts';

const account = (id: string): Account => ({ id }) as Account;

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('MailBadge', () => {
  test('sums the inboxes of every account, and counts again after new mail', async () => {
    vi.useFakeTimers();
    let unseen = 2;
    const folders = (accountId: string): Folder[] => [
      { ...folder('INBOX', { specialUse: 'inbox' }), accountId, unseen },
      { ...folder('Archives', { specialUse: 'archive' }), accountId, unseen: 9 },
    ];
    const rpc = new FakeRpc({
      'accounts.list': () => [account('a'), account('b')],
      'mail.listFolders': ({ accountId }) => folders(accountId),
    });
    const badge = new MailBadge(rpc);
    const stop = badge.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(badge.unread).toBe(4);

    unseen = 3;
    rpc.emit('mail.newMail', { accountId: 'a', folderId: 'f-INBOX', count: 1 });
    rpc.emit('mail.changed', { accountId: 'a', folderIds: ['f-INBOX'] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(badge.unread).toBe(6);
    // The two events of one burst made one re-count (two listFolders, one per account).
    expect(rpc.calls.filter((call) => call.method === 'accounts.list')).toHaveLength(2);
    stop();
  });

  test('a notice is shown only when the window is not focused, with sender and subject', async () => {
    const shown: { title: string; body: string | undefined }[] = [];
    class FakeNotification {
      static permission = 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body });
      }
      close(): void {}
    }
    vi.stubGlobal('Notification', FakeNotification);
    const focused = vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const rpc = new FakeRpc({ 'accounts.list': () => [] });
    const badge = new MailBadge(rpc);
    const stop = badge.start();
    const event = { accountId: 'a', folderId: 'f', count: 1, latest: { from: 'Bob', subject: 'Sortie' } };
    rpc.emit('mail.newMail', event);
    expect(shown).toEqual([]);
    focused.mockReturnValue(false);
    rpc.emit('mail.newMail', event);
    expect(shown).toEqual([{ title: 'Nouveau message', body: 'De Bob\nSortie' }]);
    stop();
    await Promise.resolve();
  });
});
