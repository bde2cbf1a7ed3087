import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { i18n } from '../../../lib/i18n/index.ts';
import { mailbox } from '../fixtures.ts';
import { fakeFolder, message, stubResizeObserver } from '../list/list-fixtures.ts';
import MailView from '../MailView.svelte';
import { testAccount } from '../../../lib/testing/account.ts';

const account = testAccount('acc-1', 'marie.dupont@ac-lille.fr', 'Marie Dupont');

/** Results from the inbox, Envoyés, a subfolder, and a folder the pane does not list (yet). */
const results = [
  message(1, { folderId: 'f-INBOX', subject: 'Sortie au musée' }),
  message(2, { folderId: 'f-Sent', subject: 'Re: Sortie au musée' }),
  message(3, { folderId: 'f-Projets/Sorties scolaires', subject: 'Sortie : autorisations' }),
  message(4, { folderId: 'f-unknown', subject: 'Sortie ancienne' }),
];

async function searchFor(text: string) {
  const { rpc } = fakeFolder(3, {
    'mail.listFolders': () => mailbox,
    'mail.search': () => ({ total: results.length, totalCapped: false, messages: results }),
  });
  render(MailView, { props: { accounts: [account] }, context: rpc.context() });
  await screen.findByRole('tree');
  await fireEvent.input(screen.getByTestId('search-input'), { target: { value: text } });
  await waitFor(() => expect(screen.getAllByTestId('message-row')).toHaveLength(results.length));
  return rpc;
}

const folderCells = () => screen.queryAllByTestId('row-folder').map((cell) => cell.textContent?.trim());

beforeAll(stubResizeObserver);

describe('search results name their folder in "Tous les dossiers"', () => {
  beforeEach(() => {
    i18n.setLocale('fr');
    localStorage.setItem('cartable.mail.conversations', 'off');
  });

  test('"Ce dossier": no folder column, every result is in the open folder', async () => {
    await searchFor('sortie');
    expect(folderCells()).toEqual([]);
  });

  test('"Tous les dossiers": the French folder name, read with "Dossier :" by a screen reader', async () => {
    const rpc = await searchFor('sortie');
    await fireEvent.change(screen.getByTestId('search-scope'), { target: { value: 'all' } });
    await waitFor(() => expect(rpc.callsOf('mail.search').at(-1)).not.toHaveProperty('folderId'));
    await waitFor(() =>
      expect(folderCells()).toEqual([
        'Dossier : Boîte de réception',
        'Dossier : Envoyés',
        'Dossier : Sorties scolaires',
        '',
      ]),
    );
    const rows = screen.getAllByTestId('message-row');
    const cells = within(rows[1]!).getAllByRole('gridcell');
    // Markers, sender, subject, folder, date, size: the folder comes right after the subject.
    expect(cells).toHaveLength(6);
    expect(cells[3]!.getAttribute('title')).toBe('Envoyés');
    expect(within(cells[3]!).getByText('Dossier :').classList.contains('sr-only')).toBe(true);
  });

  test('in English too', async () => {
    i18n.setLocale('en');
    await searchFor('outing');
    await fireEvent.change(screen.getByTestId('search-scope'), { target: { value: 'all' } });
    await waitFor(() => expect(folderCells()[0]).toBe('Folder: Inbox'));
  });
});
