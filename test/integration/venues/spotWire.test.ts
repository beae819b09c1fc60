/**
 * The spot answers the terminal reads, the simulator's raw answer against the venue's own
 * (docs/venues.md, "Spot"): Binance's spot order, order query, open orders and account against
 * ccxt's recorded real answers and Binance's documented account; its BTC/USDT pair against the
 * recorded market; Bybit's spot pairs against Bybit's documented answer, and a Bybit spot order
 * row against Bybit's recorded (linear) row, the one shape Bybit's v5 order endpoints share.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { createSpotExchange } from '../../../electron/backend/markets/spotExchange.ts';
import { ccxtCredentials } from '../../../electron/backend/markets/accountOptions.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { credentialsFor } from '../trading/harness.ts';
import { recorded, recordedMarkets } from './recordedFixtures.ts';
import { capturingClient, type WireClient } from './venueClients.ts';
import { startWireSimulator } from './wireHarness.ts';
import { unexplainedDifferences } from './wireShape.ts';
import { BYBIT_ALLOWED } from './allowedDifferences.ts';

let sim: Simulator;
let binance: WireClient;
let bybit: WireClient;

function spotClient(venue: VenueId): WireClient {
  const exchange = createSpotExchange(venue, { baseUrl: sim.url, timeoutMs: 3_000 });
  Object.assign(exchange, ccxtCredentials(venue, credentialsFor(venue)));
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  return capturingClient(exchange, `${venue} spot`);
}

const bybitRow = (answer: unknown) => (answer as { result: { list: unknown[] } }).result.list[0];

beforeAll(async () => {
  sim = await startWireSimulator(['binanceusdm', 'bybit']);
  binance = spotClient('binanceusdm');
  await binance.exchange.loadMarkets();
  await binance.exchange.fetchBalance();
  // A resting limit far under the book, so the open-orders list has a row; then a market buy, read back.
  await binance.exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 1_000, { newClientOrderId: 'ftspotwire1' });
  await binance.exchange.fetchOpenOrders('BTC/USDT');
  await binance.exchange.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { newClientOrderId: 'ftspotwire2' });
  await binance.exchange.fetchOrder(undefined as unknown as string, 'BTC/USDT', { origClientOrderId: 'ftspotwire2' });
  bybit = spotClient('bybit');
  await bybit.exchange.loadMarkets();
  await bybit.exchange.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { orderLinkId: 'ftspotwire3' });
  await bybit.exchange.fetchOrder('', 'BTC/USDT', { orderLinkId: 'ftspotwire3', acknowledged: true });
});

afterAll(async () => {
  await binance?.exchange.close();
  await bybit?.exchange.close();
  await sim?.close();
});

const ADDED_TO_ACCOUNT = 'Binance documents these on GET /api/v3/account today (Spot API reference); ccxt\'s quoted answer predates them';

describe('spot answers have the fields and types of the venues\' own', () => {
  it.each([
    { name: 'Binance POST /api/v3/order (FULL)', client: () => binance, route: 'POST /api/v3/order', fixture: 'binance-spot/createOrder', pick: (a: unknown) => a,
      allowed: { 'missing $.icebergQty': 'the recorded order was an iceberg order; Binance states icebergQty on the create answer of those only' } },
    { name: 'Binance GET /api/v3/order', client: () => binance, route: 'GET /api/v3/order', fixture: 'binance-spot/fetchOrder', pick: (a: unknown) => a, allowed: {} },
    { name: 'Binance GET /api/v3/openOrders', client: () => binance, route: 'GET /api/v3/openOrders', fixture: 'binance-spot/fetchOpenOrders', pick: (a: unknown) => a, allowed: {} },
    { name: 'Binance GET /api/v3/account', client: () => binance, route: 'GET /api/v3/account', fixture: 'binance-spot/fetchBalance', pick: (a: unknown) => a,
      allowed: Object.fromEntries(['commissionRates', 'brokered', 'requireSelfTradePrevention', 'preventSor', 'permissions', 'uid'].map((k) => [`extra $.${k}`, ADDED_TO_ACCOUNT])) },
    { name: 'Binance GET /api/v3/exchangeInfo (BTCUSDT row)', client: () => binance, route: 'GET /api/v3/exchangeInfo', fixture: 'binance-spot/exchangeInfoSymbol',
      pick: (a: unknown) => (a as { symbols: Array<{ symbol: string }> }).symbols.find((s) => s.symbol === 'BTCUSDT'), allowed: {} },
    { name: 'Bybit GET /v5/market/instruments-info?category=spot', client: () => bybit, route: 'GET /v5/market/instruments-info', fixture: 'bybit-spot/instrumentsInfo', pick: (a: unknown) => a,
      allowed: { 'extra $.result.list[].stTag': 'Bybit added the special-treatment tag to spot pairs after ccxt quoted the answer', 'extra $.result.list[].riskParameters': 'Bybit added the price-limit ratios to spot pairs after ccxt quoted the answer' } },
  ])('$name', ({ client, route, fixture, pick, allowed }) => {
    const [method, path] = route.split(' ');
    const [venueDir, name] = fixture.split('/');
    expect(unexplainedDifferences(recorded(venueDir, name).response, pick(client().answer(method, path)), { allowed }).join('\n')).toBe('');
  });

  it('a Bybit spot order row has the fields of Bybit\'s recorded order row', () => {
    const answer = bybit.answer('GET', '/v5/order/realtime');
    const row = bybitRow(answer) as { cumFeeDetail: Record<string, string> };
    const differences = unexplainedDifferences(recorded('bybit', 'fetchOrder').response, answer, { maps: ['$.result.list[].cumFeeDetail'], allowed: BYBIT_ALLOWED });
    expect(differences.join('\n')).toBe('');
    // A buy's fee is charged in the coin bought.
    expect(Object.keys(row.cumFeeDetail)).toEqual(['BTC']);
  });

  it('ccxt reads Binance\'s simulated BTC/USDT pair with the recorded pair\'s terms, as a spot market, never the perp', () => {
    const real = recordedMarkets('binance-spot').markets['BTC/USDT'];
    const simulated = binance.exchange.market('BTC/USDT');
    expect([simulated.spot, simulated.contract, simulated.symbol]).toEqual([true, false, 'BTC/USDT']);
    // The recording states precision in decimal places (ccxt of that day); this ccxt states steps.
    expect(simulated.precision.amount).toBeCloseTo(10 ** -real.precision.amount!, 12);
    expect(simulated.precision.price).toBeCloseTo(10 ** -real.precision.price!, 12);
    expect([simulated.limits.amount?.min, simulated.limits.cost?.min]).toEqual([real.limits.amount?.min, real.limits.cost?.min]);
    expect(() => binance.exchange.market('BTC/USDT:USDT')).toThrow();
  });
});

