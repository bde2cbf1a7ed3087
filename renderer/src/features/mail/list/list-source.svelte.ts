/**
 * The rows of one folder as the list shows them: pages asked from the core
 * by offset as the window moves (PageCache), the total that sizes the
 * scrollbar, and the open conversations' messages. A `mail.changed` event
 * for the folder re-queries only what is on screen. The core holds the
 * truth; this holds the last answers.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { CartableErrorShape, MessageSort, MessageSummary } from '$shared/contract/index.ts';
import { toErrorShape, type Rpc } from '../../../lib/rpc/index.ts';
import { displayCount, locate, type Expansion } from './display-rows.ts';
import {
  conversationKey,
  isConversation,
  messageKey,
  rowKey,
  type DisplayRow,
  type ListRow,
  type LoadedRow,
} from './list-rows.ts';
import { PageCache } from './page-cache.ts';

/** Rows per request: a few screens, well under the contract's 500. */
export const PAGE_SIZE = 100;

export interface ListQueryShape {
  folderId: string;
  sort: MessageSort;
  order: 'asc' | 'desc';
  conversations: boolean;
}

interface OpenConversation {
  at: number;
  messages: MessageSummary[];
}

export class ListSource {
  total = $state(0);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<CartableErrorShape | undefined>();
  /** Bumped whenever a page arrives, so views re-read the cache. */
  version = $state(0);
  readonly open = new SvelteMap<number, OpenConversation>();

  readonly #rpc: Rpc;
  #query: ListQueryShape;
  #token = 0;
  #cache = new PageCache<ListRow>(PAGE_SIZE);
  #window = { first: 0, end: 0 };

  constructor(rpc: Rpc, query: ListQueryShape) {
    this.#rpc = rpc;
    this.#query = query;
  }

  get query(): ListQueryShape {
    return this.#query;
  }

  /** A new folder, sort or view: nothing of the old answers is kept. */
  setQuery(query: ListQueryShape): void {
    this.#query = query;
    this.#token += 1;
    this.#cache.clear();
    this.open.clear();
    this.total = 0;
    this.status = 'loading';
    this.error = undefined;
    this.version += 1;
    void this.#fetchWindow();
  }

  get expansions(): Expansion[] {
    return [...this.open.values()].map((open) => ({ at: open.at, count: open.messages.length }));
  }

  get displayCount(): number {
    return displayCount(this.total, this.expansions);
  }

  /** The window moved: fetch what it lacks, forget what is far. */
  show(first: number, end: number): void {
    this.#window = { first, end };
    void this.#fetchWindow();
  }

  /** `mail.changed` for our folder: what is on screen is asked again, the rest forgotten when scrolled to. */
  refresh(): void {
    void this.reload();
  }

  async reload(): Promise<void> {
    this.#cache.invalidate();
    await Promise.all([
      this.#fetchWindow(),
      ...[...this.open.keys()].map((threadId) => this.#loadThread(threadId)),
    ]);
  }

  rowAt(index: number): ListRow | undefined {
    void this.version;
    return this.#cache.rowAt(index);
  }

  /** The display rows from `first` to `end` (exclusive), placeholders where pages are still coming. */
  rows(first: number, end: number): DisplayRow[] {
    void this.version;
    const expansions = this.expansions;
    const rows: DisplayRow[] = [];
    for (let index = first; index < Math.min(end, this.displayCount); index++)
      rows.push(this.#rowAtDisplay(index, expansions));
    return rows;
  }

  rowAtDisplay(index: number): DisplayRow {
    void this.version;
    return this.#rowAtDisplay(index, this.expansions);
  }

  /** Loads the pages holding display rows [from, to] and returns those rows (a Shift range). */
  async rowsBetween(from: number, to: number): Promise<LoadedRow[]> {
    await this.#ensureRows(from, to + 1);
    return this.rows(from, to + 1).filter((row): row is LoadedRow => row.kind !== 'loading');
  }

  /** Opens or closes the conversation shown at display row `index`. */
  async toggleConversationAt(index: number): Promise<void> {
    const slot = locate(index, this.expansions);
    if (slot.kind !== 'row') return;
    const row = this.#cache.rowAt(slot.index);
    if (!row || !isConversation(row)) return;
    if (this.open.delete(row.threadId)) return;
    this.open.set(row.threadId, { at: slot.index, messages: [] });
    await this.#loadThread(row.threadId);
  }

  /** The messages of this folder that a conversation row stands for (what an action on it touches). */
  async messagesOf(threadId: number): Promise<MessageSummary[]> {
    const thread = await this.#rpc.invoke('mail.listThread', { threadId });
    return thread.filter((message) => message.folderId === this.#query.folderId);
  }

  #rowAtDisplay(index: number, expansions: Expansion[]): DisplayRow {
    const slot = locate(index, expansions);
    if (slot.kind === 'child') {
      const conversation = this.#cache.rowAt(slot.at);
      const open =
        conversation && isConversation(conversation) ? this.open.get(conversation.threadId) : undefined;
      const message = open?.messages[slot.child];
      return message
        ? { kind: 'message', index, key: messageKey(message.id), message, child: true }
        : { kind: 'loading', index, key: `loading-${index}` };
    }
    const row = this.#cache.rowAt(slot.index);
    if (row === undefined) return { kind: 'loading', index, key: `loading-${index}` };
    if (isConversation(row))
      return {
        kind: 'conversation',
        index,
        key: rowKey(row),
        message: row,
        expanded: this.open.has(row.threadId),
      };
    return { kind: 'message', index, key: rowKey(row), message: row, child: false };
  }

  /** List rows (not display rows) covering the display window. */
  #listRange(first: number, end: number): { first: number; end: number } {
    const start = locate(first, this.expansions);
    const last = locate(Math.max(first, end - 1), this.expansions);
    return {
      first: start.kind === 'row' ? start.index : start.at,
      end: (last.kind === 'row' ? last.index : last.at) + 1,
    };
  }

  async #fetchWindow(): Promise<void> {
    const { first, end } = this.#window;
    // The first answer also tells the total: ask for page 0 before the window is known.
    await this.#ensureRows(first, Math.max(end, first + 1));
  }

