/**
 * Keeps each account's last IMAP session open a little while after a sync
 * task, so the next one (IDLE woke up, mail comes in bursts) skips the TLS
 * probe, the handshake and LOGIN. Invariants: a session has one borrower at a
 * time (a second borrower gets a session of its own); a session that failed,
 * was ended by the server, or outlived a change of its account's settings is
 * never lent again. The IDLE connection is not pooled: it belongs to the
 * inbox watcher, which would otherwise lose its IDLE to every sync.
 */

export interface PooledSession {
  /** False once the server or the network ended the connection (BYE, reset, socket timeout). */
  readonly usable: boolean;
  /** LOGOUT, then close; never throws. */
  close(): Promise<void>;
  /** Close the socket at once: after a failure the session may be mid-command. */
  destroy(): void;
}

/**
 * Mail to a school office comes every few minutes in working hours: long enough to catch the
 * next one. Well within how long NATs and firewalls keep a quiet TCP flow (RFC 5382 asks for
 * two hours; firewalls commonly 30 minutes or more), so a kept session is rarely dead when
 * lent. Under the 5-minute poll, so a quiet account holds only its IDLE connection between polls.
 */
export const SESSION_KEEP_MS = 4 * 60_000;

export interface SessionPoolDeps<S extends PooledSession> {
  open(accountId: string): Promise<S>;
  keepMs?: number;
}

interface Kept<S> {
  session: S;
  timer: NodeJS.Timeout;
}

export class SessionPool<S extends PooledSession> {
  readonly #deps: SessionPoolDeps<S>;
  readonly #kept = new Map<string, Kept<S>>();
  /** Bumped when an account's settings change: sessions lent before are closed on return. */
  readonly #generation = new Map<string, number>();
  readonly #opened = new Map<string, number>();
  #closed = false;

  constructor(deps: SessionPoolDeps<S>) {
    this.#deps = deps;
  }

  /** Sessions opened so far for an account: reuse shows as a count that does not move. */
  opened(accountId: string): number {
    return this.#opened.get(accountId) ?? 0;
  }

  /** Runs `work` on the account's kept session, or a new one, and keeps it afterwards if still sound. */
  async use<T>(accountId: string, work: (session: S) => Promise<T>): Promise<T> {
    const generation = this.#generation.get(accountId) ?? 0;
    const session = this.#take(accountId) ?? (await this.#open(accountId));
    let result: T;
    try {
      result = await work(session);
    } catch (error) {
      // A failed command may have left an answer half-read; a fresh session costs one login.
      session.destroy();
      throw error;
    }
    this.#giveBack(accountId, session, generation);
    return result;
  }

  /** The account's password, server or TLS pins changed, or it was removed: no session of before is lent again. */
  invalidate(accountId: string): void {
    this.#generation.set(accountId, (this.#generation.get(accountId) ?? 0) + 1);
    const kept = this.#kept.get(accountId);
    if (!kept) return;
    this.#kept.delete(accountId);
    clearTimeout(kept.timer);
    void kept.session.close();
  }

  async close(): Promise<void> {
    this.#closed = true;
    const kept = [...this.#kept.values()];
    this.#kept.clear();
    for (const { timer } of kept) clearTimeout(timer);
    await Promise.all(kept.map(({ session }) => session.close()));
  }

  #take(accountId: string): S | undefined {
    const kept = this.#kept.get(accountId);
    if (!kept) return undefined;
    this.#kept.delete(accountId);
    clearTimeout(kept.timer);
    if (kept.session.usable) return kept.session;
    kept.session.destroy();
    return undefined;
  }

  async #open(accountId: string): Promise<S> {
    const session = await this.#deps.open(accountId);
    this.#opened.set(accountId, this.opened(accountId) + 1);
    return session;
  }

  #giveBack(accountId: string, session: S, generation: number): void {
    const stale = (this.#generation.get(accountId) ?? 0) !== generation;
    if (this.#closed || stale || !session.usable || this.#kept.has(accountId)) {
      void session.close();
      return;
    }
    const timer = setTimeout(() => {
      if (this.#kept.get(accountId)?.session !== session) return;
      this.#kept.delete(accountId);
      void session.close();
    }, this.#deps.keepMs ?? SESSION_KEEP_MS);
    // A kept session must not hold a host process (tests, the browser host) open on its own.
    timer.unref();
    this.#kept.set(accountId, { session, timer });
  }
}
