/**
 * The search bar's state: what is typed, where to look, the last answer of
 * the core and the result the keyboard is on. Answers come as you type
 * (debounced, stale ones dropped by LatestOnly); the core holds the index,
 * this holds only the last page of matches shown.
 */
import type { CartableErrorShape, MessageSummary } from '$shared/contract/index.ts';
import { toErrorShape, type Rpc } from '../../../lib/rpc/index.ts';
import { LatestOnly } from './latest-only.ts';
import { browserStore, readSaved, withSaved, withoutSaved, writeSaved } from './saved-searches.ts';
import type { SavedSearch, SearchScope } from './saved-searches.ts';

/** Quick enough to feel live, slow enough not to query the index at every keystroke of a fast typist. */
export const SEARCH_DEBOUNCE_MS = 150;
/** One screenful and then some; "Plus de résultats" asks for the next page. */
export const SEARCH_PAGE = 100;
/** A sync announces changes per batch: shown results are asked again at most this often. */
export const REFRESH_DELAY_MS = 400;

export type SearchStatus = 'idle' | 'loading' | 'ready' | 'error';

interface Page {
  total: number;
  totalCapped: boolean;
  messages: MessageSummary[];
}

interface Request {
  query: string;
  scope: SearchScope;
  folderId: string | undefined;
  offset: number;
}

export class SearchState {
  text = $state('');
  scope = $state<SearchScope>('folder');
  status = $state<SearchStatus>('idle');
  error = $state<CartableErrorShape | undefined>();
  results = $state.raw<MessageSummary[]>([]);
  total = $state(0);
  totalCapped = $state(false);
  /** Index of the result the arrows are on, -1 before the first move. */
  cursor = $state(-1);
  /** The result shown in the reader. */
  opened = $state.raw<MessageSummary | undefined>();
  saved = $state.raw<SavedSearch[]>(readSaved(browserStore()));

  /** The folder "Ce dossier" means; set by the view as folders are chosen. */
  folderId = $state<string | undefined>();

  readonly active = $derived(this.text.trim() !== '');
  readonly #runner: LatestOnly<Request, Page>;
  readonly #rpc: Rpc;

  constructor(rpc: Rpc) {
    this.#rpc = rpc;
    this.#runner = new LatestOnly(
      ({ query, scope, folderId, offset }) =>
        rpc.invoke('mail.search', {
          query,
          ...(scope === 'folder' && folderId !== undefined ? { folderId } : {}),
          offset,
          limit: SEARCH_PAGE,
        }),
      SEARCH_DEBOUNCE_MS,
    );
  }

  /**
   * Results follow the mail: a result moved, deleted or read elsewhere, or new mail that
   * matches, shows without typing again. Returns the unsubscribe.
   */
  watch(): () => void {
    return this.#rpc.subscribe('mail.changed', () => this.refresh());
  }

  /**
   * Asks the current query again, keeping the result the reader shows (the same object,
   * or the reader would take it for another message and reload) while it still matches.
   */
  refresh(): void {
    if (!this.active || this.status === 'loading') return;
    this.#runner.request(
      this.#request(0),
      (page) => {
        const opened = this.opened;
        const messages = page.messages.map((message) =>
          opened && message.id === opened.id && message.seen === opened.seen ? opened : message,
        );
        // The first page again: pages loaded by "Plus de résultats" are asked for anew.
        this.results = messages;
        this.total = page.total;
        this.totalCapped = page.totalCapped;
        this.cursor = opened ? messages.findIndex((message) => message.id === opened.id) : -1;
        if (this.cursor < 0) this.opened = undefined;
        this.status = 'ready';
      },
      (error) => this.#failed(error),
      REFRESH_DELAY_MS,
    );
  }

  /** As the user types: the answer follows after a short pause. */
  type(text: string): void {
    this.text = text;
    this.#search(SEARCH_DEBOUNCE_MS);
  }

  setScope(scope: SearchScope): void {
    this.scope = scope;
    this.#search(0);
  }

  /** The folder changed: a "Ce dossier" search follows it. */
  setFolder(folderId: string | undefined): void {
    if (this.folderId === folderId) return;
    this.folderId = folderId;
    if (this.scope === 'folder') this.#search(0);
  }

  /** Escape: back to the folder's own list. */
  clear(): void {
    this.#runner.cancel();
    this.text = '';
    this.#reset('idle');
  }

  move(delta: number): void {
    if (this.results.length === 0) return;
    const next = this.cursor < 0 && delta < 0 ? this.results.length - 1 : this.cursor + delta;
    this.cursor = Math.min(this.results.length - 1, Math.max(0, next));
    // Selection follows the cursor, as in the folder's list: the reader shows it at once.
    this.opened = this.results[this.cursor];
  }

  /** Opens the result under the cursor (or the first one) in the reader. */
  openCursor(): MessageSummary | undefined {
    const message = this.results[Math.max(0, this.cursor)];
    if (message) this.open(message);
    return message;
  }

  open(message: MessageSummary): void {
    this.cursor = this.results.findIndex((result) => result.id === message.id);
    this.opened = message;
  }

  /**
   * The reader marked this result read: its row says so without asking the index again.
   * `opened` keeps its object, or the reader would take it for another message and reload.
   */
  markSeen(messageId: number): void {
    this.results = this.results.map((message) =>
      message.id === messageId ? { ...message, seen: true } : message,
    );
  }

  loadMore(): void {
    if (this.status !== 'ready' || this.results.length >= this.total) return;
    const request = this.#request(this.results.length);
    this.status = 'loading';
    this.#runner.request(
      request,
      (page) => {
        this.results = [...this.results, ...page.messages];
        this.status = 'ready';
      },
      (error) => this.#failed(error),
      0,
    );
  }

  save(): void {
    if (!this.active) return;
    this.#store(withSaved(this.saved, { query: this.text, scope: this.scope }));
  }

  forget(search: SavedSearch): void {
    this.#store(withoutSaved(this.saved, search));
  }

  runSaved(search: SavedSearch): void {
    this.text = search.query;
    this.scope = search.scope;
    this.#search(0);
  }

  #store(list: SavedSearch[]): void {
    this.saved = list;
    writeSaved(browserStore(), list);
  }

  #request(offset: number): Request {
    return { query: this.text.trim(), scope: this.scope, folderId: this.folderId, offset };
  }

  #search(delayMs: number): void {
    if (!this.active) {
      this.clear();
      return;
    }
    this.status = 'loading';
    this.#runner.request(
      this.#request(0),
      (page) => {
        this.#reset('ready');
        this.results = page.messages;
        this.total = page.total;
        this.totalCapped = page.totalCapped;
      },
      (error) => this.#failed(error),
      delayMs,
    );
  }

  #failed(error: unknown): void {
    this.status = 'error';
    this.error = toErrorShape(error);
  }

  #reset(status: SearchStatus): void {
    this.status = status;
    this.error = undefined;
    this.results = [];
    this.total = 0;
    this.totalCapped = false;
    this.cursor = -1;
    this.opened = undefined;
  }
}
