/**
 * An invitation as SOGo 5 mails it to an outside attendee: METHOD:REQUEST,
 * times in Europe/Paris, Marie Dupont organizing. The integration test reads
 * it back from the core and the e2e reader shows it as a card; the
 * renderer's card is tested on a fuller one (ics-fixtures.ts).
 */

export interface InvitationEvent {
  summary: string;
  /** Left out unless given, as SOGo does for an event without a place. */
  location?: string;
}

/** The iCalendar text (CRLF lines, RFC 5545 §3.1) inviting `attendee` (an address) to `event`. */
export function sogoInvitation(attendee: string, event: InvitationEvent): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Inverse inc./SOGo 5.11.2//EN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    'UID:4D2A-6718F3A0-5-1B7E8C00',
    `SUMMARY:${event.summary}`,
    ...(event.location ? [`LOCATION:${event.location}`] : []),
    'DTSTART;TZID=Europe/Paris:20261112T140000',
    'DTEND;TZID=Europe/Paris:20261112T160000',
    'ORGANIZER;CN="Dupont, Marie":mailto:marie.dupont@ac-lyon.example.test',
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Alice Martin:mailto:${attendee}`,
    'DTSTAMP:20261020T101500Z',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
}
