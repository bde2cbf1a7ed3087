/**
 * Which local draft a message of the Drafts folder is. The contract's draft
 * summaries carry no Message-ID, so a draft is recognised by its subject and
 * recipients; the newest of equal ones wins (listDrafts is newest first).
 */
import type { DraftSummary, MessageSummary } from '$shared/contract/index.ts';

const addresses = (people: ReadonlyArray<{ address: string }>): string =>
  people
    .map((person) => person.address.toLowerCase())
    .sort()
    .join(',');

export function matchDraft(
  message: MessageSummary,
  drafts: readonly DraftSummary[],
): DraftSummary | undefined {
  const to = addresses(message.to);
  return drafts.find((draft) => draft.subject === message.subject && addresses(draft.to) === to);
}
