/**
 * The unread count of every account's inbox, for the Courrier badge, the
 * window title and the dock; and the system notification when a sync brings
 * new mail. It re-queries the folder lists when the core says they changed
 * (the core holds the truth; this holds only the last sum).
 */
import type { EventPayload } from '$shared/contract/index.ts';
import { i18n } from '../../../lib/i18n/index.ts';
import type { Rpc } from '../../../lib/rpc/index.ts';
import { inboxUnread, noticeText } from './new-mail.ts';
import { showNotice } from './system-notices.ts';

/** Syncs announce changes per batch: the counts are read again at most this often. */
const REFRESH_MS = 400;

export class MailBadge {
  unread = $state(0);
  readonly #rpc: Rpc;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;

  constructor(rpc: Rpc) {
    this.#rpc = rpc;
  }

  /** Starts listening; returns the stop function. */
  start(): () => void {
    void this.refresh();
    const later = () => this.#refreshSoon();
    const stops = [
      this.#rpc.subscribe('accounts.changed', later),
      this.#rpc.subscribe('mail.foldersChanged', later),
      this.#rpc.subscribe('mail.changed', later),
      this.#rpc.subscribe('mail.newMail', (event) => {
        this.#notify(event);
        later();
      }),
    ];
    return () => {
      for (const stop of stops) stop();
      clearTimeout(this.#timer);
    };
  }

  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    try {
      const accounts = await this.#rpc.invoke('accounts.list', {});
      const lists = await Promise.all(
        accounts.map((account) => this.#rpc.invoke('mail.listFolders', { accountId: account.id })),
      );
      // An older refresh finishing late must not overwrite a newer count.
      if (generation === this.#generation) this.unread = inboxUnread(lists.flat());
    } catch {
      // The badge is a hint: a failed count keeps the last one; the views show the error.
    }
  }

  #refreshSoon(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.refresh();
    }, REFRESH_MS);
  }

  #notify(event: EventPayload<'mail.newMail'>): void {
    // One notice per inbox at a time: a newer one replaces it instead of piling up.
    showNotice(noticeText(i18n, event), `cartable-new-mail-${event.folderId}`);
  }
}
