/**
 * Reply and forward subjects without stacked prefixes: "RE: TR: Re: Réunion" becomes
 * "RE: Réunion". The prefixes recognised are those French and English clients write (RFC 5322
 * §3.6.5 only names "Re: "; "Réf", "TR", "Fwd", "Fw" are common practice, "AW"/"WG" are
 * German Outlook's), with an optional counter ("Re[2]:") and either colon form.
 */
import { composeStrings, type ComposeLocale } from './compose-strings.ts';

const PREFIX = /^\s*(?:re|ré|réf|ref|tr|fwd|fw|aw|wg)\s*(?:\[\d{1,4}\])?\s*[:：]\s*/iu;
/** A subject of a hostile mail could repeat prefixes thousands of times; this many is plenty. */
const MAX_PREFIXES_STRIPPED = 100;

/** The subject without any leading reply or forward prefixes. */
export function baseSubject(subject: string): string {
  let rest = subject;
  for (let i = 0; i < MAX_PREFIXES_STRIPPED; i++) {
    const match = PREFIX.exec(rest);
    if (!match) break;
    rest = rest.slice(match[0].length);
  }
  return rest.trim();
}

export function replySubject(subject: string, locale: ComposeLocale): string {
  return composeStrings[locale].replyPrefix + baseSubject(subject);
}

export function forwardSubject(subject: string, locale: ComposeLocale): string {
  return composeStrings[locale].forwardPrefix + baseSubject(subject);
}
