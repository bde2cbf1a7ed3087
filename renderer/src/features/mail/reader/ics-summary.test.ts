import { describe, expect, test } from 'vitest';
import { MAX_ATTENDEES, MAX_ICS_CHARS, summarizeIcs } from './ics-summary.ts';
import { sogoInvitation } from './ics-fixtures.ts';

const invitation = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'METHOD:REQUEST',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:STANDARD',
  'DTSTART:19701025T030000',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:abc@ac-lyon.fr',
  'SUMMARY:Conseil de classe\\, 3e B',
  'DTSTART;TZID=Europe/Paris:20261015T170000',
  'DTEND;TZID=Europe/Paris:20261015T183000',
  'LOCATION:Salle 12\\; bâtiment A',
  'ORGANIZER;CN="Dupont; Marie":mailto:marie.dupont@ac-lyon.fr',
  'DESCRIPTION:Ordre du jour',
  ' en pièce jointe',
  'BEGIN:VALARM',
  'SUMMARY:not the title',
  'TRIGGER:-PT15M',
  'END:VALARM',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('the invitation summary', () => {
  test('reads title, times, place and organiser of the first event', () => {
    expect(summarizeIcs(invitation)).toEqual({
      method: 'REQUEST',
      title: 'Conseil de classe, 3e B',
      start: { year: 2026, month: 10, day: 15, hour: 17, minute: 0, allDay: false, utc: false },
      end: { year: 2026, month: 10, day: 15, hour: 18, minute: 30, allDay: false, utc: false },
      location: 'Salle 12; bâtiment A',
      organizer: { name: 'Dupont; Marie', address: 'marie.dupont@ac-lyon.fr' },
      attendees: [],
    });
  });

  test('reads a SOGo invitation: REQUEST, Europe/Paris times as written, organiser sent by, attendees', () => {
    const summary = summarizeIcs(sogoInvitation);
    expect(summary).toEqual({
      method: 'REQUEST',
      title: 'Conseil pédagogique – projet d’établissement',
      start: { year: 2026, month: 11, day: 12, hour: 14, minute: 0, allDay: false, utc: false },
      end: { year: 2026, month: 11, day: 12, hour: 16, minute: 0, allDay: false, utc: false },
      location: 'Salle des professeurs, bâtiment B',
      organizer: { name: 'Dupont, Marie', address: 'marie.dupont@ac-lyon.fr' },
      attendees: [
        { name: 'Alice Martin', address: 'alice@college-exemple.ac-lyon.fr', partstat: 'NEEDS-ACTION' },
        { name: 'Bob Durand', address: 'bob@college-exemple.ac-lyon.fr', partstat: 'ACCEPTED' },
        { name: 'Salle 12', address: 'salle12@college-exemple.ac-lyon.fr', partstat: 'NEEDS-ACTION' },
      ],
    });
  });

  test('stops reading attendees at the cap', () => {
    const many = Array.from({ length: MAX_ATTENDEES + 10 }, (_, i) => `ATTENDEE:mailto:p${i}@x.fr`);
    const summary = summarizeIcs(['BEGIN:VEVENT', ...many, 'END:VEVENT'].join('\n'));
    expect(summary?.attendees).toHaveLength(MAX_ATTENDEES);
  });

  test('unfolds long lines, reads UTC and all-day dates', () => {
    const ics =
      'BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Journée\n  pédagogique\nDTSTART;VALUE=DATE:20261102\nDTEND:20261102T090000Z\nEND:VEVENT\nEND:VCALENDAR';
    const summary = summarizeIcs(ics);
    expect(summary?.title).toBe('Journée pédagogique');
    expect(summary?.start).toMatchObject({ allDay: true, year: 2026, month: 11, day: 2 });
    expect(summary?.end).toMatchObject({ utc: true, hour: 9 });
  });

  test('hostile or broken input gives plain strings or nothing', () => {
    expect(summarizeIcs('<script>alert(1)</script>')).toBeUndefined();
    expect(summarizeIcs('BEGIN:VCALENDAR\nEND:VCALENDAR')).toBeUndefined();
    expect(summarizeIcs('x'.repeat(MAX_ICS_CHARS + 1))).toBeUndefined();
    const odd = summarizeIcs(
      'BEGIN:VEVENT\nSUMMARY:<img src=x onerror=alert(1)>\nDTSTART:20269999T999999\nORGANIZER:javascript:alert(1)\nEND:VEVENT',
    );
    expect(odd?.title).toBe('<img src=x onerror=alert(1)>');
    expect(odd?.start).toBeUndefined();
    expect(odd?.organizer).toEqual({ name: undefined, address: undefined });
  });

  test('caps very long values', () => {
    const long = summarizeIcs(`BEGIN:VEVENT\nSUMMARY:${'a'.repeat(10_000)}\nEND:VEVENT`);
    expect(long?.title?.length).toBe(500);
  });
});
