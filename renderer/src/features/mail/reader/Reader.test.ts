import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { MessageBody, MessageSummary } from '$shared/contract/index.ts';
import { i18n } from '../../../lib/i18n/index.ts';
import { FakeRpc } from '../../../lib/rpc/testing.ts';
import { Reader } from './index.ts';
import { sogoInvitation } from './ics-fixtures.ts';
import { checkLink } from './link-check.ts';
import LinkConfirm from './LinkConfirm.svelte';

const message: MessageSummary = {
  id: 7,
  folderId: 'f1',
  uid: 42,
  subject: 'Conseil de classe',
  from: { name: 'Rectorat', address: 'no-reply@evil.example' },
  to: [{ name: 'Marie Dupont', address: 'marie.dupont@ac-lyon.fr' }],
  date: Date.UTC(2026, 9, 15, 15, 0),
  size: 1000,
  seen: false,
  flagged: false,
  answered: false,
  hasAttachments: true,
};

function body(overrides: Partial<MessageBody>): MessageBody {
  return {
    messageId: 7,
    text: null,
    html: null,
    parts: [],
    inline: [],
    note: null,
    fetchedAt: 0,
    ...overrides,
  };
}

/** The core's allow-list, as the fake core keeps it for one test. */
let allowed: string[] = [];
/** What the fake core reads from an invitation part (null: too large or gone). */
let calendarText: string | null = null;

function setup(result: MessageBody, props: Partial<MessageSummary> = {}) {
  const rpc = new FakeRpc({
    'mail.getBody': () => result,
    'mail.readCalendarPart': () => ({ text: calendarText }),
    'mail.getRemoteContentSenders': () => ({ senders: [...allowed] }),
    'mail.allowRemoteContent': ({ sender }) => {
      allowed.push(sender);
      return {};
    },
    'mail.downloadPath': ({ filename }) => ({ path: `/home/marie/Downloads/${filename}` }),
    'mail.saveAttachment': ({ destination }) => ({ path: destination, size: 10 }),
  });
  render(Reader, { props: { message: { ...message, ...props } }, context: rpc.context() });
  return rpc;
}

/** A mail whose only part is an invitation (part 2, text/calendar). */
const invitationBody = body({
  text: 'Invitation',
  parts: [
    {
      partId: '2',
      filename: 'invite.ics',
      mimeType: 'text/calendar',
      size: 900,
      contentId: null,
      disposition: null,
    },
  ],
});

const frame = () => screen.findByTestId<HTMLIFrameElement>('mail-frame');

