import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import {
  CartableError,
  type Account,
  type AccountSettingsInput,
  type DiscoveryResult,
  type Preset,
  type Result,
} from '$shared/contract/index.ts';
import { builtinPresets } from '$shared/presets.ts';
import { i18n } from '../../lib/i18n/index.ts';
import { FakeRpc, type Handlers } from '../../lib/rpc/testing.ts';
import AccountWizard from './AccountWizard.svelte';

const itPreset: Preset = {
  id: 'college-jean-moulin',
  label: 'Collège Jean-Moulin',
  domains: ['college-jm.fr'],
  loginFormat: 'localPart',
};
const presets = [...builtinPresets, itPreset];

const fingerprint = Array.from({ length: 32 }, (_, i) => ((i * 37 + 11) % 256).toString(16).padStart(2, '0'))
  .join(':')
  .toUpperCase();
const previous = Array.from({ length: 32 }, () => 'AA').join(':');

const discovered: DiscoveryResult = {
  source: 'preset',
  presetId: 'ac-amiens',
  login: 'marie.dupont@ac-amiens.fr',
  imap: { host: 'imaps.ac-amiens.fr', port: 993, security: 'tls' },
  smtp: { host: 'smtps.ac-amiens.fr', port: 465, security: 'tls' },
  steps: [{ step: 'preset', found: true }],
};

function accountFrom(settings: AccountSettingsInput): Account {
  return { ...settings, tlsPins: settings.tlsPins ?? [], id: 'acc-1', createdAt: '2026-09-01T08:00:00Z' };
}

const ok = (settings: AccountSettingsInput): Result<'accounts.add'> => ({
  report: {
    ok: true,
    checks: [
      { service: 'imap', ok: true },
      { service: 'smtp', ok: true },
    ],
  },
  account: accountFrom(settings),
});

function setup(handlers: Handlers = {}, oncancel?: () => void) {
  const rpc = new FakeRpc({
    'presets.list': () => presets,
    'accounts.discover': () => discovered,
    ...handlers,
  });
  const ondone = vi.fn<(account: Account) => void>();
  render(AccountWizard, { props: { ondone, ...(oncancel ? { oncancel } : {}) }, context: rpc.context() });
  return { rpc, ondone };
}

const type = (testid: string, value: string) =>
  fireEvent.input(screen.getByTestId(testid), { target: { value } });

async function fillIdentity(email = 'marie.dupont@ac-amiens.fr') {
  await type('account-name', 'Marie Dupont');
  await type('account-email', email);
  await type('account-password', 'Secret-2026');
}

async function reachVerification() {
  await fillIdentity();
  await fireEvent.click(screen.getByTestId('wizard-continue'));
  await fireEvent.click(await screen.findByTestId('wizard-connect'));
}

beforeEach(() => {
  i18n.setLocale('fr');
  localStorage.clear();
});

describe('account wizard — step 1', () => {
  test('lists the presets, including one added by IT, and "Autre serveur"', async () => {
    setup();
    const list = screen.getByTestId('preset-list');
    await within(list).findByText('Académie de Lille');
    expect(within(list).getByText('Académie d’Amiens')).toBeTruthy();
    expect(within(list).getByText('Collège Jean-Moulin')).toBeTruthy();
    expect(within(list).getByText('Autre serveur')).toBeTruthy();
    expect(within(list).getAllByRole('radio')).toHaveLength(4);
    expect(screen.getByLabelText('Adresse électronique')).toBe(screen.getByTestId('account-email'));
    expect(screen.getByLabelText('Mot de passe')).toBe(screen.getByTestId('account-password'));
    expect(screen.getByLabelText('Votre nom')).toBe(screen.getByTestId('account-name'));
  });

  test('refuses an incomplete form in French, without calling the core', async () => {
    const { rpc } = setup();
    await type('account-email', 'marie.dupont');
    await fireEvent.click(screen.getByTestId('wizard-continue'));
    expect(screen.getByText(/Saisissez une adresse complète/)).toBeTruthy();
    expect(screen.getByText('Ce champ est obligatoire.')).toBeTruthy();
    expect(screen.getByTestId('account-email').getAttribute('aria-invalid')).toBe('true');
    expect(rpc.callsOf('accounts.discover')).toHaveLength(0);
  });
});

