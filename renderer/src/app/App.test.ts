import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Account, Folder } from '$shared/contract/index.ts';
import { builtinPresets } from '$shared/presets.ts';
import { i18n } from '../lib/i18n/index.ts';
import { ConnectionState } from '../lib/rpc/index.ts';
import { FakeRpc } from '../lib/rpc/testing.ts';
import App from './App.svelte';
import { testAccount } from '../lib/testing/account.ts';
import { stubResizeObserver } from '../lib/testing/resize-observer.ts';

// The mail view opens at start, and its list measures itself.
beforeAll(stubResizeObserver);

const account = testAccount('a1', 'marie@ac-lille.fr', 'Marie');
const inbox: Folder = {
  id: 'f1',
  accountId: 'a1',
  path: 'INBOX',
  name: 'INBOX',
  delimiter: '/',
  specialUse: 'inbox',
  subscribed: true,
};

function setup(accounts: Account[], connection = new ConnectionState('open')) {
  const rpc = new FakeRpc({
    'accounts.list': () => accounts,
    'presets.list': () => [...builtinPresets],
    'mail.listFolders': () => [inbox],
  });
  render(App, { props: { rpc, connection } });
  return { rpc, connection };
}

beforeEach(() => i18n.setLocale('fr'));

describe('app shell', () => {
  test('with no account, Courrier shows the account wizard', async () => {
    setup([]);
    expect(await screen.findByTestId('account-wizard')).toBeTruthy();
    expect(screen.queryByTestId('wizard-cancel')).toBeNull();
    expect(screen.getByTestId('nav-mail').getAttribute('aria-current')).toBe('page');
  });

  test('navigation is labelled, marks the current page, and shows honest empty states', async () => {
    setup([account]);
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(nav).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(await screen.findByRole('tree', { name: 'Dossiers de Marie' })).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Agenda' }));
    expect(screen.getByTestId('nav-calendar').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('nav-mail').getAttribute('aria-current')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Agenda' })).toBeTruthy();
    expect(screen.getByTestId('coming-soon').textContent).toContain('Bientôt disponible');

    for (const name of ['Contacts', 'Archives'] as const) {
      await fireEvent.click(screen.getByRole('button', { name }));
      expect(screen.getByRole('heading', { level: 1, name })).toBeTruthy();
    }
  });

  test('"Ajouter un compte" in Réglages opens the wizard, which can be cancelled', async () => {
    setup([account]);
    await fireEvent.click(screen.getByTestId('nav-settings'));
    await fireEvent.click(await screen.findByTestId('add-account'));
    expect(screen.getByTestId('account-wizard')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('wizard-cancel'));
    expect(screen.getByTestId('settings-view')).toBeTruthy();
  });

  test('a discreet French banner while the core is unreachable', async () => {
    const connection = new ConnectionState('open');
    setup([account], connection);
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    connection.status = 'closed';
    await waitFor(() =>
      expect(screen.getByTestId('connection-banner').textContent).toContain('Nouvelle tentative'),
    );
    connection.status = 'open';
    await waitFor(() => expect(screen.queryByTestId('connection-banner')).toBeNull());
  });
});
