import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, test } from 'vitest';
import { i18n } from '../../../lib/i18n/index.ts';
import { sogoInvitation } from './ics-fixtures.ts';
import InvitationCard from './InvitationCard.svelte';

describe('the invitation card', () => {
  beforeEach(() => i18n.setLocale('fr'));

  test('summarises a SOGo invitation in French: title, Paris time as written, place, people', () => {
    render(InvitationCard, { props: { ics: sogoInvitation, filename: 'invitation.ics' } });
    const card = screen.getByTestId('invitation');
    expect(within(card).getByRole('heading').textContent).toContain('Invitation');
    expect(screen.getByTestId('invitation-title').textContent).toBe(
      'Conseil pédagogique – projet d’établissement',
    );
    // 14:00 in Europe/Paris stays 14:00 whatever the machine's zone: the card shows the time as written.
    expect(screen.getByTestId('invitation-when').textContent).toMatch(
      /jeudi 12 novembre 2026 à 14:00\s*–\s*jeudi 12 novembre 2026 à 16:00/,
    );
    expect(screen.getByTestId('invitation-where').textContent).toBe('Salle des professeurs, bâtiment B');
    expect(screen.getByTestId('invitation-organizer').textContent?.trim()).toBe(
      'Dupont, Marie · marie.dupont@ac-lyon.fr',
    );
    const attendees = screen.getByTestId('invitation-attendees');
    expect(attendees.textContent).toContain('Alice Martin <alice@college-exemple.ac-lyon.fr>');
    expect(attendees.textContent).toContain('Salle 12 <salle12@college-exemple.ac-lyon.fr>');
    expect(within(attendees).queryByRole('button')).toBeNull();
  });

  test('a cancellation says so; without the text, the card names the attachment', () => {
    const cancel = sogoInvitation.replace('METHOD:REQUEST', 'METHOD:CANCEL');
    const { unmount } = render(InvitationCard, { props: { ics: cancel, filename: 'x.ics' } });
    expect(screen.getByRole('heading').textContent).toContain('Événement annulé');
    unmount();
    render(InvitationCard, { props: { ics: undefined, filename: 'invitation.ics' } });
    expect(screen.getByTestId('invitation').textContent).toContain('invitation.ics');
  });
});
