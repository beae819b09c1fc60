/**
 * The polling loop's rules, with a scripted adapter and fake timers (counts, not timings):
 * polls never overlap, failures back off, a venue recovers by itself and says so.
 */
import type { Exchange } from 'ccxt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { createVenuePoller } from '../../../electron/backend/markets/venuePoller.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Alert } from '../../../shared/domain/signals.ts';
import { VENUES } from '../../../shared/domain/venues.ts';

const PROFILE = { ...VENUES.bybit, pollMs: 100, staleAfterMs: 10_000 };
const QUOTE: FundingQuote = {
  venue: 'bybit', symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate: 0.0001, rateKind: 'predicted', lastSettledRate: null,
  intervalHours: 8, nextFundingTime: 0, markPrice: 1, indexPrice: 1, volume24hUsd: null, openInterestUsd: null, observedAt: 0,
};

function scriptedAdapter(poll: () => Promise<FundingQuote[]>): VenueAdapter & { calls: number } {
  const adapter = {
    venue: 'bybit' as const,
    exchange: {} as Exchange,
    calls: 0,
    poll: () => { adapter.calls++; return poll(); },
    markets: () => [],
    fundingHistory: async () => [],
    priceHistory: async () => [],
    close: async () => undefined,
  };
  return adapter;
}

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('the venue polling loop', () => {
  it('never starts a poll while the previous one is still running', async () => {
    let release: (quotes: FundingQuote[]) => void = () => undefined;
    const adapter = scriptedAdapter(() => new Promise((resolve) => { release = resolve; }));
    const poller = createVenuePoller({ adapter, profile: PROFILE, scale: 1, now: () => Date.now(), onQuotes: () => undefined, onAlerts: () => undefined, onAttempt: () => undefined });
    poller.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(adapter.calls).toBe(1);
    release([QUOTE]);
    await vi.advanceTimersByTimeAsync(PROFILE.pollMs);
    expect(adapter.calls).toBe(2);
    release([QUOTE]);
    await poller.stop();
  });

  it('backs off while failing (1 + 3 attempts in 1.5 s instead of 15) and recovers with an alert', async () => {
    let failing = true;
    const alerts: Alert[] = [];
    const adapter = scriptedAdapter(async () => { if (failing) throw new Error('boom'); return [QUOTE]; });
    const poller = createVenuePoller({ adapter, profile: PROFILE, scale: 1, now: () => Date.now(), onQuotes: () => undefined, onAlerts: (a) => alerts.push(...a), onAttempt: () => undefined });
    poller.start();
    await vi.advanceTimersByTimeAsync(1_500);
    // attempts at 0, 200, 600, 1400 ms: 100 × 2^n after the n-th failure.
    expect(adapter.calls).toBe(4);
    expect(poller.health()).toMatchObject({ status: 'down', consecutiveErrors: 4 });
    expect(alerts.map((a) => a.severity)).toEqual(['critical']);
    failing = false;
    await vi.advanceTimersByTimeAsync(1_700);
    expect(poller.health()).toMatchObject({ status: 'ok', consecutiveErrors: 0, errorCount: 4 });
    expect(alerts.map((a) => a.severity)).toEqual(['critical', 'info']);
    await poller.stop();
  });

  it('stop() waits for the running poll and schedules nothing after it', async () => {
    const adapter = scriptedAdapter(async () => [QUOTE]);
    const poller = createVenuePoller({ adapter, profile: PROFILE, scale: 1, now: () => Date.now(), onQuotes: () => undefined, onAlerts: () => undefined, onAttempt: () => undefined });
    poller.start();
    await vi.advanceTimersByTimeAsync(250);
    await poller.stop();
    const calls = adapter.calls;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(adapter.calls).toBe(calls);
  });
});
