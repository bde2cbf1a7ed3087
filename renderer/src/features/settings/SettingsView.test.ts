import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { CartableError } from '$shared/contract/index.ts';
import { i18n } from '../../lib/i18n/index.ts';
import { FakeRpc } from '../../lib/rpc/testing.ts';
import { AccountsState } from '../accounts/index.ts';
import SettingsView from './SettingsView.svelte';
import { testAccount as account } from '../../lib/testing/account.ts';

async function setup(removeFails = false) {
  let list = [account('a1', 'marie@ac-lille.fr'), account('a2', 'direction@ac-lille.fr')];
  const rpc = new FakeRpc({
    'accounts.list': () => list,
    'accounts.remove': ({ id }) => {
      if (removeFails) throw new CartableError('ACCOUNT_NOT_FOUND');
      list = list.filter((a) => a.id !== id);
      return { removed: true };
    },
  });
  const accounts = new AccountsState(rpc);
  await accounts.load();
  const onadd = vi.fn();
  render(SettingsView, { props: { accounts, onadd }, context: rpc.context() });
  return { rpc, onadd };
}

beforeEach(() => i18n.setLocale('fr'));

describe('Réglages', () => {
  test('removing an account asks for confirmation first', async () => {
    const { rpc } = await setup();
    const rows = screen.getAllByTestId('account-row');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('marie@ac-lille.fr'),
      expect.stringContaining('direction@ac-lille.fr'),
    ]);
    await fireEvent.click(screen.getByRole('button', { name: 'Supprimer le compte marie@ac-lille.fr' }));
    expect(rpc.callsOf('accounts.remove')).toHaveLength(0);
    expect(rows[0]!.textContent).toContain('Vos messages restent sur le serveur');
    await fireEvent.click(within(rows[0]!).getByTestId('account-remove-cancel'));
    expect(within(rows[0]!).queryByTestId('account-remove-confirm')).toBeNull();

    await fireEvent.click(within(rows[0]!).getByTestId('account-remove'));
    await fireEvent.click(within(rows[0]!).getByTestId('account-remove-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(1));
    expect(rpc.callsOf('accounts.remove')).toEqual([{ id: 'a1' }]);
  });

  test('a failed removal is explained', async () => {
    await setup(true);
    await fireEvent.click(screen.getAllByTestId('account-remove')[0]!);
    await fireEvent.click(screen.getByTestId('account-remove-confirm'));
    expect((await screen.findByTestId('settings-error')).textContent).toContain('Ce compte n’existe plus');
  });

  test('"Ajouter un compte" opens the wizard; the language can be switched to English', async () => {
    const { onadd } = await setup();
    await fireEvent.click(screen.getByTestId('add-account'));
    expect(onadd).toHaveBeenCalledOnce();
    const select = screen.getByLabelText('Langue de l’interface');
    await fireEvent.change(select, { target: { value: 'en' } });
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(screen.getByTestId('add-account').textContent).toBe('Add an account');
    expect(localStorage.getItem('cartable.locale')).toBe('en');
  });
});