  /**
   * Resolves once the rows are fresh: a change event arriving meanwhile makes an answer stale, and
   * the request of the newer generation (maybe started by someone else) is awaited too.
   */
  async #ensureRows(first: number, end: number): Promise<void> {
    const range = this.#listRange(first, end);
    this.#cache.trim(range.first, range.end);
    for (let attempt = 0; attempt < 3; attempt++) {
      const generation = this.#cache.generation;
      for (const page of this.#cache.needed(range.first, range.end)) this.#fetchPage(page);
      await Promise.all(this.#cache.pending(range.first, range.end));
      if (generation === this.#cache.generation) return;
    }
  }

  #fetchPage(page: number): void {
    const generation = this.#cache.begin(page);
    this.#cache.track(page, this.#requestPage(page, generation));
  }

  /** Never rejects: a failure is kept in `error` and the page may be asked again. */
  async #requestPage(page: number, generation: number): Promise<void> {
    const token = this.#token;
    const { folderId, sort, order, conversations } = this.#query;
    const params = { folderId, sort, order, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
    try {
      const answer = conversations
        ? await this.#rpc
            .invoke('mail.listConversations', params)
            .then((r) => ({ total: r.total, rows: r.conversations }))
        : await this.#rpc
            .invoke('mail.listMessages', params)
            .then((r) => ({ total: r.total, rows: r.messages }));
      if (token !== this.#token) return;
      this.#cache.store(page, generation, answer.rows);
      if (generation === this.#cache.generation) this.total = answer.total;
      this.#relocateOpen();
      this.status = 'ready';
      this.error = undefined;
      this.version += 1;
    } catch (error) {
      if (token !== this.#token) return;
      this.#cache.abandon(page, generation);
      this.error = toErrorShape(error);
      if (this.status === 'loading') this.status = 'error';
    }
  }

  async #loadThread(threadId: number): Promise<void> {
    const token = this.#token;
    try {
      const messages = await this.#rpc.invoke('mail.listThread', { threadId });
      const open = this.open.get(threadId);
      if (token !== this.#token || !open) return;
      // Newest first under the conversation row, as the list itself reads.
      this.open.set(threadId, { at: open.at, messages: [...messages].reverse() });
    } catch (error) {
      if (token === this.#token) this.error = toErrorShape(error);
    }
  }

  /** After a re-query a conversation may have moved: follow it, or close it when it left the loaded rows. */
  #relocateOpen(): void {
    for (const [threadId, open] of this.open) {
      const here = this.#cache.rowAt(open.at);
      if (here && isConversation(here) && here.threadId === threadId) continue;
      const found = this.#findConversation(threadId);
      if (found === undefined) this.open.delete(threadId);
      else this.open.set(threadId, { ...open, at: found });
    }
  }

  #findConversation(threadId: number): number | undefined {
    const { first, end } = this.#listRange(this.#window.first, this.#window.end);
    const key = conversationKey(threadId);
    return this.#cache
      .loaded(Math.max(0, first - PAGE_SIZE), end + PAGE_SIZE)
      .find(({ row }) => rowKey(row) === key)?.index;
  }
}
