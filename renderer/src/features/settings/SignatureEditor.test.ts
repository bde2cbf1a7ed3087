import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, test } from 'vitest';
import { CartableError } from '$shared/contract/index.ts';
import { i18n } from '../../lib/i18n/index.ts';
import { FakeRpc } from '../../lib/rpc/testing.ts';
import { AccountsState } from '../accounts/index.ts';
import SettingsView from './SettingsView.svelte';
import { testAccount as account } from '../../lib/testing/account.ts';

async function setup(options: { saveFails?: boolean } = {}) {
  const stored = new Map([
    ['a1', { signatureNew: 'Marie Dupont\nSecrétariat', signatureReply: 'M. D.' }],
    ['a2', { signatureNew: '', signatureReply: '' }],
  ]);
  const rpc = new FakeRpc({
    'accounts.list': () => [
      account('a1', 'marie@ac-lille.fr', 'Marie Dupont'),
      account('a2', 'direction@ac-lille.fr'),
    ],
    'mail.getComposeSettings': ({ accountId }) => ({ ...stored.get(accountId)!, maxMessageBytes: 1000 }),
    'mail.setSignatures': ({ accountId, signatureNew, signatureReply }) => {
      if (options.saveFails) throw new CartableError('DISK_FULL');
      stored.set(accountId, { signatureNew, signatureReply });
      return {};
    },
  });
  const accounts = new AccountsState(rpc);
  await accounts.load();
  render(SettingsView, { props: { accounts, onadd: () => undefined }, context: rpc.context() });
  const editors = await screen.findAllByTestId('signature-editor');
  await waitFor(() => expect(within(editors[0]!).getByTestId('signature-new')).toBeTruthy());
  return { rpc, editors, stored };
}

beforeEach(() => i18n.setLocale('fr'));

describe('Réglages: signatures', () => {
  test('each account shows its two signatures, labelled, with the 10 000 characters limit', async () => {
    const { editors } = await setup();
    expect(editors.map((editor) => editor.getAttribute('data-account-id'))).toEqual(['a1', 'a2']);
    const first = within(screen.getByRole('form', { name: 'Marie Dupont' }));
    const fresh = first.getByLabelText<HTMLTextAreaElement>('Nouveau message');
    const reply = first.getByLabelText<HTMLTextAreaElement>('Réponse et transfert');
    expect(fresh.value).toBe('Marie Dupont\nSecrétariat');
    expect(reply.value).toBe('M. D.');
    expect(fresh.maxLength).toBe(10_000);
    // The count is the area's description: read with it, not at each keystroke.
    const count = document.getElementById(fresh.getAttribute('aria-describedby')!)!;
    expect(count.textContent?.replace(/\s/g, ' ').trim()).toMatch(/^24 \/ 10.000 caractères$/);
    expect(screen.getByRole('form', { name: 'direction@ac-lille.fr' })).toBeTruthy();
  });

  test('Enregistrer saves both, says so, and the notice goes at the next edit', async () => {
    const { rpc, editors, stored } = await setup();
    const second = within(editors[1]!);
    const fresh = second.getByLabelText('Nouveau message');
    await fireEvent.input(fresh, { target: { value: 'La direction' } });
    await fireEvent.input(second.getByLabelText('Réponse et transfert'), { target: { value: '-- \nD.' } });
    expect(second.getByTestId('signature-new-count').textContent).toContain('12 /');
    await fireEvent.click(
      second.getByRole('button', { name: 'Enregistrer les signatures de direction@ac-lille.fr' }),
    );
    await waitFor(() =>
      expect(second.getByRole('status').textContent?.trim()).toBe('Signatures enregistrées.'),
    );
    expect(rpc.callsOf('mail.setSignatures')).toEqual([
      { accountId: 'a2', signatureNew: 'La direction', signatureReply: '-- \nD.' },
    ]);
    expect(stored.get('a1')?.signatureReply).toBe('M. D.');
    await fireEvent.input(fresh, { target: { value: 'La direction du collège' } });
    expect(second.getByTestId('signature-status').textContent?.trim()).toBe('');
  });

  test('a failed save is explained and the text stays', async () => {
    const { editors } = await setup({ saveFails: true });
    const first = within(editors[0]!);
    await fireEvent.input(first.getByLabelText('Nouveau message'), { target: { value: 'Marie' } });
    await fireEvent.click(first.getByTestId('signature-save'));
    const alert = await first.findByRole('alert');
    expect(within(alert).getByTestId('signature-error')).toBeTruthy();
    expect(first.getByLabelText<HTMLTextAreaElement>('Nouveau message').value).toBe('Marie');
    expect(first.getByTestId('signature-status').textContent?.trim()).toBe('');
  });

  test('in English', async () => {
    i18n.setLocale('en');
    const { editors } = await setup();
    const first = within(editors[0]!);
    expect(screen.getByRole('heading', { name: 'Signatures' })).toBeTruthy();
    expect(first.getByLabelText('New message')).toBeTruthy();
    expect(first.getByLabelText('Reply and forward')).toBeTruthy();
    expect(first.getByTestId('signature-reply-count').textContent).toMatch(/5 \/ 10,000 characters/);
    expect(first.getByRole('button', { name: 'Save the signatures of Marie Dupont' }).textContent).toBe(
      'Save',
    );
  });
});
