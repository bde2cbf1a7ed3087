/**
 * One message being written: its fields, the draft it is saved as (autosaved
 * a few seconds after typing stops and when the pane closes), and sending it
 * through the outbox with the engine's undo delay. The editor's HTML is the
 * truth; the plain-text alternative is derived from it at save and send time.
 */
import type { CartableErrorShape, DraftMessage, Recipient } from '$shared/contract/index.ts';
import { toErrorShape, type Rpc } from '../../../lib/rpc/index.ts';
import { chipsOf, recipientsOf, type Chip } from './addresses.ts';
import { checkAttachmentSize, type SizeCheck } from './attachment-size.ts';
import { uploadFile } from './attachment-upload.ts';
import { Autosave } from './autosave.ts';
import { attachmentOf } from './file-path.ts';
import { htmlToPlainText, outgoingHtml } from './body.ts';
import type { ComposeAttachment, ComposeInitial } from './compose-request.ts';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

/** Why the message cannot leave yet, for the send button's message. */
export type SendBlock = 'noRecipient' | 'invalidRecipient' | 'attachmentPending' | 'tooLarge';

export interface Sent {
  outboxId: string;
  sendAt: number;
}

/** What the core reads: a path it can open, or the file the page uploaded; pending ones are left out. */
function outgoingAttachment(file: ComposeAttachment): DraftMessage['attachments'] {
  if (file.path !== undefined) return [{ path: file.path }];
  if (file.stagedId !== undefined) return [{ stagedId: file.stagedId, name: file.name }];
  return [];
}

export class Composer {
  readonly accountId: string;
  to = $state<Chip[]>([]);
  cc = $state<Chip[]>([]);
  bcc = $state<Chip[]>([]);
  subject = $state('');
  html = $state('');
  attachments = $state<ComposeAttachment[]>([]);
  draftId = $state<string | undefined>();
  saveStatus = $state<SaveStatus>('idle');
  error = $state<CartableErrorShape | undefined>();
  maxMessageBytes = $state<number | undefined>();
  sending = $state(false);

  readonly inReplyTo: string | undefined;
  readonly references: string[] | undefined;
  readonly #rpc: Rpc;
  readonly #autosave: Autosave;

  constructor(rpc: Rpc, initial: ComposeInitial, autosave?: (save: () => Promise<void>) => Autosave) {
    this.#rpc = rpc;
    this.accountId = initial.accountId;
    this.draftId = initial.draftId;
    this.to = chipsOf(initial.to);
    this.cc = chipsOf(initial.cc);
    this.bcc = chipsOf(initial.bcc);
    this.subject = initial.subject;
    this.html = initial.html;
    this.attachments = initial.attachments;
    this.inReplyTo = initial.inReplyTo;
    this.references = initial.references;
    this.#autosave = autosave ? autosave(() => this.saveDraft()) : new Autosave(() => this.saveDraft());
  }

  /**
   * Picked or dropped files. Where the host gives their path (Electron) the core reads them
   * there; otherwise each is uploaded to the core in chunks, its row showing the progress.
   */
  attach(files: readonly File[]): void {
    if (files.length === 0) return;
    const added = files.map(attachmentOf);
    this.attachments = [...this.attachments, ...added];
    added.forEach((file, index) => {
      const source = files[index];
      if (file.path === undefined && source) void this.#upload(file.key, source);
    });
    this.changed();
  }

  async #upload(key: string, file: File): Promise<void> {
    // The state proxy of the row, so progress shows; gone once the user removed it.
    const row = () => this.attachments.find((candidate) => candidate.key === key);
    try {
      const stagedId = await uploadFile(this.#rpc, file, {
        cancelled: () => row() === undefined,
        onProgress: (uploaded) => {
          const current = row();
          if (current) current.uploaded = uploaded;
        },
      });
      const current = row();
      if (current && stagedId !== undefined) current.stagedId = stagedId;
      // The draft saved while uploading lacked this file.
      if (current) this.changed();
    } catch (error) {
      const current = row();
      if (current) current.error = toErrorShape(error);
    }
  }

  /** Any field changed: the autosave timer restarts. */
  changed(): void {
    this.#autosave.changed();
  }

  get size(): SizeCheck {
    return checkAttachmentSize(
      this.attachments.map((file) => file.size ?? 0),
      this.maxMessageBytes,
    );
  }

  get sendBlock(): SendBlock | undefined {
    const all = [...this.to, ...this.cc, ...this.bcc];
    if (all.some((chip) => !chip.valid)) return 'invalidRecipient';
    if (all.length === 0) return 'noRecipient';
    if (this.attachments.some((file) => file.path === undefined && file.stagedId === undefined))
      return 'attachmentPending';
    if (this.size.level === 'over') return 'tooLarge';
    return undefined;
  }

  /**
   * Plain data, not the state proxies: the Electron bridge structured-clones its arguments,
   * and a proxy cannot be cloned.
   */
  message(): DraftMessage {
    const recipients = (chips: Chip[]): Recipient[] => $state.snapshot(recipientsOf(chips));
    return {
      to: recipients(this.to),
      cc: recipients(this.cc),
      bcc: recipients(this.bcc),
      subject: this.subject,
      text: htmlToPlainText(this.html),
      html: outgoingHtml(this.html),
      attachments: this.attachments.flatMap(outgoingAttachment),
      ...(this.inReplyTo ? { inReplyTo: this.inReplyTo } : {}),
      ...(this.references?.length ? { references: [...this.references] } : {}),
    };
  }

  /** Saved through the core, which keeps it here at once and uploads it to Brouillons. */
  async saveDraft(): Promise<void> {
    this.saveStatus = 'saving';
    try {
      const { draftId } = await this.#rpc.invoke('mail.saveDraft', {
        accountId: this.accountId,
        ...(this.draftId ? { draftId: this.draftId } : {}),
        message: this.message(),
      });
      this.draftId = draftId;
      this.saveStatus = 'saved';
      this.error = undefined;
    } catch (error) {
      this.saveStatus = 'error';
      this.error = toErrorShape(error);
      throw error;
    }
  }

  /** The pane closes: whatever was typed since the last save is saved now. */
  async close(): Promise<void> {
    await this.#autosave.flush();
  }

  /** Queued in the outbox; it leaves after the engine's undo delay, and its draft goes with it. */
  async send(): Promise<Sent | undefined> {
    if (this.sendBlock || this.sending) return undefined;
    this.sending = true;
    // A save in flight would otherwise put a copy back in Brouillons after the send removed it.
    this.#autosave.cancel();
    try {
      const result = await this.#rpc.invoke('mail.send', {
        accountId: this.accountId,
        message: this.message(),
        ...(this.draftId ? { draftId: this.draftId } : {}),
      });
      this.error = undefined;
      return { outboxId: result.outboxId, sendAt: Date.parse(result.sendAt) };
    } catch (error) {
      this.error = toErrorShape(error);
      return undefined;
    } finally {
      this.sending = false;
    }
  }

  /** Dropped: no more saves, and the draft leaves Brouillons. */
  async discard(): Promise<void> {
    this.#autosave.cancel();
    if (this.draftId) await this.#rpc.invoke('mail.deleteDraft', { draftId: this.draftId });
    this.draftId = undefined;
  }
}
