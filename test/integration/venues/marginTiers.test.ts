/**
 * Every venue that publishes margin tiers yields its whole table through the terminal's reader
 * (`readMarketInfo`), through ccxt against the simulator; the simulator's tier answers are
 * checked against the venues' documented ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { marginTiers } from '../../../electron/simulator/marginTiers.ts';
import { readMarketInfo } from '../../../electron/backend/trading/venueMarket.ts';
import { type VenueId } from '../../../shared/domain/venues.ts';
import { TRADED_VENUE_IDS, type TradedVenueId } from '../../fixtures/tradedVenues.ts';
import { wireClient, type WireClient } from './venueClients.ts';
import { expectWireCase, type WireCase } from './wireCases.ts';
import { startWireSimulator } from './wireHarness.ts';

let sim: Simulator;
const clients = new Map<VenueId, WireClient>();

const SYMBOL: Record<TradedVenueId, string> = {
  binanceusdm: 'BTC/USDT:USDT', bybit: 'BTC/USDT:USDT', okx: 'BTC/USDT:USDT', bitget: 'BTC/USDT:USDT', gate: 'BTC/USDT:USDT', hyperliquid: 'BTC/USDC:USDC', aster: 'BTC/USDT:USDT',
  kucoinfutures: 'BTC/USDT:USDT', bingx: 'BTC/USDT:USDT',
};
const ID: Record<TradedVenueId, string> = { binanceusdm: 'BTCUSDT', bybit: 'BTCUSDT', okx: 'BTC-USDT-SWAP', bitget: 'BTCUSDT', gate: 'BTC_USDT', hyperliquid: 'BTC', aster: 'BTCUSDT', kucoinfutures: 'XBTUSDTM', bingx: 'BTC-USDT' };

beforeAll(async () => {
  sim = await startWireSimulator([...TRADED_VENUE_IDS]);
  for (const venue of TRADED_VENUE_IDS) {
    const client = wireClient(sim, venue);
    await client.exchange.loadMarkets();
    clients.set(venue, client);
  }
});

afterAll(async () => {
  for (const client of clients.values()) await client.exchange.close();
  await sim.close();
});

describe('margin tiers: the whole table from every venue', () => {
  it.each([...TRADED_VENUE_IDS])('%s', async (venue) => {
    const info = await readMarketInfo(clients.get(venue)!.exchange, SYMBOL[venue]);
    const expected = marginTiers(sim.market.instrument(venue, ID[venue])!);
    expect(info.tiers?.map((t) => [t.maintenanceMarginRate, t.maxLeverage])).toEqual(expected.map((t) => [
      // Hyperliquid states leverage only; its maintenance rate is half the initial at that leverage.
      venue === 'hyperliquid' ? 1 / (2 * t.maxLeverage) : t.maintenanceMarginRate,
      // BingX's tiers state no leverage (ccxt's recording: maxLeverage null); its cap is the contract row's.
      venue === 'bingx' ? null : t.maxLeverage,
    ]));
    // OKX bands are whole contracts priced at the last trade: equal to within a contract's value.
    const contractValue = venue === 'okx' ? 0.01 * sim.market.ticker('okx', ID.okx).last : 0;
    info.tiers!.forEach((tier, i) => {
      expect(Math.abs(tier.floor - expected[i].floor)).toBeLessThanOrEqual(contractValue);
      if (i + 1 < expected.length) expect(Math.abs(tier.cap - expected[i].cap)).toBeLessThanOrEqual(contractValue);
    });
    expect(info.maxLeverage).toBe(expected[0].maxLeverage);
  });
});

const TIER_CASES: Array<[TradedVenueId, WireCase]> = [
  ['binanceusdm', { method: 'fetchLeverageTiers', fixture: 'fetchLeverageTiers', route: 'GET /fapi/v1/leverageBracket' }],
  ['okx', {
    method: 'fetchMarketLeverageTiers', fixture: 'fetchMarketLeverageTiers', route: 'GET /api/v5/public/position-tiers',
    allowed: { 'extra $.data[].instFamily': 'swap tiers carry the instrument family (OKX v5 position-tiers docs); the documented example is a margin tier', 'extra $.msg': 'OKX answers carry msg (every other OKX answer in ccxt\'s examples has it)' },
  }],
  ['bitget', { method: 'fetchMarketLeverageTiers', fixture: 'fetchMarketLeverageTiers', route: 'GET /api/v2/mix/market/query-position-lever' }],
  ['kucoinfutures', { method: 'fetchMarketLeverageTiers', fixture: 'fetchMarketLeverageTiers', route: 'GET /api/v1/contracts/risk-limit/XBTUSDTM' }],
  ['bingx', { method: 'fetchMarketLeverageTiers', fixture: 'fetchMarketLeverageTiers', route: 'GET /openApi/swap/v1/maintMarginRatio' }],
];

describe("the simulator's tier answers have the fields and types the venues document", () => {
  it.each(TIER_CASES)('%s', async (venue, wire) => {
    await readMarketInfo(clients.get(venue)!.exchange, SYMBOL[venue]);
    expectWireCase(venue, clients.get(venue)!, wire, new Map());
  });
});