describe('the reader', () => {
  beforeEach(() => {
    i18n.setLocale('fr');
    allowed = [];
    calendarText = null;
  });

  test('shows the sender’s name and real address, the recipients and a French date', async () => {
    setup(body({ text: 'Bonjour' }));
    expect(screen.getByTestId('reader-subject').textContent).toBe('Conseil de classe');
    expect(screen.getByTestId('reader-from').textContent).toContain('Rectorat');
    expect(screen.getByTestId('reader-from-address').textContent).toBe('<no-reply@evil.example>');
    expect(screen.getByTestId('reader-to').textContent?.trim()).toBe(
      'Marie Dupont <marie.dupont@ac-lyon.fr>',
    );
    const date = screen.getByTestId('reader-date');
    expect(date.textContent).toMatch(/^15 oct\. 2026/);
    expect(date.getAttribute('title')).toMatch(/^jeudi 15 octobre 2026 à \d\d:00:00 /);
    expect(screen.getByTestId('reader-has-attachments')).toBeTruthy();
    expect((await screen.findByTestId('plain-text')).textContent).toContain('Bonjour');
  });

  test('shows the Cc from the body, and folds a long recipient list behind a button', async () => {
    const staff = Array.from({ length: 6 }, (_, i) => ({ name: '', address: `prof${i + 1}@ac-lyon.fr` }));
    setup(body({ text: 'Bonjour', cc: [{ name: 'Proviseur', address: 'proviseur@ac-lyon.fr' }] }), {
      to: staff,
    });
    expect((await screen.findByTestId('reader-cc')).textContent).toContain(
      'Proviseur <proviseur@ac-lyon.fr>',
    );
    const to = screen.getByTestId('reader-to');
    expect(to.textContent).toContain('prof3@ac-lyon.fr');
    expect(to.textContent).not.toContain('prof4@ac-lyon.fr');
    const toggle = within(to).getByRole('button', { name: 'et 3 autres' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(toggle);
    expect(to.textContent).toContain('prof6@ac-lyon.fr');
    expect(within(to).getByRole('button', { name: 'Réduire' }).getAttribute('aria-expanded')).toBe('true');
  });

  test('renders HTML only in a sandboxed frame without scripts, whose srcdoc carries the CSP', async () => {
    setup(body({ html: '<p>Bonjour</p><script>parent.pwned = 1</script>' }));
    const element = await frame();
    expect(element.getAttribute('sandbox')).toBe('allow-same-origin');
    const srcdoc = element.getAttribute('srcdoc') ?? '';
    expect(srcdoc).toContain(`content="default-src 'none'; img-src data: blob:;`);
    expect(srcdoc).toContain('<p>Bonjour</p>');
    expect(srcdoc).not.toContain('<script>parent');
    expect(screen.queryByTestId('remote-bar')).toBeNull();
  });

  test('blocks remote images until asked, for this message only', async () => {
    setup(body({ html: '<img src="https://tracker.example/p.gif"><p>Lettre</p>' }));
    const element = await frame();
    expect(element.getAttribute('srcdoc')).not.toContain('tracker.example');
    const bar = await screen.findByTestId('remote-bar');
    expect(bar.textContent).toContain('Des contenus distants ont été bloqués');
    await fireEvent.click(within(bar).getByRole('button', { name: 'Afficher pour ce message' }));
    expect(element.getAttribute('srcdoc')).toContain('https://tracker.example/p.gif');
    expect(element.getAttribute('srcdoc')).toContain('img-src data: blob: http: https:');
    expect(screen.queryByTestId('remote-bar')).toBeNull();
    expect(allowed).toEqual([]);
  });

  test('"always for this sender" asks the core to remember the address', async () => {
    const rpc = setup(body({ html: '<img src="https://cdn.example/logo.png">' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Toujours pour cet expéditeur' }));
    expect((await frame()).getAttribute('srcdoc')).toContain('https://cdn.example/logo.png');
    expect(rpc.callsOf('mail.allowRemoteContent')).toEqual([
      { sender: 'no-reply@evil.example', allow: true },
    ]);
  });

  test('a sender the core lists is shown at once; a change from another window is followed', async () => {
    allowed = ['no-reply@evil.example'];
    const rpc = setup(body({ html: '<img src="https://cdn.example/logo.png">' }));
    await vi.waitFor(async () =>
      expect((await frame()).getAttribute('srcdoc')).toContain('https://cdn.example/logo.png'),
    );
    expect(screen.queryByTestId('remote-bar')).toBeNull();
    allowed = [];
    rpc.emit('mail.remoteContentChanged', {});
    expect(await screen.findByTestId('remote-bar')).toBeTruthy();
    expect((await frame()).getAttribute('srcdoc')).not.toContain('cdn.example');
  });

  test('a link asks first and shows its real target; opening goes through window.open with noopener', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    setup(body({ text: 'Connectez-vous : https://ac-lyon.fr.evil.example/login' }));
    await fireEvent.click(await screen.findByRole('link', { name: 'https://ac-lyon.fr.evil.example/login' }));
    const dialog = screen.getByRole('dialog', { name: 'Ouvrir ce lien ?' });
    expect(within(dialog).getByTestId('link-target').textContent).toBe(
      'https://ac-lyon.fr.evil.example/login',
    );
    expect(open).not.toHaveBeenCalled();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Ouvrir dans le navigateur' }));
    expect(open).toHaveBeenCalledWith(
      'https://ac-lyon.fr.evil.example/login',
      '_blank',
      'noopener,noreferrer',
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    open.mockRestore();
  });

  test('the link dialog warns when the text shows another domain, and Escape closes it', async () => {
    const link = checkLink('https://evil.example/login', 'ac-lyon.fr');
    if (!link) throw new Error('link refused');
    const onclose = vi.fn();
    render(LinkConfirm, { props: { link, onclose } });
    expect(screen.getByTestId('link-mismatch').textContent).toContain(
      'Le texte affiche ac-lyon.fr mais le lien mène à evil.example.',
    );
    expect(document.activeElement?.textContent).toBe('Annuler');
    await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalled();
  });

  test('lists attachments with size in Ko, warns about disguised programs, saves on request only', async () => {
    const rpc = setup(
      body({
        text: 'PJ',
        parts: [
          {
            partId: '2',
            filename: 'bulletin.pdf',
            mimeType: 'application/pdf',
            size: 1536,
            contentId: null,
            disposition: 'attachment',
          },
          {
            partId: '3',
            filename: 'bulletin.pdf.exe',
            mimeType: 'application/octet-stream',
            size: 2 * 1024 * 1024,
            contentId: null,
            disposition: 'attachment',
          },
        ],
      }),
    );
    const items = await screen.findAllByTestId('attachment');
    expect(items[0]?.textContent).toContain('1,5 Ko');
    expect(within(items[0] as HTMLElement).queryByTestId('attachment-warning')).toBeNull();
    expect(within(items[1] as HTMLElement).getByTestId('attachment-warning').textContent).toContain(
      'Nom trompeur',
    );
    expect(items[1]?.textContent).toContain('2 Mo');
    expect(rpc.callsOf('mail.saveAttachment')).toEqual([]);
    await fireEvent.click(
      within(items[1] as HTMLElement).getByRole('button', { name: 'Enregistrer bulletin.pdf.exe' }),
    );
    expect((await screen.findByTestId('attachment-saved')).textContent).toBe(
      'Enregistré dans /home/marie/Downloads/bulletin.pdf.exe',
    );
    expect(rpc.callsOf('mail.saveAttachment')).toEqual([
      { messageId: 7, partId: '3', destination: '/home/marie/Downloads/bulletin.pdf.exe' },
    ]);
  });

  test('an invitation part shows a card: its summary when the core reads it, else its name', async () => {
    calendarText = sogoInvitation;
    const rpc = setup(invitationBody);
    expect((await screen.findByTestId('invitation-title')).textContent).toBe(
      'Conseil pédagogique – projet d’établissement',
    );
    expect(rpc.callsOf('mail.readCalendarPart')).toEqual([{ messageId: 7, partId: '2' }]);
  });

  test('an invitation the core cannot read is named as an attachment', async () => {
    setup(invitationBody);
    await vi.waitFor(() => expect(screen.getByTestId('invitation').textContent).toContain('invite.ics'));
  });

  test('in English too', async () => {
    i18n.setLocale('en');
    setup(body({ html: '<img src="http://x.example/a.png">' }), {
      from: { name: '', address: 'other@x.example' },
    });
    expect((await screen.findByTestId('remote-bar')).textContent).toContain('Remote content was blocked');
    expect(screen.getByTestId('reader-date').getAttribute('title')).toMatch(/^Thursday,? 15 October 2026/);
  });
});
