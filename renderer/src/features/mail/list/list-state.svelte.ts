/**
 * One folder's message list as the user drives it: sort and view, the
 * selection (click, Shift, Ctrl/Cmd, keyboard), the message the reader
 * shows, and the actions on the selection. Rows come from ListSource;
 * actions go through MailActions so their undo toast is shared.
 */
import type { ConversationSummary, Folder, MessageSort, MessageSummary } from '$shared/contract/index.ts';
import { i18n } from '../../../lib/i18n/index.ts';
import type { Rpc } from '../../../lib/rpc/index.ts';
import { conversationArrow } from './display-rows.ts';
import type { ListCommand } from './keyboard.ts';
import { loadConversationView, saveConversationView } from './list-prefs.ts';
import { isUnread, type LoadedRow } from './list-rows.ts';
import { ListSource } from './list-source.svelte.ts';
import type { MailAction, MailActions } from './mail-actions.svelte.ts';
import {
  cursorOnly,
  emptySelection,
  extend,
  moveTarget,
  noRows,
  pickRows,
  rangeTo,
  selectAll,
  selectOnly,
  toggle,
  unique,
  type SelectionState,
} from './selection.ts';

/** The contract's bound on one action; a larger Shift range is cut there. */
export const MAX_ACTION_MESSAGES = 5000;

export type DestructiveAction = Extract<MailAction, { kind: 'delete' | 'junk' | 'move' }>;

export class MessageListState {
  readonly source: ListSource;
  sort = $state<MessageSort>('date');
  order = $state<'asc' | 'desc'>('desc');
  conversations = $state(loadConversationView());
  selection = $state<SelectionState>(emptySelection);
  /** The rows of the selected keys, as last seen: a selected row may have scrolled out of the cache. */
  picked = $state(noRows<LoadedRow>());
  /** Rows per viewport, set by the view: the PageUp/PageDown step. */
  pageRows = 20;

  readonly folder: Folder;
  readonly #actions: MailActions;

  constructor(rpc: Rpc, actions: MailActions, folder: Folder) {
    this.folder = folder;
    this.#actions = actions;
    this.source = new ListSource(rpc, this.#queryShape());
  }

  /** The one message the reader shows: the selection when it is a single row. */
  get opened(): MessageSummary | undefined {
    if (this.selection.keys.size !== 1) return undefined;
    const [key] = this.selection.keys;
    return key === undefined ? undefined : this.picked.get(key)?.message;
  }

  sortBy(column: MessageSort): void {
    if (column === this.sort) this.order = this.order === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = column;
      // Newest and biggest first are what one looks for; names and subjects read A to Z.
      this.order = column === 'date' || column === 'size' ? 'desc' : 'asc';
    }
    this.#reset();
  }

  setConversations(on: boolean): void {
    this.conversations = on;
    saveConversationView(on);
    this.#reset();
  }

  // — selection —

  async click(row: LoadedRow, gesture: { shift: boolean; toggle: boolean }): Promise<void> {
    if (gesture.shift && this.selection.anchor !== undefined) await this.#extendTo(row.index);
    else if (gesture.toggle) this.#set(toggle(this.selection, row.index, row.key), [row]);
    else this.#set(selectOnly(row.index, row.key), [row], true);
  }

  async move(
    to: Extract<ListCommand, { kind: 'move' }>['to'],
    extendSelection: boolean,
  ): Promise<number | undefined> {
    const target = moveTarget(this.selection.cursor, to, this.source.displayCount, this.pageRows);
    if (target === undefined) return undefined;
    if (extendSelection && this.selection.anchor !== undefined) {
      await this.#extendTo(target);
      return target;
    }
    const [row] = await this.source.rowsBetween(target, target);
    if (row) this.#set(selectOnly(target, row.key), [row], true);
    return target;
  }

  toggleCursor(): void {
    const cursor = this.selection.cursor;
    if (cursor === undefined) return;
    const row = this.source.rowAtDisplay(cursor);
    if (row.kind !== 'loading') this.#set(toggle(this.selection, cursor, row.key), [row]);
  }

