/**
 * Sort keys as French users expect them: "Élodie" sorts with "Elodie", case
 * does not matter, and "Re: TR: Conseil" sorts with "Conseil" (as in
 * Thunderbird). Computed once per message, so the list sorts by index.
 */

/** Reply and forward prefixes in the languages our users' correspondents write. */
const replyPrefixes = /^(?:\s*(?:re|tr|fw|fwd|réf|ref|aw|wg|rv|sv)\s*(?:\[\d+\])?\s*:\s*)+/i;

export function foldForSort(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

export function subjectSortKey(subject: string): string {
  return foldForSort(subject.replace(replyPrefixes, ''));
}

export function senderSortKey(name: string | undefined, address: string | undefined): string {
  return foldForSort(name || address || '');
}
