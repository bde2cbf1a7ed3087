/**
 * A fake core folder for the list's component tests: `count` messages,
 * newest first by default, paged and sorted the way mail.listMessages does,
 * with every call recorded by FakeRpc. Never imported by application code.
 */
import type { ConversationSummary, MessageSummary, Params } from '$shared/contract/index.ts';
import { FakeRpc, type Handlers } from '../../../lib/rpc/testing.ts';

const senders = ['Élodie Martin', 'Jean Dupont', 'Anne Moreau', 'Bruno Faure'];
const day = 24 * 3600_000;

export function message(i: number, extra: Partial<MessageSummary> = {}): MessageSummary {
  const name = senders[i % senders.length] ?? '';
  return {
    id: i,
    folderId: 'f-INBOX',
    uid: i,
    subject: `Conseil de classe n° ${i}`,
    from: { name, address: `${name.split(' ')[0]?.toLowerCase() ?? 'x'}@ac-lyon.fr` },
    to: [],
    date: Date.parse('2020-01-01T08:00:00Z') + i * day,
    size: 1000 + i,
    seen: i % 3 !== 0,
    flagged: i % 5 === 0,
    answered: false,
    hasAttachments: i % 4 === 0,
    ...extra,
  };
}

export type ListParams = Params<'mail.listMessages'>;

/** Messages 1…count; the handler sorts by date or sender and pages like the core. */
export function fakeFolder(
  count: number,
  handlers: Handlers = {},
): { rpc: FakeRpc; seenMessages: Set<number> } {
  const seenMessages = new Set<number>();
  const page = (params: ListParams): MessageSummary[] => {
    const ids = Array.from({ length: count }, (_, k) => count - k);
    if (params.sort === 'from')
      ids.sort((a, b) => (message(a).from?.name ?? '').localeCompare(message(b).from?.name ?? '') || b - a);
    if (params.order === 'asc' && params.sort === 'date') ids.reverse();
    return ids
      .slice(params.offset ?? 0, (params.offset ?? 0) + (params.limit ?? 100))
      .map((i) => message(i, seenMessages.has(i) ? { seen: true } : {}));
  };
  const rpc = new FakeRpc({
    'mail.listMessages': (params) => ({ total: count, messages: page(params) }),
    'mail.listConversations': (params) => ({
      total: count,
      conversations: page(params).map((m): ConversationSummary => ({
        ...m,
        threadId: m.id,
        messageCount: m.id % 2 === 0 ? 3 : 1,
        unreadCount: 0,
      })),
    }),
    'mail.listThread': ({ threadId }) =>
      [0, 1, 2].map((k) => message(threadId * 1000 + k, { subject: `Re: ${k}` })),
    'mail.act': ({ messageIds, action }) => {
      if (action.kind === 'markRead' && action.value) for (const id of messageIds) seenMessages.add(id);
      return { actionId: `act-${messageIds.join('-')}`, undoableUntil: Date.now() + 5000 };
    },
    'mail.undo': () => ({ undone: true }),
    ...handlers,
  });
  return { rpc, seenMessages };
}

export { stubResizeObserver } from '../../../lib/testing/resize-observer.ts';
