/**
 * How the list toolbar and the reader header open the composer without the
 * components between them (MessageList, Reader) passing callbacks down: the
 * mail view provides these actions in a Svelte context.
 */
import { getContext, setContext } from 'svelte';
import type { MessageSummary } from '$shared/contract/index.ts';
import type { ReplyKind } from './compose-request.ts';

export interface ComposeActions {
  compose(): void;
  answer(kind: ReplyKind, message: MessageSummary): void;
  /** A message of the Drafts folder: reopened in the composer rather than answered. */
  isDraft(message: MessageSummary): boolean;
  resume(message: MessageSummary): void;
}

const key = Symbol('compose-actions');

export function provideCompose(actions: ComposeActions): void {
  setContext(key, actions);
}

/** Undefined outside the mail view (a reader in a test harness shows no compose buttons). */
export function useCompose(): ComposeActions | undefined {
  return getContext<ComposeActions | undefined>(key);
}
