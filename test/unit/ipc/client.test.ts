import { describe, expect, it } from 'vitest';
import { createClient, type Transport } from '../../../shared/ipc/client.ts';
import { requests, streams, type RequestName, type StreamName } from '../../../shared/ipc/contract.ts';
import type { DispatchResult } from '../../../shared/ipc/dispatch.ts';
import { TerminalError } from '../../../shared/ipc/errors.ts';

const NAMES = { requests: Object.keys(requests) as RequestName[], streams: Object.keys(streams) as StreamName[] };

/** A transport that answers from a table and counts what it was asked to send. */
function memoryTransport(answer: (name: string, input: unknown) => DispatchResult) {
  const calls: Array<[string, unknown]> = [];
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let subscriptions = 0;
  const transport: Transport = {
    call: async (name, input) => (calls.push([name, input]), answer(name, input)),
    subscribe(listener) {
      subscriptions += 1;
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { transport, calls, push: (name: string, payload: unknown) => listeners.forEach((l) => l(name, payload)), subscriptions: () => subscriptions };
}

describe('the one contract client, over any transport', () => {
  it('refuses a name outside the contract before anything is sent', async () => {
    const memory = memoryTransport(() => ({ ok: true, value: null }));
    const client = createClient(memory.transport, { names: NAMES });
    const refused = await (client.invoke as (name: string) => Promise<unknown>)('vault.dumpSecrets').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TerminalError);
    expect(refused).toMatchObject({ code: 'unknown-request', message: 'unknown request "vault.dumpSecrets"' });
    expect(() => (client.on as (name: string, l: () => void) => void)('secrets', () => {})).toThrow(/unknown stream "secrets"/);
    expect(memory.calls).toEqual([]);
  });

  it("a refusal from main arrives as a TerminalError with main's code and words", async () => {
    const memory = memoryTransport(() => ({ ok: false, error: { code: 'invalid-input', message: 'settings.set: windowMinutes: too big' } }));
    const client = createClient(memory.transport, { names: NAMES });
    await expect(client.invoke('settings.set', { windowMinutes: 9_999 } as never)).rejects.toMatchObject({ code: 'invalid-input', message: 'settings.set: windowMinutes: too big' });
  });

  it('each stream listener gets its own stream only, over one subscription to the transport', () => {
    const memory = memoryTransport(() => ({ ok: true, value: null }));
    const client = createClient(memory.transport, { names: NAMES });
    const states: unknown[] = [];
    const alerts: unknown[] = [];
    const off = client.on('tradingState', (p) => states.push(p.state));
    client.on('alerts', (p) => alerts.push(p));
    memory.push('tradingState', { state: 'HALTED', since: 1, reason: null });
    memory.push('alerts', []);
    off();
    memory.push('tradingState', { state: 'ACTIVE', since: 2, reason: null });
    expect(states).toEqual(['HALTED']);
    expect(alerts).toEqual([[]]);
    expect(memory.subscriptions()).toBe(1);
  });
});
