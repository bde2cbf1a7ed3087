/**
 * The words Cartable writes INTO a reply or a forward (attribution line, forward header block,
 * subject prefixes). They become part of the message the recipient reads, in the sender's
 * language, so they live here beside the code that builds the message, not in the UI catalogue.
 */
export type ComposeLocale = 'fr' | 'en';

export interface ComposeStrings {
  /** Prefix of a reply's subject: French mail clients write "RE:" (Outlook, SOGo), English ones "Re:". */
  replyPrefix: string;
  /** Prefix of a forward's subject: "TR:" (transféré) in French, "Fwd:" in English. */
  forwardPrefix: string;
  /** "Le 12/03/2026 à 10:15, Bob Martin a écrit :" */
  attribution(date: string, time: string, who: string): string;
  forwardTitle: string;
  /** Labels of the forward header block, in this order. */
  subject: string;
  date: string;
  from: string;
  to: string;
  cc: string;
  /** Between a label and its value: French typography puts a space before the colon. */
  colon: string;
}

export const composeStrings: Readonly<Record<ComposeLocale, ComposeStrings>> = {
  fr: {
    replyPrefix: 'RE: ',
    forwardPrefix: 'TR: ',
    attribution: (date, time, who) => `Le ${date} à ${time}, ${who} a écrit :`,
    forwardTitle: '-------- Message transféré --------',
    subject: 'Sujet',
    date: 'Date',
    from: 'De',
    to: 'À',
    cc: 'Cc',
    colon: ' : ',
  },
  en: {
    replyPrefix: 'Re: ',
    forwardPrefix: 'Fwd: ',
    attribution: (date, time, who) => `On ${date} at ${time}, ${who} wrote:`,
    forwardTitle: '-------- Forwarded Message --------',
    subject: 'Subject',
    date: 'Date',
    from: 'From',
    to: 'To',
    cc: 'Cc',
    colon: ': ',
  },
};

/**
 * "12/03/2026" and "10:15" in the given time zone (the user's when absent). Both locales use
 * day/month/year and a 24-hour clock: the readers are French schools writing to each other.
 */
export function formatDateTime(ms: number, timeZone?: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('day')}/${part('month')}/${part('year')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}
