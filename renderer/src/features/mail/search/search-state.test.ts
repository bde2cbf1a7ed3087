import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { MessageSummary } from '$shared/contract/index.ts';
import { FakeRpc } from '../../../lib/rpc/testing.ts';
import { REFRESH_DELAY_MS, SEARCH_DEBOUNCE_MS, SearchState } from './search-state.svelte.ts';

const message = (id: number, subject: string): MessageSummary => ({
  id,
  folderId: 'f-INBOX',
  uid: id,
  subject,
  to: [],
  date: 0,
  size: 100,
  seen: false,
  flagged: false,
  answered: false,
  hasAttachments: false,
});

function setup() {
  const rpc = new FakeRpc({
    'mail.search': ({ query }) => ({
      total: 2,
      totalCapped: false,
      messages: [message(1, `${query} 1`), message(2, `${query} 2`)],
    }),
  });
  const search = new SearchState(rpc);
  return { rpc, search };
}

describe('SearchState', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('"Ce dossier" asks for the open folder, "Tous les dossiers" for everything', async () => {
    const { rpc, search } = setup();
    search.setFolder('f-INBOX');
    search.type('conseil');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    search.setScope('all');
    await vi.advanceTimersByTimeAsync(0);
    const params = rpc.calls.filter((call) => call.method === 'mail.search').map((call) => call.params);
    expect(params).toEqual([
      { query: 'conseil', folderId: 'f-INBOX', offset: 0, limit: 100 },
      { query: 'conseil', offset: 0, limit: 100 },
    ]);
    expect(search.results.map((m) => m.subject)).toEqual(['conseil 1', 'conseil 2']);
  });

  test('arrows move and open, Enter opens the cursor, clear goes back to nothing', async () => {
    const { search } = setup();
    search.type('sortie');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    search.move(1);
    expect(search.opened?.id).toBe(1);
    search.move(1);
    search.move(1);
    expect(search.cursor).toBe(1);
    expect(search.openCursor()?.id).toBe(2);
    search.markSeen(2);
    expect(search.results[1]?.seen).toBe(true);
    search.clear();
    expect(search.active).toBe(false);
    expect(search.results).toEqual([]);
    expect(search.opened).toBeUndefined();
  });

  test('an empty text searches nothing', async () => {
    const { rpc, search } = setup();
    search.type('   ');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 2);
    expect(rpc.calls).toEqual([]);
    expect(search.status).toBe('idle');
  });

  test('shown results follow the mail: asked again after a change, the opened one kept while it matches', async () => {
    let answer = [message(1, 'conseil 1'), message(2, 'conseil 2')];
    const rpc = new FakeRpc({
      'mail.search': () => ({ total: answer.length, totalCapped: false, messages: answer }),
    });
    const search = new SearchState(rpc);
    const stop = search.watch();
    search.type('conseil');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    search.move(1);
    search.move(1);
    const opened = search.opened;
    expect(opened?.id).toBe(2);

    // New mail matches; the first result went elsewhere.
    answer = [message(3, 'conseil 3'), message(2, 'conseil 2')];
    rpc.emit('mail.changed', { accountId: 'a', folderIds: ['f-INBOX'] });
    await vi.advanceTimersByTimeAsync(REFRESH_DELAY_MS);
    expect(search.results.map((m) => m.id)).toEqual([3, 2]);
    expect(search.opened).toBe(opened);
    expect(search.cursor).toBe(1);

    // The opened result no longer matches: the reader lets it go.
    answer = [message(3, 'conseil 3')];
    rpc.emit('mail.changed', { accountId: 'a', folderIds: ['f-INBOX'] });
    await vi.advanceTimersByTimeAsync(REFRESH_DELAY_MS);
    expect(search.results.map((m) => m.id)).toEqual([3]);
    expect(search.opened).toBeUndefined();

    // Once stopped, or with nothing typed, changes ask nothing.
    stop();
    const calls = rpc.calls.length;
    rpc.emit('mail.changed', { accountId: 'a', folderIds: ['f-INBOX'] });
    await vi.advanceTimersByTimeAsync(REFRESH_DELAY_MS);
    expect(rpc.calls.length).toBe(calls);
  });
});
