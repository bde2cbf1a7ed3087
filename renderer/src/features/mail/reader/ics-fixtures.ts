/**
 * An invitation as SOGo 5 mails it (calendar-auto-schedule to an external
 * attendee): METHOD:REQUEST, its own VTIMEZONE for Europe/Paris, times in
 * that TZID, an ORGANIZER with SENT-BY (a secretary inviting for the
 * principal), people and a room as ATTENDEEs, and lines folded at 75
 * octets (RFC 5545 §3.1), one of them in the middle of a word. Test data.
 */

/** Folds like a real writer: CRLF and a space before every 74 characters of a long line. */
function fold(line: string): string {
  const chunks = [line.slice(0, 75)];
  for (let start = 75; start < line.length; start += 74) chunks.push(line.slice(start, start + 74));
  return chunks.join('\r\n ');
}

export const sogoInvitation = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Inverse inc./SOGo 5.11.2//EN',
  'METHOD:REQUEST',
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'X-LIC-LOCATION:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:4D2A-6718F3A0-5-1B7E8C00',
  'SUMMARY:Conseil pédagogique – projet d’établissement',
  'LOCATION:Salle des professeurs\\, bâtiment B',
  'CLASS:PUBLIC',
  'X-SOGO-SEND-APPOINTMENT-NOTIFICATIONS:NO',
  'TRANSP:OPAQUE',
  'DTSTART;TZID=Europe/Paris:20261112T140000',
  'DTEND;TZID=Europe/Paris:20261112T160000',
  'ORGANIZER;SENT-BY="mailto:secretariat@college-exemple.ac-lyon.fr";CN="Dupont, Marie":mailto:marie.dupont@ac-lyon.fr',
  'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;ROLE=REQ-PARTICIPANT;CN=Alice Martin:mailto:alice@college-exemple.ac-lyon.fr',
  'ATTENDEE;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT;CN=Bob Durand;CUTYPE=INDIVIDUAL:mailto:bob@college-exemple.ac-lyon.fr',
  'ATTENDEE;CUTYPE=ROOM;PARTSTAT=NEEDS-ACTION;ROLE=NON-PARTICIPANT;CN=Salle 12:mailto:salle12@college-exemple.ac-lyon.fr',
  'DESCRIPTION:Ordre du jour : bilan du premier trimestre\\, projet d’établissement\\, questions diverses.',
  'CREATED:20261020T101500Z',
  'DTSTAMP:20261020T101500Z',
  'LAST-MODIFIED:20261020T101500Z',
  'SEQUENCE:0',
  'BEGIN:VALARM',
  'ACTION:DISPLAY',
  'DESCRIPTION:Rappel',
  'TRIGGER;VALUE=DURATION:-PT15M',
  'END:VALARM',
  'END:VEVENT',
  'END:VCALENDAR',
]
  .map(fold)
  .join('\r\n');
