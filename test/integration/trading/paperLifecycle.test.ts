/**
 * A perp/perp pair's whole life on the paper broker, filled against the simulator's order
 * books through ccxt: opened on an 8-hour venue and the 1-hour venue, funding collected on
 * each leg's own schedule as the simulated clock steps, the take-profit at target closing it
 * through the gateway (once), and the win rate counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createGateway } from '../../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import { createPaperBroker, type PaperBroker } from '../../../electron/backend/trading/brokers/paper.ts';
import { createPositionBook } from '../../../electron/backend/trading/positions.ts';
import { createFundingJournaller } from '../../../electron/backend/trading/fundingJournal.ts';
import { createExitMonitor } from '../../../electron/backend/trading/exitMonitor.ts';
import { createPairCloser } from '../../../electron/backend/trading/pairCloser.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { startTradingSimulator, SYMBOLS } from './harness.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';

let sim: Simulator;
let store: Store;
const brokers = new Map<VenueId, PaperBroker>();
const IDS: Record<string, string> = { binanceusdm: 'BTCUSDT', hyperliquid: 'BTC' };

/** The quotes the market-data service would publish, read from the simulator's market model. */
function quotes(): FundingQuote[] {
  return (['binanceusdm', 'hyperliquid'] as const).map((venue) => {
    const funding = sim.market.funding(venue, IDS[venue]);
    const ticker = sim.market.ticker(venue, IDS[venue]);
    return {
      venue, symbol: SYMBOLS[venue], base: 'BTC', multiplier: 1, rate: funding.rate, rateKind: 'predicted', lastSettledRate: funding.lastSettledRate,
      intervalHours: funding.intervalHours, nextFundingTime: funding.nextFundingTime, markPrice: ticker.mark, indexPrice: ticker.index,
      volume24hUsd: null, openInterestUsd: null, observedAt: sim.clock.now(),
    };
  });
}

beforeAll(async () => {
  sim = await startTradingSimulator();
  store = await openStore(':memory:');
  for (const venue of ['binanceusdm', 'hyperliquid'] as const) {
    brokers.set(venue, await createPaperBroker({ venue, connection: { baseUrl: sim.url }, quotes, now: () => sim.clock.now() }));
  }
});

afterAll(async () => {
  for (const broker of brokers.values()) await broker.close();
  await store.close();
  await sim.close();
});

