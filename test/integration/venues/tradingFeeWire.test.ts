/**
 * The account's fee tier, per venue: the simulator answers ccxt's `fetchTradingFee` in the
 * venue's own shape (fields and JSON types of its documented answer), ccxt reads the tier the
 * account was given, and the account's fills are charged that tier (docs/venues.md, "Fee tiers").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { TRADED_VENUE_IDS, type TradedVenueId } from '../../fixtures/tradedVenues.ts';
import { credentialsFor } from '../trading/harness.ts';
import { wireClient, type WireClient } from './venueClients.ts';
import { checkCase, type WireCase } from './wireCases.ts';
import { startWireSimulator } from './wireHarness.ts';

const SYMBOL: Record<TradedVenueId, string> = {
  binanceusdm: 'BTC/USDT:USDT', bybit: 'BTC/USDT:USDT', okx: 'BTC/USDT:USDT', bitget: 'BTC/USDT:USDT', gate: 'BTC/USDT:USDT',
  hyperliquid: 'BTC/USDC:USDC', aster: 'BTC/USDT:USDT', kucoinfutures: 'BTC/USDT:USDT', bingx: 'BTC/USDT:USDT',
};

const CASES: Record<TradedVenueId, WireCase> = {
  binanceusdm: { method: 'fetchTradingFee', fixture: 'fetchTradingFee', route: 'GET /fapi/v1/commissionRate' },
  bybit: { method: 'fetchTradingFee', fixture: 'fetchTradingFee', route: 'GET /v5/account/fee-rate' },
  okx: { method: 'fetchTradingFee', fixture: 'fetchTradingFee', route: 'GET /api/v5/account/trade-fee' },
  bitget: { method: 'fetchTradingFee', fixture: 'fetchTradingFee', route: 'GET /api/v2/common/trade-rate' },
  gate: { method: 'fetchTradingFee', fixture: 'fetchTradingFee', route: 'GET /api/v4/wallet/fee' },
  hyperliquid: { method: 'fetchTradingFee', fixture: 'fetchTradingFee', route: 'POST /info' },
  aster: { method: 'fetchTradingFee', fixture: 'fetchTradingFee', route: 'GET /aster/fapi/v3/commissionRate' },
  kucoinfutures: { method: 'fetchTradingFee', fixture: 'fetchTradingFee', route: 'GET /api/v1/trade-fees' },
  bingx: { method: 'fetchTradingFee', fixture: 'fetchTradingFee', route: 'GET /openApi/swap/v2/user/commissionRate' },
};

/** A VIP tier, below every venue's lowest one, so a default read back would show. */
const VIP = { taker: 0.00031, maker: 0.00004 };

let sim: Simulator;
const clients = new Map<VenueId, WireClient>();
const read = new Map<VenueId, { taker?: number; maker?: number }>();

beforeAll(async () => {
  sim = await startWireSimulator([...TRADED_VENUE_IDS]);
  for (const venue of TRADED_VENUE_IDS) {
    sim.accounts.setFeeRates(venue, credentialsFor(venue).apiKey, VIP);
    const client = wireClient(sim, venue);
    clients.set(venue, client);
    await client.exchange.loadMarkets();
    read.set(venue, await client.exchange.fetchTradingFee(SYMBOL[venue]));
  }
}, 60_000);

afterAll(async () => {
  for (const client of clients.values()) await client.exchange.close();
  await sim.close();
});

describe.each([...TRADED_VENUE_IDS])('%s: the account fee tier', (venue) => {
  it('answers in the venue\'s documented shape', () => {
    expect(checkCase(venue, clients.get(venue)!, CASES[venue]).join('\n')).toBe('');
  });

  it('is read by ccxt as the tier the account holds, not the venue default', () => {
    expect(VIP.taker).not.toBe(VENUES[venue].takerFee);
    expect(read.get(venue)).toMatchObject({ taker: VIP.taker, maker: VIP.maker });
  });
});

it('a fill is charged the account\'s taker tier', () => {
  const apiKey = credentialsFor('bybit').apiKey;
  const order = sim.accounts.placeOrder('bybit', apiKey, { instrumentId: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.01, reduceOnly: false });
  expect(order.filled).toBeCloseTo(0.01, 12);
  expect(order.fee).toBeCloseTo(order.averagePrice! * 0.01 * VIP.taker, 9);
});
