import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Folder } from '$shared/contract/index.ts';
import { i18n } from '../../lib/i18n/index.ts';
import { folder } from './fixtures.ts';
import { fakeFolder, stubResizeObserver } from './list/list-fixtures.ts';
import MailView from './MailView.svelte';
import { testAccount as account } from '../../lib/testing/account.ts';

const accounts = [account('acc-1', 'marie@ac-lille.fr'), account('acc-2', 'direction@ac-lille.fr')];

/** Folder lists the test hands over when it wants, one account at a time. */
function slowFolders() {
  const pending = new Map<string, (folders: Folder[]) => void>();
  const { rpc } = fakeFolder(3, {
    'mail.listFolders': ({ accountId }) =>
      new Promise<Folder[]>((resolve) => pending.set(accountId, resolve)),
  });
  const deliver = async (accountId: string, folders: Folder[]) => {
    await waitFor(() => expect(pending.has(accountId)).toBe(true));
    pending.get(accountId)?.(folders);
    pending.delete(accountId);
  };
  render(MailView, { props: { accounts }, context: rpc.context() });
  return { rpc, deliver };
}

const of = (accountId: string, folders: Folder[]) =>
  folders.map((f) => ({ ...f, accountId, id: `${accountId}:${f.id}` }));
const paneOf = (accountId: string) =>
  screen.getAllByTestId('folder-pane').find((pane) => pane.dataset['accountId'] === accountId)!;
const listHeading = () => within(screen.getByTestId('message-list')).getByRole('heading');
const lastListed = (rpc: ReturnType<typeof slowFolders>['rpc']) => rpc.callsOf('mail.listMessages').at(-1);

beforeAll(stubResizeObserver);

describe('Courrier opens on the inbox', () => {
  beforeEach(() => {
    i18n.setLocale('fr');
    localStorage.setItem('cartable.mail.conversations', 'off');
  });

  test('the first account’s inbox, even when the second account’s folders come first', async () => {
    const { rpc, deliver } = slowFolders();
    expect(screen.getByTestId('mail-choose')).toBeTruthy();
    await deliver('acc-2', of('acc-2', [folder('INBOX', { specialUse: 'inbox' })]));
    await within(paneOf('acc-2')).findByRole('tree');
    expect(screen.getByTestId('mail-choose')).toBeTruthy();
    expect(rpc.callsOf('mail.listMessages')).toEqual([]);

    await deliver(
      'acc-1',
      of('acc-1', [folder('Sent', { specialUse: 'sent' }), folder('INBOX', { specialUse: 'inbox' })]),
    );
    await waitFor(() => expect(lastListed(rpc)).toMatchObject({ folderId: 'acc-1:f-INBOX' }));
    expect(listHeading().textContent).toContain('Boîte de réception');
    const inbox = within(paneOf('acc-1')).getAllByRole('treeitem')[0]!;
    expect(inbox.getAttribute('aria-selected')).toBe('true');
    // Opening it by itself does not take the keyboard away from where the user is.
    expect(document.activeElement).toBe(document.body);
  });

  test('a server without the \\Inbox attribute: the folder named INBOX', async () => {
    const { rpc, deliver } = slowFolders();
    await deliver('acc-1', of('acc-1', [folder('Archives'), folder('INBOX')]));
    await waitFor(() => expect(lastListed(rpc)).toMatchObject({ folderId: 'acc-1:f-INBOX' }));
  });

  test('a folder the user already chose stays open when the first account loads', async () => {
    const { rpc, deliver } = slowFolders();
    await deliver('acc-2', of('acc-2', [folder('INBOX', { specialUse: 'inbox' }), folder('Projets')]));
    const projets = (await within(paneOf('acc-2')).findAllByRole('treeitem')).find(
      (item) => item.dataset['path'] === 'Projets',
    )!;
    await fireEvent.click(projets);
    await waitFor(() => expect(lastListed(rpc)).toMatchObject({ folderId: 'acc-2:f-Projets' }));

    await deliver('acc-1', of('acc-1', [folder('INBOX', { specialUse: 'inbox' })]));
    await within(paneOf('acc-1')).findByRole('tree');
    expect(lastListed(rpc)).toMatchObject({ folderId: 'acc-2:f-Projets' });
    expect(listHeading().textContent).toContain('Projets');
  });

  test('an inbox that appears after the first sync opens then, and only while nothing else is open', async () => {
    const { rpc, deliver } = slowFolders();
    await deliver('acc-1', []);
    await within(paneOf('acc-1')).findByTestId('folders-empty');
    rpc.emit('mail.foldersChanged', { accountId: 'acc-1' });
    await deliver('acc-1', of('acc-1', [folder('INBOX', { specialUse: 'inbox' }), folder('Projets')]));
    await waitFor(() => expect(lastListed(rpc)).toMatchObject({ folderId: 'acc-1:f-INBOX' }));

    const projets = within(paneOf('acc-1'))
      .getAllByRole('treeitem')
      .find((item) => item.dataset['path'] === 'Projets')!;
    await fireEvent.click(projets);
    await waitFor(() => expect(lastListed(rpc)).toMatchObject({ folderId: 'acc-1:f-Projets' }));
    rpc.emit('mail.foldersChanged', { accountId: 'acc-1' });
    await deliver(
      'acc-1',
      of('acc-1', [folder('INBOX', { specialUse: 'inbox', unseen: 2 }), folder('Projets')]),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lastListed(rpc)).toMatchObject({ folderId: 'acc-1:f-Projets' });
  });
});