describe('a perp/perp pair on paper, from entry to exit', () => {
  it('collects funding on each leg at its own interval and closes at target', async () => {
    const [binance, hyperliquid] = quotes();
    expect([binance.intervalHours, hyperliquid.intervalHours]).toEqual([8, 1]);
    const now = () => sim.clock.now();
    const gateway = createGateway({ state: new TradingStateMachine(now(), () => undefined), journal: journalOf(store), brokers: (v) => brokers.get(v)!, now });
    const opened = await gateway.submitPair({
      ticketId: 'life-1', legOrder: 'sequential', legTimeoutMs: 5_000, override: null,
      checklist: { alignment: 'confirmed' }, exits: { takeProfitSpreadPer8h: 0.01, maxHoldingHours: 48, actions: { 'take-profit': 'close', 'max-holding': 'alert' } },
      legs: [
        { venue: 'hyperliquid', symbol: SYMBOLS.hyperliquid, side: 'sell', quantity: 0.5, reduceOnly: false, leverage: 3 },
        { venue: 'binanceusdm', symbol: SYMBOLS.binanceusdm, side: 'buy', quantity: 0.5, reduceOnly: false, leverage: 3 },
      ],
    });
    expect(opened.status).toBe('hedged');
    const book = createPositionBook({ journal: journalOf(store), brokers: (v) => brokers.get(v)!, quotes });
    const [fresh] = await book.pairs();
    expect(fresh.legs.map((l) => l.fees)).toEqual(opened.orders.map((o) => o.averagePrice! * 0.5 * VENUES[o.venue].takerFee));
    expect(fresh.deltaDrift).toBe(0);

    // Ten simulated hours, the ledger looking at each settlement as it happens: 10 hourly
    // settlements on the short leg, 1 or 2 on the 8-hour long leg.
    const end = now() + 10 * 3_600_000;
    for (;;) {
      const next = Math.min(...quotes().map((q) => q.nextFundingTime!));
      if (next > end) break;
      sim.clock.advanceTo(next);
      for (const broker of brokers.values()) broker.settleFunding();
    }
    const hlPaid = await brokers.get('hyperliquid')!.fundingPayments(SYMBOLS.hyperliquid);
    const bnPaid = await brokers.get('binanceusdm')!.fundingPayments(SYMBOLS.binanceusdm);
    expect(hlPaid).toHaveLength(10);
    expect(bnPaid.length).toBeGreaterThanOrEqual(1);
    expect(bnPaid.length).toBeLessThanOrEqual(2);
    // Each payment is the venue's settlement on 0.5 BTC short, at its rate and mark.
    for (const p of hlPaid) {
      const [settled] = sim.market.fundingHistory('hyperliquid', 'BTC', { since: p.time, until: p.time });
      expect(p.rate).toBe(settled.rate);
      expect(p.amount).toBeCloseTo(0.5 * settled.markPrice * settled.rate, 9);
    }
    const journaller = createFundingJournaller(journalOf(store), now, (venue, error) => { throw new Error(`${venue}: ${String(error)}`); });
    expect(await journaller.sync([...brokers.values()])).toBe(hlPaid.length + bnPaid.length);
    expect(await journaller.sync([...brokers.values()])).toBe(0); // each payment is journalled once
    const funding = (await journalOf(store).list({ pairId: 'life-1' })).filter((e) => e.kind === 'funding');
    expect(funding.filter((e) => e.venue === 'hyperliquid')).toHaveLength(10);
    expect(funding.filter((e) => e.venue === 'binanceusdm')).toHaveLength(bnPaid.length);
    expect(funding.map((e) => e.data)).toEqual(expect.arrayContaining(hlPaid.map((p) => expect.objectContaining({ symbol: SYMBOLS.hyperliquid, rate: p.rate, amount: p.amount, time: p.time }))));
    const [held] = await book.pairs();
    const expectedFunding = [...hlPaid, ...bnPaid].reduce((sum, p) => sum + p.amount, 0);
    expect(held.legs.reduce((sum, l) => sum + l.fundingPnl, 0)).toBeCloseTo(expectedFunding, 9);
    expect(held.legs.every((l) => l.nextFundingTime !== null && l.nextPayment !== null)).toBe(true);

    // A restart: fresh paper accounts rebuilt from the journal hold the same positions, wallet and ledger, and book nothing twice.
    for (const [venue, broker] of brokers) {
      const restored = await createPaperBroker({ venue, connection: { baseUrl: sim.url }, quotes, now });
      try {
        restored.restore(await journalOf(store).list());
        // As the desk does at start: the venue's tiers of the restored positions, for their liquidation prices.
        await restored.restoreTerms();
        expect(restored.settleFunding()).toEqual([]);
        expect(await restored.positions()).toEqual(await broker.positions());
        expect((await restored.balances())[0].total).toBeCloseTo((await broker.balances())[0].total, 6);
        expect(await restored.fundingPayments()).toEqual(await broker.fundingPayments());
      } finally {
        await restored.close();
      }
    }

    const alerts: string[] = [];
    const closer = createPairCloser({ pairs: () => book.pairs(), gateway, journal: journalOf(store) });
    const monitor = createExitMonitor({ pairs: () => book.pairs(), closer, journal: journalOf(store), quotes, now, alert: (_severity, message) => alerts.push(message) });
    // The take-profit was set to close: it fires once, closes the pair, and says so.
    expect((await monitor.check()).fired.map((s) => s.rule)).toEqual(['take-profit']);
    expect(alerts).toEqual([expect.stringMatching(/take-profit met: .*closing the pair reduce-only/), expect.stringMatching(/closed flat on every venue by its take-profit \(1 attempt\)/)]);
    expect((await monitor.check()).fired).toEqual([]);
    expect(await brokers.get('hyperliquid')!.positions()).toEqual([]);
    expect(await brokers.get('binanceusdm')!.positions()).toEqual([]);
    const [done] = await book.pairs();
    expect(done.status).toBe('closed');
    const winRate = journalOf(store).ledger.winRate();
    expect(winRate.confirmed.closed).toBe(1);
    expect(winRate.confirmed.wins).toBe(done.net > 0 ? 1 : 0);
  });
});
