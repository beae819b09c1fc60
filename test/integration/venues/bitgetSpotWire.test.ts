/**
 * Bitget spot as the terminal calls it (docs/venues.md, "Spot"): ccxt `bitget` with spot
 * markets only, against the simulator. The simulator's raw spot answers against Bitget's
 * recorded real ones (ccxt's static responses: a spot ticker, a spot book, a placed spot order,
 * a filled spot market buy, a resting spot order, the spot account's coins), its spot pairs
 * against the recorded pairs' terms, and how a spot buy goes out: Bitget counts a market buy's
 * `size` in USDT, so the live broker buys coins by an IOC limit and reads the fill back with its
 * fee in the coin bought.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { createSpotExchange } from '../../../electron/backend/markets/spotExchange.ts';
import { ccxtCredentials } from '../../../electron/backend/markets/accountOptions.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { credentialsFor } from '../trading/harness.ts';
import { recorded, recordedMarkets, spotTermsBesideRecorded } from './recordedFixtures.ts';
import { capturingClient, type WireClient } from './venueClients.ts';
import { startWireSimulator } from './wireHarness.ts';
import { unexplainedDifferences } from './wireShape.ts';

let sim: Simulator;
let bitget: WireClient;
let broker: Broker;
const BOUGHT = 0.002;
const apiKey = () => credentialsFor('bitget').apiKey;
/** The best ask when the broker bought, and the USDT body ccxt sent for a plain market buy. */
let askWhenBought = 0;
let plainBuyBody: Record<string, string> = {};
/** BTC the spot wallet held after the broker's buy. */
let heldAfterBuy = 0;

beforeAll(async () => {
  sim = await startWireSimulator(['bitget']);
  const connection = { baseUrl: sim.url, timeoutMs: 3_000 };
  const exchange = createSpotExchange('bitget', connection);
  Object.assign(exchange, ccxtCredentials('bitget', credentialsFor('bitget')));
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  bitget = capturingClient(exchange, 'bitget spot');
  broker = await createLiveBroker({ venue: 'bitget', credentials: credentialsFor('bitget'), connection });
  await exchange.loadMarkets();
  await exchange.fetchTicker('BTC/USDT');
  askWhenBought = Number((await exchange.fetchOrderBook('BTC/USDT', 5)).asks[0][0]);
  await broker.createOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: BOUGHT, reduceOnly: false, clientOrderId: 'ftspotwirebitget1' });
  heldAfterBuy = sim.spot.balances('bitget', apiKey()).find((b) => b.coin === 'BTC')!.free;
  await exchange.fetchOrder(undefined as unknown as string, 'BTC/USDT', { clientOrderId: 'ftspotwirebitget1' });
  // A resting limit far under the market, for the open-order list.
  await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, Math.round(askWhenBought / 2), { clientOrderId: 'ftspotwirebitget2' });
  await exchange.fetchOpenOrders();
  await exchange.fetchBalance();
  // What the terminal does not send: ccxt's own market buy, whose size is USDT.
  await exchange.createOrder('BTC/USDT', 'market', 'buy', BOUGHT, askWhenBought, { clientOrderId: 'ftspotwirebitget3' });
  plainBuyBody = JSON.parse(String((exchange as unknown as { last_request_body: string }).last_request_body)) as Record<string, string>;
});

afterAll(async () => {
  await broker?.close();
  await bitget?.exchange.close();
  await sim?.close();
});

/** The answer with its list cut to the rows `keep` keeps. */
function rowsOf(answer: unknown, keep: (row: Record<string, unknown>) => boolean): unknown {
  const { data } = answer as { data: Array<Record<string, unknown>> };
  return { ...(answer as object), data: data.filter(keep) };
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
    expect(unexplainedDifferences(recorded('bitget-spot', fixture).response, pick(bitget.answer(method, path))).join('\n')).toBe('');
  });

  it('the fee detail is a JSON string with the recorded keys, the fee in the coin bought', () => {
    const real = JSON.parse((recorded('bitget-spot', 'fetchOrder').response as { data: Array<{ feeDetail: string }> }).data[0].feeDetail) as Record<string, unknown>;
    const order = sim.spot.order('bitget', apiKey(), { clientOrderId: 'ftspotwirebitget1' })!;
    const simulated = JSON.parse(String((bitget.answer('GET', '/api/v2/spot/trade/orderInfo') as { data: Array<{ feeDetail: string }> }).data[0].feeDetail)) as Record<string, unknown>;
    // Keyed by the fee coin: the recording's LTC is the simulator's BTC.
    expect(unexplainedDifferences({ newFees: real.newFees, coin: real.LTC }, { newFees: simulated.newFees, coin: simulated.BTC }).join('\n')).toBe('');
    expect(simulated.BTC).toMatchObject({ feeCoinCode: 'BTC', totalFee: -order.fee });
  });

  it('GET /api/v2/spot/public/symbols: the BTCUSDT row has the recorded row\'s fields', () => {
    const row = (bitget.answer('GET', '/api/v2/spot/public/symbols') as { data: Array<Record<string, unknown>> }).data.find((r) => r.symbol === 'BTCUSDT');
    expect(unexplainedDifferences(recordedMarkets('bitget-spot').markets['BTC/USDT'].info, row).join('\n')).toBe('');
  });
});

