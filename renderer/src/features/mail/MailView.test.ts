import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { i18n } from '../../lib/i18n/index.ts';
import { FakeRpc } from '../../lib/rpc/testing.ts';
import { folder, mailbox } from './fixtures.ts';
import { fakeFolder, stubResizeObserver } from './list/list-fixtures.ts';
import MailView from './MailView.svelte';
import { testAccount } from '../../lib/testing/account.ts';

const account = testAccount('acc-1', 'marie.dupont@ac-lille.fr', 'Marie Dupont');

function setup(folders = mailbox) {
  const { rpc } = fakeFolder(12, {
    'mail.listFolders': () => folders,
    'mail.syncAccount': () => ({ taskId: 't1' }),
  });
  render(MailView, { props: { accounts: [account] }, context: rpc.context() });
  return rpc;
}

const treeItems = () => screen.getAllByRole('treeitem');
const label = (item: HTMLElement) => item.querySelector('.name')?.textContent;

beforeAll(stubResizeObserver);

describe('Courrier folder pane', () => {
  beforeEach(() => {
    i18n.setLocale('fr');
    localStorage.setItem('cartable.mail.conversations', 'off');
  });

  test('shows the account name and special folders with French names, in order, with unread counts', async () => {
    setup();
    expect(await screen.findByRole('heading', { name: 'Marie Dupont' })).toBeTruthy();
    const tree = await screen.findByRole('tree', { name: 'Dossiers de Marie Dupont' });
    const top = within(tree)
      .getAllByRole('treeitem')
      .filter((item) => item.getAttribute('aria-level') === '1');
    expect(top.map(label)).toEqual([
      'Boîte de réception',
      'Brouillons',
      'Envoyés',
      'Archives',
      'Indésirables',
      'Corbeille',
      'administration',
      'Élèves',
      'Projets',
    ]);
    const inbox = top[0]!;
    expect(within(inbox).getByTestId('folder-unseen').textContent).toBe('3');
    expect(within(inbox).getByText('3 messages non lus')).toBeTruthy();
    expect(within(top[1]!).queryByTestId('folder-unseen')).toBeNull();
  });

  test('subfolders can be collapsed and expanded with the keyboard', async () => {
    setup();
    await screen.findByRole('tree');
    const projects = treeItems().find((item) => item.dataset['path'] === 'Projets')!;
    expect(projects.getAttribute('aria-expanded')).toBe('true');
    expect(within(projects).getAllByRole('treeitem').map(label)).toEqual([
      'Conseils de classe',
      'Sorties scolaires',
    ]);
    await fireEvent.keyDown(projects, { key: 'ArrowLeft' });
    expect(projects.getAttribute('aria-expanded')).toBe('false');
    expect(within(projects).queryAllByRole('treeitem')).toHaveLength(0);
    await fireEvent.keyDown(projects, { key: 'ArrowRight' });
    expect(projects.getAttribute('aria-expanded')).toBe('true');
    await fireEvent.keyDown(projects, { key: 'ArrowRight' });
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('data-path')).toBe('Projets/Conseils de classe'),
    );
  });

  test('arrows move through folders; selecting one shows its messages', async () => {
    const rpc = setup();
    await screen.findByRole('tree');
    // The inbox is open from the start (see inbox-at-start.test.ts).
    const inbox = treeItems()[0]!;
    await waitFor(() => expect(inbox.getAttribute('aria-selected')).toBe('true'));
    expect(inbox.tabIndex).toBe(0);
    await fireEvent.keyDown(inbox, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-path')).toBe('Drafts'));
    const drafts = treeItems()[1]!;
    expect(drafts.getAttribute('aria-selected')).toBe('true');
    expect(drafts.tabIndex).toBe(0);
    expect(inbox.tabIndex).toBe(-1);
    const list = await screen.findByTestId('message-list');
    expect(within(list).getByRole('heading', { name: /Brouillons/ })).toBeTruthy();
    await waitFor(() =>
      expect(rpc.callsOf('mail.listMessages').at(-1)).toMatchObject({ folderId: 'f-Drafts' }),
    );
    expect(screen.getByTestId('reader-empty').textContent).toContain('Sélectionnez un message');
    await fireEvent.click(treeItems().find((item) => item.dataset['path'] === 'Trash')!);
    await waitFor(() =>
      expect(rpc.callsOf('mail.listMessages').at(-1)).toMatchObject({ folderId: 'f-Trash' }),
    );
    expect(
      within(screen.getByTestId('message-list')).getByRole('heading', { name: /Corbeille/ }),
    ).toBeTruthy();
  });

  test('the selected message goes to the reader and is marked read once shown a moment', async () => {
    const rpc = setup();
    await fireEvent.click((await screen.findAllByRole('treeitem'))[0]!);
    const row = await waitFor(() => {
      const found = screen.getAllByTestId('message-row').find((r) => r.dataset['messageId'] === '12');
      if (!found) throw new Error('row 12 not shown yet');
      return found;
    });
    expect(row.classList.contains('unread')).toBe(true);
    await fireEvent.click(row);
    await waitFor(() =>
      expect(screen.getByTestId('reader-column').textContent).toContain('Conseil de classe n° 12'),
    );
    expect(rpc.callsOf('mail.act')).toEqual([]);
    await waitFor(() =>
      expect(rpc.callsOf('mail.act')).toEqual([
        { messageIds: [12], action: { kind: 'markRead', value: true } },
      ]),
    );
  });

  test('unread counts are read again when the account’s messages change', async () => {
    const rpc = setup();
    await screen.findByRole('tree');
    rpc.emit('mail.changed', { accountId: 'someone-else', folderIds: ['x'] });
    rpc.emit('mail.changed', { accountId: 'acc-1', folderIds: ['f-INBOX'] });
    rpc.emit('mail.changed', { accountId: 'acc-1', folderIds: ['f-Sent'] });
    await waitFor(() => expect(rpc.callsOf('mail.listFolders')).toHaveLength(2));
  });

  test('re-queries on mail.foldersChanged for this account only', async () => {
    let folders = [folder('INBOX', { specialUse: 'inbox' })];
    const rpc = new FakeRpc({ 'mail.listFolders': () => folders });
    render(MailView, { props: { accounts: [account] }, context: rpc.context() });
    await screen.findByRole('tree');
    expect(treeItems()).toHaveLength(1);
    folders = [...folders, folder('Projets')];
    rpc.emit('mail.foldersChanged', { accountId: 'someone-else' });
    rpc.emit('mail.foldersChanged', { accountId: 'acc-1' });
    await waitFor(() => expect(treeItems()).toHaveLength(2));
    expect(rpc.callsOf('mail.listFolders')).toHaveLength(2);
    rpc.emit('accounts.changed', {});
    await waitFor(() => expect(rpc.callsOf('mail.listFolders')).toHaveLength(3));
  });

  test('an empty list says so and offers to synchronise', async () => {
    const rpc = setup([]);
    await fireEvent.click(await screen.findByTestId('folders-sync'));
    expect(rpc.callsOf('mail.syncAccount')).toEqual([{ accountId: 'acc-1' }]);
  });
});