describe('account wizard — discovery and verification', () => {
  test('discovers, shows how, then adds the account with progress per service', async () => {
    let finish: (() => void) | undefined;
    const { rpc, ondone } = setup({
      'accounts.add': ({ settings }) =>
        new Promise((resolve) => {
          finish = () => resolve(ok(settings));
        }),
    });
    await fillIdentity();
    await fireEvent.click(screen.getByTestId('wizard-continue'));
    expect((await screen.findByTestId('discovery-source')).textContent).toContain('Académie d’Amiens');
    expect(screen.getByTestId('discovery-summary').textContent).toContain(
      'imaps.ac-amiens.fr, port 993, TLS (SSL)',
    );
    expect(rpc.callsOf('accounts.discover')).toEqual([{ email: 'marie.dupont@ac-amiens.fr' }]);

    await fireEvent.click(screen.getByTestId('wizard-connect'));
    await waitFor(() => expect(finish).toBeDefined());
    expect(screen.getByTestId('check-imap').dataset['state']).toBe('waiting');
    expect(screen.queryByTestId('check-dav')).toBeNull();
    rpc.emit('accounts.progress', { email: 'marie.dupont@ac-amiens.fr', service: 'imap', state: 'running' });
    rpc.emit('accounts.progress', { email: 'someone@else.fr', service: 'smtp', state: 'failed' });
    await waitFor(() => expect(screen.getByTestId('check-imap').dataset['state']).toBe('running'));
    expect(screen.getByTestId('check-imap').textContent).toContain('Messagerie (IMAP)');
    expect(screen.getByTestId('check-smtp').dataset['state']).toBe('waiting');
    rpc.emit('accounts.progress', { email: 'marie.dupont@ac-amiens.fr', service: 'imap', state: 'ok' });
    await waitFor(() => expect(screen.getByTestId('check-imap').textContent).toContain('Connexion réussie'));

    finish?.();
    await waitFor(() => expect(ondone).toHaveBeenCalledTimes(1));
    const [settingsSent] = rpc.callsOf('accounts.add');
    expect(settingsSent).toEqual({
      settings: {
        email: 'marie.dupont@ac-amiens.fr',
        displayName: 'Marie Dupont',
        login: 'marie.dupont@ac-amiens.fr',
        imap: { host: 'imaps.ac-amiens.fr', port: 993, security: 'tls' },
        smtp: { host: 'smtps.ac-amiens.fr', port: 465, security: 'tls' },
        tlsPins: [],
        presetId: 'ac-amiens',
      },
      password: 'Secret-2026',
    });
    expect(rpc.listenerCount('accounts.progress')).toBe(0);
    expect(JSON.stringify({ ...localStorage })).not.toContain('Secret-2026');
    expect(location.href).not.toContain('Secret');
  });

  test('TLS_UNTRUSTED: French message, grouped fingerprint, and trusting it pins it and retries', async () => {
    const untrusted = {
      code: 'TLS_UNTRUSTED' as const,
      details: { host: 'imaps.ac-amiens.fr', port: 993, fingerprint },
    };
    const { rpc, ondone } = setup({
      'accounts.add': ({ settings }) =>
        (settings.tlsPins ?? []).length > 0
          ? ok(settings)
          : {
              report: {
                ok: false,
                checks: [
                  { service: 'imap', ok: false, error: untrusted },
                  { service: 'smtp', ok: true },
                ],
              },
            },
    });
    await reachVerification();
    const region = await screen.findByTestId('wizard-error');
    expect(region.getAttribute('role')).toBe('alert');
    expect(region.textContent).toContain(
      'Le certificat de sécurité du serveur « imaps.ac-amiens.fr » (port 993) n’est pas reconnu.',
    );
    const shown = within(region).getByTestId('fingerprint');
    expect(shown.dataset['fingerprint']).toBe(fingerprint);
    expect(shown.querySelectorAll('.row')).toHaveLength(4);
    expect(shown.textContent?.replace(/\s+/g, ':')).toBe(fingerprint);
    expect(screen.getByTestId('check-imap').dataset['state']).toBe('failed');
    expect(screen.getByTestId('check-smtp').dataset['state']).toBe('ok');
    expect(ondone).not.toHaveBeenCalled();

    const trust = within(region).getByTestId('trust-certificate');
    expect(trust.textContent?.trim()).toBe('Faire confiance à ce certificat');
    await fireEvent.click(trust);
    await waitFor(() => expect(ondone).toHaveBeenCalledTimes(1));
    const calls = rpc.callsOf('accounts.add');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.settings.tlsPins).toEqual([
      { host: 'imaps.ac-amiens.fr', port: 993, sha256: fingerprint },
    ]);
    expect(calls[1]?.password).toBe('Secret-2026');
  });

  test('one confirmation pins the same certificate for every port that showed it', async () => {
    const on = (port: number) => ({
      code: 'TLS_UNTRUSTED' as const,
      details: { host: 'mail.test', port, fingerprint },
    });
    const { rpc, ondone } = setup({
      'accounts.add': ({ settings }) =>
        (settings.tlsPins ?? []).length >= 2
          ? ok(settings)
          : {
              report: {
                ok: false,
                checks: [
                  { service: 'imap', ok: false, error: on(993) },
                  { service: 'smtp', ok: false, error: on(465) },
                ],
              },
            },
    });
    await reachVerification();
    const [first] = await screen.findAllByTestId('trust-certificate');
    await fireEvent.click(first as HTMLElement);
    await waitFor(() => expect(ondone).toHaveBeenCalledTimes(1));
    const calls = rpc.callsOf('accounts.add');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.settings.tlsPins).toEqual([
      { host: 'mail.test', port: 993, sha256: fingerprint },
      { host: 'mail.test', port: 465, sha256: fingerprint },
    ]);
  });

  test('TLS_CHANGED: a stronger warning with both fingerprints, and the new one replaces the old pin', async () => {
    const changed = {
      code: 'TLS_CHANGED' as const,
      details: { host: 'smtps.ac-amiens.fr', port: 465, fingerprint, previous },
    };
    const { rpc } = setup({
      'accounts.add': () => ({
        report: { ok: false, checks: [{ service: 'smtp', ok: false, error: changed }] },
      }),
    });
    await reachVerification();
    const region = await screen.findByTestId('wizard-error');
    expect(region.textContent).toContain(
      'Attention : le certificat de sécurité du serveur « smtps.ac-amiens.fr »',
    );
    expect(within(region).getByTestId('fingerprint-previous').dataset['fingerprint']).toBe(previous);
    expect(within(region).getByTestId('fingerprint').dataset['fingerprint']).toBe(fingerprint);
    const trust = within(region).getByTestId('trust-certificate');
    expect(trust.textContent?.trim()).toBe('Le certificat a changé — faire confiance au nouveau');
    await fireEvent.click(trust);
    await waitFor(() => expect(rpc.callsOf('accounts.add')).toHaveLength(2));
    expect(rpc.callsOf('accounts.add')[1]?.settings.tlsPins).toEqual([
      { host: 'smtps.ac-amiens.fr', port: 465, sha256: fingerprint },
    ]);
  });

  test('a rejected accounts.add is explained with the catalogue, and the settings can be edited', async () => {
    setup({
      'accounts.add': () => {
        throw new CartableError('AUTH_FAILED', { service: 'imap' });
      },
    });
    await reachVerification();
    const region = await screen.findByTestId('wizard-error');
    expect(region.textContent).toContain('Le mot de passe a été refusé par le serveur de messagerie.');
    expect(region.textContent).toContain('majuscules');
    expect(within(region).queryByTestId('trust-certificate')).toBeNull();
    expect(screen.getByTestId('check-imap').dataset['state']).toBe('skipped');
    await fireEvent.click(screen.getByTestId('wizard-edit'));
    expect(await screen.findByTestId('imap-host')).toBeTruthy();
  });

  test('a failed discovery opens the form with standard ports and says why', async () => {
    setup({
      'accounts.discover': () => {
        throw new CartableError('DISCOVERY_FAILED');
      },
    });
    await fillIdentity('marie@ecole-exemple.fr');
    await fireEvent.click(screen.getByTestId('wizard-continue'));
    expect((await screen.findByTestId('discovery-error')).textContent).toContain(
      'n’ont pas pu être trouvés automatiquement',
    );
    expect(screen.getByTestId<HTMLInputElement>('imap-port').value).toBe('993');
    expect(screen.getByTestId<HTMLInputElement>('login').value).toBe('marie@ecole-exemple.fr');
  });
});