describe('Bitget spot through ccxt and the live broker', () => {
  it('every pair the recording lists reads with the recorded lot step, minimums and tick, as a spot market', () => {
    const pairs = spotTermsBesideRecorded(bitget.exchange, 'bitget-spot');
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    expect(pairs.map((p) => [p.symbol, ...p.simulated])).toEqual(pairs.map((p) => [p.symbol, ...p.real]));
    expect(() => bitget.exchange.market('BTC/USDT:USDT')).toThrow();
  });

  it('a market buy of coins goes out as an IOC limit of those coins within 2 % over the ask, and reads back with its fee in the coin', async () => {
    const sent = sim.spot.order('bitget', apiKey(), { clientOrderId: 'ftspotwirebitget1' })!;
    expect([sent.type, sent.quantity, sent.quoteAmount, sent.status]).toEqual(['limit', BOUGHT, undefined, 'filled']);
    expect(sent.price!).toBeGreaterThanOrEqual(askWhenBought);
    expect(sent.price!).toBeLessThanOrEqual(askWhenBought * 1.02);
    const order = (await broker.fetchOrderByClientId('BTC/USDT', 'ftspotwirebitget1'))!;
    expect([order.status, order.side]).toEqual(['filled', 'buy']);
    // The leg holds what filled less the fee taken in BTC; the fee is counted in USD at the fill.
    expect(sent.fee).toBeCloseTo(BOUGHT * 0.001, 12);
    expect(order.filled).toBeCloseTo(BOUGHT - sent.fee, 12);
    expect(order.fee).toBeCloseTo(sent.fee * sent.averagePrice!, 9);
    expect(heldAfterBuy).toBeCloseTo(order.filled, 12);
  });

  it('a plain ccxt market buy sends USDT, and Bitget (the simulator) buys what that USDT pays for, not the coins asked', () => {
    const usdt = Number(bitget.exchange.costToPrecision('BTC/USDT', BOUGHT * askWhenBought));
    expect([plainBuyBody.orderType, plainBuyBody.side, Number(plainBuyBody.size)]).toEqual(['market', 'buy', usdt]);
    const plain = sim.spot.order('bitget', apiKey(), { clientOrderId: 'ftspotwirebitget3' })!;
    expect(plain.quoteAmount).toBe(Number(plainBuyBody.size));
    expect(plain.quantity).toBeLessThanOrEqual(BOUGHT);
  });

  it('an IOC limit the book does not reach at its price is cancelled, never left resting', async () => {
    const [bid] = (await bitget.exchange.fetchOrderBook('BTC/USDT', 1)).bids[0];
    const open = (await bitget.exchange.fetchOpenOrders()).length;
    await bitget.exchange.createOrder('BTC/USDT', 'limit', 'buy', BOUGHT, bid, { clientOrderId: 'ftspotwirebitget4', timeInForce: 'IOC' });
    const order = await bitget.exchange.fetchOrder(undefined as unknown as string, 'BTC/USDT', { clientOrderId: 'ftspotwirebitget4' });
    expect([order.status, order.filled]).toEqual(['canceled', 0]);
    expect((await bitget.exchange.fetchOpenOrders()).length).toBe(open);
  });

  it('a closing sell goes out as a market sell of the coins held', async () => {
    const held = sim.spot.balances('bitget', apiKey()).find((b) => b.coin === 'BTC')!.free;
    const step = broker.lot('BTC/USDT').step!;
    const coins = Math.floor(held / step + 1e-9) * step;
    const order = await broker.createOrder({ symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: coins, reduceOnly: true, clientOrderId: 'ftspotwirebitget5' });
    const sent = sim.spot.order('bitget', apiKey(), { clientOrderId: 'ftspotwirebitget5' })!;
    expect([sent.type, sent.side, sent.quantity, sent.quoteAmount, order.status]).toEqual(['market', 'sell', Number(coins.toFixed(6)), undefined, 'filled']);
    expect(sim.spot.balances('bitget', apiKey()).find((b) => b.coin === 'BTC')?.free ?? 0).toBeCloseTo(held - coins, 9);
  });

  it('an opening spot sell is a short on a borrow: refused in words before anything is sent', async () => {
    const before = sim.log.list({ path: '/api/v2/spot/trade/place-order' }).length;
    await expect(broker.createOrder({ symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: BOUGHT, reduceOnly: false, clientOrderId: 'ftspotwirebitget6' }))
      .rejects.toThrow(/spot short on Bitget needs a margin borrow/);
    expect(sim.log.list({ path: '/api/v2/spot/trade/place-order' }).length).toBe(before);
  });
});
