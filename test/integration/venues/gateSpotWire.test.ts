/**
 * Gate spot as the terminal calls it (docs/venues.md, "Spot"): ccxt `gate` with spot markets
 * only, against the simulator. The simulator's raw spot answers against Gate's recorded real
 * ones (ccxt's static responses: a spot ticker, a filled spot market buy, the open-order list)
 * and documented ones (the book, the order a create answers, the spot account), its spot pairs
 * against the recorded pairs' terms, and how a spot buy goes out: Gate counts a market buy's
 * `amount` in USDT, so the live broker buys coins by an IOC limit and reads the fill back with
 * its fee in the coin bought (quoteSizedSpot.ts).
 */
import { describe, expect, it } from 'vitest';
import { recorded, recordedMarkets } from './recordedFixtures.ts';
import { quoteSizedChecks, quoteSizedRun, type QuoteSizedVenue } from './quoteSizedSpot.ts';
import { unexplainedDifferences } from './wireShape.ts';

const GATE: QuoteSizedVenue = {
  venue: 'gate', label: 'Gate', spotFee: 0.002, heldId: (clientOrderId) => `t-${clientOrderId}`,
  plainBuy: (body) => [body.type, body.side, Number(body.amount)], placePath: '/api/v4/spot/orders', fixtures: 'gate-spot', recordedPairs: 3,
};
const run = quoteSizedRun(GATE);
const answer = (method: string, path: string) => run().client.answer(method, path);

/** Fields Gate states on every spot order row today that one of its older examples lacks, with where they are stated. */
const ROW_FIELDS = {
  amend_text: 'stated by Gate\'s recorded order rows (fetchOrder.json, fetchOpenOrders.json); the 2021 documented example predates it',
  gt_maker_fee: 'stated by Gate\'s recorded order rows (fetchOrder.json, fetchOpenOrders.json); the 2021 documented example predates it',
  gt_taker_fee: 'stated by Gate\'s recorded order rows (fetchOrder.json, fetchOpenOrders.json); the 2021 documented example predates it',
  finish_as: 'stated by Gate\'s recorded order rows (fetchOrder.json, fetchOpenOrders.json); the 2021 documented example predates it',
  filled_amount: 'stated by Gate\'s recorded open-order row (fetchOpenOrders.json, 2024); the closed-order recording and the 2021 example lack it',
  avg_deal_price: 'stated by Gate\'s recorded closed-order row (fetchOrder.json) once an order has fills; the open-order recording and the 2021 example lack it',
};
const allowedOn = (path: string, fields: Array<keyof typeof ROW_FIELDS>) => Object.fromEntries(fields.map((field) => [`extra ${path}.${field}`, ROW_FIELDS[field]]));

describe('Gate spot answers have the fields and types of Gate\'s recorded and documented ones', () => {
  it.each([
    { route: 'GET /api/v4/spot/tickers', fixture: 'fetchTicker', pick: (a: unknown) => a, allowed: {} },
    { route: 'GET /api/v4/spot/order_book', fixture: 'fetchOrderBook', pick: (a: unknown) => a, allowed: {} },
    { route: 'POST /api/v4/spot/orders', fixture: 'createOrder', pick: (a: unknown) => a, allowed: allowedOn('$', ['amend_text', 'gt_maker_fee', 'gt_taker_fee', 'finish_as', 'filled_amount', 'avg_deal_price']) },
    { route: 'GET /api/v4/spot/orders/t-ftspotwiregate1', fixture: 'fetchOrder', pick: (a: unknown) => a, allowed: allowedOn('$', ['filled_amount']) },
    { route: 'GET /api/v4/spot/open_orders', fixture: 'fetchOpenOrders', pick: (a: unknown) => a, allowed: allowedOn('$[].orders[]', ['avg_deal_price']) },
    { route: 'GET /api/v4/spot/accounts', fixture: 'fetchBalance', pick: (a: unknown) => (a as Array<{ currency: string }>).filter((row) => row.currency === 'BTC'), allowed: {} },
  ])('$route', ({ route, fixture, pick, allowed }) => {
    const [method, path] = route.split(' ');
    expect(unexplainedDifferences(recorded('gate-spot', fixture).response, pick(answer(method, path)), { allowed }).join('\n')).toBe('');
  });

  it('GET /api/v4/spot/currency_pairs: the BTC_USDT row has the recorded row\'s fields but the margin list\'s', () => {
    const row = (answer('GET', '/api/v4/spot/currency_pairs') as Array<Record<string, unknown>>).find((r) => r.id === 'BTC_USDT');
    const margin = 'ccxt merges the margin pair list\'s row into the spot row it keeps; the simulator lends nothing and lists no margin pairs';
    expect(unexplainedDifferences(recordedMarkets('gate-spot').markets['BTC/USDT'].info, row, { allowed: { 'missing $.leverage': margin, 'missing $.status': margin } }).join('\n')).toBe('');
  });
});

describe('Gate spot through ccxt and the live broker', () => {
  it('an IOC limit\'s rest is cancelled as Gate states it: `finish_as: ioc`', async () => {
    const { exchange } = run().client;
    const [bid] = (await exchange.fetchOrderBook('BTC/USDT', 1)).bids[0];
    await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.002, bid, { clientOrderId: 'ftspotwiregate7', timeInForce: 'IOC' });
    expect((answer('POST', '/api/v4/spot/orders') as { finish_as: string; status: string })).toMatchObject({ finish_as: 'ioc', status: 'cancelled' });
  });

  quoteSizedChecks(GATE, run);
});
