import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Account, Quota } from '$shared/contract/index.ts';
import { i18n } from '../../lib/i18n/index.ts';
import { FakeRpc } from '../../lib/rpc/testing.ts';
import { mailbox } from './fixtures.ts';
import FolderPane from './FolderPane.svelte';
import { MailState } from './folders.svelte.ts';

const account = {
  id: 'acc-1',
  email: 'marie.dupont@ac-lille.fr',
  displayName: 'Marie Dupont',
} as Account;
const GB = 1024 ** 3;

function setup(quota: Quota | null = null) {
  const rpc = new FakeRpc({
    'mail.listFolders': () => mailbox,
    'mail.getQuota': () => quota,
    'mail.createFolder': () => ({ folderId: 'new', taskId: 't' }),
    'mail.renameFolder': () => ({ taskId: 't' }),
    'mail.deleteFolder': () => ({ taskId: 't' }),
  });
  render(FolderPane, { props: { account, mail: new MailState() }, context: rpc.context() });
  return rpc;
}

const item = (path: string) => screen.getAllByRole('treeitem').find((node) => node.dataset['path'] === path)!;

describe('folder pane: quota, sync progress, folder edits', () => {
  beforeEach(() => i18n.setLocale('fr'));

  test('the quota is a labelled meter, orange from 80 %, with French figures', async () => {
    setup({ usageBytes: 1.7 * GB, limitBytes: 2 * GB, level: 'warning', checkedAt: '' });
    const meter = await screen.findByRole('meter', { name: 'Espace utilisé sur le serveur' });
    expect(meter.getAttribute('aria-valuenow')).toBe('85');
    expect(meter.getAttribute('aria-valuetext')).toBe('85 % utilisés, 1,7 Go sur 2 Go');
    expect(meter.dataset['level']).toBe('warning');
    expect(screen.getByTestId('quota-figures').textContent).toBe('1,7 Go sur 2 Go');
  });

  test('no gauge for a server without quota', async () => {
    setup(null);
    await screen.findByRole('tree');
    expect(screen.queryByRole('meter')).toBeNull();
  });

  test('a first sync shows its progress under the folder until it is done', async () => {
    const rpc = setup();
    await screen.findByRole('tree');
    const inbox = mailbox.find((f) => f.specialUse === 'inbox')!;
    rpc.emit('mail.syncProgress', { accountId: 'acc-1', folderId: inbox.id, synced: 1200, total: 100_000 });
    const bar = await within(item(inbox.path)).findByTestId('folder-progress');
    expect(bar.textContent?.replace(/\s/gu, ' ')).toContain('1 200 / 100 000');
    expect(within(item(inbox.path)).getByText(/Synchronisation : 1.200 messages sur 100.000/u)).toBeTruthy();
    rpc.emit('mail.syncProgress', {
      accountId: 'acc-1',
      folderId: inbox.id,
      synced: 100_000,
      total: 100_000,
    });
    await waitFor(() => expect(within(item(inbox.path)).queryByTestId('folder-progress')).toBeNull());
  });

  test('F2 renames after checking the name; a taken name is refused in French', async () => {
    const rpc = setup();
    await screen.findByRole('tree');
    const projects = item('Projets');
    await fireEvent.keyDown(projects, { key: 'F2' });
    const field = await screen.findByLabelText('Nom du dossier');
    await fireEvent.input(field, { target: { value: 'Élèves' } });
    expect((await screen.findByTestId('folder-name-problem')).textContent).toContain(
      'Un dossier porte déjà ce nom',
    );
    await fireEvent.click(screen.getByTestId('folder-dialog-submit'));
    expect(rpc.calls.some((call) => call.method === 'mail.renameFolder')).toBe(false);
    await fireEvent.input(field, { target: { value: 'Projets 2026' } });
    await fireEvent.click(screen.getByTestId('folder-dialog-submit'));
    await waitFor(() => expect(screen.queryByTestId('folder-dialog')).toBeNull());
    expect(rpc.calls.find((call) => call.method === 'mail.renameFolder')?.params).toEqual({
      folderId: mailbox.find((f) => f.path === 'Projets')?.id,
      name: 'Projets 2026',
    });
  });

  test('Suppr asks before deleting; special folders cannot be deleted', async () => {
    const rpc = setup();
    await screen.findByRole('tree');
    await fireEvent.keyDown(item('INBOX'), { key: 'Delete' });
    expect(screen.queryByTestId('folder-dialog')).toBeNull();
    await fireEvent.keyDown(item('Projets'), { key: 'Delete' });
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Supprimer le dossier « Projets »');
    await fireEvent.click(within(dialog).getByTestId('folder-dialog-submit'));
    await waitFor(() => expect(rpc.calls.some((call) => call.method === 'mail.deleteFolder')).toBe(true));
  });

  test('the context menu creates a subfolder; the server’s refusal is shown', async () => {
    const rpc = new FakeRpc({
      'mail.listFolders': () => mailbox,
      'mail.getQuota': () => null,
      'mail.createFolder': () => {
        throw new Error('refused');
      },
    });
    render(FolderPane, { props: { account, mail: new MailState() }, context: rpc.context() });
    await screen.findByRole('tree');
    await fireEvent.contextMenu(item('Projets'));
    await fireEvent.click(await screen.findByTestId('folder-menu-create'));
    expect(screen.getByRole('dialog').textContent).toContain('Nouveau dossier dans « Projets »');
    await fireEvent.input(screen.getByLabelText('Nom du dossier'), { target: { value: 'Voyages' } });
    await fireEvent.click(screen.getByTestId('folder-dialog-submit'));
    expect(await screen.findByTestId('folder-edit-error')).toBeTruthy();
    const call = rpc.calls.find((c) => c.method === 'mail.createFolder');
    expect(call?.params).toEqual({
      accountId: 'acc-1',
      name: 'Voyages',
      parentId: mailbox.find((f) => f.path === 'Projets')?.id,
    });
  });
});
