/**
 * The outbox's state machine. Its one invariant is at-most-once: once a message may have reached
 * the server ('sending'), the only ways out are what the server said (sent, failed), what it
 * said it did not take (back to scheduled), or 'uncertain' — never a silent resend. Only the
 * user, after checking, moves an uncertain message on.
 */
import type { OutboxState } from '../../../../shared/contract/index.ts';

/**
 * begin: the message is about to be handed to the server (committed before MAIL FROM);
 * retry: the server certainly does not have it (network down, 4xx): try again later;
 * delivered: 250 after the final dot; refused: a final no (5xx, wrong password);
 * lost: the connection died after the final dot, or a crash caught the send in flight;
 * cancel: undo send, only while nothing has left;
 * resend, confirmSent, discard: the user's decision on an uncertain send.
 */
export type OutboxEvent =
  'begin' | 'retry' | 'delivered' | 'refused' | 'lost' | 'cancel' | 'resend' | 'confirmSent' | 'discard';

const transitions: Readonly<Record<OutboxState, Partial<Record<OutboxEvent, OutboxState>>>> = {
  scheduled: { begin: 'sending', retry: 'scheduled', refused: 'failed', cancel: 'cancelled' },
  sending: { delivered: 'sent', retry: 'scheduled', refused: 'failed', lost: 'uncertain' },
  sent: {},
  uncertain: { resend: 'scheduled', confirmSent: 'sent', discard: 'cancelled' },
  failed: {},
  cancelled: {},
};

/** The state after `event`, or undefined when the event is not allowed from `state`. */
export function nextState(state: OutboxState, event: OutboxEvent): OutboxState | undefined {
  return transitions[state][event];
}

/** The states `event` may leave from (for guarded UPDATEs). */
export function statesAllowing(event: OutboxEvent): OutboxState[] {
  return (Object.keys(transitions) as OutboxState[]).filter(
    (state) => transitions[state][event] !== undefined,
  );
}

/** Nothing moves the message on any more (an uncertain one waits for the user). */
export function isFinal(state: OutboxState): boolean {
  return Object.keys(transitions[state]).length === 0;
}

/** Offline sends retry quickly at first, then every few minutes until the network is back. */
export const RETRY_BASE_MS = 2_000;
export const MAX_RETRY_DELAY_MS = 2 * 60_000;

export function retryDelay(attempts: number, baseMs = RETRY_BASE_MS): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}
