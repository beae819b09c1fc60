/**
 * A HIP-3 × CEX pair through the gateway (docs/venues.md, "Hyperliquid HIP-3"): long BTC on the
 * `xyz` dex's perp (`XYZ-BTC/USDC:USDC`, the coin `xyz:BTC`) against a Binance BTC short, in
 * Paper (fills walked through the simulator's books) and in Live (ccxt's signed orders on the
 * Hyperliquid broker, the order's asset the HIP-3 id ccxt computes, read in the simulator's
 * request log), flattened by the kill switch, which must see the dex's position. A dex settling
 * in USDH is refused before anything is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { engageKillSwitch } from '../../../electron/backend/trading/killSwitch.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import type { PairIntent } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { credentialsFor, liveBrokers, pairGateway, paperBrokers, startTradingSimulator } from './harness.ts';
import { createFlatteners, reachableTarget } from '../../fixtures/killSwitchTargets.ts';

const VENUES = ['hyperliquid', 'binanceusdm'] as const;
const LEGS = {
  hyperliquid: { symbol: 'XYZ-BTC/USDC:USDC', id: 'xyz:BTC' },
  binanceusdm: { symbol: 'BTC/USDT:USDT', id: 'BTCUSDT' },
} as const;
const QUANTITY = 0.005;
let sim: Simulator;
let store: Store;

/** The quotes the market-data service would publish, read from the simulator's market model. */
function quotes(): FundingQuote[] {
  return VENUES.map((venue) => {
    const { symbol, id } = LEGS[venue];
    const funding = sim.market.funding(venue, id);
    const ticker = sim.market.ticker(venue, id);
    return {
      venue, symbol, base: 'BTC', multiplier: 1, rate: funding.rate, rateKind: 'predicted', lastSettledRate: funding.lastSettledRate,
      intervalHours: funding.intervalHours, nextFundingTime: funding.nextFundingTime, markPrice: ticker.mark, indexPrice: ticker.index,
      volume24hUsd: null, openInterestUsd: null, observedAt: sim.clock.now(),
    };
  });
}

function intent(ticketId: string, side: 'buy' | 'sell', reduceOnly = false, hyperliquidSymbol: string = LEGS.hyperliquid.symbol): PairIntent {
  return {
    ticketId, legOrder: 'sequential', legTimeoutMs: 5_000, override: null, checklist: reduceOnly ? { close: true } : { alignment: 'neutral' },
    ...(reduceOnly ? { pairId: ticketId.replace(/-close$/, '') } : {}),
    legs: [
      { venue: 'hyperliquid', symbol: hyperliquidSymbol, side, quantity: QUANTITY, reduceOnly, ...(reduceOnly ? {} : { leverage: 3 }) },
      { venue: 'binanceusdm', symbol: LEGS.binanceusdm.symbol, side: side === 'buy' ? 'sell' : 'buy', quantity: QUANTITY, reduceOnly, ...(reduceOnly ? {} : { leverage: 3 }) },
    ],
  };
}

const held = async (broker: Broker, symbol: string): Promise<number> => (await broker.positions()).filter((p) => p.symbol === symbol).reduce((sum, p) => sum + p.size, 0);

/** The asset ids of the Hyperliquid orders the simulator received (`POST /exchange`, action `order`). */
function orderAssets(): number[] {
  return sim.log.list({ venue: 'hyperliquid', path: '/exchange' }).flatMap((entry) => {
    const action = (JSON.parse(entry.body ?? '{}') as { action?: { type?: string; orders?: Array<{ a: number }> } }).action;
    return action?.type === 'order' ? (action.orders ?? []).map((order) => order.a) : [];
  });
}

beforeAll(async () => {
  sim = await startTradingSimulator(40, VENUES, 43);
  store = await openStore(':memory:');
});

afterAll(async () => {
  await store.close();
  await sim.close();
});

