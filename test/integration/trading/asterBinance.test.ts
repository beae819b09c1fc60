/**
 * A perp/perp pair Aster × Binance through the gateway, on a symbol Aster settles every 4 h and
 * Binance every 8 h: in Paper (fills walked through the simulator's books, funding booked on
 * each leg's own schedule) and in Live (ccxt's real signing, Aster's wallet signature included,
 * against the simulator), then flattened by the kill switch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { createFundingJournaller } from '../../../electron/backend/trading/fundingJournal.ts';
import { engageKillSwitch } from '../../../electron/backend/trading/killSwitch.ts';
import type { PairIntent } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { credentialsFor, liveBrokers, pairGateway, paperBrokers, startTradingSimulator } from './harness.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { createFlatteners, reachableTarget } from '../../fixtures/killSwitchTargets.ts';

const VENUES = ['aster', 'binanceusdm'] as const;
let sim: Simulator;
let store: Store;
let id: string;
let symbol: string;
let quantity: number;

/** The quotes the market-data service would publish, read from the simulator's market model. */
function quotes(): FundingQuote[] {
  return VENUES.map((venue) => {
    const funding = sim.market.funding(venue, id);
    const ticker = sim.market.ticker(venue, id);
    return {
      venue, symbol, base: symbol.split('/')[0], multiplier: 1, rate: funding.rate, rateKind: 'predicted', lastSettledRate: funding.lastSettledRate,
      intervalHours: funding.intervalHours, nextFundingTime: funding.nextFundingTime, markPrice: ticker.mark, indexPrice: ticker.index,
      volume24hUsd: null, openInterestUsd: null, observedAt: sim.clock.now(),
    };
  });
}

function intent(ticketId: string, side: 'buy' | 'sell', reduceOnly = false): PairIntent {
  return {
    ticketId, legOrder: 'sequential', legTimeoutMs: 5_000, override: null, checklist: reduceOnly ? { close: true } : { alignment: 'neutral' },
    ...(reduceOnly ? { pairId: ticketId.replace(/-close$/, '') } : {}),
    legs: [
      { venue: 'aster', symbol, side, quantity, reduceOnly, ...(reduceOnly ? {} : { leverage: 3 }) },
      { venue: 'binanceusdm', symbol, side: side === 'buy' ? 'sell' : 'buy', quantity, reduceOnly, ...(reduceOnly ? {} : { leverage: 3 }) },
    ],
  };
}

const held = async (broker: Broker): Promise<number> => (await broker.positions()).filter((p) => p.symbol === symbol).reduce((sum, p) => sum + p.size, 0);

beforeAll(async () => {
  sim = await startTradingSimulator(60, VENUES, 41);
  store = await openStore(':memory:');
  // A base both list, settled every 4 h on Aster and every 8 h on Binance.
  const pick = sim.market.instruments('aster').find((i) => i.intervalHours === 4 && sim.market.instrument('binanceusdm', i.id)?.intervalHours === 8)!;
  id = pick.id;
  symbol = `${pick.base}/USDT:USDT`;
  const step = Math.max(pick.stepSize, sim.market.instrument('binanceusdm', id)!.stepSize);
  quantity = Math.ceil(300 / sim.market.ticker('aster', id).mark / step) * step;
});

afterAll(async () => {
  await store.close();
  await sim.close();
});

describe('Aster × Binance, a 4 h leg against an 8 h leg', () => {
  it('in Paper: opens hedged, books Aster\'s 4 h settlement on the Aster leg alone, and closes flat', async () => {
    const paper = await paperBrokers(sim, VENUES, quotes);
    const brokers = new Map<VenueId, Broker>(paper.map((broker) => [broker.venue, broker]));
    const { gateway } = pairGateway(sim, store, brokers);
    const opened = await gateway.submitPair(intent('ab-paper', 'sell'));
    expect(opened.status).toBe('hedged');
    expect(await held(brokers.get('aster')!)).toBeCloseTo(-quantity, 9);
    expect(await held(brokers.get('binanceusdm')!)).toBeCloseTo(quantity, 9);

    const [aster, binance] = quotes();
    expect([aster.intervalHours, binance.intervalHours]).toEqual([4, 8]);
    const asterOnly = aster.nextFundingTime! < binance.nextFundingTime! ? aster.nextFundingTime! : aster.nextFundingTime! + 4 * 3_600_000;
    sim.clock.advanceTo(asterOnly + 1_000);
    const paid = paper.flatMap((broker) => broker.settleFunding());
    expect(paid.map((p) => p.venue)).toEqual(['aster']);
    expect(Math.sign(paid[0].amount)).toBe(Math.sign(sim.market.fundingHistory('aster', id, { limit: 1 })[0].rate));

    expect((await gateway.submitPair(intent('ab-paper-close', 'buy', true))).status).toBe('hedged');
    for (const broker of paper) expect(await held(broker)).toBeCloseTo(0, 9);
    for (const broker of paper) await broker.close();
  });

  it('in Live: opens hedged on signed orders, journals each venue\'s funding, and the kill switch flattens both', async () => {
    const brokers = await liveBrokers(sim, 2_000, VENUES);
    const { gateway, state } = pairGateway(sim, store, brokers);
    const opened = await gateway.submitPair(intent('ab-live', 'sell'));
    expect(opened.status).toBe('hedged');
    expect(opened.orders.map((o) => [o.venue, o.side, o.filled])).toEqual([['aster', 'sell', quantity], ['binanceusdm', 'buy', quantity]]);
    // Aster's own account holds the short: the signed orders reached the wallet's account.
    expect(sim.accounts.positions('aster', credentialsFor('aster').apiKey).filter((p) => p.size !== 0).map((p) => [p.instrumentId, p.size])).toEqual([[id, -quantity]]);

    const [aster, binance] = quotes();
    sim.clock.advanceTo(Math.max(aster.nextFundingTime!, binance.nextFundingTime!) + 1_000);
    const journaller = createFundingJournaller(journalOf(store), () => sim.clock.now(), (venue, error) => { throw new Error(`${venue}: ${String(error)}`); });
    await journaller.sync([...brokers.values()]);
    const funding = (await journalOf(store).list({ pairId: 'ab-live' })).filter((e) => e.kind === 'funding');
    expect(new Set(funding.map((e) => e.venue))).toEqual(new Set(['aster', 'binanceusdm']));

    const report = await engageKillSwitch({
      state, now: Date.now, deadlineMs: 3_000, targets: () => createFlatteners([...brokers.values()], gateway, journalOf(store), () => sim.clock.now()).map(reachableTarget),
    }, 'test: flatten Aster and Binance');
    expect(report.venues.map((v) => [v.venue, v.flat, v.closedPositions, v.error])).toEqual([['aster', true, 1, null], ['binanceusdm', true, 1, null]]);
    for (const broker of brokers.values()) {
      expect(await held(broker)).toBe(0);
      await broker.close();
    }
  });
});
