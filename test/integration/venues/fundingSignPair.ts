/**
 * One pair held over one settlement, for the funding-sign tests: `venue` on one side of 0.1 BTC
 * and Binance on the other, opened through the gateway, both legs' rates set to +0.04 %, the
 * clock moved past the later settlement, the funding read by the journaller, the pair closed.
 * Returns the funding journalled per venue (positive = received) and what the venue's own
 * account held (its signed size in its own units) while the pair was open.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import type { Store } from '../../../electron/backend/store/duckdb.ts';
import { createGateway } from '../../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import { createFundingJournaller } from '../../../electron/backend/trading/fundingJournal.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import type { PairIntent, Side } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { liveBrokers, simAccountKey, startTradingSimulator } from '../trading/harness.ts';
import { openStore } from '../../../electron/backend/store/duckdb.ts';

const BTC = 'BTC/USDT:USDT';

export interface SignContext {
  sim: Simulator;
  brokers: Map<VenueId, Broker>;
  store: Store;
}

/**
 * The file's funding-sign setting: a simulator of `venues` (the venue and Binance) with a live
 * broker each and an in-memory journal, opened before the file's tests and closed after them.
 */
export function fundingSignSuite(venues: VenueId[], universeSize: number, seed: number): SignContext {
  const context = {} as SignContext;
  beforeAll(async () => {
    context.sim = await startTradingSimulator(universeSize, venues, seed);
    context.brokers = await liveBrokers(context.sim, 2_000, venues);
    context.store = await openStore(':memory:');
  });
  afterAll(async () => {
    for (const broker of context.brokers.values()) await broker.close();
    await context.store.close();
    await context.sim.close();
  });
  return context;
}
const BINANCE_ID = 'BTCUSDT';

export interface SettledPair {
  amounts: Map<VenueId, number>;
  /** The venue's account while the pair was open: `[instrument id, signed size]` of each position. */
  held: Array<[string, number]>;
}

/** The venue's leg where it is not Binance's (BTC/USDT:USDT, isolated): Paradex's BTC is `BTC/USD:USDC`, cross margin only. */
export interface VenueLeg {
  symbol: string;
  marginMode: 'cross' | 'isolated';
}

export async function settledPair(
  context: SignContext, venue: VenueId, id: string, ticketId: string, side: Side,
  leg: VenueLeg = { symbol: BTC, marginMode: 'isolated' },
): Promise<SettledPair> {
  const { sim, brokers, store } = context;
  const other: Side = side === 'buy' ? 'sell' : 'buy';
  const intent = (own: Side, binance: Side, reduceOnly: boolean, pairTicket: string): PairIntent => ({
    ticketId: pairTicket, legOrder: 'sequential', legTimeoutMs: 5_000, override: null,
    checklist: reduceOnly ? { close: true } : { alignment: 'confirmed', items: ['funding verified'] },
    ...(reduceOnly ? { pairId: ticketId } : {}),
    legs: [
      { venue, symbol: leg.symbol, side: own, quantity: 0.1, reduceOnly, ...(reduceOnly ? {} : { leverage: 3, marginMode: leg.marginMode }) },
      { venue: 'binanceusdm', symbol: BTC, side: binance, quantity: 0.1, reduceOnly, ...(reduceOnly ? {} : { leverage: 3, marginMode: 'isolated' as const }) },
    ],
  });
  const gateway = createGateway({ state: new TradingStateMachine(0, () => undefined), journal: journalOf(store), brokers: (v) => brokers.get(v)!, now: () => sim.clock.now() });
  expect((await gateway.submitPair(intent(side, other, false, ticketId))).status).toBe('hedged');
  const held = sim.accounts.positions(venue, simAccountKey(venue)).filter((p) => p.size !== 0).map((p): [string, number] => [p.instrumentId, p.size]);
  const legs: Array<[VenueId, string]> = [[venue, id], ['binanceusdm', BINANCE_ID]];
  for (const [v, instrument] of legs) sim.market.setRate(v, instrument, 0.0004);
  sim.clock.advanceTo(Math.max(...legs.map(([v, instrument]) => sim.market.funding(v, instrument).nextFundingTime)) + 1_000);
  const journaller = createFundingJournaller(journalOf(store), () => sim.clock.now(), (v, error) => { throw new Error(`${v}: ${String(error)}`); });
  await journaller.sync([...brokers.values()]);
  const amounts = new Map<VenueId, number>();
  for (const entry of (await journalOf(store).list({ pairId: ticketId })).filter((e) => e.kind === 'funding')) {
    amounts.set(entry.venue!, (amounts.get(entry.venue!) ?? 0) + (entry.data as { amount: number }).amount);
  }
  expect((await gateway.submitPair(intent(other, side, true, `${ticketId}-close`))).status).toBe('hedged');
  return { amounts, held };
}

/**
 * The two sign cases every such venue asserts: its short receiving positive funding journals a
 * positive income and the Binance long a negative one; its long paying, the reverse. 0.1 BTC at
 * each venue's settlement mark × 0.04 %: the same size on both legs, the same rate.
 */
export function signCasesAgainstBinance(label: string, venue: VenueId, ticketPrefix: string, settled: (ticketId: string, side: Side) => Promise<Map<VenueId, number>>): void {
  it(`a ${label} short receiving positive funding journals a positive income, the Binance long a negative one`, async () => {
    const amounts = await settled(`${ticketPrefix}-short-${Date.now()}`, 'sell');
    expect(amounts.get(venue)).toBeGreaterThan(0);
    expect(amounts.get('binanceusdm')).toBeLessThan(0);
    expect(amounts.get(venue)).toBeCloseTo(-amounts.get('binanceusdm')!, 2);
  });

  it(`a ${label} long paying positive funding journals a negative income, the Binance short a positive one`, async () => {
    const amounts = await settled(`${ticketPrefix}-long-${Date.now()}`, 'buy');
    expect(amounts.get(venue)).toBeLessThan(0);
    expect(amounts.get('binanceusdm')).toBeGreaterThan(0);
    expect(amounts.get(venue)).toBeCloseTo(-amounts.get('binanceusdm')!, 2);
  });
}
