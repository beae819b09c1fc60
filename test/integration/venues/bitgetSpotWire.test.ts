/**
 * Bitget spot as the terminal calls it (docs/venues.md, "Spot"): ccxt `bitget` with spot
 * markets only, against the simulator. The simulator's raw spot answers against Bitget's
 * recorded real ones (ccxt's static responses: a spot ticker, a spot book, a placed spot order,
 * a filled spot market buy, a resting spot order, the spot account's coins), its spot pairs
 * against the recorded pairs' terms, and how a spot buy goes out: Bitget counts a market buy's
 * `size` in USDT, so the live broker buys coins by an IOC limit and reads the fill back with its
 * fee in the coin bought (quoteSizedSpot.ts).
 */
import { describe, expect, it } from 'vitest';
import { credentialsFor } from '../trading/harness.ts';
import { recorded, recordedMarkets } from './recordedFixtures.ts';
import { quoteSizedChecks, quoteSizedRun, type QuoteSizedVenue } from './quoteSizedSpot.ts';
import { unexplainedDifferences } from './wireShape.ts';

const BITGET: QuoteSizedVenue = {
  venue: 'bitget', label: 'Bitget', spotFee: 0.001, heldId: (clientOrderId) => clientOrderId,
  plainBuy: (body) => [body.orderType, body.side, Number(body.size)], placePath: '/api/v2/spot/trade/place-order', fixtures: 'bitget-spot', recordedPairs: 7,
};
const run = quoteSizedRun(BITGET);
const answer = (method: string, path: string) => run().client.answer(method, path);

/** The answer with its list cut to the rows `keep` keeps. */
function rowsOf(response: unknown, keep: (row: Record<string, unknown>) => boolean): unknown {
  const { data } = response as { data: Array<Record<string, unknown>> };
  return { ...(response as object), data: data.filter(keep) };
}

describe('Bitget spot answers have the fields and types of Bitget\'s recorded ones', () => {
  it.each([
    { route: 'GET /api/v2/spot/market/tickers', fixture: 'fetchTicker', pick: (a: unknown) => a },
    { route: 'GET /api/v2/spot/market/orderbook', fixture: 'fetchOrderBook', pick: (a: unknown) => a },
    { route: 'POST /api/v2/spot/trade/place-order', fixture: 'createOrder', pick: (a: unknown) => a },
    { route: 'GET /api/v2/spot/trade/orderInfo', fixture: 'fetchOrder', pick: (a: unknown) => a },
    { route: 'GET /api/v2/spot/trade/unfilled-orders', fixture: 'fetchOpenOrders', pick: (a: unknown) => a },
    { route: 'GET /api/v2/spot/account/assets', fixture: 'fetchBalance', pick: (a: unknown) => rowsOf(a, (row) => row.coin === 'BTC') },
  ])('$route', ({ route, fixture, pick }) => {
    const [method, path] = route.split(' ');
    expect(unexplainedDifferences(recorded('bitget-spot', fixture).response, pick(answer(method, path))).join('\n')).toBe('');
  });

  it('the fee detail is a JSON string with the recorded keys, the fee in the coin bought', () => {
    const real = JSON.parse((recorded('bitget-spot', 'fetchOrder').response as { data: Array<{ feeDetail: string }> }).data[0].feeDetail) as Record<string, unknown>;
    const order = run().sim.spot.order('bitget', credentialsFor('bitget').apiKey, { clientOrderId: 'ftspotwirebitget1' })!;
    const simulated = JSON.parse(String((answer('GET', '/api/v2/spot/trade/orderInfo') as { data: Array<{ feeDetail: string }> }).data[0].feeDetail)) as Record<string, unknown>;
    // Keyed by the fee coin: the recording's LTC is the simulator's BTC.
    expect(unexplainedDifferences({ newFees: real.newFees, coin: real.LTC }, { newFees: simulated.newFees, coin: simulated.BTC }).join('\n')).toBe('');
    expect(simulated.BTC).toMatchObject({ feeCoinCode: 'BTC', totalFee: -order.fee });
  });

  it('GET /api/v2/spot/public/symbols: the BTCUSDT row has the recorded row\'s fields', () => {
    const row = (answer('GET', '/api/v2/spot/public/symbols') as { data: Array<Record<string, unknown>> }).data.find((r) => r.symbol === 'BTCUSDT');
    expect(unexplainedDifferences(recordedMarkets('bitget-spot').markets['BTC/USDT'].info, row).join('\n')).toBe('');
  });
});

describe('Bitget spot through ccxt and the live broker', () => {
  quoteSizedChecks(BITGET, run);
});
