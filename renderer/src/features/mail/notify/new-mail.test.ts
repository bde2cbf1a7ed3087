import { afterEach, describe, expect, test } from 'vitest';
import { i18n } from '../../../lib/i18n/index.ts';
import { folder } from '../fixtures.ts';
import { inboxUnread, noticeText, shouldNotify, windowTitle } from './new-mail.ts';

afterEach(() => i18n.setLocale('fr'));

describe('the new-mail badge and notice', () => {
  test('the badge counts the unread of the inboxes only, across accounts', () => {
    const folders = [
      { ...folder('INBOX', { specialUse: 'inbox' }), unseen: 3 },
      { ...folder('Projets'), unseen: 40 },
      { ...folder('INBOX', { specialUse: 'inbox' }), accountId: 'b', unseen: 2 },
      folder('Sent', { specialUse: 'sent' }),
    ];
    expect(inboxUnread(folders)).toBe(5);
    expect(inboxUnread([])).toBe(0);
  });

  test('the window title carries the count, in French and English', () => {
    i18n.setLocale('fr');
    expect(windowTitle(i18n, 3)).toBe('(3) Cartable');
    expect(windowTitle(i18n, 0)).toBe('Cartable');
    i18n.setLocale('en');
    expect(windowTitle(i18n, 12)).toBe('(12) Cartable');
  });

  test('the notice names the sender and the subject, never more', () => {
    i18n.setLocale('fr');
    const one = noticeText(i18n, {
      accountId: 'a',
      folderId: 'f',
      count: 1,
      latest: { from: 'Bob Durand', subject: 'Sortie au musée' },
    });
    expect(one).toEqual({ title: 'Nouveau message', body: 'De Bob Durand\nSortie au musée' });
    const many = noticeText(i18n, {
      accountId: 'a',
      folderId: 'f',
      count: 4,
      latest: { from: '', subject: ' ' },
    });
    expect(many.title).toBe('4 nouveaux messages');
    expect(many.body).toBe(`De ${i18n.t('mail.list.noSender')}\n(sans objet)`);
    i18n.setLocale('en');
    expect(noticeText(i18n, { accountId: 'a', folderId: 'f', count: 2 })).toEqual({
      title: '2 new messages',
      body: '',
    });
  });

  test('a notice only when permitted and the window is elsewhere', () => {
    expect(shouldNotify('granted', false)).toBe(true);
    expect(shouldNotify('granted', true)).toBe(false);
    expect(shouldNotify('default', false)).toBe(false);
    expect(shouldNotify('denied', false)).toBe(false);
  });
});
