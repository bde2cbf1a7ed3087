/**
 * The rows of a long list, fetched from the core page by page as the window
 * needs them and kept by page. A change event invalidates: every page goes
 * stale but stays on screen until its fresh copy arrives, and only the pages
 * the window shows are asked again; an answer that left before the change is
 * never stored as fresh. Pages far from the window are dropped, so memory
 * stays bounded however far the user scrolls.
 */

interface Page<T> {
  rows: readonly T[];
  generation: number;
}

export class PageCache<T> {
  readonly pageSize: number;
  readonly maxPages: number;
  #generation = 0;
  readonly #pages = new Map<number, Page<T>>();
  /** Page → generation of the request under way for it. */
  readonly #inFlight = new Map<number, number>();
  /** Page → that request, so a caller can wait for one another caller started. */
  readonly #requests = new Map<number, Promise<void>>();

  constructor(pageSize: number, maxPages = 40) {
    this.pageSize = pageSize;
    this.maxPages = maxPages;
  }

  get generation(): number {
    return this.#generation;
  }

  rowAt(index: number): T | undefined {
    return this.#pages.get(Math.floor(index / this.pageSize))?.rows[index % this.pageSize];
  }

  /** Rows from `first` up to `end` (exclusive) that are loaded, with their index. */
  loaded(first: number, end: number): Array<{ index: number; row: T }> {
    const found: Array<{ index: number; row: T }> = [];
    for (let index = first; index < end; index++) {
      const row = this.rowAt(index);
      if (row !== undefined) found.push({ index, row });
    }
    return found;
  }

  /** Pages covering rows [first, end) that are missing or stale and not already being fetched fresh. */
  needed(first: number, end: number): number[] {
    const pages: number[] = [];
    if (end <= first) return pages;
    for (
      let page = Math.floor(first / this.pageSize);
      page <= Math.floor((end - 1) / this.pageSize);
      page++
    ) {
      const fresh = this.#pages.get(page)?.generation === this.#generation;
      if (!fresh && this.#inFlight.get(page) !== this.#generation) pages.push(page);
    }
    return pages;
  }

  /** Marks a request as under way; returns the generation to hand back to `store`. */
  begin(page: number): number {
    this.#inFlight.set(page, this.#generation);
    return this.#generation;
  }

  /** Remembers the request `begin` announced, until it settles. */
  track(page: number, request: Promise<void>): void {
    this.#requests.set(page, request);
    void request.finally(() => {
      if (this.#requests.get(page) === request) this.#requests.delete(page);
    });
  }

  /** The requests under way for pages covering rows [first, end). */
  pending(first: number, end: number): Array<Promise<void>> {
    return [...this.#requests]
      .filter(([page]) => page * this.pageSize < end && (page + 1) * this.pageSize > first)
      .map(([, request]) => request);
  }

  /** Keeps an answer. One from before the last invalidation only fills a hole, still stale. */
  store(page: number, generation: number, rows: readonly T[]): void {
    if (this.#inFlight.get(page) === generation) this.#inFlight.delete(page);
    if (generation !== this.#generation && this.#pages.has(page)) return;
    this.#pages.set(page, { rows, generation });
  }

  /** A request failed: the page may be asked again. */
  abandon(page: number, generation: number): void {
    if (this.#inFlight.get(page) === generation) this.#inFlight.delete(page);
  }

  invalidate(): void {
    this.#generation += 1;
  }

  clear(): void {
    this.#generation += 1;
    this.#pages.clear();
    this.#inFlight.clear();
    this.#requests.clear();
  }

  /** Drops the pages farthest from the window beyond `maxPages`. */
  trim(first: number, end: number): void {
    if (this.#pages.size <= this.maxPages) return;
    const centre = (first + end) / 2 / this.pageSize;
    const byDistance = [...this.#pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const page of byDistance.slice(0, this.#pages.size - this.maxPages)) this.#pages.delete(page);
  }

  get pageCount(): number {
    return this.#pages.size;
  }
}
