import { describe, expect, it } from 'vitest';
import type { DraftSummary, MessageSummary } from '$shared/contract/index.ts';
import { matchDraft } from './draft-match.ts';

const message = (subject: string, to: string[]): MessageSummary => ({
  id: 1,
  folderId: 'f',
  uid: 1,
  subject,
  to: to.map((address) => ({ name: '', address })),
  date: 0,
  size: 0,
  seen: true,
  flagged: false,
  answered: false,
  hasAttachments: false,
});
const draft = (id: string, subject: string, to: string[]): DraftSummary => ({
  id,
  accountId: 'a',
  subject,
  to: to.map((address) => ({ name: '', address })),
  updatedAt: '2026-01-01T00:00:00Z',
  onServer: true,
});

describe('draft of a Drafts message', () => {
  it('is the newest draft with its subject and recipients, whatever their order and case', () => {
    const drafts = [
      draft('new', 'Sortie', ['b@x.fr', 'a@x.fr']),
      draft('old', 'Sortie', ['a@x.fr', 'b@x.fr']),
    ];
    expect(matchDraft(message('Sortie', ['A@x.fr', 'b@x.fr']), drafts)?.id).toBe('new');
  });

  it('is none for a draft written elsewhere', () => {
    expect(matchDraft(message('Autre', []), [draft('d', 'Sortie', [])])).toBeUndefined();
  });
});
