import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { MessageSummary } from '$shared/contract/index.ts';
import { i18n } from '../../../lib/i18n/index.ts';
import type { FakeRpc } from '../../../lib/rpc/testing.ts';
import { folder } from '../fixtures.ts';
import { fakeFolder, stubResizeObserver } from './list-fixtures.ts';
import { MessageListState } from './list-state.svelte.ts';
import { MailActions } from './mail-actions.svelte.ts';
import MessageList from './MessageList.svelte';
import UndoToast from './UndoToast.svelte';

const inbox = folder('INBOX', { specialUse: 'inbox' });

function setup(count: number, options: { conversations?: boolean } = {}) {
  localStorage.setItem('cartable.mail.conversations', options.conversations ? 'on' : 'off');
  const { rpc } = fakeFolder(count, {
    'mail.listFolders': () => [inbox, folder('Archives', { specialUse: 'archive' })],
  });
  const actions = new MailActions(rpc);
  const list = new MessageListState(rpc, actions, inbox);
  const opened: number[] = [];
  render(MessageList, {
    props: { list, title: 'Boîte de réception', onopen: (m: MessageSummary) => opened.push(m.id) },
    context: rpc.context(),
  });
  render(UndoToast, { props: { actions }, context: rpc.context() });
  return { rpc, list, opened };
}

const grid = () => screen.getByTestId('message-grid');
const rows = () => screen.queryAllByTestId('message-row').filter((row) => row.dataset['messageId']);
const row = (id: number) => rows().find((r) => r.dataset['messageId'] === String(id))!;
const selectedIds = () =>
  rows()
    .filter((r) => r.getAttribute('aria-selected') === 'true')
    .map((r) => Number(r.dataset['messageId']));
const acts = (rpc: FakeRpc) => rpc.callsOf('mail.act');

beforeAll(stubResizeObserver);
beforeEach(() => i18n.setLocale('fr'));

