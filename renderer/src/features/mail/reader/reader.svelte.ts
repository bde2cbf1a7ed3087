/**
 * The body of the message the reader shows: fetched through mail.getBody
 * when the message changes (a slower answer for a previous message never
 * replaces the current one), plus whether the user asked to see this
 * message's remote images. That choice lasts for this message only.
 */
import type { CartableErrorShape, MessageBody } from '$shared/contract/index.ts';
import type { LoadStatus } from '../../../lib/query/live-query.svelte.ts';
import { toErrorShape, type Rpc } from '../../../lib/rpc/index.ts';

export class ReaderState {
  body = $state<MessageBody | undefined>();
  status = $state<LoadStatus>('loading');
  error = $state<CartableErrorShape | undefined>();
  /** The message whose remote images the user asked to see, for as long as it stays open. */
  remoteShownFor = $state<number | undefined>();
  readonly #rpc: Rpc;
  #generation = 0;

  constructor(rpc: Rpc) {
    this.#rpc = rpc;
  }

  async load(messageId: number): Promise<void> {
    const generation = ++this.#generation;
    this.status = 'loading';
    this.body = undefined;
    this.error = undefined;
    if (this.remoteShownFor !== messageId) this.remoteShownFor = undefined;
    try {
      const body = await this.#rpc.invoke('mail.getBody', { messageId });
      if (generation !== this.#generation) return;
      this.body = body;
      this.status = 'ready';
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = toErrorShape(error);
      this.status = 'error';
    }
  }
}
