/**
 * The summary card of an invitation, read from its iCalendar text (RFC 5545)
 * without any library: unfold lines, take the first VEVENT's SUMMARY,
 * DTSTART/DTEND, LOCATION, ORGANIZER and ATTENDEEs (as SOGo writes them:
 * METHOD:REQUEST, times in a TZID such as Europe/Paris, CN and PARTSTAT). Hostile input only ever yields
 * plain strings (rendered as text) or nothing; sizes are capped.
 */

/** An invitation is a few kilobytes; a huge one is not read, just listed as an attachment. */
export const MAX_ICS_CHARS = 256 * 1024;
/** Long enough for any real title or place; the card is a summary, not the event. */
const MAX_VALUE_CHARS = 500;
/** A whole school is a few hundred people; more is not read. */
export const MAX_ATTENDEES = 300;

/** A date-time as written: UTC ("Z"), or wall-clock time (floating or in a TZID, shown as written). */
export interface IcsTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  allDay: boolean;
  utc: boolean;
}

export interface IcsPerson {
  name: string | undefined;
  address: string | undefined;
}

export interface IcsAttendee extends IcsPerson {
  /** NEEDS-ACTION, ACCEPTED, DECLINED, TENTATIVE…; undefined when not said. */
  partstat: string | undefined;
}

export interface IcsSummary {
  /** REQUEST (invitation), CANCEL, REPLY…; undefined when the calendar has none. */
  method: string | undefined;
  title: string | undefined;
  start: IcsTime | undefined;
  end: IcsTime | undefined;
  location: string | undefined;
  organizer: IcsPerson | undefined;
  attendees: IcsAttendee[];
}

interface Property {
  name: string;
  params: Map<string, string>;
  value: string;
}

function unfold(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
}

function parseProperty(line: string): Property | undefined {
  // Parameter values may be quoted and contain ":" or ";" (CN="Dupont; Marie").
  const match =
    /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:]*)(?:,(?:"[^"]*"|[^";:]*))*)*):(.*)$/.exec(line);
  if (!match) return undefined;
  const params = new Map<string, string>();
  for (const param of (match[2] ?? '').matchAll(/;([A-Za-z0-9-]+)=("[^"]*"|[^";:]*)/g))
    params.set((param[1] ?? '').toUpperCase(), (param[2] ?? '').replace(/^"|"$/g, ''));
  return { name: (match[1] ?? '').toUpperCase(), params, value: match[3] ?? '' };
}

function unescapeText(value: string): string {
  return value
    .replace(/\\([\\;,nN])/g, (_match, char: string) => (char === 'n' || char === 'N' ? '\n' : char))
    .slice(0, MAX_VALUE_CHARS)
    .trim();
}

function parseTime(property: Property | undefined): IcsTime | undefined {
  const match =
    property && /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/.exec(property.value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((index) => Number(match[index] ?? 0));
  if (!year || !month || !day || month > 12 || day > 31 || (hour ?? 0) > 23 || (minute ?? 0) > 59)
    return undefined;
  return {
    year,
    month,
    day,
    hour: hour ?? 0,
    minute: minute ?? 0,
    allDay: match[4] === undefined,
    utc: match[7] === 'Z',
  };
}

function person(property: Property | undefined): IcsPerson | undefined {
  if (!property) return undefined;
  const name = property.params.get('CN');
  const address = /^mailto:/i.test(property.value) ? property.value.slice(7).trim() : undefined;
  return {
    name: name ? unescapeText(name) : undefined,
    address: address ? address.slice(0, MAX_VALUE_CHARS) : undefined,
  };
}

export function summarizeIcs(text: string): IcsSummary | undefined {
  if (text.length > MAX_ICS_CHARS) return undefined;
  let method: string | undefined;
  let depth = 0;
  /** The nesting depth of the first VEVENT once met; its VALARMs sit deeper and are skipped. */
  let eventDepth: number | undefined;
  const event = new Map<string, Property>();
  const attendees: Property[] = [];
  for (const line of unfold(text)) {
    const property = parseProperty(line);
    if (!property) continue;
    const component = property.value.trim().toUpperCase();
    if (property.name === 'BEGIN') {
      depth += 1;
      if (component === 'VEVENT' && eventDepth === undefined) eventDepth = depth;
    } else if (property.name === 'END') {
      if (component === 'VEVENT' && depth === eventDepth) break;
      depth -= 1;
    } else if (depth === eventDepth) {
      if (property.name === 'ATTENDEE') {
        if (attendees.length < MAX_ATTENDEES) attendees.push(property);
      } else if (!event.has(property.name)) event.set(property.name, property);
    } else if (eventDepth === undefined && property.name === 'METHOD') method = component.slice(0, 20);
  }
  if (eventDepth === undefined) return undefined;
  const field = (name: string) => {
    const value = event.get(name);
    return value ? unescapeText(value.value) || undefined : undefined;
  };
  return {
    method,
    title: field('SUMMARY'),
    start: parseTime(event.get('DTSTART')),
    end: parseTime(event.get('DTEND')),
    location: field('LOCATION'),
    organizer: person(event.get('ORGANIZER')),
    attendees: attendees.map((attendee) => ({
      name: undefined,
      address: undefined,
      ...person(attendee),
      partstat: attendee.params.get('PARTSTAT')?.toUpperCase().slice(0, 20),
    })),
  };
}

/** A Date whose UTC fields are the time to show; format it with timeZone "UTC" unless `utc`. */
export function icsDate(time: IcsTime): Date {
  return new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute));
}
