import { describe, expect, it } from 'vitest';
import { checkedBridge } from '../../../shared/ipc/checkedBridge.ts';
import type { TerminalBridge } from '../../../shared/ipc/contract.ts';
import { TerminalError } from '../../../shared/ipc/errors.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';

/** BTC on Binance as the poll builds it (premium index of 2026-01-05 03:20 UTC). */
const BTC: FundingQuote = {
  venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate: 0.0000613, rateKind: 'predicted', lastSettledRate: null,
  intervalHours: 8, nextFundingTime: Date.UTC(2026, 0, 5, 8), markPrice: 93_412.7, indexPrice: 93_455.02, volume24hUsd: 9.8e9, openInterestUsd: null,
  observedAt: Date.UTC(2026, 0, 5, 3, 20),
};

/** A bridge that answers from a table and lets the test push stream frames, as any transport would. */
function fakeBridge(answers: Record<string, unknown>) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge = {
    invoke: async (name: string) => answers[name],
    on(name: string, listener: (payload: unknown) => void) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set.add(listener));
      return () => set.delete(listener);
    },
  } as unknown as TerminalBridge;
  return { bridge, push: (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload)) };
}

describe('outputs checked against the contract at the renderer', () => {
  it('an answer off its output schema rejects, naming the request and the field; a good one passes untouched', async () => {
    const { bridge } = fakeBridge({ 'settings.get': { ...DEFAULT_SETTINGS, windowMinutes: 'fifteen' }, 'trading.state': { state: 'ACTIVE', since: 1, reason: null } });
    const checked = checkedBridge(bridge, () => {});
    const refused = await checked.invoke('settings.get').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TerminalError);
    expect((refused as Error).message).toMatch(/^settings\.get: the answer does not match the contract \(windowMinutes: /);
    await expect(checked.invoke('trading.state')).resolves.toEqual({ state: 'ACTIVE', since: 1, reason: null });
    // Unchecked, the same answer would have reached the screen.
    await expect(bridge.invoke('settings.get')).resolves.toMatchObject({ windowMinutes: 'fifteen' });
  });

  it('a stream payload off its schema is held back from the listener and reported; good ones arrive in order', () => {
    const { bridge, push } = fakeBridge({});
    const reported: TerminalError[] = [];
    const checked = checkedBridge(bridge, (error) => reported.push(error));
    const seen: FundingQuote[][] = [];
    const off = checked.on('quotes', (quotes) => seen.push(quotes));
    push('quotes', [BTC]);
    // A venue's raw decimal string passed through unparsed.
    push('quotes', [{ ...BTC, markPrice: '93412.7' }]);
    push('quotes', [{ ...BTC, markPrice: 93_420 }]);
    expect(seen).toEqual([[BTC], [{ ...BTC, markPrice: 93_420 }]]);
    expect(reported.map((e) => e.message)).toEqual([expect.stringMatching(/^the quotes stream's payload does not match the contract \(0\.markPrice: /)]);
    off();
    push('quotes', [BTC]);
    expect(seen).toHaveLength(2);
  });
});
