/**
 * The engine's actions on messages (mail.act) and the undo toast of the
 * destructive ones: "Message supprimé — Annuler" stays while the core's undo
 * window is open (`undoableUntil`), and Annuler calls mail.undo. The list,
 * its context menu and a drop onto a folder all act through this one object.
 */
import type { CartableErrorShape, Params } from '$shared/contract/index.ts';
import { toErrorShape, type Rpc } from '../../../lib/rpc/index.ts';

export type MailAction = Params<'mail.act'>['action'];

export interface UndoToast {
  text: string;
  actionId: string;
  undoableUntil: number;
}

export interface ActionsClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: ActionsClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const isDestructive = (action: MailAction): boolean =>
  action.kind === 'delete' || action.kind === 'move' || action.kind === 'junk';

export class MailActions {
  toast = $state<UndoToast | undefined>();
  error = $state<CartableErrorShape | undefined>();
  /** Set briefly after an undo, for the live region. */
  undone = $state(false);

  readonly #rpc: Rpc;
  readonly #clock: ActionsClock;
  #timer: unknown;

  constructor(rpc: Rpc, clock: ActionsClock = systemClock) {
    this.#rpc = rpc;
    this.#clock = clock;
  }

  /** Acts now; a destructive action shows `text` with Annuler until its window closes. */
  async act(messageIds: readonly number[], action: MailAction, text?: string): Promise<boolean> {
    if (messageIds.length === 0) return false;
    try {
      const { actionId, undoableUntil } = await this.#rpc.invoke('mail.act', {
        messageIds: [...messageIds],
        action,
      });
      this.error = undefined;
      if (isDestructive(action) && text !== undefined) this.#show({ text, actionId, undoableUntil });
      return true;
    } catch (error) {
      this.error = toErrorShape(error);
      return false;
    }
  }

  async undo(): Promise<void> {
    const toast = this.toast;
    if (!toast) return;
    this.dismiss();
    try {
      await this.#rpc.invoke('mail.undo', { actionId: toast.actionId });
      this.undone = true;
    } catch (error) {
      this.error = toErrorShape(error);
    }
  }

  dismiss(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.toast = undefined;
  }

  #show(toast: UndoToast): void {
    this.dismiss();
    this.undone = false;
    this.toast = toast;
    this.#timer = this.#clock.setTimeout(
      () => {
        if (this.toast?.actionId === toast.actionId) this.toast = undefined;
      },
      Math.max(0, toast.undoableUntil - this.#clock.now()),
    );
  }
}