  /**
   * Ctrl+A: every row of the folder, loaded page by page (not only those on screen), up to what
   * one action may touch; the same cut as a Shift range, so what is selected is what acts.
   */
  async selectAll(): Promise<void> {
    const count = Math.min(this.source.displayCount, MAX_ACTION_MESSAGES);
    if (count === 0) return;
    const rows = await this.source.rowsBetween(0, count - 1);
    this.#set(
      selectAll(
        this.selection,
        rows.map((row) => row.key),
      ),
      rows,
      true,
    );
  }

  /** → opens the conversation at the cursor, ← closes it; returns where the cursor is then. */
  async arrowConversation(open: boolean): Promise<number | undefined> {
    const cursor = this.selection.cursor;
    if (cursor === undefined || !this.conversations) return cursor;
    const target = conversationArrow(cursor, this.source.expansions, open);
    if (!target) return cursor;
    const row = this.source.rowAtDisplay(target.displayIndex);
    if (row.kind !== 'conversation' || row.message.messageCount < 2) return cursor;
    await this.source.toggleConversationAt(target.displayIndex);
    // Closed from one of its messages: that message is gone from the list, its conversation is selected.
    if (target.displayIndex !== cursor) this.#set(selectOnly(target.displayIndex, row.key), [row], true);
    return target.displayIndex;
  }

  /** Right click on a row outside the selection selects it first, as file managers do. */
  ensureSelected(row: LoadedRow): void {
    if (!this.selection.keys.has(row.key)) this.#set(selectOnly(row.index, row.key), [row], true);
  }

  selectedRows(): LoadedRow[] {
    return [...this.selection.keys].flatMap((key) => {
      const row = this.picked.get(key);
      return row ? [row] : [];
    });
  }

  // — actions —

  /** The messages the selection stands for: a conversation row stands for its messages in this folder. */
  async targetIds(): Promise<number[]> {
    const ids: number[] = [];
    for (const row of this.selectedRows()) {
      if (row.kind === 'conversation' && row.message.messageCount > 1)
        ids.push(...(await this.source.messagesOf(row.message.threadId)).map((message) => message.id));
      else ids.push(row.message.id);
    }
    return unique(ids).slice(0, MAX_ACTION_MESSAGES);
  }

  async remove(action: DestructiveAction, folderName?: string): Promise<void> {
    const ids = await this.targetIds();
    if (ids.length === 0) return;
    const text =
      action.kind === 'move'
        ? i18n.plural('mail.done.move', ids.length, { folder: folderName ?? '' })
        : i18n.plural(action.kind === 'delete' ? 'mail.done.delete' : 'mail.done.junk', ids.length);
    const cursor = this.selection.cursor;
    if (await this.#actions.act(ids, action, text)) await this.#selectAfterRemoval(cursor);
  }

  /** The selection left the folder another way (dropped onto a folder): move on as after a delete. */
  async afterRemoval(): Promise<void> {
    await this.#selectAfterRemoval(this.selection.cursor);
  }

  /** `u`: read when any selected row is unread, else unread. */
  async toggleRead(): Promise<void> {
    await this.setRead(this.selectedRows().some((row) => isUnread(row.message)));
  }

  async setRead(value: boolean): Promise<void> {
    await this.#actions.act(await this.targetIds(), { kind: 'markRead', value });
  }

  /** `s` or `*`: flagged when any selected row is not, else not. */
  async toggleFlag(): Promise<void> {
    await this.setFlag(this.selectedRows().some((row) => !row.message.flagged));
  }

  async setFlag(value: boolean): Promise<void> {
    await this.#actions.act(await this.targetIds(), { kind: 'flag', value });
  }

  /** The reader showed a message: mark it read, as Thunderbird does. */
  async markOpenedRead(message: MessageSummary | ConversationSummary): Promise<void> {
    // A conversation row opens its latest message: that one is marked, not the whole thread.
    if (!message.seen) await this.#actions.act([message.id], { kind: 'markRead', value: true });
  }

  #queryShape() {
    return {
      folderId: this.folder.id,
      sort: this.sort,
      order: this.order,
      conversations: this.conversations,
    };
  }

  #reset(): void {
    this.selection = emptySelection;
    this.picked = noRows();
    this.source.setQuery(this.#queryShape());
  }

  async #extendTo(index: number): Promise<void> {
    const { from, to } = rangeTo(this.selection, index);
    const rows = await this.source.rowsBetween(from, Math.min(to, from + MAX_ACTION_MESSAGES - 1));
    this.#set(
      extend(
        this.selection,
        index,
        rows.map((row) => row.key),
      ),
      rows,
      true,
    );
  }

  #set(selection: SelectionState, rows: readonly LoadedRow[], replace = false): void {
    this.picked = pickRows(this.picked, rows, selection, replace);
    this.selection = selection;
  }

  /** After a delete or move the rows are gone: the row now at the cursor (the next message) is selected. */
  async #selectAfterRemoval(cursor: number | undefined): Promise<void> {
    this.picked = noRows();
    this.selection = cursorOnly(cursor);
    await this.source.reload();
    if (cursor === undefined || this.source.displayCount === 0) return;
    const index = Math.min(cursor, this.source.displayCount - 1);
    const [row] = await this.source.rowsBetween(index, index);
    // Only if the user did not select something else meanwhile.
    if (row && this.selection.keys.size === 0) this.#set(selectOnly(index, row.key), [row], true);
  }
}
