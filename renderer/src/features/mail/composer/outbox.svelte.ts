/**
 * The outbox as the mail view shows it: messages still waiting (the undo
 * delay, no network, a retry) and sends whose outcome is unknown, which only
 * the user can settle (resend, mark sent, discard). Re-read on every
 * mail.outboxChanged; the core holds the truth.
 */
import type { CartableErrorShape, OutboxItem, UncertainDecision } from '$shared/contract/index.ts';
import { toErrorShape, type Rpc } from '../../../lib/rpc/index.ts';

const WAITING = new Set<OutboxItem['state']>(['scheduled', 'sending']);

export class OutboxState {
  items = $state<OutboxItem[]>([]);
  error = $state<CartableErrorShape | undefined>();
  readonly #rpc: Rpc;
  /** Only the newest answer is kept when events come in a burst. */
  #asked = 0;

  constructor(rpc: Rpc) {
    this.#rpc = rpc;
  }

  get waiting(): OutboxItem[] {
    return this.items.filter((item) => WAITING.has(item.state));
  }

  get uncertain(): OutboxItem[] {
    return this.items.filter((item) => item.state === 'uncertain');
  }

  get failed(): OutboxItem[] {
    return this.items.filter((item) => item.state === 'failed');
  }

  /** What needs the user's eye: the indicator hides when this is empty. */
  get shown(): OutboxItem[] {
    return this.items.filter(
      (item) => WAITING.has(item.state) || item.state === 'uncertain' || item.state === 'failed',
    );
  }

  /** Starts listening; returns the unsubscribe. */
  watch(): () => void {
    void this.refresh();
    return this.#rpc.subscribe('mail.outboxChanged', () => void this.refresh());
  }

  async refresh(): Promise<void> {
    const ask = ++this.#asked;
    try {
      const items = await this.#rpc.invoke('mail.outbox', {});
      if (ask === this.#asked) this.items = items;
    } catch (error) {
      this.error = toErrorShape(error);
    }
  }

  async resolve(outboxId: string, decision: UncertainDecision): Promise<void> {
    try {
      await this.#rpc.invoke('mail.resolveUncertain', { outboxId, decision });
      this.error = undefined;
    } catch (error) {
      this.error = toErrorShape(error);
    }
    await this.refresh();
  }
}
