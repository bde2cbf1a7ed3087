/**
 * Collapses change notices: many committed batches in one turn of the event
 * loop become one `mail.changed` per account, naming every folder touched.
 * The renderer then re-queries once, not once per batch.
 */
export class ChangeNotifier {
  readonly #pending = new Map<string, Set<string>>();
  readonly #emit: (accountId: string, folderIds: string[]) => void;
  #scheduled = false;

  constructor(emit: (accountId: string, folderIds: string[]) => void) {
    this.#emit = emit;
  }

  changed(accountId: string, folderId: string): void {
    const folders = this.#pending.get(accountId) ?? new Set<string>();
    folders.add(folderId);
    this.#pending.set(accountId, folders);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.#scheduled = false;
    for (const [accountId, folders] of this.#pending) this.#emit(accountId, [...folders].sort());
    this.#pending.clear();
  }
}
