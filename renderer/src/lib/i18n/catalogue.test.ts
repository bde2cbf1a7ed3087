import { describe, expect, test } from 'vitest';
import { errorCodes } from '$shared/contract/index.ts';
import { specialUseOrder } from '$shared/folders.ts';
import { catalogue, en, fr, locales, type MessageKey } from './catalogue.ts';
import { describeError } from './errors.ts';
import { placeholders } from './format.ts';
import { I18n } from './locale.svelte.ts';

const keys = Object.keys(fr) as MessageKey[];

describe('catalogue', () => {
  test('every French key has a non-empty English text, and English has no extra key', () => {
    for (const key of keys) expect(en[key]?.trim(), key).toBeTruthy();
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
  });

  test('no text is empty in any language', () => {
    for (const locale of locales)
      for (const key of keys) expect(catalogue[locale][key].trim(), key).not.toBe('');
  });

  test('both languages use the same placeholders for each key', () => {
    for (const key of keys) expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
  });

  test.each(errorCodes)('%s has a message and a fix hint in French and English', (code) => {
    for (const locale of locales) {
      expect(catalogue[locale][`error.${code}.message`]?.trim()).toBeTruthy();
      expect(catalogue[locale][`error.${code}.hint`]?.trim()).toBeTruthy();
    }
    expect(fr[`error.${code}.hint`]).not.toBe(fr[`error.${code}.message`]);
  });

  test('the error texts name the details the core sends', () => {
    const uses = (code: string, ...names: string[]) => {
      const text = fr[`error.${code}.message` as MessageKey] + fr[`error.${code}.hint` as MessageKey];
      for (const name of names) expect(text, `${code} {${name}}`).toContain(`{${name}}`);
    };
    uses('TLS_UNTRUSTED', 'host', 'port', 'fingerprint');
    uses('TLS_CHANGED', 'host', 'port', 'fingerprint', 'previous');
    uses('AUTH_FAILED', 'service');
    uses('HOST_NOT_FOUND', 'host');
    uses('PORT_CLOSED', 'host', 'port');
    uses('TLS_UNAVAILABLE', 'host', 'port');
    uses('DB_NEWER_VERSION', 'found', 'supported');
  });

  test('special folders have their French and English names', () => {
    const french = specialUseOrder.map((use) => fr[`folder.${use}`]);
    expect(french).toEqual([
      'Boîte de réception',
      'Brouillons',
      'Envoyés',
      'Archives',
      'Indésirables',
      'Corbeille',
    ]);
    expect(specialUseOrder.map((use) => en[`folder.${use}`])).toEqual([
      'Inbox',
      'Drafts',
      'Sent',
      'Archives',
      'Junk',
      'Trash',
    ]);
  });
});

describe('describeError', () => {
  test('interpolates details and translates the service', () => {
    const i18n = new I18n();
    i18n.locale = 'fr';
    expect(describeError(i18n, { code: 'AUTH_FAILED', details: { service: 'imap' } }).message).toBe(
      'Le mot de passe a été refusé par le serveur de messagerie.',
    );
    expect(describeError(i18n, { code: 'AUTH_FAILED' }, 'smtp').message).toBe(
      'Le mot de passe a été refusé par le serveur d’envoi.',
    );
    expect(describeError(i18n, { code: 'AUTH_FAILED' }).hint).toContain('majuscules');
    expect(
      describeError(i18n, { code: 'PORT_CLOSED', details: { host: 'imap.ac-lille.fr', port: 993 } }).message,
    ).toBe('Le serveur « imap.ac-lille.fr » ne répond pas sur le port 993.');
    i18n.locale = 'en';
    expect(describeError(i18n, { code: 'HOST_NOT_FOUND', details: { host: 'x.example' } }).message).toBe(
      'The server “x.example” could not be found.',
    );
  });

  test('a missing detail reads "inconnu", never a raw placeholder', () => {
    const i18n = new I18n();
    i18n.locale = 'fr';
    const text = describeError(i18n, { code: 'HOST_NOT_FOUND' });
    expect(text.message).toBe('Le serveur « inconnu » est introuvable.');
    expect(text.message + text.hint).not.toMatch(/\{\w+\}/);
  });
});

describe('locale', () => {
  test('French by default, English kept in localStorage once chosen', () => {
    localStorage.clear();
    expect(new I18n().locale).toBe('fr');
    const i18n = new I18n();
    i18n.setLocale('en');
    expect(localStorage.getItem('cartable.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(new I18n().t('nav.mail')).toBe('Mail');
    i18n.setLocale('fr');
    expect(new I18n().t('nav.mail')).toBe('Courrier');
  });

  test('plural follows each language’s rule', () => {
    const i18n = new I18n();
    i18n.locale = 'fr';
    expect(i18n.plural('mail.unseen', 1)).toBe('1 message non lu');
    expect(i18n.plural('mail.unseen', 3)).toBe('3 messages non lus');
    i18n.locale = 'en';
    expect(i18n.plural('mail.unseen', 1)).toBe('1 unread message');
  });
});