describe('account wizard — "Autre serveur"', () => {
  test('goes straight to the form with standard ports; STARTTLS proposes 143 and 587', async () => {
    const { rpc } = setup({ 'accounts.add': ({ settings }) => ok(settings) });
    await fireEvent.click(await screen.findByText('Autre serveur'));
    await fillIdentity('secretariat@ecole-exemple.fr');
    await fireEvent.click(screen.getByTestId('wizard-continue'));
    const imapPort = await screen.findByTestId<HTMLInputElement>('imap-port');
    const smtpPort = screen.getByTestId<HTMLInputElement>('smtp-port');
    expect(rpc.callsOf('accounts.discover')).toHaveLength(0);
    expect([imapPort.value, smtpPort.value]).toEqual(['993', '465']);
    expect(screen.getByTestId<HTMLSelectElement>('imap-security').value).toBe('tls');
    expect([...screen.getByTestId<HTMLSelectElement>('imap-security').options].map((o) => o.value)).toEqual([
      'tls',
      'starttls',
    ]);

    await fireEvent.change(screen.getByTestId('imap-security'), { target: { value: 'starttls' } });
    await fireEvent.change(screen.getByTestId('smtp-security'), { target: { value: 'starttls' } });
    expect([imapPort.value, smtpPort.value]).toEqual(['143', '587']);

    await type('smtp-port', '2525');
    await fireEvent.change(screen.getByTestId('smtp-security'), { target: { value: 'tls' } });
    expect(smtpPort.value).toBe('2525');

    await type('imap-host', 'https://imap.ecole');
    await type('dav-url', 'http://dav.ecole-exemple.fr/');
    await fireEvent.click(screen.getByTestId('wizard-connect'));
    expect(screen.getByText(/Saisissez un nom de serveur/)).toBeTruthy();
    expect(screen.getByText(/Ce champ est obligatoire/)).toBeTruthy();
    expect(screen.getByText(/doit commencer par https:\/\//)).toBeTruthy();
    expect(rpc.callsOf('accounts.add')).toHaveLength(0);

    await type('imap-host', 'imap.ecole-exemple.fr');
    await type('smtp-host', 'smtp.ecole-exemple.fr');
    await type('dav-url', 'https://dav.ecole-exemple.fr/SOGo/dav/');
    await fireEvent.click(screen.getByTestId('wizard-connect'));
    await waitFor(() => expect(rpc.callsOf('accounts.add')).toHaveLength(1));
    expect(rpc.callsOf('accounts.add')[0]?.settings).toMatchObject({
      imap: { host: 'imap.ecole-exemple.fr', port: 143, security: 'starttls' },
      smtp: { host: 'smtp.ecole-exemple.fr', port: 2525, security: 'tls' },
      davUrl: 'https://dav.ecole-exemple.fr/SOGo/dav/',
    });
  });
});
