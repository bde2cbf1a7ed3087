/**
 * "Message en cours d'envoi — Annuler": the toast after Envoyer, open while
 * the engine's undo delay runs. Annuler cancels the outbox item and gives the
 * message back to the composer, as it was.
 */
import type { CartableErrorShape } from '$shared/contract/index.ts';
import { toErrorShape, type Rpc } from '../../../lib/rpc/index.ts';
import type { ComposeRequest } from './compose-request.ts';
import type { Composer, Sent } from './composer.svelte.ts';

export interface PendingSend extends Sent {
  composer: Composer;
  /** What opened the composer, so it comes back with the same title. */
  request: ComposeRequest;
}

export class SendUndo {
  pending = $state<PendingSend | undefined>();
  /** The last outcome, for the live region: 'sent' once the delay passed, 'cancelled' after Annuler. */
  outcome = $state<'sent' | 'cancelled' | undefined>();
  error = $state<CartableErrorShape | undefined>();
  readonly #rpc: Rpc;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(rpc: Rpc) {
    this.#rpc = rpc;
  }

  start(send: PendingSend): void {
    clearTimeout(this.#timer);
    this.pending = send;
    this.outcome = undefined;
    this.#timer = setTimeout(
      () => {
        if (this.pending?.outboxId !== send.outboxId) return;
        this.pending = undefined;
        this.outcome = 'sent';
      },
      Math.max(0, send.sendAt - Date.now()),
    );
  }

  /** Undo: the send to reopen in the composer when the message had not left yet. */
  async cancel(): Promise<PendingSend | undefined> {
    const send = this.pending;
    if (!send) return undefined;
    clearTimeout(this.#timer);
    this.pending = undefined;
    try {
      const { cancelled } = await this.#rpc.invoke('mail.cancelSend', { outboxId: send.outboxId });
      this.outcome = cancelled ? 'cancelled' : 'sent';
      return cancelled ? send : undefined;
    } catch (error) {
      this.error = toErrorShape(error);
      return undefined;
    }
  }

  dismiss(): void {
    clearTimeout(this.#timer);
    this.pending = undefined;
    this.outcome = undefined;
    this.error = undefined;
  }
}
