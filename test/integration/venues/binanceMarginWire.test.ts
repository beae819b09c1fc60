/**
 * Binance cross margin on the wire (docs/venues.md, "Binance cross margin"): what ccxt `binance`
 * sends for a spot symbol with `marginMode: 'cross'`, and the simulator's raw answers, against
 * ccxt's recorded request and Binance's documented answers. A borrowed sell, its read-back, a
 * resting order listed and cancelled, the account with the debt, the coin's daily rate, and a
 * buy-back that repays: the debt is gone afterwards, interest included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from 'ccxt';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { createSpotExchange } from '../../../electron/backend/markets/spotExchange.ts';
import { ccxtCredentials } from '../../../electron/backend/markets/accountOptions.ts';
import { credentialsFor } from '../trading/harness.ts';
import { recorded } from './recordedFixtures.ts';
import { capturingClient, type WireClient } from './venueClients.ts';
import { startWireSimulator } from './wireHarness.ts';
import { unexplainedDifferences } from './wireShape.ts';

const VENUE = 'binanceusdm' as const;
const CROSS = { marginMode: 'cross' } as const;
let sim: Simulator;
let client: WireClient;
/** The form bodies ccxt posted to the margin order endpoint, in order. */
const posted: URLSearchParams[] = [];
let debtAfterSell: { BTC?: number };
/** The borrowed sell's raw answer (later creates replace the captured one). */
let sellAnswer: unknown;
let debtAfterBuyBack: Record<string, unknown>;

type Fetch = (url: string, method?: string, headers?: unknown, body?: unknown) => Promise<unknown>;

function recordPosts(exchange: Exchange): void {
  const fetch = (exchange.fetch as Fetch).bind(exchange);
  exchange.fetch = (async (url: string, method = 'GET', headers?: unknown, body?: unknown) => {
    if (method === 'POST' && new URL(url).pathname === '/sapi/v1/margin/order') posted.push(new URLSearchParams(String(body)));
    return fetch(url, method, headers, body);
  }) as Exchange['fetch'];
}

const debtsOf = (balance: unknown) => (balance as { debt?: Record<string, number> }).debt ?? {};

beforeAll(async () => {
  sim = await startWireSimulator([VENUE]);
  const exchange = createSpotExchange(VENUE, { baseUrl: sim.url, timeoutMs: 3_000 });
  Object.assign(exchange, ccxtCredentials(VENUE, credentialsFor(VENUE)));
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  recordPosts(exchange);
  client = capturingClient(exchange, 'binance margin');
  await exchange.loadMarkets();
  await exchange.createOrder('BTC/USDT', 'market', 'sell', 0.01, undefined, { ...CROSS, sideEffectType: 'MARGIN_BUY', newClientOrderId: 'ftmarginwire1' });
  sellAnswer = client.answer('POST', '/sapi/v1/margin/order');
  await exchange.fetchOrder(undefined as unknown as string, 'BTC/USDT', { ...CROSS, origClientOrderId: 'ftmarginwire1' });
  await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 1_000, { ...CROSS, newClientOrderId: 'ftmarginwire2' });
  await exchange.fetchOpenOrders('BTC/USDT', undefined, undefined, CROSS);
  await exchange.cancelOrder(undefined as unknown as string, 'BTC/USDT', { ...CROSS, origClientOrderId: 'ftmarginwire2' });
  debtAfterSell = debtsOf(await exchange.fetchBalance({ type: 'margin' }));
  await exchange.fetchCrossBorrowRate('BTC');
  // The buy-back covers the debt, its interest and the buy's fee (taken in BTC), rounded up to the lot.
  await exchange.createOrder('BTC/USDT', 'market', 'buy', 0.01002, undefined, { ...CROSS, reduceOnly: true, newClientOrderId: 'ftmarginwire3' });
  debtAfterBuyBack = debtsOf(await exchange.fetchBalance({ type: 'margin' }));
});

afterAll(async () => {
  await client?.exchange.close();
  await sim?.close();
});

describe('Binance cross-margin answers have the fields and types of Binance\'s own', () => {
  const isolatedOnly = 'Binance states isIsolated on isolated-margin orders only; these are cross';
  it.each<{ route: string; fixture: string; allowed: Record<string, string>; list?: boolean }>([
    { route: 'POST /sapi/v1/margin/order', fixture: 'createOrder', allowed: { 'missing $.isIsolated': isolatedOnly } },
    { route: 'GET /sapi/v1/margin/order', fixture: 'fetchOrder', allowed: { 'missing $.isIsolated': isolatedOnly } },
    { route: 'GET /sapi/v1/margin/openOrders', fixture: 'fetchOrder', allowed: { 'missing $[].isIsolated': isolatedOnly }, list: true },
    { route: 'GET /sapi/v1/margin/account', fixture: 'fetchBalance', allowed: {} },
    { route: 'GET /sapi/v1/margin/interestRateHistory', fixture: 'fetchCrossBorrowRate', allowed: {} },
  ])('$route', ({ route, fixture, allowed, list }) => {
    const [method, path] = route.split(' ');
    const real = recorded('binance-margin', fixture).response;
    const answer = route === 'POST /sapi/v1/margin/order' ? sellAnswer : client.answer(method, path);
    if (list) expect((answer as unknown[]).length).toBeGreaterThan(0);
    expect(unexplainedDifferences(list ? [real] : real, answer, { allowed }).join('\n')).toBe('');
  });

  it('the borrowed sell states what it borrowed, as Binance documents', () => {
    const sell = sellAnswer as { marginBuyBorrowAsset?: string; marginBuyBorrowAmount?: number; side: string };
    expect([sell.side, sell.marginBuyBorrowAsset, sell.marginBuyBorrowAmount]).toEqual(['SELL', 'BTC', 0.01]);
  });
});

describe('ccxt sends the margin order as recorded, with the side effect the terminal asks for', () => {
  it('the form carries the recorded request\'s parameters, and each order its sideEffectType', () => {
    const real = new URLSearchParams(String((recorded('binance-margin', 'createOrderRequest').response as { output: string }).output));
    const names = (form: URLSearchParams) => [...new Set(form.keys())].filter((k) => !['timestamp', 'recvWindow', 'signature', 'newClientOrderId', 'price', 'timeInForce', 'sideEffectType'].includes(k)).sort();
    const [sell, limit, buyBack] = posted;
    expect(names(limit)).toEqual(names(real));
    expect(names(sell)).toEqual(names(real));
    expect([sell.get('sideEffectType'), limit.get('sideEffectType'), buyBack.get('sideEffectType')]).toEqual(['MARGIN_BUY', null, 'AUTO_REPAY']);
    expect(buyBack.has('reduceOnly')).toBe(false);
  });

  it('ccxt reads the debt off the account, then none once the buy-back repaid it (interest first)', () => {
    expect(debtAfterSell.BTC).toBeGreaterThan(0.01);
    expect(debtAfterSell.BTC).toBeLessThan(0.0101);
    expect(Object.values(debtAfterBuyBack).every((debt) => debt === 0)).toBe(true);
    const btc = sim.spot.marginAccount(VENUE, credentialsFor(VENUE).apiKey).coins.find((c) => c.coin === 'BTC')!;
    expect([btc.borrowed, btc.interest]).toEqual([0, 0]);
  });

  it('ccxt reads the coin\'s daily rate', async () => {
    const rate = await client.exchange.fetchCrossBorrowRate('BTC');
    expect([rate.currency, rate.rate, rate.period]).toEqual(['BTC', 0.0001, 86_400_000]);
  });
});
