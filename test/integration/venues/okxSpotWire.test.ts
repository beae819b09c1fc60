/**
 * OKX spot as the terminal calls it (docs/venues.md, "Spot"): ccxt `okx` with spot markets only,
 * against the simulator. The simulator's raw spot answers against OKX's recorded real ones
 * (ccxt's static responses: a spot ticker, a spot book, a filled spot market buy, a trading
 * account holding coins), its spot pairs against the recorded pairs' terms, and what ccxt sends
 * for a spot market buy: the trading mode `cash`, the size in coins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { credentialsFor } from '../trading/harness.ts';
import { recorded, recordedMarkets, spotTermsBesideRecorded } from './recordedFixtures.ts';
import { spotWireClient, type WireClient } from './venueClients.ts';
import { startWireSimulator } from './wireHarness.ts';
import { unexplainedDifferences } from './wireShape.ts';

let sim: Simulator;
let okx: WireClient;
const BOUGHT = 0.002;
/** The body ccxt sent for the market buy. */
let buyBody = '';

type OkxAnswer = { data: Array<Record<string, unknown>> };
const firstRow = (answer: unknown) => (answer as OkxAnswer).data[0];

beforeAll(async () => {
  sim = await startWireSimulator(['okx']);
  okx = spotWireClient(sim, 'okx');
  const { exchange } = okx;
  await exchange.loadMarkets();
  await exchange.fetchTicker('BTC/USDT');
  await exchange.fetchOrderBook('BTC/USDT', 5);
  await exchange.createOrder('BTC/USDT', 'market', 'buy', BOUGHT, undefined, { clOrdId: 'ftspotwireokx1' });
  buyBody = String((exchange as unknown as { last_request_body: string }).last_request_body);
  await exchange.fetchOrder(undefined as unknown as string, 'BTC/USDT', { clOrdId: 'ftspotwireokx1' });
  await exchange.fetchBalance();
});

afterAll(async () => {
  await okx?.exchange.close();
  await sim?.close();
});

/** The detail row of `coin` in a balance answer, with the account fields around it. */
function balanceOf(answer: unknown, coin: string): unknown {
  const account = firstRow(answer) as { details: Array<{ ccy: string }> };
  return { ...(answer as object), data: [{ ...account, details: account.details.filter((row) => row.ccy === coin) }] };
}

const NEWER_INSTRUMENT = 'listed by OKX\'s v5 reference for current instruments; the 2024 market recording predates the field';

describe('OKX spot answers have the fields and types of OKX\'s recorded ones', () => {
  it.each([
    { name: 'GET /api/v5/market/ticker (spot)', route: 'GET /api/v5/market/ticker', fixture: 'fetchTicker', pick: (a: unknown) => a, allowed: {} },
    { name: 'GET /api/v5/market/books (spot)', route: 'GET /api/v5/market/books', fixture: 'fetchOrderBook', pick: (a: unknown) => a, allowed: {} },
    { name: 'GET /api/v5/trade/order (a filled spot market buy)', route: 'GET /api/v5/trade/order', fixture: 'fetchOrder', pick: (a: unknown) => a, allowed: {} },
    { name: 'GET /api/v5/account/balance (the BTC bought)', route: 'GET /api/v5/account/balance', fixture: 'fetchBalance', pick: (a: unknown) => balanceOf(a, 'BTC'), allowed: {} },
  ])('$name', ({ route, fixture, pick, allowed }) => {
    const [method, path] = route.split(' ');
    expect(unexplainedDifferences(recorded('okx-spot', fixture).response, pick(okx.answer(method, path)), { allowed }).join('\n')).toBe('');
  });

  it('GET /api/v5/public/instruments?instType=SPOT: the BTC-USDT row has the recorded row\'s fields', () => {
    const row = (okx.answer('GET', '/api/v5/public/instruments') as OkxAnswer).data.find((r) => r.instId === 'BTC-USDT');
    const allowed = Object.fromEntries(['instIdCode', 'contTdSwTime', 'openType', 'futureSettlement', 'upcChg'].map((field) => [`extra $.${field}`, NEWER_INSTRUMENT]));
    expect(unexplainedDifferences(recordedMarkets('okx-spot').markets['BTC/USDT'].info, row, { allowed }).join('\n')).toBe('');
  });
});

describe('OKX spot through ccxt', () => {
  it('every pair the recording lists reads with the recorded lot step, minimum and tick, as a spot market', () => {
    const pairs = spotTermsBesideRecorded(okx.exchange, 'okx-spot');
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    expect(pairs.map((p) => [p.symbol, ...p.simulated])).toEqual(pairs.map((p) => [p.symbol, ...p.real]));
    expect(() => okx.exchange.market('BTC/USDT:USDT')).toThrow();
  });

  it('a market buy goes out in cash, its size in coins; the fill is read back with its fee in the coin bought', async () => {
    const [item] = JSON.parse(buyBody) as Array<Record<string, string>>;
    expect([item.instId, item.tdMode, item.tgtCcy, item.sz, item.side, item.ordType]).toEqual(['BTC-USDT', 'cash', 'base_ccy', String(BOUGHT), 'buy', 'market']);
    const order = await okx.exchange.fetchOrder(undefined as unknown as string, 'BTC/USDT', { clOrdId: 'ftspotwireokx1' });
    expect([order.status, order.filled, order.fee?.currency]).toEqual(['closed', BOUGHT, 'BTC']);
    expect(order.fee?.cost).toBeCloseTo(BOUGHT * 0.001, 12);
    const held = sim.spot.balances('okx', credentialsFor('okx').apiKey).find((b) => b.coin === 'BTC')!.free;
    expect(held).toBeCloseTo(BOUGHT - order.fee!.cost!, 12);
    expect((await okx.exchange.fetchBalance()).total['BTC' as keyof object]).toBeCloseTo(held, 12);
  });

  it('a margin trade mode on a spot pair is refused where the account does not lend: it trades spot in cash only', async () => {
    const { apiKey } = credentialsFor('okx');
    sim.spot.setLending('okx', apiKey, false);
    try {
      await expect(okx.exchange.createOrder('BTC/USDT', 'market', 'buy', BOUGHT, undefined, { clOrdId: 'ftspotwireokx2', tdMode: 'cross' }))
        .rejects.toThrow(/tdMode/);
    } finally {
      sim.spot.setLending('okx', apiKey, true);
    }
  });
});
