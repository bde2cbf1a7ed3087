/**
 * The iCalendar text of the invitation the reader shows, asked of the core
 * (which reads that one part from the server, bounded). A slower answer for
 * a previous message never replaces the current one; a failure leaves the
 * card naming the attachment instead.
 */
import type { BodyPart } from '$shared/contract/index.ts';
import type { Rpc } from '../../../lib/rpc/index.ts';

export class CalendarText {
  text = $state<string | undefined>();
  readonly #rpc: Rpc;
  #generation = 0;

  constructor(rpc: Rpc) {
    this.#rpc = rpc;
  }

  async load(messageId: number, part: BodyPart | undefined): Promise<void> {
    const generation = ++this.#generation;
    this.text = undefined;
    if (!part?.partId) return;
    try {
      const { text } = await this.#rpc.invoke('mail.readCalendarPart', { messageId, partId: part.partId });
      if (generation === this.#generation) this.text = text ?? undefined;
    } catch {
      // Offline or gone from the server: the card says where the invitation is.
    }
  }
}