describe('Hyperliquid xyz:BTC × Binance BTC, a HIP-3 perp against a CEX perp', () => {
  it('in Paper: opens hedged on the dex\'s perp, not the main dex\'s BTC, and closes flat', async () => {
    const paper = await paperBrokers(sim, VENUES, quotes);
    const brokers = new Map<VenueId, Broker>(paper.map((broker) => [broker.venue, broker]));
    const { gateway } = pairGateway(sim, store, brokers);
    // The dex's BTC counts BTC, as the catalog reads it: the pair is one asset.
    expect(brokers.get('hyperliquid')!.units(LEGS.hyperliquid.symbol).asset).toBe('BTC');
    const opened = await gateway.submitPair(intent('hip3-paper', 'buy'));
    expect(opened.status).toBe('hedged');
    expect(await held(brokers.get('hyperliquid')!, LEGS.hyperliquid.symbol)).toBeCloseTo(QUANTITY, 9);
    expect(await held(brokers.get('hyperliquid')!, 'BTC/USDC:USDC')).toBe(0);
    expect(await held(brokers.get('binanceusdm')!, LEGS.binanceusdm.symbol)).toBeCloseTo(-QUANTITY, 9);
    expect((await gateway.submitPair(intent('hip3-paper-close', 'sell', true))).status).toBe('hedged');
    for (const broker of paper) expect(await held(broker, LEGS[broker.venue as keyof typeof LEGS].symbol)).toBeCloseTo(0, 9);
    for (const broker of paper) await broker.close();
  });

  it('in Live: the order goes out under the HIP-3 asset id ccxt computes (100000 + 10000 × dex place + index), and the kill switch flattens the dex\'s position', async () => {
    const brokers = await liveBrokers(sim, 2_000, VENUES);
    const { gateway, state } = pairGateway(sim, store, brokers);
    const before = orderAssets().length;
    const opened = await gateway.submitPair(intent('hip3-live', 'buy'));
    expect(opened.status).toBe('hedged');
    expect(opened.orders.map((o) => [o.venue, o.symbol, o.side, o.filled])).toEqual([['hyperliquid', LEGS.hyperliquid.symbol, 'buy', QUANTITY], ['binanceusdm', LEGS.binanceusdm.symbol, 'sell', QUANTITY]]);
    const place = sim.market.perpDexs().findIndex((dex) => dex.name === 'xyz') + 1;
    const index = sim.market.perpDexs()[place - 1].instruments.findIndex((i) => i.id === LEGS.hyperliquid.id);
    expect(orderAssets().slice(before)).toEqual([100_000 + 10_000 * place + index]);
    expect(orderAssets().slice(before)).toEqual([110_002]);
    // The wallet's account holds the dex's coin, not the main dex's BTC.
    const wallet = credentialsFor('hyperliquid').apiKey;
    expect(sim.accounts.positions('hyperliquid', wallet).filter((p) => p.size !== 0).map((p) => [p.instrumentId, p.size])).toEqual([[LEGS.hyperliquid.id, QUANTITY]]);
    // Hyperliquid lists a dex's positions only when the read names the dex: the broker reads each dex.
    expect(await held(brokers.get('hyperliquid')!, LEGS.hyperliquid.symbol)).toBeCloseTo(QUANTITY, 9);

    const report = await engageKillSwitch({
      state, now: Date.now, deadlineMs: 3_000, targets: () => createFlatteners([...brokers.values()], gateway, journalOf(store), () => sim.clock.now()).map(reachableTarget),
    }, 'test: flatten the HIP-3 pair');
    expect(report.venues.map((v) => [v.venue, v.flat, v.closedPositions, v.error])).toEqual([['hyperliquid', true, 1, null], ['binanceusdm', true, 1, null]]);
    expect(sim.accounts.positions('hyperliquid', wallet).filter((p) => p.size !== 0)).toEqual([]);
    for (const broker of brokers.values()) await broker.close();
  });

  it('refuses a pair on a dex settling in USDH before anything is sent, naming the dex and its settle currency', async () => {
    const brokers = await liveBrokers(sim, 2_000, VENUES);
    const { gateway } = pairGateway(sim, store, brokers);
    const before = orderAssets().length;
    const refused = await gateway.submitPair(intent('hip3-usdh', 'buy', false, 'FLX-ETH/USDH:USDH'));
    expect(refused.status).toBe('refused');
    expect(refused.message).toContain('Hyperliquid flx settles in USDH');
    expect(orderAssets().length).toBe(before);
    for (const broker of brokers.values()) await broker.close();
  });
});
