/**
 * The polling loop's rules, with a scripted adapter and a manual clock (counts, not timings):
 * polls never overlap, a failed or late poll degrades at once, the third in a row is down, a
 * poll still unanswered counts as late without waiting for it, the first good answer restores.
 */
import type { Exchange } from 'ccxt';
import { describe, expect, it } from 'vitest';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { healthBounds } from '../../../electron/backend/markets/health.ts';
import { createVenuePoller } from '../../../electron/backend/markets/venuePoller.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Alert } from '../../../shared/domain/signals.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { ManualTimers } from '../../fixtures/manualTimers.ts';

const PROFILE = { ...VENUES.bybit, pollMs: 1_000, staleAfterMs: 60_000 };
const BOUNDS = healthBounds({ pollMs: PROFILE.pollMs, scale: 1 });
const QUOTE: FundingQuote = {
  venue: 'bybit', symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate: 0.0001, rateKind: 'predicted', lastSettledRate: null,
  intervalHours: 8, nextFundingTime: 0, markPrice: 1, indexPrice: 1, volume24hUsd: null, openInterestUsd: null, observedAt: 0,
};

type Answer = { kind: 'ok' } | { kind: 'fail' } | { kind: 'hold' };

/** An adapter whose polls answer as the script says; a held poll waits for `release`. */
function scriptedAdapter() {
  let next: Answer = { kind: 'ok' };
  let release: (outcome: 'ok' | 'fail') => void = () => undefined;
  const adapter = {
    venue: 'bybit' as const,
    exchange: {} as Exchange,
    calls: 0,
    answer(answer: Answer) { next = answer; },
    release: (outcome: 'ok' | 'fail') => release(outcome),
    poll: async (): Promise<FundingQuote[]> => {
      adapter.calls++;
      const answer = next;
      if (answer.kind === 'fail') throw new Error('boom');
      if (answer.kind === 'hold') {
        const outcome = await new Promise<'ok' | 'fail'>((resolve) => { release = resolve; });
        if (outcome === 'fail') throw new Error('timed out');
      }
      return [QUOTE];
    },
    markets: () => [],
    marketsDue: () => false,
    fundingHistory: async () => [],
    priceHistory: async () => [],
    close: async () => undefined,
  };
  return adapter;
}

/** Lets the adapter's promise and the loop's continuation run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function harness() {
  const adapter = scriptedAdapter();
  const timers = new ManualTimers();
  const alerts: Alert[] = [];
  const poller = createVenuePoller({
    adapter: adapter as VenueAdapter, profile: PROFILE, scale: 1, bounds: BOUNDS, timers, now: () => timers.elapsed(),
    onQuotes: () => undefined, onAlerts: (a) => alerts.push(...a), onAttempt: () => undefined,
  });
  /** Fires the next due timer (a poll or a late mark) and lets what it started settle. */
  const step = async () => { timers.fireNext(); await settle(); };
  return { adapter, timers, alerts, poller, step };
}

describe('the venue polling loop', () => {
  it('never starts a poll while the previous one is still running', async () => {
    const { adapter, poller, step, timers } = harness();
    adapter.answer({ kind: 'hold' });
    poller.start();
    await step();
    for (let i = 0; i < 5 && timers.nextIn() !== null; i++) await step();
    expect(adapter.calls).toBe(1);
    adapter.answer({ kind: 'ok' });
    adapter.release('ok');
    await settle();
    await step();
    expect(adapter.calls).toBe(2);
    await poller.stop();
  });

  it('degraded at the first failed poll, down at the third, retried sooner in between, ok on the first good poll', async () => {
    const { adapter, alerts, poller, step, timers } = harness();
    poller.start();
    await step();
    expect(poller.health().status).toBe('ok');
    adapter.answer({ kind: 'fail' });
    await step();
    expect(poller.health()).toMatchObject({ status: 'degraded', consecutiveErrors: 1 });
    expect(timers.nextIn()).toBe(BOUNDS.retryMs);
    await step();
    expect(poller.health()).toMatchObject({ status: 'degraded', consecutiveErrors: 2 });
    await step();
    expect(poller.health()).toMatchObject({ status: 'down', consecutiveErrors: 3 });
    expect(alerts.map((a) => a.severity)).toEqual(['critical']);
    // Once down, the venue is polled at its cadence: recovery shows within one period.
    expect(timers.nextIn()).toBe(BOUNDS.pollMs);
    adapter.answer({ kind: 'ok' });
    await step();
    expect(adapter.calls).toBe(5);
    expect(poller.health()).toMatchObject({ status: 'ok', consecutiveErrors: 0, errorCount: 3, lastError: null });
    expect(alerts.map((a) => a.severity)).toEqual(['critical', 'info']);
    await poller.stop();
  });

  it('a poll still unanswered is late at the late bound and down two retry periods later, counted once when it finally fails', async () => {
    const { adapter, alerts, poller, step, timers } = harness();
    poller.start();
    await step();
    adapter.answer({ kind: 'hold' });
    await step();
    expect(timers.nextIn()).toBe(BOUNDS.lateAfterMs);
    await step();
    expect(poller.health()).toMatchObject({ status: 'degraded', consecutiveErrors: 1 });
    expect(poller.health().lastError).toMatch(/^Bybit has not answered for 0\.4 s/);
    await step();
    await step();
    expect(poller.health()).toMatchObject({ status: 'down', consecutiveErrors: 3 });
    expect(adapter.calls).toBe(2);
    expect(timers.nextIn()).toBeNull();
    adapter.answer({ kind: 'ok' });
    adapter.release('fail');
    await settle();
    expect(poller.health()).toMatchObject({ status: 'down', consecutiveErrors: 3, lastError: expect.stringMatching(/timed out/) });
    await step();
    expect(poller.health()).toMatchObject({ status: 'ok', consecutiveErrors: 0 });
    expect(alerts.map((a) => a.severity)).toEqual(['critical', 'info']);
    await poller.stop();
  });

  it('a slow answer is used but counts as a late poll; the first answer within the bound restores the venue', async () => {
    const { adapter, poller, step, timers } = harness();
    poller.start();
    await step();
    adapter.answer({ kind: 'hold' });
    for (let poll = 1; poll <= 3; poll++) {
      await step();
      timers.advance(BOUNDS.lateAfterMs + 1);
      adapter.release('ok');
      await settle();
      expect(poller.health()).toMatchObject({ consecutiveErrors: poll, lastSuccessAt: timers.elapsed(), stale: false });
      expect(poller.health().lastError).toMatch(/^Bybit answered in 0\.4 s, later than the 0\.4 s/);
    }
    expect(poller.health().status).toBe('down');
    adapter.answer({ kind: 'ok' });
    await step();
    expect(poller.health()).toMatchObject({ status: 'ok', consecutiveErrors: 0 });
    await poller.stop();
  });

  it('stop() waits for the running poll and schedules nothing after it', async () => {
    const { adapter, poller, step, timers } = harness();
    poller.start();
    await step();
    await poller.stop();
    expect(timers.nextIn()).toBeNull();
    expect(adapter.calls).toBe(1);
  });
});
