/**
 * What the list shows in one row, flat or as conversations, and the keys
 * that name rows across re-queries (selection, Svelte's keyed each).
 */
import type { ConversationSummary, MessageSummary } from '$shared/contract/index.ts';

export type ListRow = MessageSummary | ConversationSummary;

export type DisplayRow =
  | { kind: 'message'; index: number; key: string; message: MessageSummary; child: boolean }
  | { kind: 'conversation'; index: number; key: string; message: ConversationSummary; expanded: boolean }
  | { kind: 'loading'; index: number; key: string };

export type LoadedRow = Exclude<DisplayRow, { kind: 'loading' }>;

export function isConversation(row: ListRow): row is ConversationSummary {
  return 'threadId' in row;
}

export const messageKey = (id: number): string => `m${id}`;
export const conversationKey = (threadId: number): string => `t${threadId}`;

export function rowKey(row: ListRow): string {
  return isConversation(row) ? conversationKey(row.threadId) : messageKey(row.id);
}

/** Unread for the markers: a conversation is unread while any of its messages is. */
export function isUnread(row: ListRow): boolean {
  return isConversation(row) ? row.unreadCount > 0 : !row.seen;
}
