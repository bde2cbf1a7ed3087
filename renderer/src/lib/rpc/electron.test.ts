import { describe, expect, test, vi } from 'vitest';
import { CartableError } from '$shared/contract/index.ts';
import { createBridgeRpc, findBridge, type CartableBridge } from './electron.ts';

describe('Electron bridge transport', () => {
  test('is used only when the preload exposed a complete bridge', () => {
    expect(findBridge({} as Window)).toBeUndefined();
    expect(
      findBridge({ cartable: { invoke: () => Promise.resolve() } } as unknown as Window),
    ).toBeUndefined();
  });

  test('passes calls through and turns bridged {code, details} rejections into CartableError', async () => {
    const subscribe = vi.fn(() => () => {});
    const bridge: CartableBridge = {
      invoke: (method: string) =>
        method === 'presets.list'
          ? Promise.resolve([])
          : // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what the context bridge delivers
            Promise.reject({ code: 'TLS_UNTRUSTED', details: { host: 'h', port: 993 } }),
      subscribe,
    };
    const rpc = createBridgeRpc(bridge);
    await expect(rpc.invoke('presets.list', {})).resolves.toEqual([]);
    const failure = rpc.invoke('accounts.list', {});
    await expect(failure).rejects.toBeInstanceOf(CartableError);
    await expect(failure).rejects.toMatchObject({ code: 'TLS_UNTRUSTED', details: { host: 'h', port: 993 } });
    rpc.subscribe('accounts.changed', () => {});
    expect(subscribe).toHaveBeenCalledWith('accounts.changed', expect.any(Function));
  });

  test('an unknown rejection becomes INTERNAL', async () => {
    const rpc = createBridgeRpc({
      invoke: () => Promise.reject(new Error('boom')),
      subscribe: () => () => {},
    });
    await expect(rpc.invoke('app.info', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
