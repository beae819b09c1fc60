/**
 * The margin mode a ticket approved is the one each venue's order goes out in, on all six
 * venues, through the gateway and the live (Demo) brokers over ccxt against the simulator,
 * which records the mode every order was placed in as the venue takes it (OKX `tdMode` and
 * Bitget `marginMode` on the order, Binance and Bitget per symbol, Gate through leverage 0,
 * Hyperliquid `isCross`). Bybit's unified account holds one mode for every symbol: a ticket in
 * the other mode is refused in words and nothing is sent or switched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createGateway, type Gateway } from '../../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { type VenueId } from '../../../shared/domain/venues.ts';
import { TRADED_VENUE_IDS } from '../../fixtures/tradedVenues.ts';
import { credentialsFor, liveBrokers, startTradingSimulator } from './harness.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';

const symbolOf = (venue: VenueId) => (venue === 'hyperliquid' ? 'BTC/USDC:USDC' : 'BTC/USDT:USDT');
const idOf = (venue: VenueId) => (venue === 'hyperliquid' ? 'BTC' : venue === 'okx' ? 'BTC-USDT-SWAP' : venue === 'gate' ? 'BTC_USDT' : 'BTCUSDT');

let sim: Simulator;
let store: Store;
let gateway: Gateway;
let brokers: Map<VenueId, Broker>;

beforeAll(async () => {
  sim = await startTradingSimulator(20, TRADED_VENUE_IDS, 23);
  brokers = await liveBrokers(sim, 2_000, TRADED_VENUE_IDS);
  store = await openStore(':memory:');
  gateway = createGateway({ state: new TradingStateMachine(0, () => undefined), journal: journalOf(store), brokers: (v) => brokers.get(v)!, now: () => sim.clock.now(), lookupDelaysMs: [0] });
});

afterAll(async () => {
  for (const broker of brokers.values()) await broker.close();
  await store.close();
  await sim.close();
});

const keyOf = (venue: VenueId) => credentialsFor(venue).apiKey;
const lastOrder = (venue: VenueId) => sim.accounts.orders(venue, keyOf(venue), idOf(venue)).at(-1);

async function open(venue: VenueId, ticketId: string, marginMode: 'cross' | 'isolated') {
  return gateway.submitPair({
    ticketId, legOrder: 'sequential', legTimeoutMs: 5_000, checklist: {}, override: null,
    legs: [{ venue, symbol: symbolOf(venue), side: 'buy', quantity: 0.01, reduceOnly: false, leverage: 3, marginMode }],
  });
}

/** A close as the exits and the kill switch send it: reduce-only, naming no margin mode. */
async function close(venue: VenueId, ticketId: string) {
  return gateway.submitPair({
    ticketId: `${ticketId}-close`, pairId: ticketId, legOrder: 'sequential', legTimeoutMs: 5_000, checklist: { close: true }, override: null,
    legs: [{ venue, symbol: symbolOf(venue), side: 'sell', quantity: 0.01, reduceOnly: true }],
  });
}

describe('margin mode as approved, per order, per venue', () => {
  for (const venue of ['binanceusdm', 'okx', 'bitget', 'gate', 'hyperliquid', 'aster'] as const) {
    for (const mode of ['isolated', 'cross'] as const) {
      it(`${venue}: a ${mode} ticket's order and position are ${mode}, and its close goes out in the position's mode`, async () => {
        const ticketId = `mm-${venue}-${mode}`;
        const opened = await open(venue, ticketId, mode);
        expect(opened.message).toBe('every leg filled');
        expect(lastOrder(venue)).toMatchObject({ side: 'buy', marginMode: mode, reduceOnly: false });
        expect(sim.accounts.positions(venue, keyOf(venue)).filter((p) => p.size !== 0).map((p) => [p.instrumentId, p.marginMode, p.leverage]))
          .toEqual([[idOf(venue), mode, 3]]);
        expect((await close(venue, ticketId)).status).toBe('hedged');
        expect(lastOrder(venue)).toMatchObject({ side: 'sell', marginMode: mode, reduceOnly: true, status: 'filled' });
        expect(sim.accounts.positions(venue, keyOf(venue)).filter((p) => p.size !== 0)).toEqual([]);
      });
    }
  }

  it('bybit: the unified account is cross for every symbol; a cross ticket goes, an isolated one is refused in words with nothing sent or switched', async () => {
    expect(await brokers.get('bybit')!.accountMarginMode(symbolOf('bybit'))).toBe('cross');
    const opened = await open('bybit', 'mm-bybit-cross', 'cross');
    expect(opened.status).toBe('hedged');
    expect(lastOrder('bybit')).toMatchObject({ marginMode: 'cross' });
    expect((await close('bybit', 'mm-bybit-cross')).status).toBe('hedged');

    const before = sim.accounts.orders('bybit', keyOf('bybit')).length;
    const refused = await open('bybit', 'mm-bybit-isolated', 'isolated');
    expect(refused.status).toBe('failed');
    expect(refused.message).toContain('the Bybit unified account is in cross margin for every symbol, and the ticket approved isolated');
    expect(refused.message).toMatch(/does not switch the whole account.*nothing was sent$/);
    expect(sim.accounts.orders('bybit', keyOf('bybit'))).toHaveLength(before);
    const modes = new Set(sim.market.instruments('bybit').map((i) => sim.accounts.leverage('bybit', keyOf('bybit'), i.id).marginMode));
    expect([...modes]).toEqual(['cross']);
    expect(sim.log.list({ venue: 'bybit', path: '/v5/account/set-margin-mode' })).toEqual([]);
  });
});
