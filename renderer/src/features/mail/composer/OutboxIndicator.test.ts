import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '$shared/contract/index.ts';
import { FakeRpc } from '../../../lib/rpc/testing.ts';
import OutboxIndicator from './OutboxIndicator.svelte';

const item = (id: string, state: OutboxItem['state']): OutboxItem => ({
  id,
  accountId: 'acc',
  messageId: `<${id}@x.fr>`,
  subject: `Objet ${id}`,
  to: [{ name: 'Bob', address: 'bob@x.fr' }],
  state,
  sendAt: '2026-11-24T10:00:00.000Z',
  attempts: 1,
  createdAt: '2026-11-24T10:00:00.000Z',
  sentCopy: 'pending',
});

describe('the outbox indicator', () => {
  it('is absent when everything left, and counts what waits', async () => {
    let items = [item('a', 'sent')];
    const rpc = new FakeRpc({
      'mail.outbox': () => items,
      'mail.resolveUncertain': () => ({ state: 'sent' }),
    });
    render(OutboxIndicator, { context: rpc.context() });
    await waitFor(() => expect(rpc.callsOf('mail.outbox')).toHaveLength(1));
    expect(screen.queryByTestId('outbox')).toBeNull();
    items = [item('b', 'scheduled'), item('c', 'sending'), item('a', 'sent')];
    rpc.emit('mail.outboxChanged', { accountId: 'acc' });
    await waitFor(() => expect(screen.getByTestId('outbox-button').textContent).toContain('2 en attente'));
  });

  it('offers the three choices of an uncertain send and passes the one taken to the core', async () => {
    const rpc = new FakeRpc({
      'mail.outbox': () => [item('u', 'uncertain')],
      'mail.resolveUncertain': () => ({ state: 'sent' }),
    });
    render(OutboxIndicator, { context: rpc.context() });
    const button = await screen.findByTestId('outbox-button');
    expect(button.textContent).toContain('Envoi incertain');
    await fireEvent.click(button);
    expect(screen.getByTestId('outbox-resend')).toBeTruthy();
    expect(screen.getByTestId('outbox-discard')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('outbox-markSent'));
    await waitFor(() =>
      expect(rpc.callsOf('mail.resolveUncertain')).toEqual([{ outboxId: 'u', decision: 'markSent' }]),
    );
  });
});