describe('the message list', () => {
  test('a 100k folder puts only a window of rows in the DOM, asks one page, and tells the row count', async () => {
    const { rpc } = setup(100_000);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(screen.getAllByTestId('message-row').length).toBeLessThanOrEqual(40);
    expect(grid().getAttribute('role')).toBe('grid');
    expect(grid().getAttribute('aria-rowcount')).toBe('100001');
    expect(rows()[0]?.getAttribute('aria-rowindex')).toBe('2');
    expect(rpc.callsOf('mail.listMessages')).toEqual([
      { folderId: 'f-INBOX', sort: 'date', order: 'desc', offset: 0, limit: 100 },
    ]);
    expect(screen.getByTestId('list-total').textContent).toMatch(/100\s000/);
  });

  test('shows unread (bold and dot), flagged and attachment markers, sender, subject and a short date', async () => {
    setup(30);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const unreadFlagged = row(30); // 30: unread (multiple of 3), flagged (of 5)
    expect(unreadFlagged.classList.contains('unread')).toBe(true);
    expect(within(unreadFlagged).getByTestId('unread-marker').textContent).toBe('Non lu');
    expect(unreadFlagged.textContent).toContain('Suivi');
    expect(row(28).textContent).toContain('Pièce jointe');
    expect(row(29).classList.contains('unread')).toBe(false);
    expect(row(29).textContent).toContain('Jean Dupont');
    expect(row(29).textContent).toContain('Conseil de classe n° 29');
    expect(row(29).textContent).toMatch(/30\/01\/2020/);
  });

  test('click selects one; Shift+click a range; Ctrl+click toggles; the single selection opens in the reader', async () => {
    const { list } = setup(30);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await fireEvent.click(row(30));
    await waitFor(() => expect(selectedIds()).toEqual([30]));
    expect(list.opened?.id).toBe(30);
    await fireEvent.click(row(27), { shiftKey: true });
    await waitFor(() => expect(selectedIds()).toEqual([30, 29, 28, 27]));
    expect(list.opened).toBeUndefined();
    await fireEvent.click(row(29), { ctrlKey: true });
    expect(selectedIds()).toEqual([30, 28, 27]);
    await fireEvent.click(row(25), { metaKey: true });
    expect(selectedIds()).toEqual([30, 28, 27, 25]);
    // Shift from the last toggled row.
    await fireEvent.click(row(23), { shiftKey: true });
    await waitFor(() => expect(selectedIds()).toEqual([25, 24, 23]));
  });

  test('the keyboard moves, extends, opens, and names the active row for screen readers', async () => {
    const { opened } = setup(30);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    await waitFor(() => expect(selectedIds()).toEqual([30]));
    expect(grid().getAttribute('aria-activedescendant')).toBe(row(30).id);
    await fireEvent.keyDown(grid(), { key: 'j' });
    await waitFor(() => expect(selectedIds()).toEqual([29]));
    await fireEvent.keyDown(grid(), { key: 'ArrowDown', shiftKey: true });
    await fireEvent.keyDown(grid(), { key: 'ArrowDown', shiftKey: true });
    await waitFor(() => expect(selectedIds()).toEqual([29, 28, 27]));
    await fireEvent.keyDown(grid(), { key: 'k' });
    await waitFor(() => expect(selectedIds()).toEqual([28]));
    await fireEvent.keyDown(grid(), { key: 'Home' });
    await waitFor(() => expect(selectedIds()).toEqual([30]));
    await fireEvent.keyDown(grid(), { key: 'Enter' });
    expect(opened).toEqual([30]);
  });

  test('Suppr deletes the selection with an undo toast; Annuler calls mail.undo', async () => {
    const { rpc } = setup(30);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await fireEvent.click(row(29));
    await fireEvent.click(row(28), { shiftKey: true });
    await waitFor(() => expect(selectedIds()).toHaveLength(2));
    await fireEvent.keyDown(grid(), { key: 'Delete' });
    await waitFor(() => expect(acts(rpc)).toEqual([{ messageIds: [29, 28], action: { kind: 'delete' } }]));
    const toast = await screen.findByTestId('undo-toast');
    expect(toast.textContent).toContain('2 messages supprimés');
    await fireEvent.click(within(toast).getByTestId('undo'));
    await waitFor(() => expect(rpc.callsOf('mail.undo')).toEqual([{ actionId: 'act-29-28' }]));
    expect(screen.queryByTestId('undo-toast')).toBeNull();
  });

  test('u toggles read and s or * flags, on the whole selection', async () => {
    const { rpc } = setup(30);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await fireEvent.click(row(30));
    await fireEvent.keyDown(grid(), { key: 'u' });
    await fireEvent.click(row(29));
    await fireEvent.keyDown(grid(), { key: 'u' });
    await fireEvent.keyDown(grid(), { key: '*' });
    await waitFor(() =>
      expect(acts(rpc)).toEqual([
        { messageIds: [30], action: { kind: 'markRead', value: true } },
        { messageIds: [29], action: { kind: 'markRead', value: false } },
        { messageIds: [29], action: { kind: 'flag', value: true } },
      ]),
    );
    // No toast for what is not destructive.
    expect(screen.queryByTestId('undo-toast')).toBeNull();
  });

  test('mail.changed for this folder re-queries the visible page only; other folders are ignored', async () => {
    const { rpc } = setup(100_000);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    rpc.emit('mail.changed', { accountId: 'acc-1', folderIds: ['f-Archives'] });
    rpc.emit('mail.changed', { accountId: 'acc-1', folderIds: ['f-INBOX'] });
    await waitFor(() => expect(rpc.callsOf('mail.listMessages')).toHaveLength(2));
    expect(rpc.callsOf('mail.listMessages')[1]).toMatchObject({ offset: 0, limit: 100 });
  });

  test('right click opens the engine’s actions; Déplacer vers… picks a folder and moves with a toast', async () => {
    const { rpc } = setup(30);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await fireEvent.contextMenu(row(30), { clientX: 100, clientY: 120 });
    const menu = await screen.findByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['Marquer comme lu', 'Ne plus suivre', 'Déplacer vers…', 'Indésirable', 'Supprimer']);
    await fireEvent.click(within(menu).getByText('Déplacer vers…'));
    const picker = await screen.findByTestId('folder-picker');
    await fireEvent.click(await within(picker).findByText('Archives'));
    await waitFor(() =>
      expect(acts(rpc)).toEqual([{ messageIds: [30], action: { kind: 'move', folderId: 'f-Archives' } }]),
    );
    expect((await screen.findByTestId('undo-toast')).textContent).toContain('Message déplacé vers Archives');
  });

  test('the Menu key opens the same menu at the selected row; Escape closes it', async () => {
    setup(30);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await fireEvent.click(row(29));
    await fireEvent.keyDown(grid(), { key: 'ContextMenu' });
    const menu = await screen.findByRole('menu');
    await fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
  });

  test('a column header sorts, a second click reverses', async () => {
    const { rpc } = setup(30);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await fireEvent.click(screen.getByTestId('sort-from'));
    await waitFor(() => expect(rows()[0]?.textContent).toContain('Anne Moreau'));
    expect(rpc.callsOf('mail.listMessages').at(-1)).toMatchObject({ sort: 'from', order: 'asc', offset: 0 });
    expect(screen.getByRole('columnheader', { name: /Expéditeur/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    await fireEvent.click(screen.getByTestId('sort-from'));
    await waitFor(() => expect(rpc.callsOf('mail.listMessages').at(-1)).toMatchObject({ order: 'desc' }));
  });

  test('the conversation view lists threads, opens one to its messages, and is remembered when switched off', async () => {
    const { rpc } = setup(30, { conversations: true });
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(grid().getAttribute('role')).toBe('treegrid');
    expect(rpc.callsOf('mail.listConversations')).toHaveLength(1);
    const thread = row(30);
    expect(thread.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(within(thread).getByRole('button', { name: 'Déplier la conversation' }));
    await waitFor(() => expect(rpc.callsOf('mail.listThread')).toEqual([{ threadId: 30 }]));
    await waitFor(() => expect(row(30002)).toBeTruthy());
    expect(
      rows()
        .map((r) => Number(r.dataset['messageId']))
        .slice(0, 5),
    ).toEqual([30, 30002, 30001, 30000, 29]);
    expect(row(30).getAttribute('aria-expanded')).toBe('true');
    await fireEvent.click(screen.getByTestId('conversation-switch'));
    await waitFor(() => expect(rpc.callsOf('mail.listMessages')).toHaveLength(1));
    expect(localStorage.getItem('cartable.mail.conversations')).toBe('off');
  });

  test('Ctrl+A selects every message of the folder, not only the rows on screen', async () => {
    const { rpc, list } = setup(1000);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await fireEvent.click(row(1000));
    await fireEvent.keyDown(grid(), { key: 'a', ctrlKey: true });
    await waitFor(() => expect(list.selection.keys.size).toBe(1000));
    expect(rows().length).toBeLessThanOrEqual(40);
    expect(rows().every((r) => r.getAttribute('aria-selected') === 'true')).toBe(true);
    await fireEvent.keyDown(grid(), { key: 's' });
    await waitFor(() => expect(acts(rpc)).toHaveLength(1));
    expect(acts(rpc)[0]?.messageIds).toHaveLength(1000);
  });

  test('→ opens the conversation at the cursor, ← closes it again from one of its messages', async () => {
    const { list } = setup(30, { conversations: true });
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await fireEvent.click(row(30));
    await fireEvent.keyDown(grid(), { key: 'ArrowRight' });
    await waitFor(() => expect(row(30002)).toBeTruthy());
    expect(row(30).getAttribute('aria-expanded')).toBe('true');
    await fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    await waitFor(() => expect(list.opened?.id).toBe(30002));
    await fireEvent.keyDown(grid(), { key: 'ArrowLeft' });
    await waitFor(() => expect(row(30).getAttribute('aria-expanded')).toBe('false'));
    expect(rows().some((r) => r.dataset['messageId'] === '30002')).toBe(false);
    expect(selectedIds()).toEqual([30]);
    // A single-message conversation has nothing to open.
    await fireEvent.click(row(29));
    await fireEvent.keyDown(grid(), { key: 'ArrowRight' });
    expect(row(29).getAttribute('aria-expanded')).toBeNull();
  });

  test('? shows the shortcuts, Escape hides them', async () => {
    setup(5);
    await fireEvent.keyDown(grid(), { key: '?', shiftKey: true });
    const help = await screen.findByTestId('shortcuts-help');
    expect(help.textContent).toContain('Raccourcis clavier');
    expect(help.textContent).toContain('Suppr');
    expect(help.textContent).toContain('Tout sélectionner dans le dossier');
    expect(help.textContent).toContain('Fermer, ouvrir la conversation');
    const search = [...help.querySelectorAll('dt')]
      .filter((term) => term.nextElementSibling?.textContent === 'Aller à la barre de recherche')
      .map((term) => [...term.querySelectorAll('kbd')].map((key) => key.textContent));
    expect(search).toEqual([['/'], ['Ctrl', 'K']]);
    await fireEvent.keyDown(help, { key: 'Escape' });
    expect(screen.queryByTestId('shortcuts-help')).toBeNull();
  });

  test('an empty folder says so', async () => {
    setup(0);
    expect(await screen.findByTestId('list-empty')).toBeTruthy();
  });
});
